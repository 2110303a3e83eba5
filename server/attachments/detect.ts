/// What a file is, told by its content (magic bytes), never by its name: PDF, Word (DOCX),
/// OpenDocument text (ODT), plain text, or an image (PNG, JPEG, GIF, WebP). Anything else is refused.
import type { AttachmentType } from '../../core/index.ts';
import { looksLikeText } from './extract/txt.ts';

/// A recognised file: its type and media type.
export interface DetectedType {
  readonly type: AttachmentType;
  readonly mediaType: string;
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: Uint8Array, at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function indexOf(bytes: Uint8Array, needle: Uint8Array, from = 0, to = bytes.length): number {
  const last = Math.min(to, bytes.length) - needle.length;
  outer: for (let i = from; i <= last; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

const pdf = ascii('%PDF-');
const zip = Uint8Array.of(0x50, 0x4b, 0x03, 0x04);
const odtMime = ascii('mimetypeapplication/vnd.oasis.opendocument.text');
const wordDocument = ascii('word/document.xml');
const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const jpeg = Uint8Array.of(0xff, 0xd8, 0xff);
const gif87 = ascii('GIF87a');
const gif89 = ascii('GIF89a');
const riff = ascii('RIFF');
const webp = ascii('WEBP');

/// The media types of the attachment types (images have their own).
export const mediaTypes: Record<Exclude<AttachmentType, 'image'>, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain',
};

/// The type of the file `bytes`, or a reason it is refused (a few words, naming what it seems to be).
export function detectType(
  bytes: Uint8Array,
): { ok: true; value: DetectedType } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  // A PDF reader accepts the header anywhere in the first kilobyte.
  if (indexOf(bytes, pdf, 0, 1024) >= 0)
    return { ok: true, value: { type: 'pdf', mediaType: mediaTypes.pdf } };
  if (startsWith(bytes, zip)) {
    // An ODT's first entry is `mimetype`, stored uncompressed, right after the 30-byte local header.
    if (startsWith(bytes, odtMime, 30))
      return { ok: true, value: { type: 'odt', mediaType: mediaTypes.odt } };
    if (indexOf(bytes, wordDocument) >= 0)
      return { ok: true, value: { type: 'docx', mediaType: mediaTypes.docx } };
    return {
      ok: false,
      reason: 'a ZIP archive that is neither a Word document (DOCX) nor an OpenDocument text (ODT)',
    };
  }
  if (startsWith(bytes, png)) return { ok: true, value: { type: 'image', mediaType: 'image/png' } };
  if (startsWith(bytes, jpeg)) return { ok: true, value: { type: 'image', mediaType: 'image/jpeg' } };
  if (startsWith(bytes, gif87) || startsWith(bytes, gif89))
    return { ok: true, value: { type: 'image', mediaType: 'image/gif' } };
  if (startsWith(bytes, riff) && startsWith(bytes, webp, 8))
    return { ok: true, value: { type: 'image', mediaType: 'image/webp' } };
  if (looksLikeText(bytes.subarray(0, 64 * 1024)))
    return { ok: true, value: { type: 'txt', mediaType: mediaTypes.txt } };
  return {
    ok: false,
    reason: 'not a PDF, Word (DOCX), OpenDocument (ODT), plain text or image (PNG, JPEG, GIF, WebP) file',
  };
}
