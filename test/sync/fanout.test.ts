// Fan-out between processes through a real Redis: what one process publishes about a draft reaches
// the others holding it, and never comes back to it; presence and comment events travel the same
// way; malformed messages are reported and dropped; and when Redis restarts, every process hears
// that it reconnected (its cue to repair from the record) and messages flow again.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFanout, encodeFanout, RedisFanout } from '../../server/sync/fanout.ts';
import type { FanoutMessage } from '../../server/sync/fanout.ts';
import { startRedis } from '../helpers/services.ts';
import type { RedisServer } from '../helpers/services.ts';

/// A process's fan-out, with what it received.
async function node(url: string, id: string) {
  const received: FanoutMessage[] = [];
  const problems: string[] = [];
  let reconnects = 0;
  const fanout = await RedisFanout.connect(url, id, {
    onMessage: (message) => received.push(message),
    onReconnect: () => reconnects++,
    onProblem: (problem) => problems.push(problem),
  });
  return { fanout, received, problems, reconnects: () => reconnects };
}

const until = async (check: () => boolean, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const update = (draftId: string, seq: number): FanoutMessage => ({
  kind: 'update',
  draftId,
  head: { seq, at: 1_700_000_000_000 + seq, hash: new Uint8Array(32).fill(seq) },
  update: Uint8Array.of(seq, 1, 2, 3),
});

describe('Redis fan-out', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('encodes every kind of message and refuses malformed ones', () => {
    for (const message of [
      update('d1', 7),
      { kind: 'awareness', draftId: 'd1', update: Uint8Array.of(9, 9) } as const,
      { kind: 'event', draftId: 'd1', name: 'comment.created', payload: { id: '3', body: '意见' } } as const,
      { kind: 'query', draftId: 'd1' } as const,
    ]) {
      expect(decodeFanout(encodeFanout('p1', message))).toEqual({ from: 'p1', message });
    }
    expect(() => decodeFanout(Uint8Array.of(9))).toThrow();
    expect(() => decodeFanout(Uint8Array.of(0, 1))).toThrow();
    expect(() => decodeFanout(Uint8Array.of(...encodeFanout('p', update('d', 1)), 0))).toThrow(/trailing/);
  });

  it('delivers a draft’s messages to the other processes holding it, never back to the sender', async () => {
    const [a, b, c] = await Promise.all([node(redis.url, 'A'), node(redis.url, 'B'), node(redis.url, 'C')]);
    try {
      await Promise.all([a.fanout.subscribe('d1'), b.fanout.subscribe('d1'), c.fanout.subscribe('d2')]);
      await a.fanout.publish(update('d1', 1));
      await a.fanout.publish({ kind: 'awareness', draftId: 'd1', update: Uint8Array.of(5) });
      await b.fanout.publish({ kind: 'event', draftId: 'd1', name: 'comment.created', payload: { id: '1' } });
      await until(() => b.received.length === 2 && a.received.length === 1, 'the messages');
      expect(b.received).toEqual([
        update('d1', 1),
        { kind: 'awareness', draftId: 'd1', update: Uint8Array.of(5) },
      ]);
      expect(a.received).toEqual([
        { kind: 'event', draftId: 'd1', name: 'comment.created', payload: { id: '1' } },
      ]);
      expect(c.received).toEqual([]); // holds another draft only
      await b.fanout.unsubscribe('d1');
      await a.fanout.publish(update('d1', 2));
      await c.fanout.publish(update('d2', 1)); // nobody else holds d2
      await a.fanout.subscribe('d2');
      await c.fanout.publish(update('d2', 2));
      await until(() => a.received.length === 2, 'the message of d2');
      expect(a.received[1]).toEqual(update('d2', 2));
      expect(b.received.length).toBe(2);
    } finally {
      await Promise.all([a.fanout.close(), b.fanout.close(), c.fanout.close()]);
    }
  });

  it('reports and drops malformed messages and messages on the wrong channel', async () => {
    const a = await node(redis.url, 'A');
    const raw = new Redis(redis.url);
    try {
      await a.fanout.subscribe('d1');
      await raw.publish('lifa:draft:d1', Buffer.of(1, 2, 3));
      await raw.publish('lifa:draft:d1', Buffer.from(encodeFanout('X', update('other', 1))));
      await raw.publish('lifa:draft:d1', Buffer.from(encodeFanout('X', update('d1', 4))));
      await until(() => a.received.length === 1, 'the good message');
      expect(a.received).toEqual([update('d1', 4)]);
      expect(a.problems).toEqual([
        expect.stringMatching(/^malformed fan-out message on lifa:draft:d1/),
        'a fan-out message about draft other came on lifa:draft:d1',
      ]);
    } finally {
      raw.disconnect();
      await a.fanout.close();
    }
  });

  it('survives a Redis restart: publishing fails softly while it is down, every process hears it reconnected, messages flow again', async () => {
    const [a, b] = await Promise.all([node(redis.url, 'A'), node(redis.url, 'B')]);
    try {
      await Promise.all([a.fanout.subscribe('d1'), b.fanout.subscribe('d1')]);
      await redis.stop();
      await a.fanout.publish(update('d1', 1)); // lost: Redis is down (the record keeps it)
      expect(a.problems.some((p) => /publish failed/.test(p))).toBe(true);
      await redis.start();
      await until(() => a.reconnects() === 1 && b.reconnects() === 1, 'both reconnects');
      // Subscriptions are back without anyone asking.
      await until(() => {
        void a.fanout.publish(update('d1', 2));
        return b.received.some((m) => m.kind === 'update' && m.head.seq === 2);
      }, 'a message after the restart');
      expect(b.received.some((m) => m.kind === 'update' && m.head.seq === 1)).toBe(false);
    } finally {
      await Promise.all([a.fanout.close(), b.fanout.close()]);
    }
  });

  it('refuses to start when Redis cannot be reached', async () => {
    await expect(RedisFanout.connect('redis://127.0.0.1:1', 'A', { onMessage: () => {} })).rejects.toThrow(
      /^cannot reach Redis at redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
  });
});
