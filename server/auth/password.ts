/// Password hashing with scrypt (node:crypto). A hash is stored as `scrypt$N$r$p$salt$key`, salt and
/// key in base64, so the cost can be raised later without invalidating old hashes: a hash below the
/// current cost is replaced at the next successful sign-in (see needsRehash).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

/// The scrypt cost (N) of new hashes: 2^17, with r = 8 and p = 1, as OWASP recommends. One check
/// takes about 128 MiB and a few hundred milliseconds of one thread.
export const defaultPasswordCost = 2 ** 17;

const blockSize = 8;
const parallelism = 1;
const keyLength = 32;

function derive(password: string, salt: Buffer, options: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>>) {
  // scrypt needs 128·N·r bytes; allow twice that.
  const maxmem = 256 * options.N * options.r;
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/// Whether `cost` is a power of two from 2 to 2^20. Throws nothing.
export function isPasswordCost(cost: unknown): cost is number {
  return (
    typeof cost === 'number' &&
    Number.isInteger(cost) &&
    cost >= 2 &&
    cost <= 2 ** 20 &&
    (cost & (cost - 1)) === 0
  );
}

/// Hash `password` with a fresh random salt at scrypt cost `cost` (defaults to defaultPasswordCost).
/// Runs off the main thread (libuv's pool). Throws RangeError for a cost that is not a power of two
/// from 2 to 2^20.
export async function hashPassword(password: string, cost = defaultPasswordCost): Promise<string> {
  if (!isPasswordCost(cost)) throw new RangeError(`Invalid scrypt cost ${cost}: a power of two up to 2^20`);
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: cost, r: blockSize, p: parallelism });
  return ['scrypt', cost, blockSize, parallelism, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Parsed {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20 || r > 32 || p > 16)
    return undefined;
  const key = Buffer.from(parts[5], 'base64');
  if (key.length !== keyLength) return undefined;
  return { N, r, p, salt: Buffer.from(parts[4], 'base64'), key };
}

/// Whether `password` matches `stored` (a hashPassword result). A malformed `stored` never matches.
/// Comparison is in constant time.
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed);
  return timingSafeEqual(key, parsed.key);
}

/// Whether `stored` (a hash that just matched) was made at less than `cost` or with other parameters
/// than hashPassword uses now, and so should be replaced by a fresh hash.
export function needsRehash(stored: string, cost = defaultPasswordCost): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N < cost || parsed.r !== blockSize || parsed.p !== parallelism;
}

const dummies = new Map<number, Promise<string>>();

/// A hash of a random password at `cost` (made once per cost, on first use): verifying any password
/// against it costs the same as a real check and fails, so a sign-in for an unknown user takes as
/// long as one with a wrong password.
export function dummyHash(cost = defaultPasswordCost): Promise<string> {
  let dummy = dummies.get(cost);
  if (!dummy) dummies.set(cost, (dummy = hashPassword(randomBytes(16).toString('hex'), cost)));
  return dummy;
}
