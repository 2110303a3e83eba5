// The storage contract (contract.ts) on a real PostgreSQL: a fresh database of the run's throwaway
// cluster (test/helpers/services.ts).
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import { postgresDatabase } from '../helpers/services.ts';
import { storageContract } from './contract.ts';

storageContract('postgres', async () => {
  const database = await postgresDatabase();
  const storage = await openPostgresStorage(database.url);
  return {
    storage,
    async tamper(draftId, seq) {
      await storage.pool.query('UPDATE record_entries SET data = $1 WHERE draft_id = $2 AND seq = $3', [
        Buffer.of(42),
        draftId,
        seq,
      ]);
    },
    async dispose() {
      await storage.close();
      await database.drop();
    },
  };
});
