/// Stable ids for chapters, sections and articles: short, random, never reused.

const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';

/// A function that returns a fresh id each time it is called.
export type IdGenerator = () => string;

/// A fresh random id: 10 characters from a 32-letter alphabet (50 bits), drawn from the platform's CSPRNG.
export const randomId: IdGenerator = () => {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += alphabet[byte & 31];
  return id;
};

/// An id generator that yields `prefix1`, `prefix2`, … — for tests and reproducible exports.
export function sequentialIds(prefix = 'a'): IdGenerator {
  let n = 0;
  return () => `${prefix}${++n}`;
}

/// Whether `value` has the shape of an id: 1–32 letters, digits, `-` or `_`.
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(value);
}
