// Roles: read-only connections, token failures, and every route against every role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  bodyText,
  closed,
  connect,
  lawText,
  rawSocket,
  socketClosed,
  startServer,
  synced,
  texts,
  type,
  waitFor,
} from './helpers.ts';
import type { TestServer } from './helpers.ts';

let t: TestServer;
const tokens: Record<string, string> = {};
const people = ['owner', 'drafter', 'reviewer', 'clerk', 'viewer', 'outsider', 'admin'] as const;
type Person = (typeof people)[number];

beforeAll(async () => {
  t = await startServer();
  for (const name of people) tokens[name] = await t.user(name, { admin: name === 'admin' });
  await t.user('target');
});
afterAll(async () => {
  await t.close();
});

/// A fresh draft owned by `owner`, with drafter, reviewer, clerk and viewer holding those roles.
async function draftWithMembers(text = lawText(3)): Promise<string> {
  const id = await t.draft(tokens.owner, { text });
  for (const role of ['drafter', 'reviewer', 'clerk', 'viewer'] as const) await t.grant(role, id, role);
  return id;
}

describe('read-only connections', () => {
  for (const reader of ['reviewer', 'clerk', 'viewer'] as const) {
    it(`a ${reader} receives every update, and sending one closes it with 4403 and applies nothing`, async () => {
      const id = await draftWithMembers();
      const writer = connect(t.wsUrl, id, tokens.drafter);
      await synced(writer);
      // Deletions first, so the reader's own sync step 2 carries a delete set: that must not count as an edit.
      texts(writer.doc)[2].delete(0, 4);
      const read = connect(t.wsUrl, id, tokens[reader]);
      await synced(read);
      type(writer.doc, 2, ' from the drafter');
      await waitFor(() => bodyText(read.doc).includes('from the drafter'), 'reader receives');
      await new Promise((r) => setTimeout(r, 100));
      expect(read.wsconnected).toBe(true);

      read.awareness.setLocalStateField('user', { name: reader });
      await waitFor(
        () => writer.awareness.getStates().get(read.doc.clientID)?.user?.name === reader,
        'presence',
      );

      const refused = closed(read);
      type(read.doc, 3, ' from the reader');
      const { code, reason } = await refused;
      expect(code).toBe(4403);
      expect(reason).toContain(reader);
      await new Promise((r) => setTimeout(r, 100));
      expect(bodyText(writer.doc)).not.toContain('from the reader');
      const late = connect(t.wsUrl, id, tokens.owner);
      await synced(late);
      expect(bodyText(late.doc)).toContain('from the drafter');
      expect(bodyText(late.doc)).not.toContain('from the reader');
      expect(read.shouldConnect).toBe(false); // 44xx: the stock client does not retry
      [writer, read, late].forEach((p) => p.destroy());
    });
  }

  it('a role lowered while connected makes the connection read-only at once', async () => {
    const id = await draftWithMembers();
    const p = connect(t.wsUrl, id, tokens.drafter);
    await synced(p);
    const res = await api(t.url, 'PUT', `/api/drafts/${id}/members/drafter`, {
      token: tokens.owner,
      body: { role: 'viewer' },
    });
    expect(res.status).toBe(200);
    const refused = closed(p);
    type(p.doc, 1, 'too late');
    expect((await refused).code).toBe(4403);
    p.destroy();
  });
});

describe('tokens', () => {
  it('answers 4401 to a missing or unknown token, whether the draft exists or not', async () => {
    const id = await draftWithMembers();
    const reasons = new Set<string>();
    for (const [draft, token] of [
      [id, undefined],
      [id, 'not-a-real-token-but-shaped-like-one-xxxxxxxx'],
      ['nosuchdraft', undefined],
      ['nosuchdraft', 'not-a-real-token-but-shaped-like-one-xxxxxxxx'],
      [id, '%%%'],
    ] as const) {
      const p = connect(t.wsUrl, draft, token);
      const { code, reason } = await closed(p);
      expect(code).toBe(4401);
      reasons.add(reason);
      p.destroy();
    }
    expect(reasons.size).toBe(1);
  });

  it('answers 4404 alike to a draft that does not exist and one the user holds no role on', async () => {
    const id = await draftWithMembers();
    const results = [];
    for (const draft of [id, 'nosuchdraft', 'x'.repeat(40)]) {
      const p = connect(t.wsUrl, draft, tokens.outsider);
      results.push(await closed(p));
      p.destroy();
    }
    expect(new Set(results.map((r) => `${r.code} ${r.reason}`)).size).toBe(1);
    expect(results[0].code).toBe(4404);
  });

  it('answers 401 on every API route without a valid token, and never tells whether the draft exists', async () => {
    const id = await draftWithMembers();
    for (const draft of [id, 'nosuchdraft']) {
      for (const [method, path] of routes(draft, 'v1')) {
        for (const token of [undefined, 'garbage-token-of-a-plausible-length-000000']) {
          const res = await api(t.url, method, path, {
            token,
            body: method === 'GET' || method === 'DELETE' ? undefined : {},
          });
          expect(res.status, `${method} ${path}`).toBe(401);
          expect(res.json).toEqual({ error: 'unauthorized', detail: expect.any(String) });
        }
      }
    }
    const bad = await api(t.url, 'POST', '/api/session', { body: { username: 'owner', password: 'wrong' } });
    expect(bad.status).toBe(401);
    const unknown = await api(t.url, 'POST', '/api/session', {
      body: { username: 'nobody', password: 'wrong' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(bad.json);
  });

  it('ends a session on DELETE /api/session', async () => {
    const token = await t.user('leaver');
    expect((await api(t.url, 'GET', '/api/session', { token })).status).toBe(200);
    expect((await api(t.url, 'DELETE', '/api/session', { token })).status).toBe(204);
    expect((await api(t.url, 'GET', '/api/session', { token })).status).toBe(401);
  });
});

function routes(id: string, vid: string): Array<[string, string]> {
  return [
    ['GET', `/api/drafts`],
    ['POST', `/api/drafts`],
    ['GET', `/api/drafts/${id}`],
    ['PATCH', `/api/drafts/${id}`],
    ['DELETE', `/api/drafts/${id}`],
    ['POST', `/api/drafts/${id}/restore`],
    ['GET', `/api/drafts/${id}/export?format=txt`],
    ['GET', `/api/drafts/${id}/members`],
    ['PUT', `/api/drafts/${id}/members/target`],
    ['DELETE', `/api/drafts/${id}/members/target`],
    ['POST', `/api/drafts/${id}/versions`],
    ['GET', `/api/drafts/${id}/versions`],
    ['GET', `/api/drafts/${id}/versions/${vid}/export?format=txt`],
    ['GET', `/api/drafts/${id}/compare?from=${vid}&to=live`],
    ['GET', `/api/session`],
    ['DELETE', `/api/session`],
  ];
}

describe('role matrix', () => {
  // Expected status per person; o = owner, d = drafter, r/c/v = reviewer/clerk/viewer, x = outsider, a = admin.
  const w = (ok: number) => ({
    owner: ok,
    drafter: ok,
    reviewer: 403,
    clerk: 403,
    viewer: 403,
    outsider: 404,
    admin: ok,
  });
  const r = (ok: number) => ({
    owner: ok,
    drafter: ok,
    reviewer: ok,
    clerk: ok,
    viewer: ok,
    outsider: 404,
    admin: ok,
  });
  const m = (ok: number) => ({
    owner: ok,
    drafter: 403,
    reviewer: 403,
    clerk: 403,
    viewer: 403,
    outsider: 404,
    admin: ok,
  });
  const all = (ok: number) => ({
    owner: ok,
    drafter: ok,
    reviewer: ok,
    clerk: ok,
    viewer: ok,
    outsider: ok,
    admin: ok,
  });
  const cases: Array<{
    route: string;
    expected: Record<Person, number>;
    body?: unknown;
    deleted?: boolean;
    targetIsMember?: boolean;
  }> = [
    { route: 'GET /api/drafts', expected: all(200) },
    { route: 'POST /api/drafts', expected: all(201), body: { title: 'Mine' } },
    { route: 'GET /api/drafts/:id', expected: r(200) },
    { route: 'PATCH /api/drafts/:id', expected: w(200), body: { title: 'Renamed' } },
    { route: 'DELETE /api/drafts/:id', expected: m(204) },
    { route: 'POST /api/drafts/:id/restore', expected: m(200), deleted: true },
    { route: 'GET /api/drafts/:id/export?format=txt', expected: r(200) },
    { route: 'GET /api/drafts/:id/members', expected: r(200) },
    { route: 'PUT /api/drafts/:id/members/target', expected: m(200), body: { role: 'reviewer' } },
    { route: 'DELETE /api/drafts/:id/members/target', expected: m(204), targetIsMember: true },
    { route: 'POST /api/drafts/:id/versions', expected: w(201), body: { label: 'v' } },
    { route: 'GET /api/drafts/:id/versions', expected: r(200) },
    { route: 'GET /api/drafts/:id/versions/:vid/export?format=html', expected: r(200) },
    { route: 'GET /api/drafts/:id/compare?from=:vid&to=live&format=json', expected: r(200) },
  ];
  for (const c of cases) {
    it(`${c.route}`, async () => {
      for (const person of people) {
        const id = await draftWithMembers();
        if (c.targetIsMember) await t.grant('target', id, 'viewer');
        const version = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
          token: tokens.owner,
          body: { label: 'first' },
        });
        const vid = (version.json as { id: string }).id;
        if (c.deleted)
          expect((await api(t.url, 'DELETE', `/api/drafts/${id}`, { token: tokens.owner })).status).toBe(204);
        const [method, path] = c.route.split(' ');
        const res = await api(t.url, method, path.replace(':id', id).replace(':vid', vid), {
          token: tokens[person],
          body: c.body,
        });
        expect(res.status, `${person}: ${res.text}`).toBe(c.expected[person]);
        if (res.status >= 400)
          expect(res.json).toEqual({ error: expect.any(String), detail: expect.any(String) });
      }
    });
  }

  it('lists for each user only the drafts they hold a role on, with that role', async () => {
    const id = await draftWithMembers();
    for (const person of people) {
      const res = await api(t.url, 'GET', '/api/drafts', { token: tokens[person] });
      const mine = (res.json as Array<{ id: string; role: string }>).find((d) => d.id === id);
      if (person === 'outsider') expect(mine).toBeUndefined();
      else expect(mine?.role).toBe(person === 'admin' ? 'owner' : person);
    }
  });

  it('keeps at least one owner', async () => {
    const id = await draftWithMembers();
    const res = await api(t.url, 'PUT', `/api/drafts/${id}/members/owner`, {
      token: tokens.owner,
      body: { role: 'viewer' },
    });
    expect(res.status).toBe(409);
  });

  it('closes the connections of a deleted draft with 4404', async () => {
    const id = await draftWithMembers();
    const p = connect(t.wsUrl, id, tokens.drafter);
    await synced(p);
    const gone = closed(p);
    expect((await api(t.url, 'DELETE', `/api/drafts/${id}`, { token: tokens.owner })).status).toBe(204);
    expect((await gone).code).toBe(4404);
    p.destroy();
    const socket = await rawSocket(t.wsUrl, id, tokens.owner);
    expect((await socketClosed(socket)).code).toBe(4404);
  });
});
