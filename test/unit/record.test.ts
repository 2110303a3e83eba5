import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deleteArticle, insertItem, moveArticle, splitArticle, sequentialIds } from '../../core/index.ts';
import { createDraft } from '../../server/drafts.ts';
import { articleAt, articleSessions, blameJson, historyJson } from '../../server/record/history.ts';
import { RecordIndex } from '../../server/record/record-index.ts';
import { checkChain, entryHash, genesisHash } from '../../server/storage/record-chain.ts';
import type { StoredEntry } from '../../server/storage/record-chain.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { projectPath } from '../helpers/cli.ts';
import { Authors } from '../helpers/record-authors.ts';

const law = readFileSync(projectPath('test/fixtures/laws/cybersecurity-law-2016.zh.md'), 'utf8');

async function setUp(): Promise<{
  storage: Storage;
  authors: Authors;
  ids: string[];
  alice: number;
  bob: number;
}> {
  const storage = openStorage(':memory:');
  const alice = storage.users.create('alice', 'x').id;
  const bob = storage.users.create('bob', 'x').id;
  const { draft } = await createDraft(new SqliteStorage(storage), { text: law, ownerId: alice });
  const authors = new Authors(storage, draft.id, 'zh');
  const ids = [...authors.texts(alice).keys()];
  return { storage, authors, ids, alice, bob };
}

function indexOf(storage: Storage, draftId: string): RecordIndex {
  const index = new RecordIndex();
  index.catchUp(storage.record.entries(draftId));
  return index;
}

const minutes = (n: number) => n * 60_000;

describe('the hash chain', () => {
  const entries = (n: number): StoredEntry[] => {
    const list: StoredEntry[] = [];
    let previous = genesisHash;
    for (let seq = 1; seq <= n; seq++) {
      const fields = {
        seq,
        at: 1000 + seq,
        userId: seq % 3 || null,
        suggestedBy: null,
        connection: 1,
        kind: null,
        data: Uint8Array.of(seq, seq + 1),
      };
      previous = entryHash(previous, 'd', fields);
      list.push({ ...fields, hash: previous });
    }
    return list;
  };

  it('accepts an intact chain and gives its head', () => {
    const result = checkChain('d', entries(5));
    expect(result).toMatchObject({ ok: true, entries: 5, head: { seq: 5, at: 1005 } });
  });

  it('names the changed entry when one byte of its update changes', () => {
    const list = entries(5);
    const data = Uint8Array.from(list[2].data);
    data[1] ^= 1;
    list[2] = { ...list[2], data };
    expect(checkChain('d', list)).toMatchObject({ ok: false, broken: { seq: 3 } });
  });

  it('names the changed entry when its author changes, even with its own hash recomputed', () => {
    const list = entries(5);
    const changed = { ...list[1], userId: 99 };
    list[1] = { ...changed, hash: entryHash(list[0].hash, 'd', changed) };
    expect(checkChain('d', list)).toMatchObject({ ok: false, broken: { seq: 3 } });
  });

  it('names a missing entry and the first of two swapped ones', () => {
    const list = entries(6);
    expect(checkChain('d', [...list.slice(0, 3), ...list.slice(4)])).toMatchObject({
      ok: false,
      broken: { seq: 4, reason: expect.stringContaining('missing') },
    });
    expect(checkChain('d', list.slice(1))).toMatchObject({ ok: false, broken: { seq: 1 } });
    const swapped = [...list];
    swapped[1] = { ...list[4], seq: 2 };
    swapped[4] = { ...list[1], seq: 5 };
    expect(checkChain('d', swapped)).toMatchObject({ ok: false, broken: { seq: 2 } });
  });

  it('ties every entry to its draft', () => {
    expect(checkChain('other', entries(2))).toMatchObject({ ok: false, broken: { seq: 1 } });
  });
});

describe('the record index', () => {
  it('rebuilds every article as the outline read it after each of many edits, moves, splits and deletions', async () => {
    const { storage, authors, ids, alice, bob } = await setUp();
    const snapshots: Array<{ seq: number; texts: Map<string, string> }> = [
      { seq: authors.seq, texts: authors.texts(alice) },
    ];
    const newIds = sequentialIds('n');
    const steps: Array<() => unknown> = [
      () => authors.type(alice, ids[2], '（修改）'),
      () => authors.type(bob, ids[10], '并', 3),
      () => authors.erase(alice, ids[2], 0, 2),
      () => authors.command(bob, ids[5], moveArticle(1)),
      () => authors.command(alice, ids[20], splitArticle(newIds), 6),
      () => authors.command(bob, ids[30], insertItem, 2),
      () => authors.type(bob, ids[5], '移动后再改'),
      () => authors.command(alice, ids[40], deleteArticle),
      () => authors.command(alice, ids[6], moveArticle(-1)),
      () => authors.type(alice, ids[6], 'ABC', 1),
    ];
    for (const step of steps) {
      expect(step()).not.toBe(false); // every command applied
      authors.advance(minutes(1));
      snapshots.push({ seq: authors.seq, texts: authors.texts(alice) });
    }
    expect(authors.seq).toBeGreaterThan(steps.length);
    expect(snapshots[snapshots.length - 1].texts.has('n1')).toBe(true); // the second half of the split
    const index = indexOf(storage, authors.draftId);
    for (const { seq, texts } of snapshots) {
      for (const [id, text] of texts)
        expect(articleAt(index, id, seq, 'zh')?.text, `${id} at ${seq}`).toBe(text);
    }
    // Gone articles are gone at that moment, and were there before.
    expect(articleAt(index, ids[40], authors.seq, 'zh')).toBeUndefined();
    expect(articleAt(index, ids[40], 1, 'zh')?.text).toBe(snapshots[0].texts.get(ids[40]));
    index.destroy();
    storage.close();
  });

  it("groups an article's changes into author sessions with their inline diffs, newest first", async () => {
    const { storage, authors, ids, alice, bob } = await setUp();
    const id = ids[3];
    const original = authors.texts(alice).get(id)!;
    for (const ch of '第一处') {
      authors.type(alice, id, ch, 0);
      authors.advance(1000);
    }
    authors.advance(minutes(10)); // a pause: a new session of the same author
    authors.type(alice, id, '。尾');
    authors.advance(1000);
    authors.type(bob, id, '乙', 0);
    authors.type(bob, ids[4], '别处'); // another article: not in this history
    const index = indexOf(storage, authors.draftId);
    const found = articleSessions(index, id, 'zh')!;
    const names = (userId: number) => (userId === alice ? 'alice' : userId === bob ? 'bob' : null);
    const history = historyJson(id, found, 'zh', names);
    expect(history.label).toBe('第四条');
    expect(history.entries.map((e) => [e.author.username, e.kind])).toEqual([
      ['bob', 'edit'],
      ['alice', 'edit'],
      ['alice', 'edit'],
      ['alice', 'create'],
    ]);
    const [bobs, second, first, created] = history.entries;
    expect(bobs.changes.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: '乙' }]);
    expect(first.changes.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: '处一第' }]);
    expect(second.changes.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: '。尾' }]);
    expect(created.changes).toEqual([{ op: 'insert', text: original }]);
    expect(Date.parse(first.to) - Date.parse(first.from)).toBe(2000);

    const blame = blameJson(id, found, 'zh', names);
    expect(blame.runs.map((r) => r.text).join('')).toBe(authors.texts(alice).get(id));
    expect(blame.runs.map((r) => [r.text, r.author.username])).toEqual([
      ['乙', 'bob'],
      ['处一第', 'alice'],
      [original, 'alice'],
      ['。尾', 'alice'],
    ]);
    expect(blame.runs[2].kind).toBe('create');
    index.destroy();
    storage.close();
  });

  it('keeps the author of text that was moved with its article', async () => {
    const { storage, authors, ids, alice, bob } = await setUp();
    authors.type(alice, ids[7], '甲写的');
    authors.advance(minutes(1));
    authors.command(bob, ids[7], moveArticle(1));
    const index = indexOf(storage, authors.draftId);
    const blame = blameJson(ids[7], articleSessions(index, ids[7], 'zh')!, 'zh', (u) =>
      u === alice ? 'alice' : 'bob',
    );
    expect(blame.runs.find((run) => run.text.includes('甲写的'))?.author.username).toBe('alice');
    expect(blame.runs.every((run) => run.author.username === 'alice')).toBe(true);
    index.destroy();
    storage.close();
  });
});
