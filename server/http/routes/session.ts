/// Signing in and out: `POST /api/session {username, password}` → `{token, user}`;
/// `GET /api/session` → `{user}`; `DELETE /api/session` ends the session, `DELETE /api/sessions` every
/// session of the user (sign out everywhere), each closing the sessions' open connections at once;
/// `POST /api/drafts/:id/ticket` → `{ticket, expiresIn}`, a single-use ticket for the draft's
/// websocket or event stream (see server/auth/tickets.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defaultPasswordCost } from '../../auth/password.ts';
import { signIn, signOut } from '../../auth/sessions.ts';
import { SignInBusyError, SignInGuard } from '../../auth/sign-in-guard.ts';
import type { SignInLimits } from '../../auth/sign-in-guard.ts';
import type { User } from '../../storage/users.ts';
import { hashToken } from '../../auth/tokens.ts';
import { currentUser, requireAuth, requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';

const idParams = z.object({ id: z.string() });

const credentials = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/// A user as the API shows it.
export function userJson(user: User): { username: string; isAdmin: boolean } {
  return { username: user.username, isAdmin: user.isAdmin };
}

/// Options of sessionRoutes.
export interface SessionRouteOptions {
  /// Limits of sign-in (see SignInLimits).
  readonly limits?: SignInLimits;
  /// scrypt cost (N) of password hashes. Defaults to defaultPasswordCost.
  readonly passwordCost?: number;
}

/// Register the session routes. Sign-ins go through a SignInGuard: 429 with Retry-After beyond its limits.
export function sessionRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: SessionRouteOptions = {},
): void {
  const guard = new SignInGuard(options.limits);
  const cost = options.passwordCost ?? defaultPasswordCost;

  app.post('/api/session', async (request, reply) => {
    const body = validate(credentials, request.body);
    // The guess is counted before its password is checked, so concurrent guesses cannot overtake the limit.
    const admitted = guard.admit(request.ip, body.username);
    if (!admitted.ok) {
      reply.header('retry-after', String(admitted.retryAfterSeconds));
      throw new HttpError(429, admitted.reason);
    }
    let session;
    try {
      session = await guard.check(() => signIn(ctx.store, body.username, body.password, cost));
    } catch (error) {
      if (!(error instanceof SignInBusyError)) throw error;
      admitted.succeeded(); // not checked, so not a guess
      reply.header('retry-after', String(error.retryAfterSeconds));
      throw new HttpError(429, error.message);
    }
    if (!session) {
      await ctx.store.audit.record('session.failed', null, null, { username: body.username, ip: request.ip });
      throw new HttpError(401, 'wrong username or password');
    }
    admitted.succeeded();
    await ctx.store.audit.record('session.create', session.user.id, null, { ip: request.ip });
    return reply.code(200).send({ token: session.token, user: userJson(session.user) });
  });

  app.register(async (api) => {
    requireAuth(api, ctx.store);
    api.get('/api/session', async (request) => ({ user: userJson(currentUser(request)) }));

    api.delete('/api/session', async (request, reply) => {
      const tokenHash = hashToken(request.token!);
      await signOut(ctx.store, request.token!); // its tickets go with it
      ctx.live.endSession(tokenHash, 'you signed out');
      await ctx.store.audit.record('session.end', currentUser(request).id, null);
      return reply.code(204).send();
    });

    api.delete('/api/sessions', async (request) => {
      const user = currentUser(request);
      const sessions = await ctx.store.sessions.deleteForUser(user.id);
      ctx.live.endUser(user.id, 'you signed out everywhere');
      await ctx.store.audit.record('session.end-all', user.id, null, { sessions });
      return { sessions };
    });

    api.post('/api/drafts/:id/ticket', async (request, reply) => {
      const { id } = validate(idParams, request.params, 'params');
      await requireDraft(ctx.store, request, id, 'read');
      const ticket = await ctx.tickets.issue(hashToken(request.token!), id);
      reply.header('cache-control', 'no-store');
      return { ticket, expiresIn: ctx.tickets.lifetime / 1000 };
    });
  });
}
