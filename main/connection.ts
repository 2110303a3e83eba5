/// Which server the window talks to: the embedded local server, or a team server the user signed in to
/// (remembered per profile, its session token encrypted with the OS keychain), and switching between them.
import type { ServerConnection, TeamServerSignIn } from './host-api.ts';
import type { SettingsStore } from './settings.ts';

/// The embedded local server, as the window reaches it.
export interface LocalEndpoint {
  /// `http://127.0.0.1:PORT`.
  readonly url: string;
  /// The local owner's session token.
  readonly token?: string;
  /// The local owner's user name.
  readonly username?: string;
}

/// Encrypts the team server's token for the settings file: Electron's safeStorage, or a test double.
export interface TokenVault {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/// An expected failure of connecting to a team server; its message is fit to show the user.
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/// The origin of a team server URL. Throws ConnectionError unless it is `https://host[:port]` (a path
/// is allowed and dropped), or `http://` on a loopback address; user name and password in the URL are refused.
export function teamServerOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ConnectionError(`Not a URL: ${url}`);
  }
  if (parsed.username || parsed.password)
    throw new ConnectionError('A server URL may not contain a user name or password');
  if (parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname)) return parsed.origin;
  if (parsed.protocol === 'http:')
    throw new ConnectionError(`A team server must use https: ${parsed.origin}`);
  throw new ConnectionError(`Not a web address: ${url}`);
}

/// Sign in to the team server at `origin` (`POST /api/session`). Resolves to its session token and the
/// user name; rejects with a ConnectionError saying why (unreachable, wrong password, not a Lifa server).
/// Gives up after `timeoutMs` (defaults to 15 seconds).
export async function signInToTeamServer(
  origin: string,
  username: string,
  password: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 15_000,
): Promise<{ readonly token: string; readonly username: string }> {
  let response: Response;
  try {
    response = await fetchImpl(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectionError(`Cannot reach ${origin}: ${reason}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!response.ok) {
    // Lifa servers answer `{error, detail}`; detail is the sentence for people.
    const detail =
      typeof record.detail === 'string' && record.detail !== ''
        ? record.detail
        : typeof record.error === 'string'
          ? record.error
          : `HTTP ${response.status}`;
    throw new ConnectionError(`Sign-in to ${origin} failed: ${detail}`);
  }
  const user = (typeof record.user === 'object' && record.user !== null ? record.user : {}) as Record<
    string,
    unknown
  >;
  if (typeof record.token !== 'string' || record.token === '') {
    throw new ConnectionError(`${origin} did not answer like a Lifa server`);
  }
  return { token: record.token, username: typeof user.username === 'string' ? user.username : username };
}

/// The connection of one profile: local by default, the remembered team server otherwise.
export class Connections {
  private teamToken: string | undefined;

  /// `local` is the embedded server; `store` the profile's settings, where the team server is
  /// remembered; `vault` encrypts its token (without encryption the token is kept for this run only).
  constructor(
    private readonly local: LocalEndpoint,
    private readonly store: SettingsStore,
    private readonly vault: TokenVault,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    const remembered = store.value.teamServer;
    if (remembered?.encryptedToken && vault.isEncryptionAvailable()) {
      try {
        this.teamToken = vault.decryptString(Buffer.from(remembered.encryptedToken, 'base64'));
      } catch {
        // A token from another machine or keychain: the user signs in again.
        this.teamToken = undefined;
      }
    }
  }

  /// The server to use now. A remembered team server whose token could not be recovered comes
  /// without a token, so the UI asks the user to sign in again.
  current(): ServerConnection {
    const team = this.store.value.teamServer;
    if (team) {
      return {
        kind: 'team',
        url: team.url,
        username: team.username,
        ...(this.teamToken ? { token: this.teamToken } : {}),
      };
    }
    return {
      kind: 'local',
      url: this.local.url,
      ...(this.local.token ? { token: this.local.token } : {}),
      ...(this.local.username ? { username: this.local.username } : {}),
    };
  }

  /// The team server's origin while one is in use.
  teamOrigin(): string | undefined {
    return this.store.value.teamServer?.url;
  }

  /// Sign in to a team server and use it from now on. Rejects with a ConnectionError (and changes
  /// nothing) when the URL is refused or the sign-in fails.
  async connectTeam(signIn: TeamServerSignIn): Promise<ServerConnection> {
    const origin = teamServerOrigin(signIn.url);
    const session = await signInToTeamServer(origin, signIn.username, signIn.password, this.fetchImpl);
    const encryptedToken = this.vault.isEncryptionAvailable()
      ? this.vault.encryptString(session.token).toString('base64')
      : undefined;
    this.store.update((settings) => ({
      ...settings,
      teamServer: { url: origin, username: session.username, ...(encryptedToken ? { encryptedToken } : {}) },
    }));
    this.teamToken = session.token;
    return this.current();
  }

  /// Go back to the local server: end the team session (best effort, within 5 seconds) and forget it.
  async useLocal(): Promise<ServerConnection> {
    const team = this.store.value.teamServer;
    const token = this.teamToken;
    this.store.update((settings) => {
      const { teamServer: _dropped, ...rest } = settings;
      return rest;
    });
    this.teamToken = undefined;
    if (team && token) {
      try {
        await this.fetchImpl(`${team.url}/api/session`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
          redirect: 'error',
          signal: AbortSignal.timeout(5_000),
        });
      } catch {
        // The session expires on its own; the local server is in use either way.
      }
    }
    return this.current();
  }
}
