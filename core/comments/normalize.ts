/// Comment text as people submit it — HTML fragments, entities (sometimes encoded twice), Word
/// markup, odd spaces — turned into plain text for display, and into a fingerprint text for
/// finding near-duplicates: lower-cased, without the greeting and sign-off that distinguish one
/// copy of a form letter from the next.
import { decodeHTML } from 'entities';

// Elements whose content is never text.
const hiddenElements = /<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?(?:-->|$)/gi;
const mayHide = /<(?:script|style|head|title)\b|<!--/i;
// Any tag, with an optional namespace prefix (Word's <o:p>). `a < b` is not a tag: the name must
// follow `<` directly.
const anyTag = /<\/?([a-z][\w-]*:)?([a-z][\w-]*)(?:\s[^<>]*)?\/?>/gi;
const blockElements = new Set(
  'p div h1 h2 h3 h4 h5 h6 blockquote ul ol dl table thead tbody tfoot tr hr pre section article header footer center'.split(
    ' ',
  ),
);
const lineElements = new Set(['br', 'li', 'dt', 'dd']);
const cellElements = new Set(['td', 'th']);
// Namespaced tags (Word's <o:p>, <w:sdt>) mark nothing a reader sees.
const tagReplacement = (_tag: string, namespace: string | undefined, name: string): string => {
  if (namespace) return '';
  const lower = name.toLowerCase();
  return lineElements.has(lower)
    ? '\n'
    : blockElements.has(lower)
      ? '\n\n'
      : cellElements.has(lower)
        ? ' '
        : '';
};
// `&amp;rsquo;`: an entity whose ampersand was itself encoded by a second pass through an HTML escaper.
const doubleEncoded = /&amp;(?=#[0-9]+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;)/gi;
// Whitespace worth rewriting: a run holding a line break, a character other than a plain space or
// an invisible one, or two or more spaces. A lone ASCII space between words is left alone, which
// saves rewriting nearly every character of a long text.
const whitespace =
  /[\t\n\v\f\r\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff\u00ad][\s\u200b-\u200d\u2060\ufeff\u00ad]*| [\s\u200b-\u200d\u2060\ufeff\u00ad]+/g;
const invisibleOnly = /^[\u200b-\u200d\u2060\ufeff\u00ad]+$/;

// A whitespace run as it stays: a paragraph break for two or more line breaks, a line break for one,
// nothing for zero-width characters alone, else one space.
function tidyWhitespace(run: string): string {
  let breaks = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c === 0x0a || c === 0x0b || c === 0x0c || c === 0x2028 || c === 0x2029) breaks++;
    else if (c === 0x0d && run.charCodeAt(i + 1) !== 0x0a) breaks++;
  }
  if (breaks >= 2) return '\n\n';
  if (breaks === 1) return '\n';
  return invisibleOnly.test(run) ? '' : ' ';
}

/// Plain text of a submitted comment: comments, scripts and styles removed; `<br>` becomes a line
/// break and block elements (`<p>`, `<div>`, lists, tables …) paragraph breaks; all other tags
/// are dropped; entities are decoded (also when encoded twice, `&amp;amp;`); zero-width characters
/// and soft hyphens are removed; runs of spaces (including U+00A0 and U+3000) become one space; every
/// line is trimmed, and paragraphs are separated by exactly one blank line. Text that is already
/// plain comes through with only its whitespace tidied. Never throws.
export function normalizeText(text: string): string {
  let t = text;
  if (t.includes('<')) {
    if (mayHide.test(t)) t = t.replace(hiddenElements, '');
    t = t.replace(anyTag, tagReplacement);
  }
  if (t.includes('&')) t = decodeHTML(t.replace(doubleEncoded, '&'));
  return t.replace(whitespace, tidyWhitespace).trim();
}

// Greetings, matched on lower-cased text at its very start: the greeting word, then optionally
// the addressee up to the first comma, colon or line end ("Dear Centers for … (CMS),").
const greetingWord =
  '(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening|day)|to whom it may concern|' +
  'ladies and gentlemen|尊敬的|亲爱的|您好|你好|大家好|各位领导|各位专家)';
const greeting = new RegExp(
  `^${greetingWord}(?![a-z])(?:[^\\n,:;!?，：；！？。]{0,80}[,:;!，：；！\\n]|[ \\t]*[,:;!，：；！]?)\\s*`,
);

// Sign-offs, matched on the last few hundred characters: the closing phrase, then either the end
// of the text or a short signature (a name, a title, a town: up to eight words) after a comma,
// colon, dash or line break.
const closingPhrase =
  '(?:sincerely(?: yours)?|yours (?:sincerely|truly|faithfully|respectfully)|respectfully(?: submitted| yours)?|' +
  '(?:with )?(?:kind |best |warm |warmest |many )?regards|best wishes|cordially|warmly|' +
  '(?:many )?thanks(?: again)?(?: for [^.!?\\n,]{0,80})?|' +
  'thank you(?: (?:very|so) much)?(?: again)?(?: for [^.!?\\n,]{0,80})?|' +
  '此致敬礼|此致|敬礼|谢谢[^。！？\\n]{0,20}|感谢[^。！？\\n，]{0,40})';
const signatureWord = '[^\\s!?。！？]+';
const signOffBody =
  `${closingPhrase}[.!。！]*` +
  `(?:[ \\t]*[,:\\-—–\\n][\\s,:]*${signatureWord}(?:\\s+${signatureWord}){0,7})?[\\s.!。！]*$`;
// After a sentence end, a line break or a comma (which stay); at the start only when the text is
// searched whole (the start of a tail slice may be the middle of a sentence).
const signOffInTail = new RegExp(`(?<=[.!?。！？\\n,])[ \\t]*${signOffBody}`);
const signOffInWhole = new RegExp(`(?:(?<=[.!?。！？\\n,])|^)[ \\t]*${signOffBody}`);
// The usenet signature delimiter: a line of just `--`, followed by no more than a signature's worth
// of text (at most `maxSignature` characters, or at most half the text).
const signatureDelimiter = /\n--[ \t]*\n/g;
const maxSignature = 400;
// Curly quotes, dashes and line breaks: rewritten in one pass.
const straightened =
  /[\u2018\u2019\u201a\u201b\u2032\uff07]|[\u201c\u201d\u201e\u201f\u2033\uff02]|[\u2010-\u2015\u2212]|\n+/g;
function straight(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x0a) return ' ';
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212) return '-';
  if ((code >= 0x201c && code <= 0x201f) || code === 0x2033 || code === 0xff02) return '"';
  return "'";
}
const tailLength = 400;

/// The text near-duplicate detection compares: `normalizeText(text)`, then NFKC (full-width letters
/// and digits become ASCII), lower case, curly quotes and dashes straightened; a leading greeting
/// ("Hello,", "Dear …,", "To whom it may concern:", "尊敬的…：", "您好！") and a trailing sign-off
/// ("Sincerely, NAME", "Regards", "Thank you (for …)", "此致敬礼", a `--` signature block) removed;
/// whitespace collapsed to single spaces. Two copies of a form letter that differ only in those
/// parts have the same fingerprint text. May be empty. Never throws.
export function fingerprintText(text: string): string {
  return fingerprintNormalized(normalizeText(text));
}

/// `fingerprintText` of text that has already been through `normalizeText`. Not for the public index:
/// callers outside core/comments/ use `fingerprintText`.
export function fingerprintNormalized(normalized: string): string {
  let t = normalized;
  // NFKC is costly on long texts; only full-width forms, ligatures and the like need it here.
  if (/[\u2150-\u24ff\u3000-\u33ff\ufb00-\ufb4f\ufe30-\ufe6f\uff00-\uffef]/.test(t)) t = t.normalize('NFKC');
  t = t.toLowerCase();
  for (let i = 0; i < 3; i++) {
    const m = greeting.exec(t);
    if (!m || m[0].length === 0) break;
    t = t.slice(m[0].length);
  }
  t = dropSignature(t);
  for (let i = 0; i < 3; i++) {
    const start = Math.max(0, t.length - tailLength);
    const m = start ? signOffInTail.exec(t.slice(start)) : signOffInWhole.exec(t);
    if (!m) break;
    t = trimEnd(t.slice(0, start + m.index));
  }
  return t.replace(straightened, straight).trim();
}

function dropSignature(t: string): string {
  if (!t.includes('\n--')) return t;
  for (const m of t.matchAll(signatureDelimiter)) {
    const rest = t.length - m.index;
    if (m.index > 0 && (rest <= maxSignature || rest * 2 <= t.length)) return t.slice(0, m.index);
  }
  return t;
}

// `t` without trailing white space and the commas, colons and semicolons a cut-off sign-off leaves.
function trimEnd(t: string): string {
  let end = t.length;
  while (end > 0 && /[\s,;:，；：]/.test(t[end - 1])) end--;
  return t.slice(0, end);
}
