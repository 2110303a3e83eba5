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
/// An insertion is anchored to at least three characters (zh) before or after it; a number is quoted
/// with the unit that follows it (五万元, not 五万).
import { heaviestChain } from '../compare/chain.ts';
import type { CandidateMatch } from '../compare/chain.ts';
import { diffTexts } from '../compare/inline.ts';
import { dice, fingerprint } from '../compare/similarity.ts';
import type { Language } from '../language.ts';
import type { ItemText, Operation, ParagraphText, ProvisionRef } from './model.ts';
import type { Relabel, TextEdit } from './renumber.ts';
import {
  applyEdits,
  citationEdits,
  citationSpans,
  mayCiteArticles,
  suffixedCitationEdits,
} from './renumber.ts';
import { joinWords, textKey, wordsKey } from './typography.ts';

/// More than this share changed: rewrite the whole (paragraph, item or article).
export const rewriteShare = 0.5;
/// More word clauses than this in one paragraph or item: rewrite it.
export const maxWordClauses = 3;
/// More clauses than this in one article: rewrite it.
export const maxArticleClauses = 4;
/// Fewest characters (zh) of the words an insertion is anchored to (在“A”后增加): fewer rarely make
/// a word.
const minAnchorZh = 3;
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
  /// How quoted text is written in the instrument (a 修正案's labels: 第十七条之一), and how
  /// applyInstrument reads it back. Both default to leaving the text as it is.
  readonly label?: (text: string) => string;
  readonly unlabel?: (text: string) => string;
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

// How quoted text is written and read back (see PlanInput.label).
interface Quoting {
  readonly label: (text: string) => string;
  readonly unlabel: (text: string) => string;
}

const same = (text: string) => text;

function presentParagraph(p: ParagraphText, quoting: Quoting): ParagraphText {
  if (quoting.label === same) return p;
  return { text: quoting.label(p.text), items: p.items.map((i) => presentItem(i, quoting)) };
}

function presentItem(i: ItemText, quoting: Quoting): ItemText {
  if (quoting.label === same) return i;
  return { text: quoting.label(i.text), subitems: i.subitems.map(quoting.label) };
}

/// The plan for one article (see the module comment for the choices).
export function planArticle(input: PlanInput): ArticlePlan {
  const { language, relabel } = input;
  const quoting: Quoting = { label: input.label ?? same, unlabel: input.unlabel ?? same };
  if (untouched(input)) return { operations: [], rewrite: false };
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
  if (sameLines(olds, news)) return { operations: [], rewrite: false };
  const key = (text: string) => wordsKey(text, language);
  const oldKeys = olds.map((p) => key(oldParagraphText(p)));
  const newKeys = news.map((p) => key(newParagraphText(p)));
  if (oldKeys.length === newKeys.length && oldKeys.every((k, i) => k === newKeys[i])) {
    return { operations: [], rewrite: false };
  }
  const article = input.article;
  const rewriteWhole: ArticlePlan = {
    operations: [
      { op: 'rewrite', target: { article }, paragraphs: news.map((p) => presentParagraph(p, quoting)) },
    ],
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
      operations.push({
        op: 'add-paragraph',
        article,
        at: j + 1,
        paragraph: presentParagraph(news[j], quoting),
      });
      rewrittenOrAdded++;
      cost += newParagraphText(news[j]).length + clauseOverhead;
      continue;
    }
    deleteUpTo(i);
    oldAt = i + 1;
    if (oldKeys[i] === newKeys[j]) continue;
    const paragraph = olds[i];
    const scopes = { article: articleScope, paragraph: new Scope(paragraphLines(paragraph), language) };
    const plan = planParagraph(paragraph, news[j], article, single, scopes, language, quoting);
    if (!plan) {
      if (single) return rewriteWhole;
      operations.push({
        op: 'rewrite',
        target: { article, paragraph: paragraph.number },
        paragraphs: [presentParagraph(news[j], quoting)],
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
  quoting: Quoting,
): { operations: Operation[]; cost: number } | null {
  const oldText = oldParagraphText(old);
  const newText = newParagraphText(next);
  if (1 - similarity_(oldText, newText, language) > rewriteShare) return null;
  const operations: Operation[] = [];
  let cost = 0;
  const paragraphRef: ProvisionRef = { article, paragraph: old.number };
  const words = (line: OldLine, text: string): boolean => {
    const clauses = wordClauses(line, text, scopes, article, single ? null : old.number, language, quoting);
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
      operations.push({
        op: 'add-item',
        article,
        paragraph: old.number,
        at: m + 1,
        item: presentItem(item, quoting),
      });
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
        paragraphs: [{ text: '', items: [presentItem(item, quoting)] }],
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

// Whether the article reads exactly as before and cites no article (so renumbering cannot touch it).
function untouched(input: PlanInput): boolean {
  const { old, new: next, available } = input;
  if (available.length !== next.length) return false;
  return available.every((k, j) => {
    const o = old[k];
    const n = next[j];
    if (o.text !== n.text || mayCiteArticles(o.text) || o.items.length !== n.items.length) return false;
    return o.items.every((item, m) => {
      const other = n.items[m];
      return (
        item.text === other.text &&
        !mayCiteArticles(item.text) &&
        item.subitems.length === other.subitems.length &&
        item.subitems.every((sub, q) => sub === other.subitems[q] && !mayCiteArticles(sub))
      );
    });
  });
}

// Whether the old paragraphs, renumbered, read exactly as the new ones (the common case, checked
// before anything is normalised).
function sameLines(olds: readonly OldParagraph[], news: readonly ParagraphText[]): boolean {
  if (olds.length !== news.length) return false;
  return olds.every((o, k) => {
    const n = news[k];
    if (o.lead.r !== n.text || o.items.length !== n.items.length) return false;
    return o.items.every((item, m) => {
      const other = n.items[m];
      return (
        item.lead.r === other.text &&
        item.subitems.length === other.subitems.length &&
        item.subitems.every((s, q) => s.r === other.subitems[q])
      );
    });
  });
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

// A change of one line: a span of the renumbered old line and the span of the new line it became.
interface Region {
  rs: number;
  re: number;
  ns: number;
  ne: number;
}

/// The diff of one line: its changes, and for every offset of the renumbered old line outside them
/// the offset of the same place in the new line (-1 inside a change): as a start (before what the
/// new line inserts there) and as an end (after it). English diffs keep equal words in the new
/// text's spacing, so the map is kept offset by offset rather than as one shift.
interface LineDiff {
  regions: Region[];
  readonly startAt: Int32Array;
  readonly endAt: Int32Array;
  /// The citations of the new line (of this law, by number or by inserted-article label).
  readonly newSpans: ReadonlyArray<readonly [number, number]>;
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
  quoting: Quoting,
): Array<{ op: Operation; cost: number }> | null {
  const diff = lineDiff(line, next, language);
  let regions = diff.regions;
  for (let guard = 0; guard < 8; guard++) {
    if (regions.length > maxWordClauses) return null;
    const quotes: Quote[] = [];
    for (const region of regions) {
      const quote = quoteRegion(region, line, next, diff, scopes, paragraph !== null, language, quoting);
      if (!quote) return null;
      quotes.push(quote);
    }
    // Quotations that overlap or touch make one change.
    const merged: Region[] = [];
    let lastEnd = -1;
    let overlapped = false;
    for (const quote of quotes) {
      const last = merged[merged.length - 1];
      if (last && quote.span.rs <= lastEnd) {
        last.re = quote.core.re;
        last.ne = quote.core.ne;
        overlapped = true;
      } else merged.push({ ...quote.core });
      lastEnd = Math.max(lastEnd, quote.span.re);
    }
    if (!overlapped) {
      return quotes.map((quote) => ({
        op: quote.operation(article, quote.articleWide || paragraph === null ? null : paragraph),
        cost: quote.cost,
      }));
    }
    regions = settle(merged, line, next, diff, language);
  }
  return null;
}

// The changed spans of a line (renumbered old text against new text), merged when close, widened so
// as not to cut a number or a citation.
function lineDiff(line: OldLine, next: string, language: Language): LineDiff {
  const r = line.r;
  const raw: Region[] = [];
  const startAt = new Int32Array(r.length + 1).fill(-1);
  const endAt = new Int32Array(r.length + 1).fill(-1);
  const map = (p: number, n: number) => {
    startAt[p] = n;
    endAt[p] = n;
  };
  let rPos = 0;
  let nPos = 0;
  let open: Region | null = null;
  for (const segment of diffTexts(r, next, language).segments) {
    const length = segment.text.length;
    if (segment.op === 'equal') {
      if (open) raw.push(open);
      open = null;
      if (language === 'zh') {
        for (let k = 0; k < length; k++) map(rPos + k, nPos + k);
        rPos += length;
      } else {
        let n = nPos;
        for (const ch of segment.text) {
          if (/\s/.test(ch)) {
            n += ch.length;
            continue;
          }
          while (rPos < r.length && /\s/.test(r[rPos])) map(rPos++, n);
          map(rPos, n);
          rPos += ch.length;
          n += ch.length;
        }
        if (/\s$/.test(segment.text))
          while (rPos < r.length && /\s/.test(r[rPos])) map(rPos++, nPos + length);
      }
      nPos += length;
      map(rPos, nPos);
      continue;
    }
    open ??= { rs: rPos, re: rPos, ns: nPos, ne: nPos };
    if (segment.op === 'delete') rPos += length;
    else nPos += length;
    open.re = rPos;
    open.ne = nPos;
  }
  if (open) raw.push(open);
  if (raw.length === 0 || raw[0].rs > 0 || raw[0].ns > 0) map(0, 0);
  // An English change carries the space before its words on both sides: that space is not changed.
  for (const region of raw) {
    while (
      region.rs < region.re &&
      region.ns < region.ne &&
      /\s/.test(r[region.rs]) &&
      r[region.rs] === next[region.ns]
    ) {
      map(region.rs, region.ns);
      region.rs++;
      region.ns++;
    }
  }
  for (const region of raw) {
    for (let p = region.rs + 1; p < region.re; p++) {
      startAt[p] = -1;
      endAt[p] = -1;
    }
    startAt[region.rs] = region.ns;
    endAt[region.re] = region.ne;
  }
  const diff: LineDiff = { regions: [], startAt, endAt, newSpans: newCitationSpans(next, language) };
  const merged: Region[] = [];
  for (const region of raw) {
    const last = merged[merged.length - 1];
    if (last && closeEnough(r.slice(last.re, region.rs), language)) {
      last.re = region.re;
      last.ne = region.ne;
    } else merged.push({ ...region });
  }
  diff.regions = settle(merged, line, next, diff, language);
  return diff;
}

function newCitationSpans(text: string, language: Language): Array<readonly [number, number]> {
  return [
    ...citationSpans(text, language),
    ...suffixedCitationEdits(text, language, (label) => label).map((e) => [e.start, e.end] as const),
  ];
}

function closeEnough(gap: string, language: Language): boolean {
  if (language === 'zh') return gap.replace(/\s/g, '').length <= mergeGapZh;
  return (gap.match(/[\p{L}\p{N}]+/gu) ?? []).length <= mergeGapEn;
}

// Regions widened over the numbers and citations they cut, merged where they meet, each with both
// ends where the lines agree (so that its new span follows from the map).
function settle(
  regions: readonly Region[],
  line: OldLine,
  next: string,
  diff: LineDiff,
  language: Language,
): Region[] {
  const r = line.r;
  const newSpans = diff.newSpans;
  const oldSpans = [...line.edits.map((e) => [e.rStart, e.rEnd] as const), ...line.spans];
  let list = regions.map((region) => ({ ...region }));
  for (let changed = true; changed;) {
    changed = false;
    for (const region of list) {
      const before = [region.rs, region.re, region.ns, region.ne].join();
      if (language === 'zh') {
        const inside = (ch: string | undefined) => ch !== undefined && numeral.test(ch);
        const empty = region.rs === region.re;
        while (
          region.rs > 0 &&
          inside(r[region.rs - 1]) &&
          (inside(r[region.rs]) || inside(next[region.ns]) || empty)
        )
          region.rs--;
        while (
          region.re < r.length &&
          inside(r[region.re]) &&
          (inside(r[region.re - 1]) || inside(next[region.ne - 1]) || empty)
        )
          region.re++;
        if (
          region.re < r.length &&
          unit.test(r[region.re]) &&
          region.re > region.rs &&
          (inside(r[region.re - 1]) || inside(next[region.ne - 1]))
        )
          region.re++;
      } else {
        while (region.rs > 0 && isWordChar(r[region.rs - 1]) && isWordChar(r[region.rs])) region.rs--;
        while (region.re < r.length && isWordChar(r[region.re]) && isWordChar(r[region.re - 1])) region.re++;
      }
      const cuts = (a: number, b: number, s: number, e: number) =>
        s === e ? a < s && s < b : s < b && a < e;
      for (const [a, b] of oldSpans) {
        if (!cuts(a, b, region.rs, region.re)) continue;
        region.rs = Math.min(region.rs, a);
        region.re = Math.max(region.re, b);
      }
      // New-line ends follow from the map where the lines agree; a new citation cut widens both.
      align(region, diff);
      for (const [a, b] of newSpans) {
        if (!cuts(a, b, region.ns, region.ne)) continue;
        region.rs -= Math.max(0, region.ns - a);
        region.re += Math.max(0, b - region.ne);
      }
      align(region, diff);
      if ([region.rs, region.re, region.ns, region.ne].join() !== before) changed = true;
    }
    // Regions that meet become one.
    const out: Region[] = [];
    for (const region of list.sort((a, b) => a.rs - b.rs)) {
      const last = out[out.length - 1];
      if (last && region.rs <= last.re) {
        if (region.re > last.re) last.re = region.re;
        align(last, diff);
        changed = true;
      } else out.push(region);
    }
    list = out;
  }
  return list;
}

// Put a region's ends where the lines agree (extending it over any change it reaches into), and
// read its new span off the map.
function align(region: Region, diff: LineDiff): void {
  const last = diff.startAt.length - 1;
  region.rs = Math.max(0, region.rs);
  region.re = Math.min(last, region.re);
  while (region.rs > 0 && diff.startAt[region.rs] < 0) region.rs--;
  while (region.re < last && diff.endAt[region.re] < 0) region.re++;
  region.ns = diff.startAt[region.rs];
  region.ne = diff.endAt[region.re];
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
  diff: LineDiff,
  scopes: { article: Scope; paragraph: Scope },
  multiParagraph: boolean,
  language: Language,
  quoting: Quoting,
): Quote | null {
  const inArticle = findQuote(region, line, next, diff, scopes.article, language, quoting);
  if (!multiParagraph) return inArticle ? { ...inArticle, articleWide: true } : null;
  const inParagraph = findQuote(region, line, next, diff, scopes.paragraph, language, quoting);
  if (!inParagraph) return null;
  if (inArticle && inArticle.cost <= inParagraph.cost) return { ...inArticle, articleWide: true };
  return { ...inParagraph, articleWide: false };
}

// Offsets of the line where a quotation may begin or end: not inside a citation, a number (zh) or a
// word (en), nor next to the space that would open or close it.
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

/// Words inserted into English text as quoted: without the spaces that applyInstrument puts back
/// between two words (joinWords), when putting them back gives the same text.
function spaced(words: string, line: string, at: number, language: Language): string {
  if (language !== 'en') return words;
  const trimmed = words.trim();
  return trimmed && joinWords(line, at, trimmed) === words ? trimmed : words;
}

const boundaryCache = new WeakMap<OldLine, { lefts: boolean[]; rights: boolean[] }>();

function findQuote(
  region: Region,
  line: OldLine,
  next: string,
  diff: LineDiff,
  scope: Scope,
  language: Language,
  quoting: Quoting,
): Quote | null {
  const r = line.r;
  let cached = boundaryCache.get(line);
  if (!cached) {
    cached = boundaries(line, language);
    boundaryCache.set(line, cached);
  }
  const { lefts, rights } = cached;
  const maxContext = language === 'zh' ? maxContextZh : maxContextEn * 12;
  const insertion = region.rs === region.re;
  const deletion = region.ns === region.ne;
  const least = insertion ? (language === 'zh' ? minAnchorZh : 1) : 0;
  const test = (left: number, right: number): Quote | null => {
    if (left < 0 || right > r.length || !lefts[left] || !rights[right]) return null;
    const ns = diff.startAt[left];
    const ne = diff.endAt[right];
    if (ns < 0 || ne < 0) return null;
    const quoted = line.text.slice(toOld(line, left), toOld(line, right));
    if (!wordsKey(quoted, language) || scope.count(quoted) !== 1) return null;
    const span: Region = { rs: left, re: right, ns, ne };
    // The new words as quoted, which applyInstrument must read back as they stand in the new text.
    const written = (text: string) => {
      const labelled = quoting.label(text);
      return quoting.unlabel(labelled) === text ? labelled : null;
    };
    const replacement = written(next.slice(ns, ne));
    const inserted = written(spaced(next.slice(region.ns, region.ne), r, region.rs, language));
    if (replacement === null || inserted === null) return null;
    // An anchor is a word, not a mark alone.
    if (insertion && !/[\p{L}\p{N}]/u.test(quoted)) return null;
    const cost = quoted.length + replacement.length + clauseOverhead;
    const target = (article: number, paragraph: number | null): ProvisionRef =>
      paragraph === null ? { article } : { article, paragraph };
    let operation: Quote['operation'];
    if (insertion && left < region.rs) {
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
    } else if (deletion && left === region.rs && right === region.re) {
      operation = (a, p) => ({ op: 'delete-words', target: target(a, p), words: quoted });
    } else {
      operation = (a, p) => ({ op: 'replace-words', target: target(a, p), from: quoted, to: replacement });
    }
    return { span, core: { ...region }, cost, articleWide: false, operation };
  };
  // Candidates by how much context they add, fewest characters first; for an insertion the anchor is
  // on one side only (在“A”后增加 before 在“A”前增加 at equal length); otherwise more context after
  // the change than before it, at equal length.
  for (let extra = 0; extra <= 2 * maxContext; extra++) {
    if (insertion) {
      if (extra < least || extra > maxContext) continue;
      const found = test(region.rs - extra, region.re) || test(region.rs, region.re + extra);
      if (found) return found;
      continue;
    }
    for (let before = Math.max(0, extra - maxContext); before <= Math.min(extra, maxContext); before++) {
      const found = test(region.rs - before, region.re + (extra - before));
      if (found) return found;
    }
  }
  return null;
}
