// Ending a session ends its connections (issue 11, finding 3): signing out, signing out everywhere,
// `lifa user signout NAME` from the command line, expiry and removal of the user all close the open
// sync sockets and event streams at once (or within the server's session check), and nothing sent
// afterwards lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../../server/auth/sessions.ts';
import { lifa } from '../helpers/cli.ts';
import {
  api,
  bodyText,
  closed,
  connect,
  lawText,
  startServer,
  synced,
  type,
  repositories,
} from './helpers.ts';
import type { TestServer } from './helpers.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startServer({ sessionCheckInterval: 100 });
});
afterAll(async () => {
  await t.close();
});

/// Follow the event stream of `draftId` with `token`; `ended` resolves when the server ends it.
async function follow(draftId: string, token: string) {
  const res = await fetch(`${t.url}/api/drafts/${draftId}/events`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return true;
  })();
  return { ended };
}

/// Poll `condition` until it holds (10 s at most).
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (const start = Date.now(); !(await condition());) {
    if (Date.now() - start > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const liveText = async (draftId: string, token: string) =>
  (await api(t.url, 'GET', `/api/drafts/${draftId}/export?format=txt`, { token })).text;

describe('signing out', () => {
  it('closes the session’s sockets and streams at once, and edits sent after it do not land', async () => {
    const token = await t.user('ann');
    const other = (
      await api(t.url, 'POST', '/api/session', { body: { username: 'ann', password: 'correct horse' } })
    ).json as { token: string };
    const id = await t.draft(token, { text: lawText(3) });
    const p = connect(t.wsUrl, id, token);
    const q = connect(t.wsUrl, id, other.token);
    await Promise.all([synced(p), synced(q)]);
    const stream = await follow(id, token);

    const refused = closed(p);
    expect((await api(t.url, 'DELETE', '/api/session', { token })).status).toBe(204);
    const { code, reason } = await refused;
    expect(code).toBe(4401);
    expect(reason).toMatch(/signed out/);
    expect(await stream.ended).toBe(true);
    type(p.doc, 2, ' written after signing out');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await liveText(id, other.token)).not.toContain('written after signing out');

    // The other session of the same user stays connected and still edits.
    expect(q.wsconnected).toBe(true);
    type(q.doc, 2, ' from the other session');
    expect(bodyText(q.doc)).toContain('from the other session');
    await eventually(async () => (await liveText(id, other.token)).includes('from the other session'));
    p.destroy();
    q.destroy();
  });

  it('signs out everywhere: every session of the user, and their connections', async () => {
    const first = await t.user('ben');
    const second = (
      await api(t.url, 'POST', '/api/session', { body: { username: 'ben', password: 'correct horse' } })
    ).json as { token: string };
    const bystander = await t.user('cai');
    const id = await t.draft(first, { text: lawText(2) });
    await t.grant('cai', id, 'viewer');
    const [a, b, c] = [
      connect(t.wsUrl, id, first),
      connect(t.wsUrl, id, second.token),
      connect(t.wsUrl, id, bystander),
    ];
    await Promise.all([synced(a), synced(b), synced(c)]);
    const both = Promise.all([closed(a), closed(b)]);
    const res = await api(t.url, 'DELETE', '/api/sessions', { token: second.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ sessions: 2 });
    for (const refusal of await both) expect(refusal.code).toBe(4401);
    expect((await api(t.url, 'GET', '/api/session', { token: first })).status).toBe(401);
    expect(c.wsconnected).toBe(true);
    [a, b, c].forEach((p) => p.destroy());
  });
});

describe('sessions ended elsewhere', () => {
  it('`lifa user signout NAME` ends every session, and the running server closes their connections', async () => {
    const token = await t.user('dan');
    const id = await t.draft(token, { text: lawText(2) });
    const p = connect(t.wsUrl, id, token);
    await synced(p);
    // The command runs synchronously (this thread, and the server on it, wait for it), so the close can
    // only come after it: wait for it from then on, however long a loaded machine took to run it.
    const run = lifa(['user', 'signout', 'dan', '--data', t.dir]);
    const refused = closed(p);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/dan.*1 session/);
    expect((await refused).code).toBe(4401);
    expect((await api(t.url, 'GET', '/api/session', { token })).status).toBe(401);
    p.destroy();

    const unknown = lifa(['user', 'signout', 'nobody', '--data', t.dir]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('lifa: no user nobody\n');
  });

  it('closes the connections of a session when it expires', async () => {
    const owner = await t.user('eve');
    const id = await t.draft(owner, { text: lawText(2) });
    const user = repositories(t.server).users.byName('eve')!;
    const brief = await startSession(t.server.store, user, 500);
    const p = connect(t.wsUrl, id, brief);
    await synced(p);
    const { code, reason } = await closed(p);
    expect(code).toBe(4401);
    expect(reason).toMatch(/session ended/);
    p.destroy();
  });

  it('closes the connections of a user who is removed', async () => {
    const admin = await t.user('fay', { admin: true });
    const leaving = await t.user('gus');
    const id = await t.draft(admin, { text: lawText(2) });
    await t.grant('gus', id, 'drafter');
    const p = connect(t.wsUrl, id, leaving);
    await synced(p);
    const refused = closed(p);
    repositories(t.server).db.prepare('DELETE FROM users WHERE username = ?').run('gus');
    expect((await refused).code).toBe(4401);
    p.destroy();
  });
});
