// The storage contract (contract.ts) on SQLite in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
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
