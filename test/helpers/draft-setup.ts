// Setting drafts up for browser tests through the API: a draft's article ids, publishing a version for
// public comment, and comments sent the way the public page sends them.
import type { LifaTestServer } from './lifa-server.ts';

/// The ids of the live draft's articles, in order.
export async function articleIds(server: LifaTestServer, user: string, draftId: string): Promise<string[]> {
  const outline = await server.api<{ articles: Array<{ id: string }> }>(
    user,
    'GET',
    `/api/drafts/${draftId}/export?format=json`,
  );
  return outline.articles.map((a) => a.id);
}

/// Cut version `label` of the draft and open the public comment period on it (closing at `closesAt`
/// when given). Resolves to the version's id.
export async function publishForComment(
  server: LifaTestServer,
  owner: string,
  draftId: string,
  label: string,
  closesAt?: Date,
): Promise<string> {
  const version = await server.api<{ id: string }>(owner, 'POST', `/api/drafts/${draftId}/versions`, {
    label,
  });
  await server.api(owner, 'PUT', `/api/drafts/${draftId}/public`, {
    versionId: version.id,
    open: true,
    ...(closesAt ? { closesAt: closesAt.toISOString() } : {}),
  });
  return version.id;
}

/// Send a public comment without an account, as the public page does. Throws on refusal.
export async function sendPublicComment(
  server: LifaTestServer,
  draftId: string,
  comment: { articleId: string | null; body: string; name: string },
): Promise<void> {
  const response = await fetch(`${server.url}/api/public/drafts/${draftId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(comment),
  });
  if (!response.ok) throw new Error(`public comment: ${response.status} ${await response.text()}`);
}
