// The stores of attachments' bytes held to one contract: the data folder's (the embedded default),
// the in-memory one (`:memory:`) and the table of a real PostgreSQL (several processes, no shared
// folder). Same bytes in, same bytes out, one copy per content, bad keys refused.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blobStoreFor,
  FolderBlobStore,
  MemoryBlobStore,
  sha256Hex,
} from '../../server/attachments/blob-store.ts';
import type { BlobStore } from '../../server/attachments/blob-store.ts';
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import type { PostgresStorage } from '../../server/storage/postgres/storage.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { postgresDatabase } from '../helpers/services.ts';

function blobContract(name: string, open: () => Promise<{ store: BlobStore; dispose(): Promise<void> }>) {
  describe(`the ${name} blob store`, () => {
    let store: BlobStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => ({ store, dispose } = await open()));
    afterAll(async () => dispose?.());

    it('keeps one copy per content under its SHA-256, gives the bytes back exactly, and forgets them on delete', async () => {
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      const [a, b] = await Promise.all([store.put(bytes), store.put(Uint8Array.from(bytes))]);
      expect(a).toBe(sha256Hex(bytes));
      expect(b).toBe(a);
      expect(await store.has(a)).toBe(true);
      expect(Buffer.compare(Buffer.from((await store.get(a))!), bytes)).toBe(0);
      const empty = await store.put(new Uint8Array(0));
      expect((await store.get(empty))!.length).toBe(0);
      expect(await store.delete(a)).toBe(true);
      expect(await store.has(a)).toBe(false);
      expect(await store.get(a)).toBeUndefined();
      expect(await store.delete(a)).toBe(false);
    });

    it('refuses keys that are not a SHA-256', async () => {
      for (const key of ['../../etc/passwd', 'A'.repeat(64), '', "'; DROP TABLE attachment_blobs; --"]) {
        await expect(store.get(key)).rejects.toThrow(RangeError);
        await expect(store.has(key)).rejects.toThrow(RangeError);
        await expect(store.delete(key)).rejects.toThrow(RangeError);
      }
    });
  });
}

blobContract('folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifa-blobs-'));
  return {
    store: new FolderBlobStore(dir),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

blobContract('memory', async () => ({ store: new MemoryBlobStore(), dispose: async () => {} }));

let postgres: PostgresStorage | undefined;
let database: { url: string; drop(): Promise<void> } | undefined;

blobContract('PostgreSQL', async () => {
  database = await postgresDatabase();
  postgres = await openPostgresStorage(database.url);
  return {
    store: postgres.blobs,
    dispose: async () => {
      await postgres!.close();
      await database!.drop();
    },
  };
});

describe('the store an engine takes', () => {
  it('is the database itself on PostgreSQL, shared by every storage on it, and the data folder on SQLite', async () => {
    const db = await postgresDatabase();
    const [one, two] = await Promise.all([openPostgresStorage(db.url), openPostgresStorage(db.url)]);
    const dir = mkdtempSync(join(tmpdir(), 'lifa-blobs-'));
    const sqlite = new SqliteStorage(openStorage(dir));
    try {
      const put = await blobStoreFor(one, dir).put(Buffer.from('sent to process one'));
      const other = blobStoreFor(two, join(dir, 'elsewhere'));
      expect(Buffer.from((await other.get(put))!).toString()).toBe('sent to process one');
      const local = blobStoreFor(sqlite, dir);
      expect(local).toBeInstanceOf(FolderBlobStore);
      expect((local as FolderBlobStore).folder).toBe(join(dir, 'attachments'));
      expect(await local.has(put)).toBe(false);
    } finally {
      await Promise.all([one.close(), two.close(), sqlite.close()]);
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
