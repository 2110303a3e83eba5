/// A draft as a self-contained, printable HTML page, numbered from its structure.
import type { Outline, OutlineArticle, OutlineItem } from '../outline.ts';
import { readerPreamble } from '../outline.ts';
import { htmlRedline, redlineStyle } from '../suggestions/html-redline.ts';
import type { DraftRedline } from '../suggestions/redline.ts';
import { escapeHtml } from './escape.ts';

/// Fonts and layout shared by every HTML page Lifa writes (draft, comparison, report).
export const pageStyle = `
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem 4rem; line-height: 1.75; color: #1d1d1f;
  font-family: "Source Han Serif SC", "Noto Serif CJK SC", "Songti SC", SimSun, "Times New Roman", Georgia, serif; }
body[lang=zh] { font-family: FangSong, STFangsong, "Source Han Serif SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", SimSun, serif; }
h1 { text-align: center; font-size: 1.6rem; line-height: 1.4; margin: 1rem 0 2rem; }
.preamble { color: #444; border-bottom: 1px solid #ddd; margin-bottom: 2rem; padding-bottom: 1rem; }
h2, h3 { text-align: center; margin: 2rem 0 1rem; }
h2 { font-size: 1.25rem; } h3 { font-size: 1.1rem; }
.article { margin: 0 0 1rem; }
.article p { margin: 0 0 .35rem; text-indent: 2em; }
.article p.item { text-indent: 0; padding-left: 2em; }
.article p.subitem { text-indent: 0; padding-left: 4em; }
.label { font-weight: bold; }
@media print { body { max-width: none; } }
`;

/// The HTML page for `outline`: title, preamble, chapters and sections as centred headings, articles
/// with bold labels, items indented; with `redline`, its suggestions as a redline. All text is escaped.
export function renderDraftHtml(outline: Outline, redline?: DraftRedline): string {
  const zh = outline.language === 'zh';
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(outline.title)}</h1>`);
  const preamble = readerPreamble(outline);
  if (preamble.length) {
    parts.push(`<div class="preamble">${preamble.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`);
  }
  const divisionsAt = new Map<number, string[]>();
  for (const d of outline.divisions) {
    const tag = d.kind === 'section' ? 'h3' : 'h2';
    const html = `<${tag} id="${escapeHtml(d.id ?? '')}">${escapeHtml(d.label)}${zh ? '　' : ' '}${escapeHtml(d.heading)}</${tag}>`;
    const list = divisionsAt.get(d.pos) ?? [];
    list.push(html);
    divisionsAt.set(d.pos, list);
  }
  // Divisions and articles interleave in document order: sort by position.
  const blocks: Array<[number, string]> = [];
  for (const [pos, html] of divisionsAt) blocks.push([pos, html.join('')]);
  for (const a of outline.articles) blocks.push([a.pos, renderArticle(a, zh, redline)]);
  blocks.sort((x, y) => x[0] - y[0]);
  for (const block of blocks) parts.push(block[1]);
  return `<!doctype html>
<html lang="${outline.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(outline.title)}</title>
<style>${pageStyle}${redline ? redlineStyle : ''}</style></head>
<body lang="${outline.language}">
${parts.join('\n')}
</body></html>
`;
}

function renderArticle(article: OutlineArticle, zh: boolean, redline?: DraftRedline): string {
  const lines: string[] = [];
  const gap = zh ? '　' : ' ';
  const marks = htmlRedline(redline, article, zh ? 'zh' : 'en');
  const items = (list: readonly OutlineItem[], cls: string, path: readonly number[]) => {
    list.forEach((item, i) => {
      const at = [...path, i];
      lines.push(
        `<p class="${cls}">${marks.own(escapeHtml(item.label))}${zh && cls === 'item' ? '' : ' '}${marks.text(at, item.text)}</p>`,
      );
      items(item.subitems, 'subitem', at);
      if (at.length === 2) lines.push(marks.inserted(marks.points.afterItem(path[0], i)));
    });
  };
  lines.push(marks.inserted(marks.points.start));
  article.paragraphs.forEach((p, i) => {
    const lead = i === 0 ? `<span class="label">${marks.own(escapeHtml(article.label))}</span>${gap}` : '';
    lines.push(`<p>${lead}${marks.text([i], p.text)}</p>`);
    lines.push(marks.inserted(marks.points.afterLead(i)));
    items(p.items, 'item', [i]);
    lines.push(marks.inserted(marks.points.afterParagraph(i)));
  });
  const cls = marks.deleted ? 'article deleted' : 'article';
  return `<section class="${cls}" id="${escapeHtml(article.id ?? `article-${article.number}`)}">${lines.join('')}</section>${marks.articlesAfter()}`;
}
