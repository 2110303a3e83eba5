/// Plain text in any common encoding: a byte order mark decides (UTF-8, UTF-16 LE/BE); else UTF-8
/// when the bytes are valid UTF-8; else GB18030 (which includes GBK and GB2312) when they are valid
/// GB18030; else Windows-1252, which takes any byte. The decoders are the runtime's own (ICU).

/// The encodings textOf may report.
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

/// The text of `bytes` and the encoding it was read in.
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decode('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  }
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      // not this one
    }
  }
  return { text: decode('windows-1252', bytes), encoding: 'windows-1252' };
}

function decode(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/// Whether the first bytes of a file look like plain text: a UTF-16 byte order mark, or no NUL
/// byte and few control characters other than tab, line feed, carriage return and form feed.
export function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control * 100 <= head.length;
}
