/// Guards and text for the XML inside office documents.
import { decodeXML } from 'entities';
import { Unreadable } from './unreadable.ts';

/// Throw Unreadable when elements in `xml` nest deeper than `maxDepth` (a parser that recurses
/// would run out of stack on a hostile file). One linear pass; comments, CDATA, processing
/// instructions and declarations are skipped.
export function checkXmlDepth(xml: string, maxDepth: number, what: string): void {
  let depth = 0;
  let at = 0;
  for (;;) {
    const open = xml.indexOf('<', at);
    if (open < 0) return;
    const next = xml.charCodeAt(open + 1);
    if (next === 0x21 /* ! */) {
      const end = xml.startsWith('<!--', open)
        ? xml.indexOf('-->', open + 4)
        : xml.startsWith('<![CDATA[', open)
          ? xml.indexOf(']]>', open + 9)
          : xml.indexOf('>', open + 2);
      if (end < 0) return;
      at = end + 1;
      continue;
    }
    const close = xml.indexOf('>', open + 1);
    if (close < 0) return;
    if (next === 0x3f /* ? */) {
      // a processing instruction
    } else if (next === 0x2f /* / */) depth--;
    else if (xml.charCodeAt(close - 1) !== 0x2f) {
      if (++depth > maxDepth) {
        throw new Unreadable(`deeply nested XML: ${what} nests elements more than ${maxDepth} deep`);
      }
    }
    at = close + 1;
  }
}

/// `bytes` as UTF-8 XML text. Throws Unreadable when it is not UTF-8.
export function xmlText(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Unreadable(`${what} is not UTF-8 XML`);
  }
}

/// Decode XML character and entity references in `text`.
export function decodeEntities(text: string): string {
  return decodeXML(text);
}
