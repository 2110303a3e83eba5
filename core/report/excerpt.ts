/// Short, readable excerpts of comments for tables and lists: the plain text without greeting and
/// sign-off, cut at a sentence or word end near a length.
import { normalizeText } from '../comments/normalize.ts';

// A first line that is only a greeting or an addressee ("Dear CMS,", "To whom it may concern:",
// "尊敬的国家网信办："): short and ending in a comma or colon.
const greetingLine = /^[^\n]{0,60}[,:，：]\s*\n/;

// A closing line ("Sincerely,", "Best regards", "此致敬礼", "谢谢！"), possibly followed by a signature.
const closingLine =
  /^(?:sincerely(?: yours)?|yours (?:sincerely|truly|faithfully)|respectfully(?: submitted)?|(?:best |kind |warm )?regards|thank you[^.\n]{0,40}|thanks[^.\n]{0,40}|此致敬礼|此致|敬礼|谢谢[！!。]?|顺颂[^\n]{0,10})[,.!，。！]*$/i;

/// The plain text of a submitted comment (`normalizeText`) without a greeting line and without a
/// closing line and the short signature after it, paragraphs joined by single spaces. Never throws.
export function commentPlainText(text: string | null): string {
  const lines = normalizeText(text ?? '')
    .replace(greetingLine, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // A closing line among the last three lines, with at most two short lines (a name, a title) after it.
  for (let k = Math.max(1, lines.length - 3); k < lines.length; k++) {
    const rest = lines.slice(k + 1);
    if (closingLine.test(lines[k]) && rest.length <= 2 && rest.every((line) => line.length <= 40)) {
      lines.length = k;
      break;
    }
  }
  return lines.join(' ');
}

/// The first `length` characters of a submitted text (HTML allowed), without a tag or an entity that
/// the cut left unfinished: what excerpts are made from, so that a long comment is not normalised whole.
export function textHead(text: string | null, length: number): string {
  if (text === null) return '';
  if (text.length <= length) return text;
  let head = text.slice(0, length);
  const open = head.lastIndexOf('<');
  if (open > head.lastIndexOf('>') && /^<\/?[a-z]/i.test(head.slice(open, open + 3)))
    head = head.slice(0, open);
  const amp = head.lastIndexOf('&');
  if (amp >= head.length - 10 && /^&#?\w*$/.test(head.slice(amp))) head = head.slice(0, amp);
  return head;
}

/// `text` cut to at most `max` characters (at least 10): at the last sentence end within the last
/// third of the limit, else at the last space (for text with spaces), with "…" added when cut.
export function excerpt(text: string, max: number): string {
  const limit = Math.max(10, Math.floor(max));
  if (text.length <= limit) return text;
  const head = text.slice(0, limit - 1);
  const floor = Math.floor((limit * 2) / 3);
  let cut = -1;
  for (let i = head.length - 1; i >= floor; i--) {
    if (
      /[。！？；.!?;]/.test(head[i]) &&
      (i + 1 >= head.length || /[\s\u4e00-\u9fff]/.test(head[i + 1]) || /[。！？；]/.test(head[i]))
    ) {
      cut = i + 1;
      break;
    }
  }
  if (cut === -1) {
    const space = head.lastIndexOf(' ');
    cut = space >= floor ? space : head.length;
  }
  return `${head.slice(0, cut).trimEnd()}…`;
}
