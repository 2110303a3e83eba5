/// Shingles of a fingerprint text: every run of `size` consecutive tokens, hashed to 32 bits. A
/// token is a word (a run of letters, digits and combining marks; apostrophes inside a word are
/// ignored, so "it's" and "its" are one word) or a single Chinese or Japanese character — so a
/// Chinese text is shingled by characters and an English text by words, and a mixed text by both,
/// without asking which language it is in. Punctuation and spaces only separate tokens.

/// Tokens per shingle unless a caller says otherwise: 3 (three words, or three characters).
export const defaultShingleSize = 3;

const separator = 0;
const wordChar = 1;
const ideograph = 2;
const ignored = 3;
let classes: Uint8Array | undefined;

// One byte per UTF-16 code unit, built on first use (about 10 ms). Surrogates count as word
// characters, so a character outside the BMP stays whole inside its word.
function charClasses(): Uint8Array {
  if (classes) return classes;
  const table = new Uint8Array(0x10000);
  const letter = /[\p{L}\p{N}\p{M}]/u;
  const han = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) table[c] = wordChar;
    else {
      const ch = String.fromCharCode(c);
      table[c] = han.test(ch) ? ideograph : letter.test(ch) ? wordChar : separator;
    }
  }
  table[0x27] = ignored; // '
  table[0x2019] = ignored; // ’
  return (classes = table);
}

const fnvOffset = 0x811c9dc5 | 0;
const fnvPrime = 0x01000193;

/// Writes the distinct shingle hashes of `text` into `out` (which must have room for
/// `text.length` values; more is fine) and returns how many there are, in first-seen order. A text
/// with fewer than `size` tokens has one shingle (all its tokens); a text with no tokens has none.
/// `scratch` is working space of at least `text.length` values; `seen`, for removing repeats, an
/// Int32Array whose length is a power of two at least twice `text.length` (see `scratchSize`).
/// Their contents are overwritten. Throws RangeError when `size` is not an integer from 1 to 8.
export function shingleInto(
  text: string,
  size: number,
  out: Uint32Array,
  scratch: Int32Array,
  seen: Int32Array,
): number {
  if (!Number.isInteger(size) || size < 1 || size > 8)
    throw new RangeError(`Shingle size ${size} is not 1…8`);
  const tokens = tokenize(text, scratch);
  if (tokens === 0) return 0;
  if (tokens < size) {
    out[0] = combine(scratch, 0, tokens) >>> 0;
    return 1;
  }
  // Open addressing on a table at least twice the number of shingles; 0 marks an empty slot.
  const slots = Math.min(seen.length, scratchSize(tokens));
  const mask = slots - 1;
  seen.fill(0, 0, slots);
  let count = 0;
  for (let i = 0; i + size <= tokens; i++) {
    const h = combine(scratch, i, size);
    let slot = h ^ (h >>> 15);
    for (;;) {
      slot &= mask;
      const s = seen[slot];
      if (s === h || s === 0) break;
      slot++;
    }
    if (seen[slot] === h) continue;
    seen[slot] = h;
    out[count++] = h >>> 0;
  }
  return count;
}

// Token hashes of `text` into `tokens`; returns how many. A word is hashed with FNV-1a over its
// UTF-16 code units; an ideograph is a one-character word.
function tokenize(text: string, tokens: Int32Array): number {
  const table = charClasses();
  let n = 0;
  let word = fnvOffset;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = c < 0x80 ? asciiClass(c) : table[c];
    if (cls === wordChar) {
      word = Math.imul(word ^ c, fnvPrime);
      inWord = true;
    } else if (cls !== ignored) {
      if (inWord) {
        tokens[n++] = word;
        word = fnvOffset;
        inWord = false;
      }
      if (cls === ideograph) tokens[n++] = Math.imul(fnvOffset ^ c, fnvPrime);
    }
  }
  if (inWord) tokens[n++] = word;
  return n;
}

// The hash of `length` tokens from `start`, in order; never 0 (which marks an empty slot).
function combine(tokens: Int32Array, start: number, length: number): number {
  let h = 0;
  for (let j = start; j < start + length; j++) h = (Math.imul(h, 0x9e3779b1) + tokens[j]) | 0;
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

function asciiClass(c: number): number {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)) return wordChar;
  return c === 0x27 ? ignored : separator;
}

/// The distinct shingle hashes of `text` (a fingerprint text; see `fingerprintText`), sorted
/// ascending. `size` tokens per shingle, defaulting to `defaultShingleSize`. Text with fewer tokens
/// than `size` has one shingle; text without tokens has none. Throws RangeError when `size` is not
/// an integer from 1 to 8.
export function shingles(text: string, size: number = defaultShingleSize): Uint32Array {
  const out = new Uint32Array(text.length + 1);
  const count = shingleInto(
    text,
    size,
    out,
    new Int32Array(text.length),
    new Int32Array(scratchSize(text.length)),
  );
  return out.slice(0, count).sort();
}

/// The smallest power of two at least twice `length` (and at least 16): the size of the scratch
/// table `shingleInto` needs for a text of that length.
export function scratchSize(length: number): number {
  let n = 16;
  while (n < 2 * length) n *= 2;
  return n;
}
