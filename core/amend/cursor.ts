/// A reading position in the text of one instruction, with the quotation readers both grammars
/// share (clauses-zh.ts, clauses-en.ts).
import type { Language } from '../language.ts';

/// A position in `text`; readers advance it only when they match.
export class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  /// The match of sticky `re` here (advancing past it), or null (not moving).
  eat(re: RegExp): RegExpExecArray | null {
    const sticky = new RegExp(re.source, re.flags.includes('y') ? re.flags : re.flags + 'y');
    sticky.lastIndex = this.pos;
    const m = sticky.exec(this.text);
    if (m) this.pos = sticky.lastIndex;
    return m;
  }

  /// Whether `re` matches here (not moving).
  sees(re: RegExp): boolean {
    const sticky = new RegExp(re.source, re.flags.includes('y') ? re.flags : re.flags + 'y');
    sticky.lastIndex = this.pos;
    return sticky.test(this.text);
  }

  /// Run `read`; when it returns null (or undefined), go back to where it started.
  attempt<T>(read: () => T | null | undefined): T | null {
    const start = this.pos;
    const value = read();
    if (value === null || value === undefined) {
      this.pos = start;
      return null;
    }
    return value;
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /// Up to 30 characters from here, to name where reading stopped.
  get excerpt(): string {
    const rest = this.text.slice(this.pos).replace(/\n/g, ' ');
    return rest.length > 30 ? `${rest.slice(0, 30)}…` : rest;
  }

  /// An inline quotation here: “words” (quotation marks inside it nest), "words" or 「words」.
  quote(language: Language): string | null {
    const open = this.text[this.pos];
    if (open !== '“' && open !== '"' && open !== '「') return null;
    const close = open === '“' ? '”' : open === '「' ? '」' : '"';
    let depth = 0;
    for (let at = this.pos + 1; at < this.text.length; at++) {
      const ch = this.text[at];
      if (ch === '\n') return null;
      if (open !== '"' && ch === open) depth++;
      else if (ch === close) {
        if (depth === 0) {
          const words = this.text.slice(this.pos + 1, at);
          this.pos = at + 1;
          return restoreNested(words, language);
        }
        depth--;
      }
    }
    return null;
  }

  /// A quotation of content that runs to the end of the instruction: the lines of what it quotes,
  /// each without the quotation mark that opens it and the last without the one that closes it.
  block(language: Language): string[] | null {
    const open = this.text[this.pos];
    if (open !== '“' && open !== '"' && open !== '「') return null;
    const close = open === '“' ? '”' : open === '「' ? '」' : '"';
    let body = this.text.slice(this.pos + 1).replace(/[。.；;\s]+$/u, '');
    if (!body.endsWith(close)) return null;
    body = body.slice(0, -1);
    const lines = body.split('\n').map((line, k) => {
      let text = line.trim();
      if (k > 0 && text.startsWith(open)) text = text.slice(1);
      // A paragraph closed as well as opened (not the convention, but typed): drop the closing mark
      // when nothing on the line opened it.
      if (text.endsWith(close) && !balanced(text, open, close)) text = text.slice(0, -1);
      return restoreNested(text, language);
    });
    this.pos = this.text.length;
    return lines;
  }
}

function balanced(text: string, open: string, close: string): boolean {
  if (open === close) return (text.split(open).length - 1) % 2 === 0;
  let depth = 0;
  for (const ch of text) {
    if (ch === open) depth++;
    else if (ch === close) depth--;
  }
  return depth === 0;
}

// In Chinese, a quotation inside a quotation is written with single marks (‘’); the law has double
// ones. A text that holds double marks as well is left as it is.
function restoreNested(text: string, language: Language): string {
  if (language !== 'zh' || !/[‘’]/u.test(text) || /[“”]/u.test(text)) return text;
  return text.replace(/‘/g, '“').replace(/’/g, '”');
}
