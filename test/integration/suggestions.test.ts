// Suggestions (tracked changes) over the real server: every route against every role, accepting
// applies exactly the change (and undo takes it back), overlapping suggestions (accept one → the other
// is stale → 409), stale after a drafter's edit through a stock y-websocket client (and open again
// when the words come back), a reviewer's direct change still refused with 4403, structural
// suggestions, deciding many at once, bad input, and the live event stream.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../renderer/src/api/comments.ts';
import {
  api,
  closed,
  connect,
  lawText,
  startServer,
  synced,
  texts,
  waitFor,
} from './helpers.ts';
import type { ApiResponse, TestServer } from './helpers.ts';

let t: TestServer;
const tokens: Record<string, string> = {};
const people = ['owner', 'drafter', 'reviewer', 'clerk', 'viewer', 'outsider', 'admin'] as const;
type Person = (typeof people)[number];
const suggesters = ['owner', 'drafter', 'reviewer', 'clerk', 'admin'] as const;
const deciders = ['owner', 'drafter', 'admin'] as const;

beforeAll(async () => {
  t = await startServer();
  for (const name of people) tokens[name] = await t.user(name, { admin: name === 'admin' });
});
afterAll(async () => {
  await t.close();
});

const as = (who: Person | null, method: string, path: string, body?: unknown): Promise<ApiResponse> =>
  api(t.url, method, path, { token: who ? tokens[who] : undefined, body });

type Suggestion = {
  id: string;
  kind: string;
  articleId: string;
  quote: string;
  replacement: string;
  status: string;
  author: { username: string | null };
  mine: boolean;
  decidedBy: { username: string | null } | null;
  reason: string | null;
  createdAt: string;
};

const law = `Regulations on Test Suggestions
Chapter I General Provisions
Article 1 Network operators shall keep logs for fifteen days.
Article 2 Operators of critical information infrastructure shall report incidents within fifteen days.
Chapter II Duties
Article 3 Each operator shall appoint a security officer.
(1) the officer shall be trained;
(2) the officer shall report to the board.
Article 4 These Regulations take effect on the date of promulgation.
`;

/// A draft of `law` with every member, and the ids of its articles.
async function draftWithMembers(text = law): Promise<{ id: string; articles: string[] }> {
  const id = await t.draft(tokens.owner, { text, language: 'en' });
  for (const role of ['drafter', 'reviewer', 'clerk', 'viewer'] as const) t.grant(role, id, role);
  return { id, articles: await articleIds(id) };
}

async function articleIds(id: string): Promise<string[]> {
  const outline = await as('owner', 'GET', `/api/drafts/${id}/export?format=json`);
  return (outline.json as { articles: { id: string }[] }).articles.map((a) => a.id);
}

/// The live draft as plain text.
async function liveText(id: string): Promise<string> {
  const res = await as('owner', 'GET', `/api/drafts/${id}/export?format=txt`);
  expect(res.status).toBe(200);
  return res.text;
}

async function suggest(who: Person, draftId: string, body: Record<string, unknown>): Promise<Suggestion> {
  const res = await as(who, 'POST', `/api/drafts/${draftId}/suggestions`, body);
  expect(res.status, res.text).toBe(201);
  return res.json as Suggestion;
}

async function list(who: Person, draftId: string, query = ''): Promise<Suggestion[]> {
  const res = await as(who, 'GET', `/api/drafts/${draftId}/suggestions${query}`);
  expect(res.status, res.text).toBe(200);
  return res.json as Suggestion[];
}

describe('making suggestions', () => {
  it('answers 201 with the suggestion, anchored on the quoted words', async () => {
    const { id, articles } = await draftWithMembers();
    const made = await suggest('reviewer', id, {
      articleId: articles[0],
      quote: 'fifteen days',
      replacement: 'six months',
      note: 'Logs must cover a reporting period.',
    });
    expect(made).toMatchObject({
      kind: 'text',
      articleId: articles[0],
      quote: 'fifteen days',
      replacement: 'six months',
      status: 'open',
      author: { username: 'reviewer' },
      mine: true,
      note: 'Logs must cover a reporting period.',
    });
    expect(Date.parse(made.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    // The text itself is unchanged: a suggestion lives beside it.
    expect(await liveText(id)).toContain('keep logs for fifteen days.');
    const listed = await list('viewer', id);
    expect(listed.map((s) => s.id)).toEqual([made.id]);
    expect(listed[0].mine).toBe(false);
  });
});
