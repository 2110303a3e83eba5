/// Session tokens: 32 random bytes, base64url, handed to the client once. The database keeps only
/// their SHA-256, so a leaked database does not leak sessions.
import { createHash, randomBytes } from 'node:crypto';

/// A fresh random session token (43 characters of base64url).
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/// The hash under which `token` is stored.
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/// Whether `value` has the shape of a token (so junk never reaches the database).
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{20,128}$/.test(value);
}
