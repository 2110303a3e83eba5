/// Citations in plain text: "第十二条第二款第三项", "本法第三十条", "前款", "Article 12(2)",
/// "paragraph 2 of Article 8 of this Law", "the preceding paragraph".
///
/// Both grammars run on every text. They start on different characters, so they never compete; the
/// language only decides whether the weak English forms count (see `parseCitations`).
import type { Language } from './language.ts';
import { detectLanguage, isLanguage } from './language.ts';
import { ordinalWord, parseChineseNumeral } from './numerals.ts';

/// How a citation without an article number is anchored to the place it is written in.
/// zh 前款 / 前两款 / 本条 / 本款 / 前条 / 前项; en "the preceding paragraph", "the preceding two
/// paragraphs", "this Article", "this paragraph", "the preceding Article", "the preceding item".
export type RelativeCitation =
  | 'previous-paragraph'
  | 'previous-two-paragraphs'
  | 'this-article'
  | 'this-paragraph'
  | 'previous-article'
  | 'preceding-item';

/// One citation found in a text. Numbers are as written (1-based); nothing is resolved.
///
/// - `span` is in UTF-16 offsets into the parsed text, end exclusive, and `text` is exactly that slice.
///   A law named before the number (本法, 《…》) or after it ("of this Law") is inside the span.
/// - `law` is 'self' for 本法 / 本条例 / "this Law" / "these Regulations", 'other' for a named law
///   (`lawName` then holds the name without book-title marks), and null when no law is written.
/// - `article` is null for citations anchored by `relative`. A paragraph or item cited without an
///   article ("第二款", "paragraph 2", "item (3)") is read as one of the current article or paragraph:
///   its `relative` is 'this-article' or 'this-paragraph' although no such word is written.
/// - An item cited without a paragraph ("第十二条第三项") keeps `paragraph: null`; by the convention of
///   `citationLabel` it is an item of the article's first paragraph.
/// - A range ("第五条至第七条", "Articles 5 to 7", "前款第二项至第七项") ends at the place its `to*`
///   fields name, any level without one taken from the start.
export interface Citation {
  readonly span: readonly [start: number, end: number];
  readonly text: string;
  readonly law: 'self' | 'other' | null;
  readonly lawName?: string;
  readonly article: number | null;
  readonly toArticle?: number;
  readonly paragraph: number | null;
  readonly toParagraph?: number;
  readonly item: number | null;
  readonly toItem?: number;
  readonly relative?: RelativeCitation;
}

/// Where a citation is written: the article, and when known the paragraph and item it is in.
export interface CitationContext {
  readonly article: number;
  readonly paragraph?: number;
  readonly item?: number;
}

/// A citation turned absolute: the article, paragraph and item it names in the draft it is written in.
export interface ResolvedCitation {
  readonly article: number;
  readonly toArticle?: number;
  readonly paragraph: number | null;
  readonly toParagraph?: number;
  readonly item: number | null;
  readonly toItem?: number;
}

/// Every citation in `text`, in text order and non-overlapping. Never throws.
///
/// `language` defaults to `detectLanguage(text)`. Chinese citations and English ones naming a numbered
/// "Article" or a law ("of this Law") are read in any text; the weak English forms — relative phrases
/// ("the preceding paragraph", "this Article"), paragraphs and items without an article ("paragraph 2",
/// "item (3)", "the first paragraph") and a lower-case "article 12" — only when the language is 'en'.
///
/// Lists share what is written once: in "本法第五条、第七条" both articles are 本法's, in "第十二条第一款、
/// 第二款" the second paragraph is article 12's, and in "Articles 5 and 7 of this Law" or "paragraphs 1
/// and 2 of Article 40" every element gets the shared part. Each list element is its own citation, whose
/// span covers what is written for it ("Articles 5" and "7 of this Law").
///
/// Not citations: an article number opening a line and followed by a space (the article's own heading,
/// "第一条 为了…", "Article 1 This Law…"); a number before a word that makes it a common noun (第一条款
/// "the first clause", also 条件, 条约, 条例, 条文, 项目); inserted articles (第二百八十七条之一), which no
/// `article` number can name; a law named without any article (依照本法规定, "under this Law"); 前三款 and
/// beyond. A law named without book-title marks (网络安全法第四十一条) is recognised when it ends in 法, 法典
/// or 条例 and starts after a verb such as 依照/根据/违反, after 和/及/与/或/的, or after punctuation, with a
/// 中华人民共和国 before it counted in; two-character names only for 宪法, 刑法 and 民法.
///
/// Throws RangeError when `language` is given but is not a supported language.
export function parseCitations(text: string, language?: Language): Citation[] {
  if (language !== undefined && !isLanguage(language))
    throw new RangeError(`Unknown language ${String(language)}`);
  const lang = language ?? detectLanguage(text);
  const drafts: Draft[] = [];
  let floor = 0;
  for (let pos = 0; pos < text.length;) {
    const found = zhStart.has(text[pos])
      ? zhAt(text, pos, floor)
      : enStart.test(text[pos]) && !/[\w'’-]/.test(text[pos - 1] ?? '')
        ? enAt(text, pos, lang)
        : null;
    if (!found) {
      pos++;
      continue;
    }
    drafts.push(...found);
    pos = floor = found[found.length - 1].end;
  }
  shareEnglishLaw(text, drafts);
  return drafts.map((d) => toCitation(text, d));
}

/// The one citation that `text` consists of (surrounding whitespace aside); its span is into `text`.
/// Throws SyntaxError naming the text when it holds no citation, more than one, or text besides one.
/// `language` as for `parseCitations`.
export function parseCitation(text: string, language?: Language): Citation {
  const result = tryParseCitation(text, language);
  if (!result.ok) throw new SyntaxError(result.reason);
  return result.value;
}

/// `parseCitation` without the throw: the citation, or the reason `text` is not exactly one citation.
/// Still throws RangeError for an unsupported `language`.
export function tryParseCitation(
  text: string,
  language?: Language,
): { ok: true; value: Citation } | { ok: false; reason: string } {
  const found = parseCitations(text, language);
  if (found.length === 0) return { ok: false, reason: `Not a citation: ${quote(text)}` };
  if (found.length > 1) {
    const list = found.map((c) => quote(c.text)).join(', ');
    return { ok: false, reason: `${found.length} citations in ${quote(text)}, not one: ${list}` };
  }
  const [value] = found;
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (value.span[0] !== start || value.span[1] !== end) {
    return {
      ok: false,
      reason: `Not a citation as a whole: ${quote(text)} (only ${quote(value.text)} is one)`,
    };
  }
  return { ok: true, value };
}

/// The absolute place `citation` names when written at `context`: 前款 in paragraph 3 of article 12 is
/// 12/2, 前两款 there is paragraphs 1 to 2 of article 12, 本条第二款 is 12/2; absolute citations come back
/// as they are. Null when that place cannot exist or is not known: 前款 in paragraph 1, 前条 in article 1,
/// a paragraph-relative citation without `context.paragraph`, 前项 without `context.item`, and any citation
/// of another law (its numbers are not this draft's). Throws RangeError when a context number is not a
/// positive integer.
export function resolveCitation(citation: Citation, context: CitationContext): ResolvedCitation | null {
  for (const key of ['article', 'paragraph', 'item'] as const) {
    const n = context[key];
    if (n !== undefined && !(Number.isInteger(n) && n >= 1)) {
      throw new RangeError(`Citation context ${key} ${n} is not a positive integer`);
    }
  }
  if (citation.law === 'other') return null;
  const here = context.article;
  const para = context.paragraph;
  let article: number;
  let paragraph = citation.paragraph;
  let toParagraph = citation.toParagraph;
  let item = citation.item;
  switch (citation.relative) {
    case undefined:
      if (citation.article === null) return null;
      article = citation.article;
      break;
    case 'this-article':
      article = here;
      break;
    case 'previous-article':
      if (here < 2) return null;
      article = here - 1;
      break;
    case 'this-paragraph':
      if (para === undefined) return null;
      article = here;
      paragraph = para;
      break;
    case 'previous-paragraph':
      if (para === undefined || para < 2) return null;
      article = here;
      paragraph = para - 1;
      break;
    case 'previous-two-paragraphs':
      if (para === undefined || para < 3) return null;
      article = here;
      paragraph = para - 2;
      toParagraph = para - 1;
      break;
    case 'preceding-item':
      if (context.item === undefined || context.item < 2) return null;
      article = here;
      paragraph = para ?? null;
      item = context.item - 1;
      break;
  }
  const resolved: ResolvedCitation = {
    article,
    ...(citation.relative === undefined &&
      citation.toArticle !== undefined && { toArticle: citation.toArticle }),
    paragraph,
    ...(toParagraph !== undefined && { toParagraph }),
    item,
    ...(citation.toItem !== undefined && { toItem: citation.toItem }),
  };
  return Object.freeze(resolved);
}

// A citation while it is being read; frozen into a Citation at the end.
interface Draft {
  start: number;
  end: number;
  law: 'self' | 'other' | null;
  lawName?: string;
  article: number | null;
  toArticle?: number;
  paragraph: number | null;
  toParagraph?: number;
  item: number | null;
  toItem?: number;
  relative?: RelativeCitation;
  // Read by the English grammar, so a law named after a list ("…, or Article 42 of these Regulations")
  // reaches back to the elements before it.
  english?: boolean;
}

function toCitation(text: string, d: Draft): Citation {
  // A paragraph or item without an article or relative word is one of the current article or paragraph.
  const relative =
    d.relative ?? (d.article !== null ? undefined : d.paragraph !== null ? 'this-article' : 'this-paragraph');
  const citation: Citation = {
    span: Object.freeze([d.start, d.end] as const),
    text: text.slice(d.start, d.end),
    law: d.law,
    ...(d.lawName !== undefined && { lawName: d.lawName }),
    article: d.article,
    ...(d.toArticle !== undefined && { toArticle: d.toArticle }),
    paragraph: d.paragraph,
    ...(d.toParagraph !== undefined && { toParagraph: d.toParagraph }),
    item: d.item,
    ...(d.toItem !== undefined && { toItem: d.toItem }),
    ...(relative !== undefined && { relative }),
  };
  return Object.freeze(citation);
}

function quote(text: string): string {
  return `"${text.length > 60 ? text.slice(0, 57) + '...' : text}"`;
}

// The match of sticky `re` at `pos`, with its end offset, or null.
function matchAt(re: RegExp, text: string, pos: number): (RegExpExecArray & { end: number }) | null {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? Object.assign(m, { end: re.lastIndex }) : null;
}

function atLineStart(text: string, pos: number): boolean {
  let i = pos;
  while (i > 0 && /[ \t\u3000#]/.test(text[i - 1])) i--;
  return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r';
}

// ---------------------------------------------------------------------------------------------
// Chinese: [law | relative word] 第N条 [第N款] [第N项], then 至 (range) and 、/和/及/或者… (list).

const zhStart = new Set(['第', '《', '本', '前']);
const zhNumeral = '[零〇一二两三四五六七八九十百千万0-9０-９]+';
// 条款, 条件, 条约, 条例, 条文 and 项目 are words, not citations; 第N条之一 is an inserted article.
const zhUnits = [
  new RegExp(`第(${zhNumeral})条(?![款件约例文]|之[一二三四五六七八九十])`, 'y'),
  new RegExp(`第(${zhNumeral})款`, 'y'),
  // 第（三）项 is not the standard form, but it is common and unambiguous.
  new RegExp(`第(?:(${zhNumeral})|[（(](${zhNumeral})[）)])项(?!目)`, 'y'),
];
const zhSelf = /本(?:法|条例|规定|办法|细则|规则|决定)/y;
const zhRelatives: ReadonlyArray<readonly [RegExp, RelativeCitation, Level | null]> = [
  [/前[两二]款/y, 'previous-two-paragraphs', null],
  [/前款/y, 'previous-paragraph', 2],
  [/本款/y, 'this-paragraph', 2],
  [/前条(?![款件约例文])/y, 'previous-article', 1],
  [/本条(?![款件约例文])/y, 'this-article', 1],
  [/前项(?!目)/y, 'preceding-item', null],
];
const zhListSeparator = /(?:、|以及|或者|和|及|或|与)/y;
const zhHeadingBody = /[ \t\u3000]+\S/y;

type Level = 0 | 1 | 2; // article, paragraph, item

interface Chain {
  top: Level;
  values: [number | null, number | null, number | null];
  end: number;
}

function numeral(written: string): number | null {
  const ascii = written.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const n = parseChineseNumeral(ascii);
  return n !== null && Number.isSafeInteger(n) && n >= 1 ? n : null;
}

// 第N条第N款第N项 at `pos`, each level optional but in order, starting no higher than `from`.
function zhChain(text: string, pos: number, from: Level = 0): Chain | null {
  const values: Chain['values'] = [null, null, null];
  let top: Level | null = null;
  for (let level = from; level <= 2; level++) {
    const m = matchAt(zhUnits[level], text, pos);
    if (!m) continue;
    const n = numeral(m[1] ?? m[2]);
    if (n === null) return null;
    values[level] = n;
    top ??= level;
    pos = m.end;
  }
  return top === null ? null : { top, values, end: pos };
}

function fromChain(start: number, chain: Chain, law: Pick<Draft, 'law' | 'lawName'>): Draft {
  const [article, paragraph, item] = chain.values;
  return { start, end: chain.end, ...law, article, paragraph, item };
}

function zhAt(text: string, pos: number, floor: number): Draft[] | null {
  const head = zhHead(text, pos, floor);
  if (!head) return null;
  const group = [head];
  for (let current: Draft | null = head; current;) {
    zhRange(text, current);
    current = zhListElement(text, current);
    if (current) group.push(current);
  }
  return group;
}

function zhHead(text: string, pos: number, floor: number): Draft | null {
  const ch = text[pos];
  if (ch === '《') {
    const name = matchAt(/《([^《》\n]{1,80})》/y, text, pos);
    const chain = name && zhChain(text, name.end);
    return chain?.top === 0 ? fromChain(pos, chain, { law: 'other', lawName: name![1].trim() }) : null;
  }
  if (ch === '第') {
    const chain = zhChain(text, pos);
    if (!chain) return null;
    if (chain.top === 0) {
      const bare = chain.values[1] === null && chain.values[2] === null;
      if (bare && atLineStart(text, pos) && matchAt(zhHeadingBody, text, chain.end)) return null;
      const law = bareLawBefore(text, pos, floor);
      if (law) return fromChain(law.start, chain, { law: 'other', lawName: law.name });
    }
    return fromChain(pos, chain, { law: null });
  }
  // 本 or 前. 基本法 and 根本法 are names, not 本法; 目前, 提前 and 当前 are words.
  const before = text[pos - 1] ?? '';
  const self = before !== '基' && before !== '根' && matchAt(zhSelf, text, pos);
  if (self) {
    const chain = zhChain(text, self.end);
    if (chain?.top === 0) return fromChain(pos, chain, { law: 'self' });
  }
  if (ch === '前' && /[目提当]/.test(before)) return null;
  for (const [re, relative, below] of zhRelatives) {
    const m = matchAt(re, text, pos);
    if (!m) continue;
    const chain = below === null ? null : zhChain(text, m.end, below);
    const [, paragraph, item] = chain?.values ?? [null, null, null];
    return { start: pos, end: chain?.end ?? m.end, law: null, article: null, paragraph, item, relative };
  }
  return null;
}

// 至 and the end of a range, whose first level must be one the start has, with a greater number.
function zhRange(text: string, d: Draft): void {
  if (text[d.end] !== '至') return;
  const chain = zhChain(text, d.end + 1);
  if (!chain) return;
  const from = [d.article, d.paragraph, d.item][chain.top];
  if (from === null || chain.values[chain.top]! <= from) return;
  const [toArticle, toParagraph, toItem] = chain.values;
  if (toArticle !== null) d.toArticle = toArticle;
  if (toParagraph !== null) d.toParagraph = toParagraph;
  if (toItem !== null) d.toItem = toItem;
  d.end = chain.end;
}

// The next element of a list, sharing the law and the levels above its first one with `previous`.
function zhListElement(text: string, previous: Draft): Draft | null {
  const separator = matchAt(zhListSeparator, text, previous.end);
  const chain = separator && zhChain(text, separator.end);
  if (!chain) return null;
  const d = fromChain(separator!.end, chain, { law: previous.law, lawName: previous.lawName });
  if (d.lawName === undefined) delete d.lawName;
  const relative = previous.relative;
  if (chain.top >= 1) {
    d.article = previous.article;
    if (relative === 'this-article' || relative === 'previous-article') d.relative = relative;
  }
  if (chain.top === 2) {
    d.paragraph = previous.paragraph;
    if (relative && relative !== 'previous-two-paragraphs' && relative !== 'preceding-item')
      d.relative = relative;
  }
  return d;
}

const zhLawEnding = /(?:法|法典|条例)$/;
const zhLawNameBoundary = /(?:依照|按照|依据|根据|违反|适用|参照|遵守|执行|实施|以及|或者|和|及|与|或|的)$/;
const zhShortLawNames = new Set(['宪法', '刑法', '民法']);
const isHan = (ch: string | undefined): boolean => ch !== undefined && ch >= '\u4e00' && ch <= '\u9fff';

// A law named without book-title marks right before `end`, starting no earlier than `floor`.
function bareLawBefore(text: string, end: number, floor: number): { start: number; name: string } | null {
  const limit = Math.max(floor, end - 40);
  let runStart = end;
  while (runStart > limit && isHan(text[runStart - 1])) runStart--;
  const run = text.slice(runStart, end);
  if (!zhLawEnding.test(run)) return null;
  // The shortest name that starts where a name can start; 中华人民共和国 before it is part of it.
  for (let start = end - 2; start >= runStart; start--) {
    const name = text.slice(start, end);
    if (name.length === 2 && !zhShortLawNames.has(name)) continue;
    if (/^[本该此其各]/.test(name)) continue;
    const prefix = text.slice(runStart, start);
    if (prefix.endsWith('中华人民共和国')) return { start: start - 7, name: text.slice(start - 7, end) };
    const boundary =
      start === runStart
        ? runStart > limit || runStart === floor || !isHan(text[runStart - 1])
        : zhLawNameBoundary.test(prefix) && !prefix.endsWith('共和');
    if (boundary) return { start, name };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// English: [items of] [paragraph of] (Article N | relative phrase) [of this Law | of the X Law],
// where the first level written may be a list or range: "Articles 5 and 7", "item (1) or (2) of …".

const enStart = /[APISTapist]/;
const sp = '[ \\t\\u00a0]+';
const enItems = new RegExp(`(?:[Ii]tem|[Ss]ubparagraph)s?${sp}`, 'y');
const enParagraphs = new RegExp(`[Pp]aragraph(s?)${sp}`, 'y');
// "the first paragraph" … "the tenth paragraph": how far citations write paragraphs out in words.
const ordinals = Array.from({ length: 10 }, (_, i) => ordinalWord(i + 1));
const enOrdinalParagraph = new RegExp(`[Tt]he${sp}(${ordinals.join('|')})${sp}paragraph\\b(?!s)`, 'y');
const enArticles = new RegExp(`([Aa])rticle(s?)${sp}`, 'y');
const enOf = new RegExp(`${sp}of${sp}`, 'y');
const enDigits = /(\d+)(?!\w)/y;
const enBracketed = /\((\d+)\)/y;
const enBracketAfterArticle = /[ ]?\((\d+)\)/y;
const enRangeSeparator = new RegExp(`(?:[ \\t]*[-–—][ \\t]*|${sp}(?:to|through)${sp})`, 'y');
const enListSeparator = new RegExp(
  `(?:[ \\t]*,[ \\t]*(?:(?:and|or)${sp})?|${sp}(?:and\\/or|and|or)${sp})`,
  'y',
);
const enListGap = new RegExp(`^(?:[ \\t]*,[ \\t]*(?:(?:and|or)${sp})?|${sp}(?:and\\/or|and|or)${sp})$`);
const enCommaParagraphs = /,[ \t]*[Pp]aragraph(s?)[ \t]+/y;
const enCommaItem = /,[ \t]*(?:[Ii]tem|[Ss]ubparagraph)[ \t]+\((\d+)\)/y;
const enTargetAhead = new RegExp(
  `${sp}of${sp}(?:[Aa]rticles?${sp}\\d|[Tt]he${sp}(?:preceding|previous)${sp}|[Tt]his${sp}(?:[Aa]rticle|[Pp]aragraph)\\b)`,
  'y',
);
const enHeadingBody = /[ \t\u3000]+["“‘'A-Z\u4e00-\u9fff]/y;
const enSelfLaw = new RegExp(
  `,?${sp}of${sp}(?:this|these)${sp}(?:Law|Code|Regulations|Measures|Provisions|Rules|Decision)\\b`,
  'y',
);
const enOtherLaw = new RegExp(`,?${sp}of${sp}the${sp}`, 'y');
const enPrc = new RegExp(`${sp}of${sp}the${sp}People['’]s${sp}Republic${sp}of${sp}China\\b`, 'y');
const enLawKeyword = /^(?:Law|Code|Regulations?|Measures|Provisions|Rules|Act|Decision|Constitution)$/;
const enNameWord = /[A-Za-z][\w'’-]*/y;
const enNameConnector = new Set(['and', 'of', 'on', 'for', 'the', 'in']);
const enNameTail = new RegExp(`${sp}(?:on|for)${sp}`, 'y');
const enArticleWord = `[Aa]rticle\\b(?!s|${sp}of\\b)`;
const enRelatives: ReadonlyArray<readonly [RegExp, RelativeCitation]> = [
  [
    new RegExp(
      `[Tt]he${sp}(?:(?:preceding|previous)${sp}(?:two|2)|two${sp}(?:preceding|previous))${sp}[Pp]aragraphs\\b`,
      'y',
    ),
    'previous-two-paragraphs',
  ],
  [new RegExp(`[Tt]he${sp}(?:preceding|previous)${sp}[Pp]aragraph\\b(?!s)`, 'y'), 'previous-paragraph'],
  [new RegExp(`[Tt]his${sp}[Pp]aragraph\\b(?!s)`, 'y'), 'this-paragraph'],
  [new RegExp(`[Tt]he${sp}(?:preceding|previous)${sp}${enArticleWord}`, 'y'), 'previous-article'],
  [new RegExp(`[Tt]his${sp}${enArticleWord}`, 'y'), 'this-article'],
  [new RegExp(`[Tt]he${sp}(?:preceding|previous)${sp}(?:item|subparagraph)\\b(?!s)`, 'y'), 'preceding-item'],
];

interface EnElement {
  start: number;
  end: number;
  value: number;
  to?: number;
  paragraph?: number;
  item?: number;
}

type EnStyle = 'digits' | 'either';

function enNumber(text: string, pos: number, style: EnStyle): { value: number; end: number } | null {
  const m = (style === 'either' && matchAt(enBracketed, text, pos)) || matchAt(enDigits, text, pos);
  if (!m) return null;
  const value = Number(m[1]);
  return Number.isSafeInteger(value) && value >= 1 ? { value, end: m.end } : null;
}

// One number, or with `many` a list of numbers and ranges ("5, 6 and 8 to 10"); with `brackets`, each
// number may carry "(paragraph)(item)" instead of being a range.
function enList(
  text: string,
  pos: number,
  style: EnStyle,
  many: boolean,
  brackets: boolean,
): { elements: EnElement[]; end: number } | null {
  const elements: EnElement[] = [];
  for (;;) {
    const n = enNumber(text, pos, style);
    if (!n) break;
    const element: EnElement = { start: pos, end: n.end, value: n.value };
    const levels: number[] = [];
    for (let m; brackets && levels.length < 2 && (m = matchAt(enBracketAfterArticle, text, element.end));) {
      levels.push(Number(m[1]));
      element.end = m.end;
    }
    if (levels.length > 0) {
      element.paragraph = levels[0];
      if (levels.length > 1) element.item = levels[1];
    } else if (many) {
      const separator = matchAt(enRangeSeparator, text, element.end);
      const to = separator && enNumber(text, separator.end, style);
      if (to && to.value > element.value) {
        element.to = to.value;
        element.end = to.end;
      }
    }
    elements.push(element);
    if (!many) break;
    const separator = matchAt(enListSeparator, text, element.end);
    if (!separator || !enNumber(text, separator.end, style)) break;
    pos = separator.end;
  }
  return elements.length > 0 ? { elements, end: elements[elements.length - 1].end } : null;
}

const ordinal = (word: string): number => ordinals.indexOf(word.toLowerCase()) + 1;

// " of paragraph 2" or " of the first paragraph", after the items of that paragraph.
function enParagraphOf(text: string, pos: number): { value: number; end: number } | null {
  const of = matchAt(enOf, text, pos);
  if (!of) return null;
  const ordinalWord = matchAt(enOrdinalParagraph, text, of.end);
  if (ordinalWord) return { value: ordinal(ordinalWord[1]), end: ordinalWord.end };
  const word = matchAt(enParagraphs, text, of.end);
  return word && word[1] === '' ? enNumber(text, word.end, 'either') : null;
}

function enRelative(text: string, pos: number): { relative: RelativeCitation; end: number } | null {
  for (const [re, relative] of enRelatives) {
    const m = matchAt(re, text, pos);
    if (m) return { relative, end: m.end };
  }
  return null;
}

// "of this Law", "of these Regulations", "of the Cybersecurity Law", ", of the Law of the People's
// Republic of China on Guarding State Secrets", at `pos`.
function enLaw(text: string, pos: number): (Pick<Draft, 'law' | 'lawName'> & { end: number }) | null {
  const self = matchAt(enSelfLaw, text, pos);
  if (self) return { law: 'self', end: self.end };
  const the = matchAt(enOtherLaw, text, pos);
  const end = the && enLawName(text, the.end);
  return end ? { law: 'other', lawName: text.slice(the!.end, end), end } : null;
}

// The end of a law's English name at `pos`: title-case words (and connectors between them) up to a
// keyword such as Law or Regulations, then "of the People's Republic of China", then "on …" or "for …".
// A lone keyword ("the Law", "the Regulations") is a defined term, not a name, except "the Constitution".
function enLawName(text: string, pos: number): number | null {
  let cursor = pos;
  let words = 0;
  let keyword: RegExpExecArray & { end: number };
  for (;;) {
    const word = matchAt(enNameWord, text, cursor);
    if (!word || words > 12 || /^Articles?$/.test(word[0])) return null;
    const capital = /^[A-Z]/.test(word[0]);
    if (!capital && (words === 0 || !enNameConnector.has(word[0]))) return null;
    words++;
    if (capital && enLawKeyword.test(word[0])) {
      keyword = word;
      break;
    }
    const space = matchAt(/[ \t]+/y, text, word.end);
    if (!space) return null;
    cursor = space.end;
  }
  let end = matchAt(enPrc, text, keyword.end)?.end ?? keyword.end;
  const tailStart = end;
  const on = matchAt(enNameTail, text, end);
  for (let next = on?.end, word; next !== undefined && (word = matchAt(enNameWord, text, next));) {
    if (/^Articles?$/.test(word[0])) break;
    const capital = /^[A-Z]/.test(word[0]);
    if (!capital && !enNameConnector.has(word[0])) break;
    if (capital) end = word.end;
    next = matchAt(/[ \t]+/y, text, word.end)?.end;
  }
  if (words === 1 && end === tailStart && keyword[0] !== 'Constitution') return null;
  return end;
}

function enAt(text: string, pos: number, language: Language): Draft[] | null {
  let strong = false; // names a numbered "Article" or a law, so counts in any language
  let level: 'item' | 'paragraph' | 'article';
  let list: { elements: EnElement[]; end: number } | null;
  let paragraph: number | null = null;
  let article: number | null = null;
  let relative: RelativeCitation | undefined;
  let m;
  if ((m = matchAt(enItems, text, pos))) {
    level = 'item';
    list = enList(text, m.end, 'either', true, false);
    const p = list && enParagraphOf(text, list.end);
    if (p) {
      paragraph = p.value;
      list!.end = p.end;
    }
  } else if ((m = matchAt(enOrdinalParagraph, text, pos))) {
    level = 'paragraph';
    list = { elements: [{ start: pos, end: m.end, value: ordinal(m[1]) }], end: m.end };
  } else if ((m = matchAt(enParagraphs, text, pos))) {
    level = 'paragraph';
    list = enList(text, m.end, 'either', m[1] === 's', false);
  } else if ((m = matchAt(enArticles, text, pos))) {
    level = 'article';
    strong = m[1] === 'A';
    list = enList(text, m.end, 'digits', m[2] === 's', true);
  } else {
    const r = language === 'en' ? enRelative(text, pos) : null;
    if (!r) return null;
    return [
      { start: pos, end: r.end, law: null, article: null, paragraph: null, item: null, relative: r.relative },
    ];
  }
  if (!list) return null;
  let elements = list.elements;
  elements[0].start = pos;
  let end = list.end;

  if (level === 'article') {
    // "Article 61, paragraph 3, of this Law", "Article 24, paragraphs 1 or 2", "Article 5, paragraph 1,
    // item (2)": the paragraphs become the list, unless they are another article's ("…, paragraphs 1
    // and 2 of Article 40").
    const only = elements.length === 1 && elements[0].to === undefined && elements[0].paragraph === undefined;
    const c = only ? matchAt(enCommaParagraphs, text, end) : null;
    const paragraphs = c && enList(text, c.end, 'either', c[1] === 's', false);
    if (paragraphs && !matchAt(enTargetAhead, text, paragraphs.end)) {
      article = elements[0].value;
      level = 'paragraph';
      elements = paragraphs.elements;
      end = paragraphs.end;
      const i =
        elements.length === 1 && elements[0].to === undefined ? matchAt(enCommaItem, text, end) : null;
      if (i && !matchAt(enTargetAhead, text, i.end)) {
        paragraph = elements[0].value;
        level = 'item';
        elements = [{ start: pos, end: i.end, value: Number(i[1]) }];
        end = i.end;
      }
      elements[0].start = pos;
    }
  } else {
    // "… of Article 8" or "… of the preceding paragraph".
    const of = matchAt(enOf, text, end);
    const a = of && matchAt(enArticles, text, of.end);
    const n = a && a[2] === '' && enNumber(text, a.end, 'digits');
    const r = of && !a ? enRelative(text, of.end) : null;
    if (n) {
      article = n.value;
      strong = a[1] === 'A';
      end = n.end;
    } else if (r && fitsUnder(r.relative, level === 'paragraph' || paragraph !== null)) {
      relative = r.relative;
      end = r.end;
    }
  }

  const law = level === 'article' || article !== null ? enLaw(text, end) : null;
  if (law) {
    strong = true;
    end = law.end;
  }
  if (!strong && language !== 'en') return null;
  // The article's own heading: "Article 1 This Law is enacted…".
  const first = elements[0];
  if (
    level === 'article' &&
    !law &&
    elements.length === 1 &&
    first.end === end &&
    first.to === undefined &&
    first.paragraph === undefined &&
    atLineStart(text, pos) &&
    matchAt(enHeadingBody, text, end)
  ) {
    return null;
  }
  return elements.map((e, i): Draft => {
    const d: Draft = {
      start: e.start,
      end: i === elements.length - 1 ? end : e.end,
      law: law?.law ?? null,
      article,
      paragraph,
      item: null,
      english: true,
    };
    if (law?.lawName !== undefined) d.lawName = law.lawName;
    if (relative) d.relative = relative;
    if (level === 'item') {
      d.item = e.value;
      if (e.to !== undefined) d.toItem = e.to;
    } else if (level === 'paragraph') {
      d.paragraph = e.value;
      if (e.to !== undefined) d.toParagraph = e.to;
    } else {
      d.article = e.value;
      if (e.to !== undefined) d.toArticle = e.to;
      d.paragraph = e.paragraph ?? null;
      d.item = e.item ?? null;
    }
    return d;
  });
}

// Whether a relative phrase can hold what is cited of it: items of "this paragraph", paragraphs of
// "the preceding Article", but nothing of "the preceding two paragraphs" or "the preceding item".
function fitsUnder(relative: RelativeCitation, citesParagraph: boolean): boolean {
  if (relative === 'this-article' || relative === 'previous-article') return true;
  return !citesParagraph && (relative === 'this-paragraph' || relative === 'previous-paragraph');
}

// A law named once after an English list belongs to every element: "Article 12, Articles 16 to 20, or
// Article 42 of these Regulations".
function shareEnglishLaw(text: string, drafts: Draft[]): void {
  for (let i = drafts.length - 1; i > 0; i--) {
    const named = drafts[i];
    if (!named.english || named.law === null) continue;
    for (let j = i - 1; j >= 0; j--) {
      const d = drafts[j];
      if (!d.english || d.law !== null || d.article === null) break;
      if (!enListGap.test(text.slice(d.end, drafts[j + 1].start))) break;
      d.law = named.law;
      if (named.lawName !== undefined) d.lawName = named.lawName;
    }
  }
}
