/// The open connections of each session — sync websockets and event streams — so that a session that
/// ends takes them with it: signing out, signing out everywhere, an administrator's `lifa user
/// signout`, expiry, or the user's removal. Sessions ended by this process close their connections at
/// once; those ended elsewhere (another process on the same database, the CLI) or expired are found by
/// sweep(), which the server runs every few seconds.
import type { Storage } from '../storage/interface.ts';
import type { LiveSession } from './sessions.ts';

/// Closes one connection, saying why.
export type CloseConnection = (reason: string) => void;

interface Entry {
  readonly userId: number;
  readonly connections: Set<CloseConnection>;
}

/// Open connections by session.
export class LiveConnections {
  private readonly sessions = new Map<string, Entry>();

  /// Record a connection of `session`, closed by `close` when the session ends. Returns the function
  /// to call when the connection closes by itself.
  add(session: LiveSession, close: CloseConnection): () => void {
    let entry = this.sessions.get(session.tokenHash);
    if (!entry)
      this.sessions.set(session.tokenHash, (entry = { userId: session.user.id, connections: new Set() }));
    const connections = entry.connections;
    connections.add(close);
    return () => {
      connections.delete(close);
      if (connections.size === 0 && this.sessions.get(session.tokenHash)?.connections === connections) {
        this.sessions.delete(session.tokenHash);
      }
    };
  }

  /// How many connections are open, in all.
  get size(): number {
    let n = 0;
    for (const entry of this.sessions.values()) n += entry.connections.size;
    return n;
  }

  /// Close every connection of the session stored under `tokenHash`. Returns how many.
  endSession(tokenHash: string, reason: string): number {
    const entry = this.sessions.get(tokenHash);
    if (!entry) return 0;
    this.sessions.delete(tokenHash);
    for (const close of [...entry.connections]) close(reason);
    return entry.connections.size;
  }

  /// Close every connection of every session of user `userId`. Returns how many.
  endUser(userId: number, reason: string): number {
    let n = 0;
    for (const [tokenHash, entry] of [...this.sessions]) {
      if (entry.userId === userId) n += this.endSession(tokenHash, reason);
    }
    return n;
  }

  /// Close the connections of every session `storage` no longer holds as live (ended elsewhere, expired,
  /// or its user removed). Returns how many connections were closed.
  async sweep(storage: Storage, now = Date.now()): Promise<number> {
    let n = 0;
    for (const tokenHash of [...this.sessions.keys()]) {
      if (!(await storage.sessions.lookup(tokenHash, now)))
        n += this.endSession(tokenHash, 'your session ended; sign in again');
    }
    return n;
  }
}
