// Rate limits shared by several processes through a real Redis: two processes' limiters spend one
// bucket per address, refill it together, keep addresses apart, and fall back to limiting on their
// own while Redis is down.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedTokenBuckets } from '../../server/comments/shared-rate-limit.ts';
import { startRedis } from '../helpers/services.ts';
import type { RedisServer } from '../helpers/services.ts';

describe('shared token buckets', () => {
  let redis: RedisServer;
  let one: Redis;
  let two: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 50 };
    one = new Redis(redis.url, options);
    two = new Redis(redis.url, options);
    for (const client of [one, two]) client.on('error', () => {});
    await Promise.all([one, two].map((client) => new Promise((resolve) => client.once('ready', resolve))));
  });
  afterAll(async () => {
    one?.disconnect();
    two?.disconnect();
    await redis?.stop();
  });

  it('lets an address through `burst` times across processes, then tells it when to retry', async () => {
    const a = new SharedTokenBuckets(one, 'comments', 3, 3000);
    const b = new SharedTokenBuckets(two, 'comments', 3, 3000);
    expect(await a.take('1.2.3.4')).toEqual({ ok: true });
    expect(await b.take('1.2.3.4')).toEqual({ ok: true });
    expect(await a.take('1.2.3.4')).toEqual({ ok: true });
    const refused = await b.take('1.2.3.4');
    expect(refused.ok).toBe(false);
    // About one interval until a token is back (less the time the four takes took).
    expect(!refused.ok && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(!refused.ok && refused.retryAfterSeconds).toBeLessThanOrEqual(3);
    expect(await a.take('5.6.7.8')).toEqual({ ok: true }); // another address has its own bucket
    await new Promise((resolve) => setTimeout(resolve, 3100));
    expect(await b.take('1.2.3.4')).toEqual({ ok: true }); // one token came back
    expect(await a.take('1.2.3.4')).toMatchObject({ ok: false });
    const slow = new SharedTokenBuckets(one, 'slow', 1, 90_000);
    expect(await slow.take('k')).toEqual({ ok: true });
    expect(await new SharedTokenBuckets(two, 'slow', 1, 90_000).take('k')).toEqual({
      ok: false,
      retryAfterSeconds: 90,
    });
  });

  it('limits each process on its own while Redis is down', async () => {
    const a = new SharedTokenBuckets(one, 'down', 2, 60_000);
    await redis.stop();
    try {
      expect(await a.take('k')).toEqual({ ok: true });
      expect(await a.take('k')).toEqual({ ok: true });
      expect(await a.take('k')).toMatchObject({ ok: false });
    } finally {
      await redis.start();
    }
  });
});
