/// What text Lifa stores: any Unicode text but control characters (other than tab, line feed and
/// carriage return) and lone surrogates. Those have no place in legislation or comments, break XML
/// (Akoma Ntoso, DOCX) and come back as replacement characters; every entry point refuses them with
/// findForbiddenCharacter's report instead of storing something other than what was sent. Lengths
/// shown to people are counted in characters (code points), not UTF-16 units.

/// Where a forbidden character stands in a text, and what it is.
export interface ForbiddenCharacter {
  /// UTF-16 index in the text.
  readonly index: number;
  /// 1-based line and column (in characters) of it.
  readonly line: number;
  readonly column: number;
  /// `control character U+0007` or `lone surrogate U+D800`.
  readonly what: string;
}

// C0 controls but tab, LF and CR; DEL and the C1 controls; the noncharacters U+FFFE and U+FFFF;
// a high surrogate not followed by a low one; a low surrogate not preceded by a high one.
const forbidden =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/// The first character of `text` that may not be stored, or undefined when there is none.
export function findForbiddenCharacter(text: string): ForbiddenCharacter | undefined {
  const match = forbidden.exec(text);
  if (!match) return undefined;
  const index = match.index;
  const code = text.charCodeAt(index);
  const surrogate = code >= 0xd800 && code <= 0xdfff;
  const before = text.slice(0, index);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  let line = 1;
  for (let i = 0; i < index; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return {
    index,
    line,
    column: characterCount(text.slice(lineStart, index)) + 1,
    what: `${surrogate ? 'lone surrogate' : 'control character'} ${hex(code)}`,
  };
}

/// A one-line description of `found` for an error message: "a control character U+0000 at line 4,
/// column 12".
export function describeForbidden(found: ForbiddenCharacter): string {
  return `a ${found.what} at line ${found.line}, column ${found.column}`;
}

/// How many characters (Unicode code points) `text` has: what a person counts, and what length
/// limits count. An emoji or a CJK Extension B character is one, not two.
export function characterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

// Characters XML 1.0 cannot hold at all, even as references.
const notXml =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/// `text` with every character XML 1.0 cannot hold replaced by U+FFFD, for writers of XML. Input
/// refuses such characters; this keeps documents well-formed for text stored before it did.
export function xmlSafe(text: string): string {
  return text.replace(notXml, '\ufffd');
}

// The same characters as `forbidden`, everywhere in a text.
const allForbidden = new RegExp(forbidden.source, 'g');

/// `text` without the characters findForbiddenCharacter reports (a lone surrogate becomes U+FFFD):
/// for what a person pastes into the editor, where nothing has been accepted yet.
export function stripForbiddenCharacters(text: string): string {
  return text.replace(allForbidden, (ch) =>
    ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff ? '\ufffd' : '',
  );
}

/// Longest comment, in characters.
export const maxCommentCharacters = 20_000;
