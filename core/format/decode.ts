/// Bytes of a law file to text: UTF-8 only, checked, so that a wrong file gets a clear problem
/// with a line number instead of a law full of replacement characters.
import { findForbiddenCharacter } from '../text.ts';
import type { LawProblem } from './problem.ts';

/// Decode `bytes` as UTF-8 text, dropping a byte order mark. Fails with a problem at the line of
/// the first bad byte: a NUL byte gives "binary data (NUL byte)", a byte that cannot stand where it
/// stands in UTF-8 (a stray continuation byte, a truncated, overlong or surrogate sequence, a code
/// point above U+10FFFF) gives "not UTF-8 text (byte 0xff)", naming the first byte of the bad
/// sequence; another control character than tab, line feed and carriage return gives "control
/// character U+0007 at column 3" (core/text.ts: no text holding one is stored). Never throws.
export function decodeLawBytes(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: LawProblem } {
  const bad = firstBadByte(bytes);
  if (bad >= 0) {
    const byte = bytes[bad];
    const message =
      byte === 0 ? 'binary data (NUL byte)' : `not UTF-8 text (byte 0x${byte.toString(16).padStart(2, '0')})`;
    return { ok: false, problem: { line: lineAt(bytes, bad), message } };
  }
  try {
    // ignoreBOM: false (the default) drops a leading BOM.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    const control = findForbiddenCharacter(text);
    if (control) {
      return {
        ok: false,
        problem: { line: control.line, message: `${control.what} at column ${control.column}` },
      };
    }
    return { ok: true, text };
  } catch {
    // Not reached: firstBadByte accepts exactly what the decoder accepts.
    return { ok: false, problem: { line: 1, message: 'not UTF-8 text' } };
  }
}

// The index of the first NUL byte or the start of the first ill-formed UTF-8 sequence, or -1.
// The ranges are those of the Unicode Standard, table 3-7 (well-formed UTF-8 byte sequences).
function firstBadByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 0) return i;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1];
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += length;
  }
  return -1;
}

// 1-based line of the byte at `index`: LF, CRLF and a lone CR each end a line.
function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) line++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}
