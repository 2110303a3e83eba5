/// Bearer-token authentication of API routes, and the per-draft permission checks they share.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isValidId } from '../../core/index.ts';
import { draftAccess } from '../auth/access.ts';
import type { DraftAccess } from '../auth/access.ts';
import { canManage, canWrite } from '../auth/roles.ts';
import { authenticate } from '../auth/sessions.ts';
import type { Storage } from '../storage/interface.ts';
import type { User } from '../storage/users.ts';
import { HttpError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /// The signed-in user; set on every route registered under requireAuth.
    user: User | null;
    /// The bearer token the request came with.
    token: string | null;
  }
}

/// The bearer token of `request`'s Authorization header, or null.
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/// Make every route of `app` (an encapsulated plugin) require a valid bearer token: without one the
/// answer is 401, whatever the route and whether the draft it names exists.
export function requireAuth(app: FastifyInstance, storage: Storage): void {
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    const user = token ? await authenticate(storage, token) : undefined;
    if (!user) throw new HttpError(401, 'a valid bearer token is required (POST /api/session)');
    request.user = user;
    request.token = token;
  });
}

/// What a route needs to do to a draft.
export type Need = 'read' | 'write' | 'manage';

/// The signed-in user of `request`. Throws HttpError 401 when there is none.
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new HttpError(401, 'a valid bearer token is required (POST /api/session)');
  return request.user;
}

/// The draft `draftId` and the user's role on it, checked for `need`. Throws HttpError 404 when the
/// draft does not exist, is deleted (unless `includeDeleted`) or the user holds no role on it (these
/// are not told apart), and 403 when the role does not allow `need`.
export async function requireDraft(
  storage: Storage,
  request: FastifyRequest,
  draftId: string,
  need: Need,
  includeDeleted = false,
): Promise<DraftAccess> {
  const user = currentUser(request);
  const access = isValidId(draftId) ? await draftAccess(storage, user, draftId, includeDeleted) : undefined;
  if (!access) throw new HttpError(404, `no draft ${isValidId(draftId) ? draftId : ''}`.trim());
  if (need === 'write' && !canWrite(access.role)) {
    throw new HttpError(403, `a ${access.role} may not change this draft`);
  }
  if (need === 'manage' && !canManage(access.role)) {
    throw new HttpError(403, `only an owner may do this; you are a ${access.role}`);
  }
  return access;
}
