// The storage contract (contract.ts) on SQLite in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { describe, expect, it } from 'vitest';
import { storageContract } from './contract.ts';

storageContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifa-contract-'));
  const repositories = openStorage(dir);
  const storage = new SqliteStorage(repositories);
  return {
    storage,
    async tamper(draftId, seq) {
      repositories.db
        .prepare('UPDATE record_entries SET data = ? WHERE draft_id = ? AND seq = ?')
        .run(Uint8Array.of(42), draftId, seq);
    },
    async dispose() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('the record on SQLite with two connections to one folder', () => {
  it('appends from both in turn without a fork: each finds the other’s entries by the taken number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifa-two-'));
    const one = new SqliteStorage(openStorage(dir));
    const two = new SqliteStorage(openStorage(dir));
    try {
      await one.drafts.create('d1', 'Draft', 'zh');
      await one.record.create('d1', Uint8Array.of(0), { userId: null }, 1);
      const seqs: number[] = [];
      for (let i = 0; i < 12; i++) {
        // Runs of one, two and three appends from each side, so each keeps a stale head in turn.
        const side = i % 5 < 2 ? one : two;
        seqs.push((await side.record.append('d1', Uint8Array.of(i), { userId: i }, 10 + i)).seq);
      }
      expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
      expect(await two.record.check('d1')).toMatchObject({ ok: true, entries: 13 });
      expect((await one.record.entries('d1', 1)).map((e) => e.userId)).toEqual(
        Array.from({ length: 12 }, (_, i) => i),
      );
    } finally {
      await one.close();
      await two.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
