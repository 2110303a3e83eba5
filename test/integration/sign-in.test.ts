// Signing in under attack (issue 11, findings 1 and 13): guesses are counted before the password is
// checked, per address and per username; password checks wait in a short queue so a flood cannot take
// every thread; refusals are 429 with Retry-After; old hashes are raised to the current cost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.ts';
import { api, startServer, repositories } from './helpers.ts';
import type { ApiResponse, TestServer } from './helpers.ts';

let t: TestServer;

beforeAll(async () => {
  // trustProxy: the tests play many addresses through X-Forwarded-For.
  t = await startServer({
    trustProxy: true,
    signIn: { failuresPerAddress: 20, failuresPerUsername: 30, concurrentChecks: 2, queuedChecks: 16 },
  });
  await t.user('alice');
});
afterAll(async () => {
  await t.close();
});

const guess = (username: string, password: string, address: string): Promise<ApiResponse> =>
  api(t.url, 'POST', '/api/session', {
    body: { username, password },
    headers: { 'x-forwarded-for': address },
  });

const failedAudits = (): number =>
  (
    repositories(t.server)
      .db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'session.failed'")
      .get() as {
      n: number;
    }
  ).n;

describe('sign-in throttling', () => {
  it('checks no more guesses than the limit when a hundred arrive at once from one address', async () => {
    const before = failedAudits();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => guess('alice', `wrong-${i}`, '198.51.100.1')),
    );
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(20);
    expect(failedAudits() - before).toBe(checked);
    for (const refused of answers.filter((a) => a.status !== 401)) {
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.json).toMatchObject({ error: 'too many requests', detail: expect.any(String) });
    }
    // Guesses refused because the password checks were busy were not checked, so they are given back:
    // how many of the hundred got checked depends on how fast checks finish. Guess on, one at a time,
    // until the address has used its twenty: never more than twenty checked in all.
    let total = checked;
    for (;;) {
      const more = await guess('alice', `wrong-more-${total}`, '198.51.100.1');
      if (more.status === 429) break;
      expect(more.status).toBe(401);
      total++;
    }
    expect(total).toBe(20);
    // The address stays refused, even with the right password, and without a password check.
    const right = await guess('alice', 'correct horse', '198.51.100.1');
    expect(right.status).toBe(429);
    expect((right.json as { detail: string }).detail).toMatch(/address/);
  });

  it('limits guesses at one username from many addresses', async () => {
    await t.user('bob');
    const answers: ApiResponse[] = [];
    for (let wave = 0; wave < 6; wave++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            guess('bob', `wrong-${wave}-${i}`, `203.0.113.${wave * 10 + i + 1}`),
          ),
        )),
      );
    }
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBe(30);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBe(30);
    for (const answer of refused) expect((answer.json as { detail: string }).detail).toMatch(/username/);
    // Another user is not affected by the attack on bob.
    expect((await guess('alice', 'correct horse', '203.0.113.200')).status).toBe(200);
  });

  it('queues password checks: a flood from many addresses is refused beyond the queue, not run', async () => {
    // One check at a time, three waiting, each check slow enough (2^15) that the flood arrives meanwhile.
    const s = await startServer({
      trustProxy: true,
      passwordCost: 2 ** 15,
      signIn: { concurrentChecks: 1, queuedChecks: 3 },
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          api(s.url, 'POST', '/api/session', {
            body: { username: `nobody${i}`, password: 'wrong' },
            headers: { 'x-forwarded-for': `192.0.2.${i + 1}` },
          }),
        ),
      );
      const checked = answers.filter((a) => a.status === 401).length;
      expect(checked).toBeGreaterThanOrEqual(4);
      expect(checked).toBeLessThanOrEqual(12);
      const busy = answers.filter((a) => a.status === 429);
      expect(busy.length).toBe(60 - checked);
      for (const answer of busy) {
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect((answer.json as { detail: string }).detail).toMatch(/busy/);
      }
    } finally {
      await s.close();
    }
  });

  it('does not count a successful sign-in against the address', async () => {
    await t.user('carol');
    for (let i = 0; i < 25; i++) {
      expect((await guess('carol', 'correct horse', '198.51.100.77')).status).toBe(200);
    }
  });
});

describe('password hashing', () => {
  it('raises an old, cheaper hash to the current cost on the next sign-in', async () => {
    const s = await startServer({ passwordCost: 2 ** 15 });
    try {
      repositories(s.server).users.create('dora', await hashPassword('old secret', 2 ** 14));
      const signIn = await api(s.url, 'POST', '/api/session', {
        body: { username: 'dora', password: 'old secret' },
      });
      expect(signIn.status).toBe(200);
      const stored = repositories(s.server).users.credentials('dora')!.passwordHash;
      expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 15), '8', '1']);
      const again = await api(s.url, 'POST', '/api/session', {
        body: { username: 'dora', password: 'old secret' },
      });
      expect(again.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('hashes new passwords at N = 2^17 by default', async () => {
    const hash = await hashPassword('p');
    expect(hash.split('$')[1]).toBe(String(2 ** 17));
  });
});
