/// The grammar of English instructions, in the wording of the official English translations of NPC
/// decisions and 修正案, clause by clause. Clauses are separated by "; " or ", and "; after the first,
/// a clause may leave its article implied ("its second paragraph", "it"). "is revised to read" is
/// read as "is amended to read", and "shall be" as "is". The forms read:
///
///     One article is added [to Chapter V] as Article 7: “…”     One article is added after Article 17 as Article 17A: “…”
///     Article 18 is deleted. / Articles 64 and 66 are deleted.  The second paragraph of Article 18 is deleted.
///     Article 18 is renumbered as Article 19[ and placed in Chapter V]
///     Articles 20 to 25 are placed in Section 2 of Chapter III.
///     Article 12 is amended to read: “…”                         Subparagraph (3) of the first paragraph of Article 12 is amended to read: “…”
///     One paragraph is added to Article 40 as the second paragraph: “…”
///     One subparagraph is added to the first paragraph of Article 12 as subparagraph (2): “…”
///     In Article 21, “A” is replaced with “B”. / In Article 21, “A” is deleted. / In Article 21, “B” is added after “A”.
///     Articles 10 and 11 are merged into Article 10[, and amended to read: “…”]
///     The second paragraph of Article 10 becomes Article 11[, and amended to read: “…”]
///     The title of Chapter II is amended to read “…”.           One chapter is added as Chapter V, entitled “…”, comprising Articles 45 to 52.
///     Chapter IV is deleted. / The title of Chapter IV is deleted. The title is amended to read “…”.
import { ordinalWord, parseLetterNumeral, parseRomanNumeral } from '../numerals.ts';
import { Cursor } from './cursor.ts';
import type { ArticlePosition, DivisionRef, Operation, ProvisionRef } from './model.ts';
import { quotedItem, quotedParagraphs } from './quoted.ts';

interface State {
  subject: number | null;
  readonly operations: Operation[];
  readonly problems: string[];
}

/// The operations of one English instruction, and what could not be read.
export function readClausesEn(text: string, law = ''): { operations: Operation[]; problems: string[] } {
  lawName = law ? new RegExp(`\\s+of\\s+(?:the\\s+)?${escape(law.replace(/^the\s+/i, ''))}`, 'iu') : null;
  const c = new Cursor(text);
  const state: State = { subject: null, operations: [], problems: [] };
  for (;;) {
    c.eat(/(?:[,;.]\s*|\s+)*(?:and\s+)?/iu);
    if (c.done) break;
    if (!clauses.some((read) => c.attempt(() => read(c, state)))) {
      state.problems.push(`cannot read “${c.excerpt}”`);
      break;
    }
  }
  return { operations: state.operations, problems: state.problems };
}

const ordinals = new Map<string, number>();
for (let n = 1; n < 100; n++) ordinals.set(ordinalWord(n), n);
const ORD = '([a-z]+(?:-[a-z]+)?|\\d+(?:st|nd|rd|th))';

function ordinal(word: string): number | null {
  const lower = word.toLowerCase();
  if (/^\d+/.test(lower)) return Number(/^\d+/.exec(lower)![0]);
  return ordinals.get(lower) ?? null;
}

// "of this Law", "of the Criminal Law", "of the Regulations on Promoting the Digital Economy": the
// capitalised words of a name and the small words between them.
const lawSuffix =
  /\s+of\s+(?:this|these|the)\s+[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|on|the|and|for|in|to))*(?<!\s(?:of|on|the|and|for|in|to))/u;

// The name of the amended law, from the instrument's title, when known.
let lawName: RegExp | null = null;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function skipLaw(c: Cursor): void {
  if (!(lawName && c.eat(lawName))) c.eat(lawSuffix);
}

function article(c: Cursor): { number: number; suffix?: number } | null {
  const m = c.eat(/Article\s+(\d+)([A-Z]{1,2})?\b/u);
  if (!m) return null;
  skipLaw(c);
  const number = Number(m[1]);
  if (!m[2]) return { number };
  const suffix = parseLetterNumeral(m[2]);
  return suffix === null ? null : { number, suffix };
}

function target(c: Cursor, state: State): number | null {
  const a = c.attempt(() => article(c));
  if (!a) return null;
  if (a.suffix !== undefined)
    state.problems.push(`Article ${a.number} with a letter is not an article of the law in force`);
  return a.number;
}

function position(c: Cursor): ArticlePosition | null {
  const m = c.eat(/Article\s+(\d+)([A-Z]{1,2})?\b/u);
  if (!m) return null;
  const number = Number(m[1]);
  if (!m[2]) return { number };
  const index = parseLetterNumeral(m[2]);
  return index === null ? null : { after: number, index };
}

function positionNumber(c: Cursor): ArticlePosition | null {
  const m = c.eat(/(\d+)([A-Z]{1,2})?\b/u);
  if (!m) return null;
  if (!m[2]) return { number: Number(m[1]) };
  const index = parseLetterNumeral(m[2]);
  return index === null ? null : { after: Number(m[1]), index };
}

function division(c: Cursor): DivisionRef | null {
  const m = c.eat(
    /(?:Section\s+(\d+)\s+of\s+)?(?:Chapter\s+([IVXLCDM]+|\d+))(?:\s+of\s+Part\s+(\d+))?|Part\s+(\d+)/u,
  );
  if (!m) return null;
  if (m[4]) return { level: 'part', part: Number(m[4]) };
  const chapter = /^\d+$/.test(m[2]) ? Number(m[2]) : parseRomanNumeral(m[2]);
  if (chapter === null) return null;
  const ref: { level: DivisionRef['level']; part?: number; chapter?: number; section?: number } = {
    level: m[1] ? 'section' : 'chapter',
    chapter,
  };
  if (m[1]) ref.section = Number(m[1]);
  if (m[3]) ref.part = Number(m[3]);
  return ref;
}

function placedIn(c: Cursor): DivisionRef | undefined {
  return c.attempt(() => (c.eat(/,?\s*(?:and\s+)?placed\s+in\s+/iu) ? division(c) : null)) ?? undefined;
}

// "subparagraph (3) of the second paragraph of Article 12", "the second paragraph of Article 12",
// "Article 12", and with the article implied: "it", "its second paragraph", "its subparagraph (3)".
function provision(c: Cursor, state: State): ProvisionRef | null {
  let item: number | undefined;
  let paragraph: number | undefined;
  let articleNumber: number | null = null;
  const sub = c.eat(/(?:its\s+)?(?:subparagraph|item)\s+\((\d+)\)(\s+of\s+)?/iu);
  if (sub) {
    item = Number(sub[1]);
    if (sub[0].toLowerCase().startsWith('its')) articleNumber = state.subject;
  }
  if (articleNumber === null) {
    const its = c.eat(new RegExp(`its\\s+${ORD}\\s+paragraph`, 'iu'));
    const the = its
      ? null
      : c.eat(new RegExp(`(?:the\\s+)?${ORD}\\s+paragraph\\s+of\\s+|paragraph\\s+(\\d+)\\s+of\\s+`, 'iu'));
    if (its) {
      paragraph = ordinal(its[1]) ?? 0;
      articleNumber = state.subject;
    } else {
      if (the) paragraph = the[2] ? Number(the[2]) : (ordinal(the[1]) ?? 0);
      if (c.eat(/it\b|this\s+Article\b|the\s+said\s+Article\b/iu)) articleNumber = state.subject;
      else articleNumber = target(c, state);
    }
  }
  if (articleNumber === null) return null;
  const ref: { article: number; paragraph?: number; item?: number } = { article: articleNumber };
  if (paragraph !== undefined) ref.paragraph = paragraph;
  if (item !== undefined) {
    ref.item = item;
    ref.paragraph ??= 1;
  }
  return ref;
}

function articleList(c: Cursor, state: State): number[] | null {
  if (c.attempt(() => (c.sees(/Articles\s/u) ? true : null))) {
    c.eat(/Articles\s+/u);
    const numbers: number[] = [];
    const first = c.eat(/(\d+)\b/u);
    if (!first) return null;
    numbers.push(Number(first[1]));
    const to = c.eat(/\s+(?:to|through)\s+(\d+)\b|\s*[-–—]\s*(\d+)\b/u);
    if (to) {
      const last = Number(to[1] ?? to[2]);
      for (let n = numbers[0] + 1; n <= last; n++) numbers.push(n);
    } else {
      for (;;) {
        const next = c.eat(/(?:\s*,\s*(?:and\s+)?|\s+and\s+)(\d+)\b/u);
        if (!next) break;
        numbers.push(Number(next[1]));
      }
    }
    skipLaw(c);
    return numbers;
  }
  const one = target(c, state);
  return one === null ? null : [one];
}

function block(c: Cursor, state: State): string[] | null {
  if (!c.eat(/\s*(?:,\s*which\s+reads)?\s*[:,]\s*/iu)) return null;
  const lines = c.block('en');
  if (!lines) state.problems.push('a quotation is not closed');
  return lines;
}

const amendedToRead = /(?:is|shall\s+be)\s+(?:amended|revised)\s+(?:to\s+read|as)/iu;

type Clause = (c: Cursor, state: State) => true | null;

const addArticle: Clause = (c, state) => {
  if (!c.eat(/one\s+article\s+(?:is|shall\s+be)\s+added\s+/iu)) return null;
  let where: DivisionRef | undefined;
  let anchor: { number: number; before: boolean } | null = null;
  if (c.eat(/to\s+/iu)) {
    const d = division(c);
    if (!d) return null;
    where = d;
    c.eat(/\s+/u);
  } else {
    const side = c.eat(/(after|before)\s+/iu);
    if (side) {
      const a = target(c, state);
      if (a === null) return null;
      anchor = { number: a, before: side[1].toLowerCase() === 'before' };
      c.eat(/\s+/u);
    }
  }
  if (!c.eat(/as\s+/iu)) return null;
  let at = position(c);
  if (!at) return null;
  where = placedIn(c) ?? where;
  const lines = block(c, state);
  if (!lines) return null;
  if (anchor && 'after' in at && at.after !== (anchor.before ? 0 : anchor.number))
    state.problems.push(
      `the article added ${anchor.before ? 'before' : 'after'} Article ${anchor.number} cannot be numbered Article ${at.after} with a letter`,
    );
  if (anchor && 'number' in at && anchor.before) at = { after: 0, index: 1 };
  const paragraphs = quotedParagraphs(lines, 'en', state.problems);
  state.operations.push({ op: 'add-article', at, paragraphs, ...(where && { into: where }) });
  return true;
};

const addDivision: Clause = (c, state) => {
  const m = c.eat(/one\s+(chapter|section|part)\s+(?:is|shall\s+be)\s+added\s+as\s+/iu);
  if (!m) return null;
  const at = division(c);
  if (!at || !c.eat(/,?\s*(?:entitled|titled)\s+/iu)) return null;
  const heading = c.quote('en');
  if (heading === null) return null;
  if (at.level !== m[1].toLowerCase()) state.problems.push(`one ${m[1]} is added, but as a ${at.level}`);
  const range = c.attempt(() => {
    if (!c.eat(/,?\s*comprising\s+/iu)) return null;
    const many = c.eat(/Articles\s+/u);
    if (!many) {
      const one = position(c);
      return one ? { first: one, last: one } : null;
    }
    const first = positionNumber(c);
    if (!first || !c.eat(/\s+(?:to|through)\s+|\s*[-–—]\s*/u)) return null;
    const last = positionNumber(c);
    return last ? { first, last } : null;
  });
  if (!range) {
    state.problems.push(
      'an added division must say which articles it comprises (comprising Articles A to B)',
    );
    return true;
  }
  state.operations.push({ op: 'add-division', at, heading, first: range.first, last: range.last });
  return true;
};

const deleteDivision: Clause = (c, state) => {
  const title = !!c.eat(/the\s+title\s+of\s+/iu);
  const ref = division(c);
  if (!ref || !c.eat(/\s+(?:is|shall\s+be)\s+deleted/iu)) return null;
  state.operations.push({ op: 'delete-division', division: ref, articles: !title });
  return true;
};

const renameDivision: Clause = (c, state) => {
  if (!c.eat(/the\s+(?:title|heading)\s+of\s+/iu)) return null;
  const ref = division(c);
  if (!ref || !c.eat(/\s+/u) || !c.eat(amendedToRead)) return null;
  c.eat(/\s*:?\s*/u);
  const heading = c.quote('en');
  if (heading === null) return null;
  state.operations.push({ op: 'rename-division', division: ref, heading });
  return true;
};

const renameLaw: Clause = (c, state) => {
  if (!c.eat(/the\s+title(?:\s+of\s+(?:this|these|the)\s+[A-Za-z ]+?)?\s+/iu) || !c.eat(amendedToRead))
    return null;
  c.eat(/\s*:?\s*/u);
  const title = c.quote('en');
  if (title === null) return null;
  state.operations.push({ op: 'rename-law', title });
  return true;
};

const merge: Clause = (c, state) => {
  const articles = articleList(c, state);
  if (!articles || articles.length < 2 || !c.eat(/\s+(?:are|shall\s+be)\s+merged\s+(?:into|as)\s+/iu))
    return null;
  const at = position(c);
  if (!at) return null;
  const where = placedIn(c);
  let paragraphs;
  if (c.eat(/,?\s*and\s+(?:amended|revised)\s+to\s+read/iu)) {
    const lines = block(c, state);
    if (!lines) return null;
    paragraphs = quotedParagraphs(lines, 'en', state.problems);
  }
  state.operations.push({
    op: 'merge-articles',
    articles,
    at,
    ...(paragraphs && { paragraphs }),
    ...(where && { into: where }),
  });
  return true;
};

const split: Clause = (c, state) => {
  const m = c.eat(new RegExp(`the\\s+${ORD}(?:\\s+to\\s+${ORD})?\\s+paragraphs?\\s+of\\s+`, 'iu'));
  if (!m) return null;
  const a = target(c, state);
  if (
    a === null ||
    !c.eat(/\s+(?:becomes?|is\s+made|are\s+made|is\s+renumbered\s+as|are\s+renumbered\s+as)\s+/iu)
  )
    return null;
  const from = ordinal(m[1]);
  const to = m[2] ? ordinal(m[2]) : from;
  const at = position(c);
  if (from === null || to === null || !at) return null;
  const where = placedIn(c);
  let paragraphs;
  if (c.eat(/,?\s*and\s+(?:amended|revised)\s+to\s+read/iu)) {
    const lines = block(c, state);
    if (!lines) return null;
    paragraphs = quotedParagraphs(lines, 'en', state.problems);
  }
  state.operations.push({
    op: 'split-article',
    article: a,
    from,
    to,
    at,
    ...(paragraphs && { paragraphs }),
    ...(where && { into: where }),
  });
  state.subject = a;
  return true;
};

const renumber: Clause = (c, state) => {
  const a = target(c, state);
  if (a === null || !c.eat(/\s+(?:is|shall\s+be)\s+(?:renumbered\s+as|changed\s+(?:in)?to)\s+/iu))
    return null;
  const at = position(c);
  if (!at) return null;
  const where = placedIn(c);
  state.operations.push({ op: 'renumber-article', article: a, at, ...(where && { into: where }) });
  state.subject = a;
  return true;
};

const place: Clause = (c, state) => {
  let articles: number[] | null;
  if (c.sees(/placed\s+in\s/iu)) {
    if (state.subject === null) return null;
    articles = [state.subject];
  } else {
    articles = articleList(c, state);
    if (!articles || !c.eat(/\s+(?:is|are|shall\s+be)\s+/iu)) return null;
  }
  if (!c.eat(/placed\s+in\s+/iu)) return null;
  const ref = division(c);
  if (!ref) return null;
  state.operations.push({ op: 'place-articles', articles, into: ref });
  if (articles.length === 1) state.subject = articles[0];
  return true;
};

const deleteArticles: Clause = (c, state) => {
  const articles = articleList(c, state);
  if (!articles || !c.eat(/\s+(?:is|are|shall\s+be)\s+deleted/iu)) return null;
  state.operations.push({ op: 'delete-articles', articles });
  return true;
};

const words: Clause = (c, state) => {
  if (!c.eat(/in\s+/iu)) return null;
  const ref = provision(c, state);
  if (!ref || !c.eat(/\s*,\s*/u)) return null;
  let count = 0;
  for (;;) {
    const read = c.attempt(() => {
      if (count > 0 && !c.eat(/\s*(?:,|;)?\s*(?:and\s+)?/iu)) return null;
      const first = c.quote('en');
      if (first === null) return null;
      if (c.eat(/\s+(?:is|shall\s+be)\s+(?:replaced\s+(?:with|by)|(?:amended|revised)\s+to\s+read)\s+/iu)) {
        const to = c.quote('en');
        if (to === null) return null;
        state.operations.push({ op: 'replace-words', target: ref, from: first, to });
        return true;
      }
      if (c.eat(/\s+(?:is|shall\s+be)\s+deleted/iu)) {
        state.operations.push({ op: 'delete-words', target: ref, words: first });
        return true;
      }
      const side = c.eat(/\s+(?:is|shall\s+be)\s+(?:added|inserted)\s+(after|before)\s+/iu);
      const anchor = side ? c.quote('en') : null;
      if (!side || anchor === null) return null;
      state.operations.push({
        op: 'insert-words',
        target: ref,
        anchor,
        side: side[1].toLowerCase() === 'after' ? 'after' : 'before',
        words: first,
      });
      return true;
    });
    if (!read) break;
    count++;
  }
  if (count === 0) return null;
  state.subject = ref.article;
  return true;
};

const deleteProvision: Clause = (c, state) => {
  const ref = provision(c, state);
  if (!ref || (ref.paragraph === undefined && ref.item === undefined)) return null;
  if (!c.eat(/\s+(?:is|shall\s+be)\s+deleted/iu)) return null;
  state.operations.push({ op: 'delete-provision', target: ref });
  state.subject = ref.article;
  return true;
};

const addParagraph: Clause = (c, state) => {
  const m = c.eat(/one\s+paragraph\s+(?:is|shall\s+be)\s+added\s+to\s+/iu);
  if (!m) return null;
  const a = c.eat(/it\b/iu) ? state.subject : target(c, state);
  if (a === null) return null;
  const at = c.eat(
    new RegExp(`\\s+as\\s+(?:the\\s+)?${ORD}\\s+paragraph|\\s+as\\s+paragraph\\s+(\\d+)`, 'iu'),
  );
  if (!at) return null;
  const lines = block(c, state);
  if (!lines) return null;
  const [paragraph] = quotedParagraphs(lines, 'en', state.problems, true);
  const n = at[2] ? Number(at[2]) : (ordinal(at[1]) ?? 0);
  state.operations.push({
    op: 'add-paragraph',
    article: a,
    at: n,
    paragraph: paragraph ?? { text: '', items: [] },
  });
  state.subject = a;
  return true;
};

const addItem: Clause = (c, state) => {
  if (!c.eat(/one\s+(?:subparagraph|item)\s+(?:is|shall\s+be)\s+added\s+to\s+/iu)) return null;
  const ref = provision(c, state);
  if (!ref || ref.item !== undefined) return null;
  const m = c.eat(/\s+as\s+(?:subparagraph|item)\s+\((\d+)\)/iu);
  if (!m) return null;
  const lines = block(c, state);
  if (!lines) return null;
  const at = Number(m[1]);
  const { item, written } = quotedItem(lines, 'en', state.problems);
  if (written !== null && written !== at)
    state.problems.push(
      `the quoted subparagraph is numbered (${written}) but is added as subparagraph (${at})`,
    );
  state.operations.push({ op: 'add-item', article: ref.article, paragraph: ref.paragraph ?? 1, at, item });
  state.subject = ref.article;
  return true;
};

const rewrite: Clause = (c, state) => {
  let ref: ProvisionRef | null;
  if (c.eat(/(?:(?:is|shall\s+be)\s+)?(?:amended|revised)\s+to\s+read/iu)) {
    ref = state.subject === null ? null : { article: state.subject };
  } else {
    ref = provision(c, state);
    if (!ref || !c.eat(/\s+/u) || !c.eat(amendedToRead)) return null;
  }
  if (!ref) return null;
  const lines = block(c, state);
  if (!lines) return null;
  if (ref.item !== undefined) {
    const { item, written } = quotedItem(lines, 'en', state.problems);
    state.operations.push({
      op: 'rewrite',
      target: ref,
      paragraphs: [{ text: '', items: [item] }],
      ...(written !== null && { label: written }),
    });
  } else {
    const paragraphs = quotedParagraphs(lines, 'en', state.problems, ref.paragraph !== undefined);
    state.operations.push({ op: 'rewrite', target: ref, paragraphs });
  }
  state.subject = ref.article;
  return true;
};

const clauses: readonly Clause[] = [
  addArticle,
  addDivision,
  deleteDivision,
  renameDivision,
  renameLaw,
  merge,
  split,
  renumber,
  place,
  deleteArticles,
  words,
  addParagraph,
  addItem,
  deleteProvision,
  rewrite,
];
