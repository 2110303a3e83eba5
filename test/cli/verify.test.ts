// `lifa verify` on a data folder whose SQLite file is then tampered with from outside: one byte of
// one entry changed, one entry deleted, two swapped, the last entries cut, the checkpoint replaced.
// Each time verify fails (exit 1) on exactly that draft and entry, and still passes the other draft.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../server/drafts.ts';
import { hashHex } from '../../server/storage/record-chain.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { checkpointStored, storedState } from '../../server/sync/persistence.ts';
import { lawText } from '../integration/helpers.ts';
import { lifa } from '../helpers/cli.ts';
import { Authors } from '../helpers/record-authors.ts';

const root = mkdtempSync(join(tmpdir(), 'lifa-verify-'));
const intact = join(root, 'intact');
let target: string; // the draft tampered with
let other: string; // the draft left alone
const heads = new Map<string, { seq: number; hash: string }>();

beforeAll(async () => {
  const storage = openStorage(intact);
  const alice = storage.users.create('alice', 'x').id;
  const bob = storage.users.create('bob', 'x').id;
  for (const name of ['target', 'other']) {
    const { draft } = await createDraft(new SqliteStorage(storage), { text: lawText(5), ownerId: alice });
    const authors = new Authors(storage, draft.id, 'en');
    const [first, second] = [...authors.texts(alice).keys()];
    for (let i = 0; i < 6; i++) {
      authors.type(i % 2 ? bob : alice, i % 2 ? second : first, ` w${i}`);
      authors.advance(1000);
    }
    if (name === 'target') target = draft.id;
    else other = draft.id;
  }
  // The target draft: a checkpoint and a version, both at its last entry.
  await checkpointStored(new SqliteStorage(storage), target);
  storage.versions.create({
    id: 'v1',
    draftId: target,
    label: 'first reading',
    authorId: alice,
    state: await storedState(new SqliteStorage(storage), target),
    outline: '{}',
    head: storage.record.head(target),
  });
  for (const id of [target, other]) {
    const head = storage.record.head(id);
    heads.set(id, { seq: head.seq, hash: hashHex(head.hash) });
  }
  storage.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/// A copy of the intact folder, changed by `tamper` through a plain SQLite connection.
function tampered(name: string, tamper: (db: Database.Database) => void): string {
  const dir = join(root, name);
  cpSync(intact, dir, { recursive: true });
  const db = new Database(join(dir, 'lifa.sqlite'));
  try {
    tamper(db);
  } finally {
    db.close();
  }
  return dir;
}

const entry = (db: Database.Database, seq: number) =>
  db.prepare('SELECT * FROM record_entries WHERE draft_id = ? AND seq = ?').get(target, seq) as Record<
    string,
    unknown
  >;

/// Expect verify on `dir` to fail on the target draft at `seq`, and the other draft to pass.
function expectBrokenAt(dir: string, seq: number, reason: RegExp): void {
  const run = lifa(['verify', '--data', dir]);
  expect(run.status, run.stderr).toBe(1);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  const broken = lines.find((line) => line.startsWith(target))!;
  expect(broken).toMatch(new RegExp(`^${target}  BROKEN at entry ${seq}: `));
  expect(broken).toMatch(reason);
  expect(lines.find((line) => line.startsWith(other))).toBe(
    `${other}  ok  ${heads.get(other)!.seq} entries  head ${heads.get(other)!.seq} ${heads.get(other)!.hash}`,
  );
  expect(run.stderr).toBe(`lifa: the record is broken: draft ${target}, entry ${seq}\n`);
}

describe('lifa verify', () => {
  it('prints one line per draft with its entries and head hash, and exits 0 on an intact folder', () => {
    const run = lifa(['verify', '--data', intact]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const expected = [target, other]
      .sort()
      .map(
        (id) => `${id}  ok  ${heads.get(id)!.seq} entries  head ${heads.get(id)!.seq} ${heads.get(id)!.hash}`,
      );
    expect(run.stdout.trimEnd().split('\n')).toEqual(expected);
    expect(heads.get(target)!.seq).toBe(7); // the first text and six edits
    const one = lifa(['verify', '--data', intact, '--draft', other]);
    expect(one.stdout.trimEnd().split('\n')).toEqual([expected.find((line) => line.startsWith(other))]);
  });

  it('names the entry whose update had one byte changed', () => {
    const dir = tampered('byte', (db) => {
      const data = Buffer.from(entry(db, 4).data as Buffer);
      data[data.length - 2] ^= 0x01;
      db.prepare('UPDATE record_entries SET data = ? WHERE draft_id = ? AND seq = 4').run(data, target);
    });
    expectBrokenAt(dir, 4, /was changed/);
    // Only the other draft checked: all is well.
    expect(lifa(['verify', '--data', dir, '--draft', other]).status).toBe(0);
  });

  it('names the entry whose author was changed', () => {
    const dir = tampered('author', (db) => {
      db.prepare('UPDATE record_entries SET user_id = 999 WHERE draft_id = ? AND seq = 3').run(target);
    });
    expectBrokenAt(dir, 3, /was changed/);
  });

  it('names a deleted entry', () => {
    const dir = tampered('deleted', (db) => {
      db.prepare('DELETE FROM record_entries WHERE draft_id = ? AND seq = 5').run(target);
    });
    expectBrokenAt(dir, 5, /entry 5 is missing/);
  });

  it('names the first of two swapped entries', () => {
    const dir = tampered('swapped', (db) => {
      const swap = db.transaction(() => {
        const move = db.prepare('UPDATE record_entries SET seq = ? WHERE draft_id = ? AND seq = ?');
        move.run(-1, target, 2);
        move.run(2, target, 6);
        move.run(6, target, -1);
      });
      swap();
    });
    expectBrokenAt(dir, 2, /was changed/);
  });

  it('notices the last entries cut off, by the checkpoint and the version that hold them', () => {
    const dir = tampered('cut', (db) => {
      db.prepare('DELETE FROM record_entries WHERE draft_id = ? AND seq >= 6').run(target);
    });
    expectBrokenAt(dir, 6, /missing/);
  });

  it('notices a checkpoint that does not hold what the entries give', () => {
    const dir = tampered('checkpoint', (db) => {
      const state = (
        db.prepare('SELECT data FROM record_entries WHERE draft_id = ? AND seq = 1').get(target) as {
          data: Buffer;
        }
      ).data;
      db.prepare('UPDATE record_checkpoints SET state = ? WHERE draft_id = ?').run(state, target);
    });
    expectBrokenAt(dir, 7, /checkpoint at entry 7 does not hold/);
  });

  it('refuses bad arguments with exit code 2 and one line', () => {
    const empty = mkdtempSync(join(root, 'empty-'));
    expect(lifa(['verify', '--data', empty])).toMatchObject({
      status: 2,
      stderr: `lifa: no Lifa database in ${empty}\n`,
    });
    expect(lifa(['verify', '--data', intact, '--draft', 'nosuchdraft'])).toMatchObject({
      status: 2,
      stderr: 'lifa: no draft nosuchdraft\n',
    });
    expect(lifa(['verify', '--data', intact, '--draft', '../x']).status).toBe(2);
  });
});
