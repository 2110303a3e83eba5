/// Single-use tickets for websockets and event streams. A browser cannot set headers on a WebSocket
/// or an EventSource, so it would have to put its session token in the URL, where proxies and logs
/// keep it. Instead it asks for a ticket (`POST /api/drafts/:id/ticket`, with its token as a Bearer
/// header) and opens the connection with `?ticket=`: the ticket is good for one connection to that
/// draft, within a minute, and only while the session it came from lasts. Tickets are kept in the
/// database (hashed), so a ticket one server process issued is good at any other.
import { randomBytes } from 'node:crypto';
import type { Storage } from '../storage/interface.ts';
import { authenticateSession, sessionByHash } from './sessions.ts';
import type { LiveSession } from './sessions.ts';
import { hashToken, isTokenShaped } from './tokens.ts';

/// How long a ticket is good for: 60 seconds.
export const defaultTicketLifetime = 60_000;

// Outstanding tickets per session: enough for every tab, not enough to fill the table.
const maxPerSession = 64;

/// Issues and redeems the tickets of one storage.
export class Tickets {
  /// `lifetime` in milliseconds; defaults to defaultTicketLifetime.
  constructor(
    private readonly storage: Storage,
    readonly lifetime = defaultTicketLifetime,
  ) {}

  /// A fresh ticket for one connection to `draftId` on behalf of the live session stored under
  /// `tokenHash`. A session with many outstanding tickets loses its oldest.
  async issue(tokenHash: string, draftId: string, now = Date.now()): Promise<string> {
    const ticket = randomBytes(32).toString('base64url');
    // Under a lock per session, so two requests at once cannot both see room for one more.
    await this.storage.transaction(
      async (tx) => {
        const tickets = tx.tickets;
        await tickets.purgeExpired(now);
        if ((await tickets.countForSession(tokenHash)) >= maxPerSession)
          await tickets.deleteOldest(tokenHash);
        await tickets.create(hashToken(ticket), {
          sessionHash: tokenHash,
          draftId,
          expiresAt: now + this.lifetime,
        });
      },
      { lock: `tickets:${tokenHash}` },
    );
    return ticket;
  }

  /// Use `ticket` for a connection to `draftId`: the hash of the session it was issued to, or
  /// undefined for an unknown, used or expired ticket, or one issued for another draft. A ticket
  /// presented once is gone, whether or not it fitted.
  async redeem(ticket: unknown, draftId: string, now = Date.now()): Promise<string | undefined> {
    if (!isTokenShaped(ticket)) return undefined;
    const grant = await this.storage.tickets.redeem(hashToken(ticket));
    return grant && grant.expiresAt > now && grant.draftId === draftId ? grant.sessionHash : undefined;
  }
}

/// How a websocket or an event stream says who it is: a session token (`?token=` or a Bearer header,
/// for scripts and the stock y-websocket client) or a ticket (`?ticket=`, for browsers).
export interface ConnectionCredentials {
  readonly token?: string | null;
  readonly ticket?: string | null;
}

/// The live session behind `credentials` for a connection to `draftId`, or undefined. A ticket is
/// used up by this call; a ticket whose session has ended since is worth nothing.
export async function authenticateConnection(
  storage: Storage,
  tickets: Tickets,
  credentials: ConnectionCredentials,
  draftId: string,
): Promise<LiveSession | undefined> {
  if (credentials.ticket) {
    const tokenHash = await tickets.redeem(credentials.ticket, draftId);
    return tokenHash === undefined ? undefined : sessionByHash(storage, tokenHash);
  }
  return credentials.token ? authenticateSession(storage, credentials.token) : undefined;
}
