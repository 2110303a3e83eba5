/// Signing in and resolving tokens to users, over the storage's users and sessions.
import type { Storage } from '../storage/interface.ts';
import type { User } from '../storage/users.ts';
import { defaultPasswordCost, dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import { hashToken, isTokenShaped, newToken } from './tokens.ts';

/// How long a session lasts: 30 days.
export const sessionLifetime = 30 * 24 * 60 * 60 * 1000;

/// Start a session for `user`: store the token's hash and return the token.
export async function startSession(
  storage: Storage,
  user: User,
  lifetime = sessionLifetime,
): Promise<string> {
  const token = newToken();
  await storage.sessions.create(hashToken(token), user.id, Date.now() + lifetime);
  return token;
}

/// Check `username` and `password`; on success start a session and return `{token, user}`, else
/// undefined. Takes as long for an unknown user as for a wrong password. A stored hash below `cost`
/// (scrypt N, defaults to defaultPasswordCost) is replaced by one at `cost`.
export async function signIn(
  storage: Storage,
  username: string,
  password: string,
  cost = defaultPasswordCost,
): Promise<{ token: string; user: User } | undefined> {
  const credentials = await storage.users.credentials(username);
  const ok = await verifyPassword(password, credentials?.passwordHash ?? (await dummyHash(cost)));
  if (!credentials || !ok || storage.isClosed) return undefined;
  if (needsRehash(credentials.passwordHash, cost)) {
    const fresh = await hashPassword(password, cost);
    if (storage.isClosed) return undefined;
    await storage.users.setPasswordHash(credentials.id, fresh);
  }
  const user: User = { id: credentials.id, username: credentials.username, isAdmin: credentials.isAdmin };
  return { token: await startSession(storage, user), user };
}

/// The user whose live session `token` is, or undefined for a missing, malformed, unknown or expired token.
export async function authenticate(storage: Storage, token: unknown): Promise<User | undefined> {
  return (await authenticateSession(storage, token))?.user;
}

/// A live session: its user and the hash its token is stored under (which names the session without
/// holding the token).
export interface LiveSession {
  readonly user: User;
  readonly tokenHash: string;
}

/// The live session of `token`, or undefined for a missing, malformed, unknown or expired token.
export async function authenticateSession(
  storage: Storage,
  token: unknown,
): Promise<LiveSession | undefined> {
  if (!isTokenShaped(token)) return undefined;
  return sessionByHash(storage, hashToken(token));
}

/// The live session stored under `tokenHash`, or undefined when it ended or expired.
export async function sessionByHash(storage: Storage, tokenHash: string): Promise<LiveSession | undefined> {
  const user = await storage.sessions.lookup(tokenHash);
  return user && { user, tokenHash };
}

/// End the session of `token` (nothing happens for an unknown token).
export async function signOut(storage: Storage, token: string): Promise<void> {
  if (isTokenShaped(token)) await storage.sessions.delete(hashToken(token));
}
