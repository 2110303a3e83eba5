/// The embedded server of the desktop app: server/app.ts's createServer in local mode — loopback on a
/// random port, one local owner with a fresh token, SQLite in the profile's user-data folder, seeded
/// from the drafts on first run — started before the window opens and stopped when the app quits.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { createServer, localUsername } from '../server/app.ts';
import type { LifaServer } from '../server/app.ts';
import { localDataDir } from './launch.ts';

/// Options of startEmbeddedServer.
export interface EmbeddedServerOptions {
  /// The profile's user-data folder; the database lives in its `data` folder.
  readonly userData: string;
  /// The built UI to serve at `/`, or null for none.
  readonly rendererDir: string | null;
  /// The seed drafts for a new database, or null for none.
  readonly seedDir: string | null;
  /// Where the server logs. Defaults to `server.log` in the user-data folder's `logs` folder.
  readonly logger?: Logger | false;
}

/// The running embedded server.
export interface EmbeddedServer {
  /// `http://127.0.0.1:PORT`: the app's own origin.
  readonly url: string;
  /// The local owner's session token, for the window.
  readonly token: string;
  /// The local owner's user name.
  readonly username: string;
  /// The server itself (for tests and diagnostics).
  readonly server: LifaServer;
  /// Stop the server and close the database. A second call returns the same promise.
  close(): Promise<void>;
}

/// A logger writing to `logs/server.log` in `userData` (created when missing).
export function fileLogger(userData: string): Logger {
  const dir = join(userData, 'logs');
  mkdirSync(dir, { recursive: true });
  return pino(
    { level: 'info' },
    pino.destination({ dest: join(dir, 'server.log'), sync: false, mkdir: true }),
  );
}

/// Start the embedded server for the profile in `options.userData`. Rejects when the database cannot
/// be opened (another process holds it, a newer schema) or no port can be bound.
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const server = await createServer({
    local: true,
    host: '127.0.0.1',
    port: 0,
    dataDir: localDataDir(options.userData),
    seedDir: options.seedDir,
    rendererDir: options.rendererDir,
    logger: options.logger ?? fileLogger(options.userData),
  });
  if (server.token === undefined) {
    await server.close();
    throw new Error('The local server started without a local session');
  }
  return {
    url: server.url,
    token: server.token,
    username: localUsername,
    server,
    close: () => server.close(),
  };
}
