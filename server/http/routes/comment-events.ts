/// `GET /api/drafts/:id/events`: a server-sent event stream of the draft's comment changes
/// (`comment.created`, `comment.updated`, each with the comment as the reader may see it) and
/// suggestion changes (`suggestion.created`, `suggestion.updated`), so open clients learn of them at
/// once. The session token comes as a Bearer header, or for EventSource (which cannot set headers)
/// as a single-use `?ticket=` (POST /api/drafts/:id/ticket) or `?token=`. The reader's access is
/// checked again before every event: a revoked role ends the stream, and so does the end of the
/// session (at once, through LiveConnections).
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isValidId } from '../../../core/index.ts';
import { draftAccess } from '../../auth/access.ts';
import type { DraftAccess } from '../../auth/access.ts';
import { sessionByHash } from '../../auth/sessions.ts';
import type { LiveSession } from '../../auth/sessions.ts';
import { authenticateConnection } from '../../auth/tickets.ts';
import { commentEvents } from '../../comments/events.ts';
import type { CommentEvent } from '../../comments/events.ts';
import { commentJson } from '../../comments/view.ts';
import { suggestionEvents } from '../../suggestions/events.ts';
import type { SuggestionEvent } from '../../suggestions/events.ts';
import { suggestionJson } from '../../suggestions/view.ts';
import { bearerToken } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { checkOrigin } from '../security.ts';
import { repositories } from '../unconverted.ts';

/// Options of commentEventRoutes.
export interface CommentEventOptions {
  /// Interval of keep-alive comments on an idle stream. Defaults to 20 seconds.
  readonly heartbeat?: number;
}

const params = z.object({ id: z.string() });
const query = z.object({ token: z.string().max(200).optional(), ticket: z.string().max(200).optional() });

/// Register the event stream route (outside requireAuth: it reads the token itself).
export function commentEventRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: CommentEventOptions = {},
): void {
  const { store } = ctx;
  const storage = repositories(ctx); // TRANSITION: 503 on PostgreSQL (http/unconverted.ts)
  const hub = commentEvents(storage);
  const heartbeat = options.heartbeat ?? 20_000;
  const open = new Set<() => void>();

  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/api/drafts/:id/events', async (request, reply) => {
    const { id } = validate(params, request.params, 'params');
    checkOrigin(request, ctx.allowedOrigins);
    const { token: queryToken, ticket } = validate(query, request.query, 'query');
    const token = bearerToken(request) ?? queryToken ?? null;
    const session = await authenticateConnection(store, ctx.tickets, { token, ticket }, id);
    if (!session) throw new HttpError(401, 'a valid bearer token or ticket is required (POST /api/session)');
    const user = session.user;
    const access = isValidId(id) ? await draftAccess(store, user, id) : undefined;
    if (!access) throw new HttpError(404, `no draft ${isValidId(id) ? id : ''}`.trim());

    reply.hijack();
    const res: ServerResponse = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\nevent: ready\ndata: {}\n\n`);

    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      open.delete(end);
      forget();
      unsubscribe();
      clearInterval(timer);
      res.end();
    };
    // Access may have changed since the stream opened: each event is sent after checking it again,
    // in the order the events came (the checks read storage, so they wait in line).
    let line: Promise<void> = Promise.resolve();
    const checked = (write: (now: LiveSession, still: DraftAccess) => void) => {
      line = line
        .then(async () => {
          if (ended) return;
          const now = await sessionByHash(store, session.tokenHash);
          const still = now && (await draftAccess(store, now.user, id));
          if (ended) return;
          if (!now || !still) return end();
          write(now, still);
        })
        .catch((error: unknown) => {
          ctx.logger.error({ err: error, draft: id }, 'could not check an event stream against storage');
          end();
        });
    };
    const send = (event: CommentEvent) =>
      checked((now, still) => {
        const json = commentJson(
          event.comment,
          { viewer: still.role, userId: now.user.id },
          still.draft.language,
          // TRANSITION: attachments are not on PostgreSQL yet; there comments have none.
          ctx.storage ? storage.attachments.ofComment(event.comment.id) : [],
        );
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(json)}\n\n`);
      });
    const sendSuggestion = (event: SuggestionEvent) =>
      checked((now) => {
        res.write(
          `event: ${event.type}\ndata: ${JSON.stringify(suggestionJson(event.suggestion, now.user.id))}\n\n`,
        );
      });
    const unsubscribeComments = hub.subscribe(id, send);
    const unsubscribeSuggestions = suggestionEvents(storage).subscribe(id, sendSuggestion);
    const unsubscribe = () => {
      unsubscribeComments();
      unsubscribeSuggestions();
    };
    const forget = ctx.live.add(session, end);
    const timer = setInterval(() => res.write(': keep-alive\n\n'), heartbeat);
    timer.unref();
    open.add(end);
    request.raw.on('close', end);
    res.on('error', end);
  });
}
