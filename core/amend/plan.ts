/// How one article changed, as operations: the choice between rewriting the article, rewriting a
/// paragraph or an item, adding or deleting paragraphs and items, and substituting words.
///
/// The old text is read with its citations renumbered first (本法第二十一条 → 本法第二十三条 when that
/// article moved): a difference that renumbering explains is no change. What is left is measured by
/// its changed share, 1 − similarity, where similarity is 2 × kept characters / (old + new length)
/// of the character (zh) or word (en) diff. A careful drafter's choice, with its thresholds:
///  - words: changes closer than 5 characters (zh) or one word (en) are one change, and a change never
///    cuts a number (一万元, not 一) or a citation; each is quoted by the shortest span of the article
///    as in force that contains it and is found exactly once in its paragraph — in the article when
///    that span is unique there too (将第十条中的…), else in its paragraph (将第十条第二款中的…);
///  - a paragraph (or an item) is rewritten whole (将第十条第二款修改为) when more than half of it
///    changed (changed share > 0.5), when its changes need more than 3 clauses, when a change cannot
///    be quoted (an empty line gains words), or when the clauses would be longer than the paragraph;
///  - an article is rewritten whole (将第十条修改为) when more than half of it changed, when more than
///    half of its paragraphs would be rewritten or added, when it would need more than 4 clauses, or
///    when its clauses would be longer than the article; an article of one paragraph is rewritten as
///    an article, never as 第一款.
/// An insertion is anchored to at least two characters (zh) before or after it; a number is quoted
/// with the unit that follows it (五万元, not 五万).
import { heaviestChain } from '../compare/chain.ts';
import type { CandidateMatch } from '../compare/chain.ts';
import { diffTexts } from '../compare/inline.ts';
import { dice, fingerprint } from '../compare/similarity.ts';
import type { Language } from '../language.ts';
import type { ItemText, Operation, ParagraphText, ProvisionRef } from './model.ts';
import type { Relabel, TextEdit } from './renumber.ts';
import { applyEdits, citationEdits, citationSpans, suffixedCitationEdits } from './renumber.ts';
import { textKey, wordsKey } from './typography.ts';

/// More than this share changed: rewrite the whole (paragraph, item or article).
export const rewriteShare = 0.5;
/// More word clauses than this in one paragraph or item: rewrite it.
export const maxWordClauses = 3;
/// More clauses than this in one article: rewrite it.
export const maxArticleClauses = 4;
/// Fewest characters (zh) of the words an insertion is anchored to (在“A”后增加): one character is
/// too little to read.
const minAnchorZh = 2;
/// Changes at most this many characters (zh) apart are one change.
export const mergeGapZh = 4;
/// Changes with at most this many words (en) between them are one change.
export const mergeGapEn = 1;
/// Longest context (characters in zh, words in en) added to make a quotation unique.
const maxContextZh = 40;
const maxContextEn = 12;
/// What each clause costs beyond its quotations, to compare clauses with a rewrite.
const clauseOverhead = 8;

/// What planArticle needs: the article as in force (raw text) and as amended (citations already in
/// the instrument's numbering).
export interface PlanInput {
  readonly language: Language;
  /// The article's number in the law as in force.
  readonly article: number;
  readonly old: readonly ParagraphText[];
  /// Indices of the old paragraphs that stay in this article (all but those split off).
  readonly available: readonly number[];
  readonly new: readonly ParagraphText[];
  /// How the citations of the old text read after the amendment.
  readonly relabel: Relabel;
  /// The similarity of the old and new article as the comparison measured it, when known (saves
  /// diffing the whole article again).
  readonly similarity?: number;
}

/// The operations that make the new article out of the old one: none when they are the same words
/// once citations are renumbered; `rewrite` when the article is best rewritten whole (the only
/// operation is then that rewrite).
export interface ArticlePlan {
  readonly operations: readonly Operation[];
  readonly rewrite: boolean;
}

/// A line of the old article: its text as in force, as it reads with citations renumbered, and the
/// renumbering edits (old and renumbered spans).
interface OldLine {
  readonly text: string;
  readonly r: string;
  readonly edits: ReadonlyArray<{ oldStart: number; oldEnd: number; rStart: number; rEnd: number }>;
  /// Whole citations in the renumbered text, which a quotation must take whole or leave alone.
  readonly spans: ReadonlyArray<readonly [number, number]>;
}

interface OldItem {
  readonly lead: OldLine;
  readonly subitems: readonly OldLine[];
}

interface OldParagraph {
  readonly number: number;
  readonly lead: OldLine;
  readonly items: readonly OldItem[];
}

// Every citation that applyInstrument may relabel is an edit here, even one whose label stays, so
// that no quotation cuts it.
function oldLine(text: string, language: Language, relabel: Relabel): OldLine {
  const raw: readonly TextEdit[] = citationEdits(text, language, relabel, true);
  const edits: Array<{ oldStart: number; oldEnd: number; rStart: number; rEnd: number }> = [];
  let shift = 0;
  for (const e of raw) {
    edits.push({
      oldStart: e.start,
      oldEnd: e.end,
      rStart: e.start + shift,
      rEnd: e.start + shift + e.text.length,
    });
    shift += e.text.length - (e.end - e.start);
  }
  const r = applyEdits(text, raw);
  return { text, r, edits, spans: citationSpans(r, language) };
}

const paragraphLines = (p: OldParagraph): OldLine[] => [
  p.lead,
  ...p.items.flatMap((item) => [item.lead, ...item.subitems]),
];
const newParagraphText = (p: ParagraphText): string =>
  [p.text, ...p.items.flatMap((i) => [i.text, ...i.subitems])].join('\n');
const oldParagraphText = (p: OldParagraph): string =>
  paragraphLines(p)
    .map((l) => l.r)
    .join('\n');
const itemText = (i: ItemText) => [i.text, ...i.subitems].join('\n');

/// The plan for one article (see the module comment for the choices).
export function planArticle(input: PlanInput): ArticlePlan {
  const { language, relabel } = input;
  const all: OldParagraph[] = input.old.map((p, k) => ({
    number: k + 1,
    lead: oldLine(p.text, language, relabel),
    items: p.items.map((item) => ({
      lead: oldLine(item.text, language, relabel),
      subitems: item.subitems.map((s) => oldLine(s, language, relabel)),
    })),
  }));
  const olds = input.available.map((k) => all[k]);
  const news = input.new;
  const key = (text: string) => wordsKey(text, language);
  const oldKeys = olds.map((p) => key(oldParagraphText(p)));
  const newKeys = news.map((p) => key(newParagraphText(p)));
  if (oldKeys.length === newKeys.length && oldKeys.every((k, i) => k === newKeys[i])) {
    return { operations: [], rewrite: false };
  }
  const article = input.article;
  const rewriteWhole: ArticlePlan = {
    operations: [{ op: 'rewrite', target: { article }, paragraphs: news }],
    rewrite: true,
  };
  const oldWhole = olds.map(oldParagraphText).join('\n');
  const newWhole = news.map(newParagraphText).join('\n');
  const similarity = input.similarity ?? similarity_(oldWhole, newWhole, language);
  if (1 - similarity > rewriteShare) return rewriteWhole;

  const single = input.old.length === 1;
  const articleScope = new Scope(all.flatMap(paragraphLines), language);
  const pairs = alignLists(oldKeys, newKeys, language);
  const operations: Operation[] = [];
  let rewrittenOrAdded = 0;
  let cost = 0;
  let oldAt = 0;
  const deleteUpTo = (end: number) => {
    for (; oldAt < end; oldAt++) {
      if (pairs.newOf[oldAt] !== -1) continue;
      operations.push({ op: 'delete-provision', target: { article, paragraph: olds[oldAt].number } });
      cost += clauseOverhead;
    }
  };
  for (let j = 0; j < news.length; j++) {
    const i = pairs.oldOf[j];
    if (i === -1) {
      operations.push({ op: 'add-paragraph', article, at: j + 1, paragraph: news[j] });
      rewrittenOrAdded++;
      cost += newParagraphText(news[j]).length + clauseOverhead;
      continue;
    }
    deleteUpTo(i);
    oldAt = i + 1;
    if (oldKeys[i] === newKeys[j]) continue;
    const paragraph = olds[i];
    const scopes = { article: articleScope, paragraph: new Scope(paragraphLines(paragraph), language) };
    const plan = planParagraph(paragraph, news[j], article, single, scopes, language);
    if (!plan) {
      if (single) return rewriteWhole;
      operations.push({
        op: 'rewrite',
        target: { article, paragraph: paragraph.number },
        paragraphs: [news[j]],
      });
      rewrittenOrAdded++;
      cost += newParagraphText(news[j]).length + clauseOverhead;
      continue;
    }
    operations.push(...plan.operations);
    cost += plan.cost;
  }
  deleteUpTo(olds.length);
  if (news.length >= 2 && rewrittenOrAdded * 2 > news.length) return rewriteWhole;
  if (operations.length > maxArticleClauses) return rewriteWhole;
  if (cost >= newWhole.length + clauseOverhead) return rewriteWhole;
  return { operations, rewrite: false };
}

// The paragraph's operations (words, items) and what they cost; null when the paragraph is better
// rewritten whole.
function planParagraph(
  old: OldParagraph,
  next: ParagraphText,
  article: number,
  single: boolean,
  scopes: { article: Scope; paragraph: Scope },
  language: Language,
): { operations: Operation[]; cost: number } | null {
  const oldText = oldParagraphText(old);
  const newText = newParagraphText(next);
  if (1 - similarity_(oldText, newText, language) > rewriteShare) return null;
  const operations: Operation[] = [];
  let cost = 0;
  const paragraphRef: ProvisionRef = { article, paragraph: old.number };
  const words = (line: OldLine, text: string): boolean => {
    const clauses = wordClauses(line, text, scopes, article, single ? null : old.number, language);
    if (!clauses) return false;
    for (const c of clauses) {
      operations.push(c.op);
      cost += c.cost;
    }
    return true;
  };
  if (old.lead.r !== next.text && wordsKey(old.lead.r, language) !== wordsKey(next.text, language)) {
    if (!words(old.lead, next.text)) return null;
  }
  const oldItemKeys = old.items.map((i) =>
    wordsKey([i.lead.r, ...i.subitems.map((s) => s.r)].join('\n'), language),
  );
  const newItemKeys = next.items.map((i) => wordsKey(itemText(i), language));
  const pairs = alignLists(oldItemKeys, newItemKeys, language);
  let oldAt = 0;
  const deleteUpTo = (end: number) => {
    for (; oldAt < end; oldAt++) {
      if (pairs.newOf[oldAt] !== -1) continue;
      operations.push({ op: 'delete-provision', target: { ...paragraphRef, item: oldAt + 1 } });
      cost += clauseOverhead;
    }
  };
  for (let m = 0; m < next.items.length; m++) {
    const k = pairs.oldOf[m];
    const item = next.items[m];
    if (k === -1) {
      operations.push({ op: 'add-item', article, paragraph: old.number, at: m + 1, item });
      cost += itemText(item).length + clauseOverhead;
      continue;
    }
    deleteUpTo(k);
    oldAt = k + 1;
    if (oldItemKeys[k] === newItemKeys[m]) continue;
    const before = operations.length;
    const oldItem = old.items[k];
    const itemShare = 1 - similarity_(oldItemKeys[k], newItemKeys[m], language);
    let worded = itemShare <= rewriteShare && oldItem.subitems.length === item.subitems.length;
    if (worded) {
      const mark = cost;
      worded =
        words(oldItem.lead, item.text) &&
        oldItem.subitems.every(
          (s, n) => sameLine(s, item.subitems[n], language) || words(s, item.subitems[n]),
        );
      if (worded && operations.length - before > maxWordClauses) worded = false;
      if (!worded) {
        operations.length = before;
        cost = mark;
      }
    }
    if (!worded) {
      operations.push({
        op: 'rewrite',
        target: { ...paragraphRef, item: k + 1 },
        paragraphs: [{ text: '', items: [item] }],
        label: m + 1,
      });
      cost += itemText(item).length + clauseOverhead;
    }
  }
  deleteUpTo(old.items.length);
  if (operations.length > maxWordClauses) return null;
  if (cost >= newText.length + clauseOverhead) return null;
  return { operations, cost };
}

// The similarity of two texts (see the module comment), without diffing when their lengths alone
// say that more than half changed.
function similarity_(a: string, b: string, language: Language): number {
  const bound = a.length + b.length === 0 ? 1 : (2 * Math.min(a.length, b.length)) / (a.length + b.length);
  if (1 - bound > rewriteShare) return bound;
  return diffTexts(a, b, language).similarity;
}

function sameLine(line: OldLine, text: string, language: Language): boolean {
  return line.r === text || wordsKey(line.r, language) === wordsKey(text, language);
}

// --- Aligning paragraphs and items ------------------------------------------------------------------

// Order-keeping pairs of old and new entries: equal keys first, then similar ones (Dice ≥ 0.3).
function alignLists(
  oldKeys: readonly string[],
  newKeys: readonly string[],
  language: Language,
): { oldOf: number[]; newOf: number[] } {
  const oldOf = new Array<number>(newKeys.length).fill(-1);
  const newOf = new Array<number>(oldKeys.length).fill(-1);
  if (oldKeys.length === 0 || newKeys.length === 0) return { oldOf, newOf };
  const oldPrints = oldKeys.map((k) => fingerprint(k, language));
  const newPrints = newKeys.map((k) => fingerprint(k, language));
  const candidates: CandidateMatch[] = [];
  oldKeys.forEach((ok, i) =>
    newKeys.forEach((nk, j) => {
      if (ok === nk) candidates.push({ old: i, new: j, weight: 3 });
      else {
        const d = dice(oldPrints[i], newPrints[j]);
        if (d >= 0.3 || (ok.length === 0 && nk.length === 0)) candidates.push({ old: i, new: j, weight: d });
      }
    }),
  );
  for (const c of heaviestChain(candidates, newKeys.length)) {
    oldOf[candidates[c].new] = candidates[c].old;
    newOf[candidates[c].old] = candidates[c].new;
  }
  return { oldOf, newOf };
}

// --- Word clauses -------------------------------------------------------------------------------------

/// Lines searched for quoted words: their keys, computed once.
class Scope {
  private readonly keys: string[];
  constructor(
    readonly lines: readonly OldLine[],
    private readonly language: Language,
  ) {
    this.keys = lines.map((l) => textKey(l.text, language).key);
  }

  /// How many times `words` stands in the lines (within a line).
  count(words: string): number {
    const needle = wordsKey(words, this.language);
    if (!needle) return 0;
    let n = 0;
    for (const key of this.keys) {
      for (let at = key.indexOf(needle); at >= 0; at = key.indexOf(needle, at + 1)) n++;
    }
    return n;
  }
}

interface Region {
  rs: number;
  re: number;
  ns: number;
  ne: number;
}

const numeral = /[〇零一二两三四五六七八九十百千万亿0-9０-９.．]/;
const unit = /[元日月年倍]/;
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

// The changes of one line, as word operations; null when one cannot be quoted.
function wordClauses(
  line: OldLine,
  next: string,
  scopes: { article: Scope; paragraph: Scope },
  article: number,
  paragraph: number | null,
  language: Language,
): Array<{ op: Operation; cost: number }> | null {
  let regions = changeRegions(line, next, language);
  if (regions.length > maxWordClauses) return null;
  for (let guard = 0; guard < 8; guard++) {
    const quoted: Array<{ region: Region; quote: Quote }> = [];
    for (const region of regions) {
      const quote = quoteRegion(region, line, next, scopes, paragraph !== null, language);
      if (!quote) return null;
      quoted.push({ region, quote });
    }
    // Quotations that overlap or touch make one change.
    const merged: Region[] = [];
    let lastEnd = -1;
    let overlapped = false;
    for (const { quote } of quoted) {
      const last = merged[merged.length - 1];
      if (last && quote.span.rs <= lastEnd) {
        last.re = quote.core.re;
        last.ne = quote.core.ne;
        overlapped = true;
      } else merged.push({ ...quote.core });
      lastEnd = Math.max(lastEnd, quote.span.re);
    }
    if (!overlapped) {
      return quoted.map(({ quote }) => ({
        op: quote.operation(article, quote.articleWide || paragraph === null ? null : paragraph),
        cost: quote.cost,
      }));
    }
    regions = merged.map((r) => ({ ...r }));
  }
  return null;
}

// The changed spans of a line (renumbered old text against new text), merged when close, widened so
// as not to cut a number or a renumbered citation.
function changeRegions(line: OldLine, next: string, language: Language): Region[] {
  const r = line.r;
  const raw: Region[] = [];
  let rPos = 0;
  let nPos = 0;
  let open: Region | null = null;
  for (const segment of diffTexts(r, next, language).segments) {
    const length = segment.text.length;
    if (segment.op === 'equal') {
      if (open) raw.push(open);
      open = null;
      if (language === 'zh') rPos += length;
      else {
        // An English diff keeps equal words in the new text's spacing: walk the old line word by word.
        for (const ch of segment.text) {
          if (/\s/.test(ch)) continue;
          while (rPos < r.length && /\s/.test(r[rPos])) rPos++;
          rPos += ch.length;
        }
        if (/\s$/.test(segment.text)) while (rPos < r.length && /\s/.test(r[rPos])) rPos++;
      }
      nPos += length;
      continue;
    }
    open ??= { rs: rPos, re: rPos, ns: nPos, ne: nPos };
    if (segment.op === 'delete') rPos += length;
    else nPos += length;
    open.re = rPos;
    open.ne = nPos;
  }
  if (open) raw.push(open);

  const merged: Region[] = [];
  for (const region of raw) {
    const last = merged[merged.length - 1];
    if (last && closeEnough(r.slice(last.re, region.rs), language)) {
      last.re = region.re;
      last.ne = region.ne;
    } else merged.push({ ...region });
  }
  const newSpans = [
    ...citationSpans(next, language).map(([start, end]) => ({ start, end, text: '' })),
    ...suffixedCitationEdits(next, language, (label) => label),
  ];
  for (const region of merged) widen(region, line, next, newSpans, language);
  // Widening may make regions meet.
  const out: Region[] = [];
  for (const region of merged) {
    const last = out[out.length - 1];
    if (last && region.rs <= last.re) {
      last.re = Math.max(last.re, region.re);
      last.ne = Math.max(last.ne, region.ne);
    } else out.push(region);
  }
  return out;
}

function closeEnough(gap: string, language: Language): boolean {
  if (language === 'zh') return gap.replace(/\s/g, '').length <= mergeGapZh;
  return (gap.match(/[\p{L}\p{N}]+/gu) ?? []).length <= mergeGapEn;
}

// Widen a region over the numbers it cuts and the renumbered citations it touches; the text outside
// a region is the same in the renumbered old line and the new line, so both sides move together.
function widen(
  region: Region,
  line: OldLine,
  next: string,
  newSpans: readonly TextEdit[],
  language: Language,
): void {
  const r = line.r;
  for (let changed = true; changed;) {
    changed = false;
    if (language === 'zh') {
      const inside = (ch: string | undefined) => ch !== undefined && numeral.test(ch);
      while (
        region.rs > 0 &&
        inside(r[region.rs - 1]) &&
        (inside(r[region.rs]) || inside(next[region.ns]) || region.rs === region.re)
      ) {
        region.rs--;
        region.ns--;
        changed = true;
      }
      while (
        region.re < r.length &&
        inside(r[region.re]) &&
        (inside(r[region.re - 1]) || inside(next[region.ne - 1]) || region.rs === region.re)
      ) {
        region.re++;
        region.ne++;
        changed = true;
      }
      if (
        region.re < r.length &&
        unit.test(r[region.re]) &&
        region.re > region.rs &&
        (inside(r[region.re - 1]) || inside(next[region.ne - 1]))
      ) {
        region.re++;
        region.ne++;
        changed = true;
      }
    } else {
      while (region.rs > 0 && isWordChar(r[region.rs - 1]) && isWordChar(r[region.rs])) {
        region.rs--;
        region.ns--;
        changed = true;
      }
      while (region.re < r.length && isWordChar(r[region.re]) && isWordChar(r[region.re - 1])) {
        region.re++;
        region.ne++;
        changed = true;
      }
    }
    for (const span of newSpans) {
      const touches =
        region.ns === region.ne
          ? span.start < region.ns && region.ns < span.end
          : region.ns < span.end && span.start < region.ne;
      if (!touches) continue;
      if (span.start < region.ns) {
        region.rs -= region.ns - span.start;
        region.ns = span.start;
        changed = true;
      }
      if (span.end > region.ne) {
        region.re += span.end - region.ne;
        region.ne = span.end;
        changed = true;
      }
    }
    for (const e of [...line.edits, ...line.spans.map(([rStart, rEnd]) => ({ rStart, rEnd }))]) {
      const touches =
        region.rs === region.re
          ? e.rStart < region.rs && region.rs < e.rEnd
          : region.rs < e.rEnd && e.rStart < region.re;
      if (!touches) continue;
      if (e.rStart < region.rs) {
        region.ns -= region.rs - e.rStart;
        region.rs = e.rStart;
        changed = true;
      }
      if (e.rEnd > region.re) {
        region.ne += e.rEnd - region.re;
        region.re = e.rEnd;
        changed = true;
      }
    }
  }
}

interface Quote {
  /// The region as quoted (with its context), in renumbered-old and new offsets.
  readonly span: Region;
  /// The region without context.
  readonly core: Region;
  readonly cost: number;
  /// Whether the quotation is unique in the whole article (so the article alone is cited).
  readonly articleWide: boolean;
  readonly operation: (article: number, paragraph: number | null) => Operation;
}

// The shortest quotation of a change that is unique in the paragraph (and in the article if as short).
function quoteRegion(
  region: Region,
  line: OldLine,
  next: string,
  scopes: { article: Scope; paragraph: Scope },
  multiParagraph: boolean,
  language: Language,
): Quote | null {
  const inArticle = findQuote(region, line, next, scopes.article, language);
  if (!multiParagraph) return inArticle ? { ...inArticle, articleWide: true } : null;
  const inParagraph = findQuote(region, line, next, scopes.paragraph, language);
  if (!inParagraph) return null;
  if (inArticle && inArticle.cost <= inParagraph.cost) return { ...inArticle, articleWide: true };
  return { ...inParagraph, articleWide: false };
}

// Offsets of the line where a quotation may begin or end: not inside a renumbered citation, a
// number (zh) or a word (en), nor next to the space that would open or close it.
function boundaries(line: OldLine, language: Language): { lefts: boolean[]; rights: boolean[] } {
  const r = line.r;
  const lefts: boolean[] = [];
  const rights: boolean[] = [];
  for (let p = 0; p <= r.length; p++) {
    let ok =
      !line.edits.some((e) => e.rStart < p && p < e.rEnd) && !line.spans.some(([a, b]) => a < p && p < b);
    const code = r.charCodeAt(p - 1);
    if (code >= 0xd800 && code <= 0xdbff) ok = false;
    if (language === 'zh' && numeral.test(r[p - 1] ?? '') && numeral.test(r[p] ?? '')) ok = false;
    if (language === 'en' && isWordChar(r[p - 1]) && isWordChar(r[p])) ok = false;
    lefts.push(ok && !isSpace(r[p]));
    rights.push(ok && !isSpace(r[p - 1]));
  }
  return { lefts, rights };
}

// Offset in the old line of an offset of the renumbered line that is not inside a renumbered citation.
function toOld(line: OldLine, p: number): number {
  let shift = 0;
  for (const e of line.edits) {
    if (e.rEnd <= p) shift += e.rEnd - e.rStart - (e.oldEnd - e.oldStart);
  }
  return p - shift;
}

function findQuote(
  region: Region,
  line: OldLine,
  next: string,
  scope: Scope,
  language: Language,
): Quote | null {
  const r = line.r;
  const { lefts, rights } = boundaries(line, language);
  const maxContext = language === 'zh' ? maxContextZh : maxContextEn;
  const units = (from: number, to: number) =>
    language === 'zh' ? to - from : (r.slice(from, to).match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length;
  const leftCandidates: number[] = [];
  for (let p = region.rs; p >= 0 && units(p, region.rs) <= maxContext; p--)
    if (lefts[p]) leftCandidates.push(p);
  const rightCandidates: number[] = [];
  for (let p = region.re; p <= r.length && units(region.re, p) <= maxContext; p++)
    if (rights[p]) rightCandidates.push(p);
  const insertion = region.rs === region.re;
  const deletion = region.ns === region.ne;
  type Candidate = { left: number; right: number; extra: number };
  const candidates: Candidate[] = [];
  if (insertion) {
    // An anchor on one side: "在“A”后增加" or "在“A”前增加".
    const least = language === 'zh' ? minAnchorZh : 1;
    if (rights[region.re])
      for (const left of leftCandidates)
        if (region.rs - left >= least) candidates.push({ left, right: region.re, extra: region.rs - left });
    if (lefts[region.rs])
      for (const right of rightCandidates)
        if (right - region.re >= least)
          candidates.push({ left: region.rs, right, extra: right - region.re + 0.5 });
  } else {
    for (const left of leftCandidates)
      for (const right of rightCandidates)
        candidates.push({
          left,
          right,
          extra: region.rs - left + (right - region.re) + (region.rs - left) * 0.01,
        });
  }
  candidates.sort((a, b) => a.extra - b.extra);
  for (const c of candidates) {
    const oldStart = toOld(line, c.left);
    const oldEnd = toOld(line, c.right);
    const quoted = line.text.slice(oldStart, oldEnd);
    if (!wordsKey(quoted, language) || scope.count(quoted) !== 1) continue;
    const span: Region = {
      rs: c.left,
      re: c.right,
      ns: region.ns - (region.rs - c.left),
      ne: region.ne + (c.right - region.re),
    };
    const replacement = next.slice(span.ns, span.ne);
    const inserted = next.slice(region.ns, region.ne);
    const cost = quoted.length + replacement.length + clauseOverhead;
    const core = { ...region };
    const target = (article: number, paragraph: number | null): ProvisionRef =>
      paragraph === null ? { article } : { article, paragraph };
    let operation: Quote['operation'];
    if (insertion && c.left < region.rs) {
      operation = (a, p) => ({
        op: 'insert-words',
        target: target(a, p),
        anchor: quoted,
        side: 'after',
        words: inserted,
      });
    } else if (insertion) {
      operation = (a, p) => ({
        op: 'insert-words',
        target: target(a, p),
        anchor: quoted,
        side: 'before',
        words: inserted,
      });
    } else if (deletion && c.left === region.rs && c.right === region.re) {
      operation = (a, p) => ({ op: 'delete-words', target: target(a, p), words: quoted });
    } else {
      operation = (a, p) => ({ op: 'replace-words', target: target(a, p), from: quoted, to: replacement });
    }
    return { span, core, cost, articleWide: false, operation };
  }
  return null;
}
