/// Consequential renumbering of citations: when articles move up or down, a citation of this law such
/// as 本法第二十一条 (or "Article 21 of this Law") follows its article without an instruction of its
/// own — the closing formula (对条文顺序作相应调整) carries it.
///
/// Citations are found by core/citations.ts. Only citations of this law (本法…, or no law named) that
/// name an article by number are renumbered; relative ones (前款, 本条) and citations of other laws are
/// left alone. A citation's paragraph and item numbers are kept: a change of those is a real change.
import type { Language } from '../language.ts';
import { parseCitations } from '../citations.ts';
import { chineseNumeral, letterNumeral, parseChineseNumeral, parseLetterNumeral } from '../numerals.ts';

/// An article's label in some numbering: its number, and for an article inserted by a 修正案 the
/// index after it (第十七条之一 is `{number: 17, suffix: 1}`).
export interface ArticleLabel {
  readonly number: number;
  readonly suffix?: number;
}

/// A replacement of `[start, end)` of a text by `text`.
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/// How to relabel a cited article number; null leaves the citation as written.
export type Relabel = (article: number) => ArticleLabel | null;

const mayCite = /第[零〇一二两三四五六七八九十百千万0-9０-９]+条|[Aa]rticles?[ \t\u00a0]+\d/;
const zhArticleUnit = /第([零〇一二两三四五六七八九十百千万0-9０-９]+)条/g;
const enArticleNumber = /([Aa]rticles?[ \t\u00a0]+)(\d+)/g;
const enRangeNumber = /((?:[ \t]*[-–—][ \t]*|[ \t\u00a0]+(?:to|through)[ \t\u00a0]+))(\d+)/y;

/// The edits that relabel every article cited in `text` (see the module comment for which), in text
/// order and not overlapping. A number written in digits stays in digits. With `unchanged`, a
/// citation that keeps its label gives an edit too (replacing it by itself), so that callers learn
/// where every citation stands; `spans`, when given, receives the span of every citation relabelled.
export function citationEdits(
  text: string,
  language: Language,
  relabel: Relabel,
  unchanged = false,
  spans?: Array<readonly [number, number]>,
): TextEdit[] {
  const edits: TextEdit[] = [];
  // Most lines cite no article: do not parse those.
  if (!mayCite.test(text)) return edits;
  for (const citation of parseCitations(text, language)) {
    if (citation.law === 'other' || citation.article === null || citation.relative !== undefined) continue;
    spans?.push(citation.span);
    const [start] = citation.span;
    const numbers = [citation.article, citation.toArticle].filter((n): n is number => n !== undefined);
    const local = citation.text;
    if (/第[^条]*条/.test(local)) {
      let k = 0;
      for (const m of local.matchAll(zhArticleUnit)) {
        if (k >= numbers.length) break;
        const written = m[1];
        const value = parseChineseNumeral(toAscii(written));
        if (value !== numbers[k]) continue;
        const number = numbers[k++];
        const label = relabel(number) ?? (unchanged ? { number } : null);
        if (!label) continue;
        const replacement = zhLabel(label, /[0-9０-９]/.test(written));
        if (replacement !== m[0] || unchanged) {
          edits.push({ start: start + m.index!, end: start + m.index! + m[0].length, text: replacement });
        }
      }
      continue;
    }
    enArticleNumber.lastIndex = 0;
    const m = enArticleNumber.exec(local);
    if (!m || Number(m[2]) !== citation.article) continue;
    const at = start + m.index + m[1].length;
    const relabelled = (n: number) => relabel(n) ?? (unchanged ? { number: n } : null);
    pushEnglish(edits, at, m[2], relabelled(citation.article), unchanged);
    if (citation.toArticle !== undefined) {
      enRangeNumber.lastIndex = m.index + m[0].length;
      const r = enRangeNumber.exec(local);
      if (r && Number(r[2]) === citation.toArticle) {
        pushEnglish(edits, start + r.index + r[1].length, r[2], relabelled(citation.toArticle), unchanged);
      }
    }
  }
  return edits;
}

function pushEnglish(
  edits: TextEdit[],
  at: number,
  written: string,
  label: ArticleLabel | null,
  unchanged: boolean,
): void {
  if (!label) return;
  const text = enLabel(label);
  if (text !== written || unchanged) edits.push({ start: at, end: at + written.length, text });
}

/// `written` with full-width digits made ASCII ones (第１２条 → 第12条).
export function toAscii(written: string): string {
  return written.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/// Whether `text` may cite an article by number (a quick test before parsing citations).
export function mayCiteArticles(text: string): boolean {
  return mayCite.test(text);
}

/// The spans of the citations in `text` that citationEdits relabels (whole: 本法第五条至第七条,
/// "Articles 17 to 19 of these Regulations"), so that a quotation never cuts one.
export function citationSpans(text: string, language: Language): Array<readonly [number, number]> {
  if (!mayCite.test(text)) return [];
  return parseCitations(text, language)
    .filter((c) => c.law !== 'other' && c.article !== null && c.relative === undefined)
    .map((c) => c.span);
}

/// 第十七条, 第十七条之一 (or 第17条 with `digits`).
export function zhLabel(label: ArticleLabel, digits = false): string {
  const number = label.number === 0 ? '〇' : digits ? String(label.number) : chineseNumeral(label.number);
  return `第${number}条${label.suffix ? `之${chineseNumeral(label.suffix)}` : ''}`;
}

/// 17, 17A (the number an English citation writes after "Article").
export function enLabel(label: ArticleLabel): string {
  return `${label.number}${label.suffix ? letterNumeral(label.suffix).toUpperCase() : ''}`;
}

const zhSuffixed = /第([零〇一二两三四五六七八九十百千万0-9]+)条之([一二三四五六七八九十百]+)/g;
const enSuffixed = /\b([Aa]rticles?[ \t\u00a0]+)(\d+)([A-Z]{1,2})\b/g;

/// The edits that relabel articles cited with an inserted-article label (第十七条之一, Article 17A) in
/// `text`, by `relabel(label)`, when the citation is of this law (not 刑法第一百三十三条之一).
export function suffixedCitationEdits(
  text: string,
  language: Language,
  relabel: (label: ArticleLabel) => ArticleLabel | null,
): TextEdit[] {
  const edits: TextEdit[] = [];
  const pattern = language === 'zh' ? zhSuffixed : enSuffixed;
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index!;
    const zh = language === 'zh';
    const number = zh ? parseChineseNumeral(m[1]) : Number(m[2]);
    const suffix = zh ? parseChineseNumeral(m[2]) : parseLetterNumeral(m[3]);
    if (number === null || suffix === null) continue;
    // Read the citation as if the label were plain (第十七条), to see whose law it cites.
    const plainEnd = zh ? at + m[0].length - (m[2].length + 1) : at + m[0].length - m[3].length;
    const plain = text.slice(0, plainEnd) + text.slice(at + m[0].length);
    const citation = parseCitations(plain, language).find((c) => c.span[0] <= at && c.span[1] >= plainEnd);
    if (citation?.law === 'other') continue;
    const label = relabel({ number, suffix });
    if (!label) continue;
    if (zh) edits.push({ start: at, end: at + m[0].length, text: zhLabel(label) });
    else {
      const start = at + m[1].length;
      edits.push({ start, end: at + m[0].length, text: enLabel(label) });
    }
  }
  return edits;
}

/// `text` with every article it cites of this law relabelled by `relabel`, whether cited by number
/// (第十七条, Article 17) or by an inserted-article label (第十七条之一, Article 17A) — also inside
/// ranges and lists (第十五条之一至第十七条, Articles 15A to 17). A label is read as its plain number
/// (第十五条, 15) so that core/citations.ts reads every citation whole, then relabelled as the label.
export function relabelCitations(
  text: string,
  language: Language,
  relabel: (label: ArticleLabel) => ArticleLabel | null,
): string {
  const zh = language === 'zh';
  // The text with labels made plain, and where each label stands in it.
  const labels: Array<{ start: number; end: number; label: ArticleLabel; written: string }> = [];
  let plain = '';
  let at = 0;
  const pattern = zh ? zhSuffixed : /\b(\d+)([A-Z]{1,2})\b/g;
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const number = zh ? parseChineseNumeral(m[1]) : Number(m[1]);
    const suffix = zh ? parseChineseNumeral(m[2]) : parseLetterNumeral(m[2]);
    if (number === null || suffix === null) continue;
    plain += text.slice(at, m.index);
    const stand = zh ? `第${m[1]}条` : m[1];
    labels.push({
      start: plain.length,
      end: plain.length + stand.length,
      label: { number, suffix },
      written: m[0],
    });
    plain += stand;
    at = m.index! + m[0].length;
  }
  plain += text.slice(at);
  const edits = citationEdits(plain, language, (n) => relabel({ number: n }), true);
  const out: TextEdit[] = [];
  for (const edit of edits) {
    const label = labels.find((l) => l.start === edit.start && l.end === edit.end);
    if (!label) {
      out.push(edit);
      continue;
    }
    const relabelled = relabel(label.label);
    out.push({
      ...edit,
      text: relabelled ? (zh ? zhLabel(relabelled) : enLabel(relabelled)) : label.written,
    });
  }
  // Labels outside any citation read of this law are left as written.
  for (const label of labels) {
    if (!out.some((e) => e.start === label.start && e.end === label.end))
      out.push({ start: label.start, end: label.end, text: label.written });
  }
  return applyEdits(
    plain,
    out.sort((a, b) => a.start - b.start),
  );
}

/// `text` with `edits` made; edits must be in order and must not overlap.
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
