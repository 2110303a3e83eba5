/// The comparison as a self-contained HTML page: a summary, a table of contents of the changed
/// articles, the changes of chapters and sections, the side-by-side comparison table (old | new |
/// note, column headers sticky) and a redline of the whole new text. Inserted text is underlined,
/// deleted text struck through, as in published comparison tables.
import { escapeHtml } from '../export/escape.ts';
import type { Comparison, ComparisonRow } from './comparison.ts';
import type { DisplayOptions } from './display.ts';
import {
  cellLabel,
  comparisonWords,
  divisionNote,
  displayBlocks,
  headingText,
  lineKind,
  segmentLines,
  sideSegments,
} from './display.ts';
import type { Segment } from './inline.ts';
import type { DivisionChange } from './structure.ts';

/// Options of renderComparisonHtml.
export type HtmlComparisonOptions = DisplayOptions;

const style = `
:root { color-scheme: light; --ins: #0a5c2f; --ins-bg: #e3f4e8; --del: #a4161a; --del-bg: #fbe5e6; --rule: #d0d4da; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem 2rem 4rem; color: #1d1d1f; line-height: 1.7; font-size: 16px;
  font-family: "Source Han Serif SC", "Noto Serif CJK SC", "Songti SC", SimSun, "Times New Roman", Georgia, serif; }
body[lang=zh] { font-family: FangSong, STFangsong, "Source Han Serif SC", "Noto Serif CJK SC", SimSun, serif; }
main { max-width: 88rem; margin: 0 auto; }
h1 { text-align: center; font-size: 1.6rem; line-height: 1.4; margin: .5rem 0 .25rem; }
.titles, .summary, .legend { text-align: center; color: #555; margin: .2rem 0; }
.summary { font-weight: bold; color: #333; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid #333; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline; text-decoration-thickness: 1.5px; text-underline-offset: 3px; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; text-decoration-thickness: 1.5px; }
.label { font-weight: bold; }
nav.toc ol { columns: 16rem; column-gap: 2rem; padding-left: 1.5rem; margin: 0; }
nav.toc li { break-inside: avoid; }
nav.toc a { color: inherit; }
nav.toc .note { color: #666; font-size: .9em; }
ul.structure { padding-left: 1.5rem; }
table.compare { width: 100%; border-collapse: separate; border-spacing: 0; table-layout: fixed; }
table.compare col.text { width: 42%; } table.compare col.note { width: 16%; }
table.compare th { position: sticky; top: 0; z-index: 1; background: #f3f4f6; border-bottom: 2px solid #333;
  border-top: 1px solid var(--rule); padding: .5rem .75rem; text-align: center; }
table.compare td { vertical-align: top; padding: .55rem .75rem; border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
table.compare td + td, table.compare th + th { border-left: 1px solid var(--rule); }
table.compare td.note { color: #444; font-size: .9em; }
table.compare tr.heading td { text-align: center; font-weight: bold; background: #fafafa; }
table.compare tr.folded td { text-align: center; color: #777; font-size: .9em; background: #fcfcfc; padding: .3rem; }
table.compare tr.inserted td.old, table.compare tr.deleted td.new { background: repeating-linear-gradient(135deg, #fff, #fff 6px, #f5f5f5 6px, #f5f5f5 12px); }
table.compare tr:target td { outline: 2px solid #e0a800; outline-offset: -2px; }
.redline .heading { text-align: center; font-weight: bold; margin: 1.5rem 0 .75rem; }
.redline { max-width: 56rem; margin: 0 auto; }
.redline .article { margin: 0 0 .9rem; }
.redline .article p { margin: 0; }
body[lang=zh] .redline .article p { text-indent: 2em; }
body[lang=en] .redline .article p.item { padding-left: 2em; }
body[lang=en] .redline .article p.subitem { padding-left: 4em; }
td p { margin: 0; }
td p + p { margin-top: .15rem; }
body[lang=en] td p.item { padding-left: 1.25em; }
body[lang=en] td p.subitem { padding-left: 2.5em; }
.redline .former { color: #666; font-size: .85em; }
@media print {
  body { padding: 0; font-size: 11pt; }
  table.compare th { position: static; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  nav.toc { display: none; }
}
`;

/// The HTML page for `comparison`. All text is escaped; the page needs no other file.
export function renderComparisonHtml(comparison: Comparison, options: HtmlComparisonOptions = {}): string {
  const words = comparisonWords(comparison);
  const zh = comparison.language === 'zh';
  const gap = zh ? '\u3000' : ' ';
  const parts: string[] = [];

  parts.push(`<header><h1>${escapeHtml(words.title)}</h1>`);
  if (comparison.oldTitle !== comparison.newTitle) {
    parts.push(
      `<p class="titles">${escapeHtml(words.oldColumn)}：${escapeHtml(comparison.oldTitle)}\u3000${escapeHtml(words.newColumn)}：${escapeHtml(comparison.newTitle)}</p>`,
    );
  }
  parts.push(`<p class="summary">${escapeHtml(words.summary(comparison))}</p>`);
  parts.push(`<p class="legend">${escapeHtml(words.legend)}</p></header>`);

  // Table of contents: every changed or moved row, linked to its row of the table.
  const changed = comparison.rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.kind !== 'unchanged' || row.moved);
  if (changed.length) {
    parts.push(`<nav class="toc"><h2>${escapeHtml(words.changedArticles)}</h2><ol>`);
    for (const { row, index } of changed) {
      // A deleted article is named by its old number, said to be old: its number now belongs to
      // another article.
      const name = !row.new
        ? zh
          ? `原${row.old!.label}`
          : `former ${row.old!.label}`
        : row.old && row.new.label !== row.old.label
          ? `${row.new.label}${zh ? '（原' + row.old.label + '）' : ` (formerly ${row.old.label})`}`
          : row.new.label;
      parts.push(
        `<li><a href="#row-${index}">${escapeHtml(name)}</a> <span class="note">${escapeHtml(row.note)}</span></li>`,
      );
    }
    parts.push('</ol></nav>');
  }

  const structural = comparison.divisions.filter((d) => d.kind !== 'unchanged');
  if (structural.length) {
    parts.push(`<section><h2>${escapeHtml(words.structure)}</h2><ul class="structure">`);
    for (const change of structural)
      parts.push(`<li>${divisionChangeHtml(change, comparison.language)}</li>`);
    parts.push('</ul></section>');
  }

  parts.push(`<section id="table"><h2>${escapeHtml(words.table)}</h2>`);
  parts.push(
    '<table class="compare"><colgroup><col class="text"><col class="text"><col class="note"></colgroup>',
  );
  parts.push(
    `<thead><tr><th scope="col">${escapeHtml(words.oldColumn)}</th><th scope="col">${escapeHtml(words.newColumn)}</th><th scope="col">${escapeHtml(words.noteColumn)}</th></tr></thead><tbody>`,
  );
  for (const block of displayBlocks(comparison, options)) {
    if (block.type === 'heading') {
      const c = block.change;
      parts.push(
        `<tr class="heading"><td class="old">${headingHtml(c, 'old', comparison.language)}</td><td class="new">${headingHtml(c, 'new', comparison.language)}</td><td class="note">${escapeHtml(divisionNote(c, comparison.language))}</td></tr>`,
      );
    } else if (block.type === 'unchanged') {
      parts.push(`<tr class="folded"><td colspan="3">${escapeHtml(block.text)}</td></tr>`);
    } else {
      const { row, index } = block;
      const cell = (side: 'old' | 'new') => {
        const label = cellLabel(row, side, comparison.language);
        if (!label) return '';
        return linesHtml(
          `<span class="label">${escapeHtml(label)}</span>${gap}`,
          sideSegments(row.segments, side),
          comparison.language,
        );
      };
      parts.push(
        `<tr id="row-${index}" class="${row.kind}${row.moved ? ' moved' : ''}"><td class="old">${cell('old')}</td><td class="new">${cell('new')}</td><td class="note">${escapeHtml(row.note)}</td></tr>`,
      );
    }
  }
  parts.push('</tbody></table></section>');

  parts.push(`<section class="redline" id="redline"><h2>${escapeHtml(words.redline)}</h2>`);
  for (const row of comparison.rows) {
    for (const change of row.headings)
      parts.push(`<p class="heading">${redlineHeading(change, comparison.language)}</p>`);
    parts.push(redlineArticle(row, comparison.language));
  }
  parts.push('</section>');

  return `<!doctype html>
<html lang="${comparison.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(words.title)}</title>
<style>${style}</style></head>
<body lang="${comparison.language}"><main>
${parts.join('\n')}
</main></body></html>
`;
}

/// Segments as HTML: kept text plain, inserted text in <ins>, deleted text in <del>, line breaks as <br>.
export function segmentsHtml(segments: readonly Segment[]): string {
  return segments
    .map((s) => {
      const text = escapeHtml(s.text).replace(/\n/g, '<br>');
      return s.op === 'insert' ? `<ins>${text}</ins>` : s.op === 'delete' ? `<del>${text}</del>` : text;
    })
    .join('')
    .replace(/<(ins|del)><br>/g, '<br><$1>');
}

// An article's text as paragraphs, one per line, `lead` (the label) at the start of the first and
// `tail` at the end of the last; items and subitems classed for indentation.
function linesHtml(
  lead: string,
  segments: readonly Segment[],
  language: Comparison['language'],
  tail = '',
): string {
  const lines = segmentLines(segments);
  return lines
    .map((line, k) => {
      const kind = k === 0 ? 'paragraph' : lineKind(line.map((s) => s.text).join(''), language);
      return `<p class="${kind}">${k === 0 ? lead : ''}${segmentsHtml(line)}${k === lines.length - 1 ? tail : ''}</p>`;
    })
    .join('');
}

function headingHtml(change: DivisionChange, side: 'old' | 'new', language: Comparison['language']): string {
  const division = side === 'old' ? change.old : change.new;
  if (!division) return '';
  const text = escapeHtml(headingText(change, side, language));
  if (change.kind === 'inserted') return `<ins>${text}</ins>`;
  if (change.kind === 'deleted') return `<del>${text}</del>`;
  if (change.kind !== 'renamed') return text;
  return `${escapeHtml(division.label)}${language === 'zh' ? '\u3000' : ' '}${segmentsHtml(sideSegments(change.segments, side))}`;
}

function redlineHeading(change: DivisionChange, language: Comparison['language']): string {
  if (change.kind === 'deleted') return headingHtml(change, 'old', language);
  if (change.kind === 'inserted') return headingHtml(change, 'new', language);
  const label = escapeHtml(change.new!.label);
  const former =
    change.kind === 'renumbered' || (change.kind === 'renamed' && change.old!.label !== change.new!.label)
      ? ` <span class="former">${escapeHtml(language === 'zh' ? `（原${change.old!.label}）` : `(formerly ${change.old!.label})`)}</span>`
      : '';
  return `${label}${language === 'zh' ? '\u3000' : ' '}${segmentsHtml(change.segments)}${former}`;
}

function redlineArticle(row: ComparisonRow, language: Comparison['language']): string {
  const zh = language === 'zh';
  let label: string;
  if (row.kind === 'deleted') label = `<del>${escapeHtml(row.old!.label)}</del>`;
  else if (row.kind === 'inserted') label = `<ins>${escapeHtml(row.new!.label)}</ins>`;
  else label = escapeHtml(cellLabel(row, 'new', language));
  // Where the article came from: its former number, or the note of a split, merge or move (which
  // names the former numbers itself, but for a move).
  const remarks: string[] = [];
  const splitOrMerged = row.relation === 'split' || row.relation === 'merged';
  if (row.old && row.new && row.old.number !== row.new.number && !splitOrMerged) {
    remarks.push(zh ? `原${row.old.label}` : `formerly ${row.old.label}`);
  }
  if (splitOrMerged || row.moved) remarks.push(row.note);
  const former = remarks.length
    ? ` <span class="former">${escapeHtml(zh ? `（${remarks.join('；')}）` : `(${remarks.join('; ')})`)}</span>`
    : '';
  return `<div class="article">${linesHtml(`<span class="label">${label}</span>${zh ? '\u3000' : ' '}`, row.segments, language, former)}</div>`;
}

function divisionChangeHtml(change: DivisionChange, language: Comparison['language']): string {
  const zh = language === 'zh';
  const old = change.old ? escapeHtml(headingText(change, 'old', language)) : '';
  const now = change.new ? escapeHtml(headingText(change, 'new', language)) : '';
  switch (change.kind) {
    case 'inserted':
      return `${zh ? '新增' : 'Inserted'} <ins>${now}</ins>`;
    case 'deleted':
      return `${zh ? '删除' : 'Deleted'} <del>${old}</del>`;
    case 'renamed':
      return `${old} → ${escapeHtml(change.new!.label)}${zh ? '\u3000' : ' '}${segmentsHtml(change.segments)}`;
    default:
      return `${old} → ${now}`;
  }
}
