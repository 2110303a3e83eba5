/// Signing in and out: `POST /api/session {username, password}` → `{token, user}`;
/// `GET /api/session` → `{user}`; `DELETE /api/session` ends the session.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { signIn, signOut } from '../../auth/sessions.ts';
import type { User } from '../../storage/users.ts';
import { RateWindow } from '../../sync/limits.ts';
import { currentUser, requireAuth } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';

const credentials = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/// A user as the API shows it.
export function userJson(user: User): { username: string; isAdmin: boolean } {
  return { username: user.username, isAdmin: user.isAdmin };
}

/// Register the session routes. Failed sign-ins are limited to `failuresPerMinute` per address (429 beyond).
export function sessionRoutes(app: FastifyInstance, ctx: ServerContext, failuresPerMinute = 20): void {
  const failures = new RateWindow(failuresPerMinute);

  app.post('/api/session', async (request, reply) => {
    const body = validate(credentials, request.body);
    // An address over the limit is refused before any password is checked.
    if (failures.exhausted(request.ip)) {
      throw new HttpError(429, 'too many failed sign-ins from your address; retry in a minute');
    }
    const session = await signIn(ctx.storage, body.username, body.password);
    if (!session) {
      failures.take(request.ip);
      ctx.storage.audit.record('session.failed', null, null, { username: body.username, ip: request.ip });
      throw new HttpError(401, 'wrong username or password');
    }
    ctx.storage.audit.record('session.create', session.user.id, null, { ip: request.ip });
    return reply.code(200).send({ token: session.token, user: userJson(session.user) });
  });

  app.register(async (api) => {
    requireAuth(api, ctx.storage);
    api.get('/api/session', async (request) => ({ user: userJson(currentUser(request)) }));
    api.delete('/api/session', async (request, reply) => {
      signOut(ctx.storage, request.token!);
      return reply.code(204).send();
    });
  });
}
