// Several processes on one PostgreSQL, at the storage level: two storages with their own pools and
// group commits (as two `lifa serve` would have) appending to the same drafts at once keep one
// unbroken chain per draft with every append in it; advisory locks exclude across them; and when
// PostgreSQL stops, appends are refused (nothing half-stored) and succeed again once it is back,
// without reopening anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import type { PostgresStorage } from '../../server/storage/postgres/storage.ts';
import { startPostgres } from '../helpers/services.ts';
import type { PostgresServer } from '../helpers/services.ts';

describe('one PostgreSQL, several storages', () => {
  let server: PostgresServer;
  let one: PostgresStorage;
  let two: PostgresStorage;

  beforeAll(async () => {
    server = await startPostgres();
    // Opened together: both migrate the empty database, one after the other.
    [one, two] = await Promise.all([
      openPostgresStorage(server.url, { connectTimeout: 2000 }),
      openPostgresStorage(server.url, { connectTimeout: 2000 }),
    ]);
  });
  afterAll(async () => {
    await Promise.allSettled([one?.close(), two?.close()]);
    await server?.destroy();
  });

  it('chains appends from both onto one record per draft, losing none', async () => {
    const drafts = ['a', 'b', 'c'];
    for (const id of drafts) {
      await one.drafts.create(id, id, 'zh');
      await one.record.create(id, Uint8Array.of(0), { userId: null });
    }
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 600; i++) {
      const storage = i % 2 ? one : two;
      writes.push(
        storage.record.append(drafts[i % 3], Uint8Array.of(i % 256, i >> 8), { userId: i + 1 }, Date.now()),
      );
    }
    await Promise.all(writes);
    for (const id of drafts) {
      expect(await two.record.check(id)).toMatchObject({ ok: true, entries: 201 });
      const users = (await one.record.entries(id, 1)).map((e) => e.userId! - 1).sort((x, y) => x - y);
      expect(users).toEqual([...Array(600).keys()].filter((i) => drafts[i % 3] === id));
    }
    expect(one.group!.stats.appends + two.group!.stats.appends).toBeGreaterThanOrEqual(600);
  });

  it('runs locked work in one of them at a time', async () => {
    let release!: () => void;
    const held = one.tryLock('compact:a', () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await two.tryLock('compact:a', async () => 'ran')).toEqual({ ran: false });
    release();
    await held;
    expect(await two.tryLock('compact:a', async () => 'ran')).toEqual({ ran: true, value: 'ran' });
  });

  it('refuses appends while PostgreSQL is down, storing nothing, and recovers by itself', async () => {
    const before = await one.record.head('a');
    await server.stop();
    await expect(one.record.append('a', Uint8Array.of(1), { userId: 1 }, Date.now())).rejects.toThrow();
    await expect(one.ping()).rejects.toThrow();
    await server.start();
    let head;
    for (let attempt = 0; ; attempt++) {
      try {
        head = await one.record.append('a', Uint8Array.of(2), { userId: 1 }, Date.now());
        break;
      } catch (error) {
        if (attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(head.seq).toBe(before.seq + 1);
    expect(await two.record.check('a')).toMatchObject({ ok: true, entries: before.seq + 1 });
  });
});
