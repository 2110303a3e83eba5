// The throwaway services the storage and scale-out tests run on: a real PostgreSQL database per file
// and a real Redis, both gone afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import pg from 'pg';
import { postgresDatabase, startRedis } from '../helpers/services.ts';
import type { RedisServer } from '../helpers/services.ts';

describe('test services', () => {
  let database: { url: string; drop(): Promise<void> };
  let redis: RedisServer;

  beforeAll(async () => {
    [database, redis] = await Promise.all([postgresDatabase(), startRedis()]);
  });
  afterAll(async () => {
    await Promise.all([database?.drop(), redis?.stop()]);
  });

  it('gives a fresh, empty PostgreSQL 15+ database that keeps what is written', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
      expect(Number(version.rows[0].server_version_num)).toBeGreaterThanOrEqual(150000);
      const tables = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.rowCount).toBe(0);
      await client.query('CREATE TABLE t (x int)');
      await client.query('INSERT INTO t VALUES (42)');
      expect((await client.query('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);
    } finally {
      await client.end();
    }
  });

  it('gives a Redis that can be killed and started again on the same port, empty', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
    client.on('error', () => {}); // the refused reconnects while it is down
    try {
      await client.set('k', 'v');
      expect(await client.get('k')).toBe('v');
      await redis.stop();
      await redis.start();
      expect(await client.get('k')).toBeNull();
    } finally {
      client.disconnect();
    }
  });
});
