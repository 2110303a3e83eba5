/// The Fastify application: JSON API under `/api`, the sync endpoint at `/sync/:draftId`, the
/// renderer at `/`. One error handler gives every refusal the `{error, detail}` shape.
import multipart from '@fastify/multipart';
import { refuseStrayMultipart } from '../attachments/multipart.ts';
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { bearerToken, requireAuth } from './auth.ts';
import type { ServerContext } from './context.ts';
import { HttpError, installErrorHandlers } from './errors.ts';
import { requestForLog } from './log.ts';
import { checkOrigin, securityHeaders } from './security.ts';
import { checkTextInput } from './text-check.ts';
import { amendmentRoutes } from './routes/amendment.ts';
import { clerkRoutes } from './routes/clerk.ts';
import { commentEventRoutes } from './routes/comment-events.ts';
import { commentRoutes } from './routes/comments.ts';
import { compareRoutes } from './routes/compare.ts';
import { draftRoutes } from './routes/drafts.ts';
import { memberRoutes } from './routes/members.ts';
import { publicRoutes } from './routes/public.ts';
import { recordRoutes } from './routes/record.ts';
import type { PublicCommentOptions } from './routes/public.ts';
import type { ProofOptions } from '../comments/proof.ts';
import { attachmentRoutes, publicAttachmentRoutes } from './routes/attachments.ts';
import type { SignInLimits } from '../auth/sign-in-guard.ts';
import { sessionRoutes } from './routes/session.ts';
import { suggestionRoutes } from './routes/suggestions.ts';
import { versionRoutes } from './routes/versions.ts';
import { staticRoutes } from './static.ts';

/// Options of buildHttpApp.
export interface HttpOptions {
  /// Limits of sign-in: failures per address and per username, concurrent password checks.
  readonly signIn?: SignInLimits;
  /// scrypt cost (N) of password hashes; older hashes are raised to it at sign-in. Defaults to 2^17.
  readonly passwordCost?: number;
  /// Take the client address from X-Forwarded-For (behind a reverse proxy): true trusts every hop, a
  /// string only the listed proxies (comma-separated addresses or CIDR ranges). Defaults to false:
  /// the address of the connection, whatever a client writes into its headers.
  readonly trustProxy?: boolean | string;
  /// Extra route modules of later features, registered under requireAuth.
  readonly routes?: ReadonlyArray<(app: FastifyInstance, ctx: ServerContext) => void>;
  /// Rate and size limits of the public comment page. Defaults: see PublicCommentOptions.
  readonly publicComments?: PublicCommentOptions;
  /// The proof-of-work check of the public comment form: on with the default difficulty, on with
  /// these options, or 'off' (closed intranets, scripted tests). Defaults to on.
  readonly publicProof?: ProofOptions | 'off';
  /// Origins (`https://host[:port]`, or `scheme://host:*` for any port) whose pages may open the sync
  /// websocket and event streams, besides the server's own origin and loopback pages (the desktop
  /// app). Defaults to none.
  readonly allowedOrigins?: readonly string[];
}

/// Build (but do not start) the application over `ctx`.
export async function buildHttpApp(ctx: ServerContext, options: HttpOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Requests are logged without the tokens in their URLs (log.ts).
    loggerInstance: ctx.logger.child({}, { serializers: { req: requestForLog } }) as FastifyBaseLogger,
    bodyLimit: ctx.limits.maxMessageSize,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
  });
  app.decorateRequest('user', null);
  app.decorateRequest('token', null);
  installErrorHandlers(app);
  securityHeaders(app);
  checkTextInput(app);
  // Comments with attachments come as multipart/form-data; each route reads its parts itself,
  // within the attachment limits (server/attachments/multipart.ts).
  await app.register(multipart, { attachFieldsToBody: false, throwFileSizeLimit: false });
  refuseStrayMultipart(app);
  // Frames up to twice the limit reach the endpoint, which refuses those above it with a reason;
  // ws itself drops anything larger (code 1009 alone) without buffering it.
  await app.register(websocket, {
    options: { maxPayload: 2 * ctx.limits.maxMessageSize },
    errorHandler: (error, socket) => {
      ctx.logger.debug({ err: error }, 'websocket error');
      socket.terminate();
    },
  });

  // Says only that the server answers: how many drafts and connections it holds is nobody's business.
  app.get('/api/health', async () => ({ status: 'ok' }));

  sessionRoutes(app, ctx, { limits: options.signIn, passwordCost: options.passwordCost });
  await publicRoutes(app, ctx, options.publicComments, options.publicProof);
  publicAttachmentRoutes(app, ctx);
  commentEventRoutes(app, ctx);

  await app.register(async (api) => {
    requireAuth(api, ctx.store);
    draftRoutes(api, ctx);
    memberRoutes(api, ctx);
    versionRoutes(api, ctx);
    compareRoutes(api, ctx);
    amendmentRoutes(api, ctx);
    commentRoutes(api, ctx);
    clerkRoutes(api, ctx);
    suggestionRoutes(api, ctx);
    recordRoutes(api, ctx);
    attachmentRoutes(api, ctx);
    for (const routes of options.routes ?? []) routes(api, ctx);
  });

  app.route<{ Params: { draftId: string }; Querystring: Record<string, unknown> }>({
    method: 'GET',
    url: '/sync/:draftId',
    // A page of another origin is refused before the upgrade (403).
    preValidation: async (request) => checkOrigin(request, ctx.allowedOrigins),
    handler: async () => {
      throw new HttpError(426, 'this is a websocket endpoint (y-websocket protocol)');
    },
    wsHandler: (socket, request) => {
      const query = request.query;
      const token = typeof query.token === 'string' ? query.token : bearerToken(request);
      const ticket = typeof query.ticket === 'string' ? query.ticket : null;
      ctx.sync.accept(socket, {
        draftId: request.params.draftId,
        credentials: { token, ticket },
        ip: request.ip,
      });
    },
  });

  staticRoutes(app, ctx.rendererDir);
  return app;
}
