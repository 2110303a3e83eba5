/// Single-use tickets for websockets and event streams. A browser cannot set headers on a WebSocket
/// or an EventSource, so it would have to put its session token in the URL, where proxies and logs
/// keep it. Instead it asks for a ticket (`POST /api/drafts/:id/ticket`, with its token as a Bearer
/// header) and opens the connection with `?ticket=`: the ticket is good for one connection to that
/// draft, within a minute, and only while the session it came from lasts. Tickets live in memory.
import { randomBytes } from 'node:crypto';
import type { Storage } from '../storage/storage.ts';
import { authenticateSession, sessionByHash } from './sessions.ts';
import type { LiveSession } from './sessions.ts';
import { hashToken, isTokenShaped } from './tokens.ts';

/// How long a ticket is good for: 60 seconds.
export const defaultTicketLifetime = 60_000;

// Outstanding tickets per session: enough for every tab, not enough to fill memory.
const maxPerSession = 64;

interface Grant {
  readonly tokenHash: string;
  readonly draftId: string;
  readonly expiresAt: number;
}

/// The outstanding tickets of one server.
export class Tickets {
  private readonly grants = new Map<string, Grant>();

  /// `lifetime` in milliseconds; defaults to defaultTicketLifetime.
  constructor(readonly lifetime = defaultTicketLifetime) {}

  /// A fresh ticket for one connection to `draftId` on behalf of the session stored under `tokenHash`.
  issue(tokenHash: string, draftId: string, now = Date.now()): string {
    this.purge(now);
    let outstanding = 0;
    for (const grant of this.grants.values()) if (grant.tokenHash === tokenHash) outstanding++;
    if (outstanding >= maxPerSession) {
      // The oldest of this session's tickets makes way (Map keeps insertion order).
      for (const [key, grant] of this.grants) {
        if (grant.tokenHash === tokenHash) {
          this.grants.delete(key);
          break;
        }
      }
    }
    const ticket = randomBytes(32).toString('base64url');
    this.grants.set(hashToken(ticket), { tokenHash, draftId, expiresAt: now + this.lifetime });
    return ticket;
  }

  /// Use `ticket` for a connection to `draftId`: the hash of the session it was issued to, or
  /// undefined for an unknown, used or expired ticket, or one issued for another draft. A ticket
  /// presented once is gone, whether or not it fitted.
  redeem(ticket: unknown, draftId: string, now = Date.now()): string | undefined {
    if (!isTokenShaped(ticket)) return undefined;
    const key = hashToken(ticket);
    const grant = this.grants.get(key);
    if (!grant) return undefined;
    this.grants.delete(key);
    return grant.expiresAt > now && grant.draftId === draftId ? grant.tokenHash : undefined;
  }

  /// Forget every ticket of the session stored under `tokenHash` (it ended).
  revoke(tokenHash: string): void {
    for (const [key, grant] of this.grants) if (grant.tokenHash === tokenHash) this.grants.delete(key);
  }

  private purge(now: number): void {
    for (const [key, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(key);
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
export function authenticateConnection(
  storage: Storage,
  tickets: Tickets,
  credentials: ConnectionCredentials,
  draftId: string,
): LiveSession | undefined {
  if (credentials.ticket) {
    const tokenHash = tickets.redeem(credentials.ticket, draftId);
    return tokenHash === undefined ? undefined : sessionByHash(storage, tokenHash);
  }
  return credentials.token ? authenticateSession(storage, credentials.token) : undefined;
}
