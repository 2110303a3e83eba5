/// The summary report as a self-contained HTML page (no other file, no script): the totals with the
/// dispositions and submitters of the whole draft, a bar chart of comments per article (inline SVG,
/// each bar a link to its article), then per article its figures, main points, a table of what was
/// decided and why, and the change made, inserted text underlined and deleted text struck through.
import { segmentsHtml } from '../compare/render-html.ts';
import { dispositionKinds } from '../comments/disposition.ts';
import { escapeHtml } from '../export/escape.ts';
import type { ArticleChange } from './changes.ts';
import { changedLines } from './changes.ts';
import type { SummaryReport, SummarySection } from './summary.ts';
import { textWidthEm } from './text-width.ts';
import { dispositionColors, summaryWords } from './words.ts';
import type { SummaryWords } from './words.ts';

const style = `
:root { color-scheme: light; --rule: #d0d4da; --muted: #5f6b7a; --ins: #0a5c2f; --ins-bg: #e3f4e8; --del: #a4161a; --del-bg: #fbe5e6; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem 2rem 4rem; color: #1d1d1f; line-height: 1.65; font-size: 16px;
  font-family: "Times New Roman", Georgia, "Noto Serif CJK SC", "Source Han Serif SC", serif; }
body[lang=zh] { font-family: FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif; }
main { max-width: 72rem; margin: 0 auto; }
h1 { text-align: center; font-size: 1.6rem; line-height: 1.4; margin: .5rem 0 .5rem; }
body[lang=zh] h1, body[lang=zh] h2, body[lang=zh] h3 { font-family: SimHei, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid #333; }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
h3 .figures { font-weight: normal; font-size: .9rem; color: var(--muted); margin-left: .6em; }
h4 { font-size: 1rem; margin: .8rem 0 .3rem; }
.meta { text-align: center; color: var(--muted); margin: .1rem 0; }
.notice { border: 2px solid #b3261e; color: #8e1c1c; background: #fdecea; padding: .5rem .8rem; text-align: center; font-weight: bold; margin: 1rem auto; max-width: 48rem; }
.totals { font-size: 1.05rem; }
.big { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.big div { flex: 1 1 10rem; border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .9rem; background: #fafbfc; }
.big strong { display: block; font-size: 1.8rem; line-height: 1.2; font-family: system-ui, sans-serif; }
.big span { color: var(--muted); font-size: .9rem; }
.columns { display: flex; gap: 2rem; flex-wrap: wrap; align-items: flex-start; }
.columns > * { flex: 1 1 22rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--rule); padding: .45rem .6rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #f0f2f5; font-weight: bold; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: inline-block; height: .7em; border-radius: 2px; vertical-align: middle; margin-right: .4em; }
.chip { display: inline-block; padding: 0 .45em; border-radius: 3px; color: #fff; font-size: .85em; white-space: nowrap; font-family: system-ui, sans-serif; }
figure { margin: 1.5rem 0; }
figcaption { font-weight: bold; margin-bottom: .4rem; }
svg a:hover rect.total { fill: #9db8e0; }
.legend { color: var(--muted); font-size: .9rem; }
.legend i { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; margin: 0 .3em 0 .8em; }
section.article { margin: 0 0 2.2rem; padding-top: .4rem; border-top: 1px solid var(--rule); }
details.text { color: #333; margin: .2rem 0 .4rem; }
details.text summary { cursor: pointer; color: var(--muted); }
details.text p { margin: .2rem 0; white-space: pre-line; }
.submitters { color: var(--muted); margin: .2rem 0; }
ol.points { margin: .2rem 0 .6rem; padding-left: 1.6rem; }
ol.points li { margin: .25rem 0; }
.similar { color: var(--muted); white-space: nowrap; }
.who { color: var(--muted); font-style: italic; }
table.groups col.points { width: 34%; } table.groups col.count { width: 6%; } table.groups col.disposition { width: 10%; }
table.groups col.reason { width: 22%; } table.groups col.change { width: 28%; }
table.groups td ul { margin: 0; padding-left: 1.1rem; }
table.groups td li + li { margin-top: .3rem; }
.change-title { font-weight: bold; }
.change p { margin: .15rem 0 0; }
.change p.gap { color: var(--muted); }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; }
.none { color: var(--muted); }
@media print {
  body { padding: 0; font-size: 11pt; }
  section.article { break-inside: avoid-page; }
  tr { break-inside: avoid; }
  details.text { display: none; }
}
`;

/// The HTML page for `report`. All text is escaped.
export function renderSummaryHtml(report: SummaryReport): string {
  const w = summaryWords(report.language, report.draft.title);
  const zh = report.language === 'zh';
  const e = escapeHtml;
  const t = report.totals;
  const parts: string[] = [];

  parts.push(`<header><h1>${e(w.title)}</h1>`);
  if (report.personalData) parts.push(`<p class="notice">${e(w.personalDataNotice)}</p>`);
  if (report.versions)
    parts.push(`<p class="meta">${e(w.versions(report.versions.from, report.versions.to))}</p>`);
  parts.push(`<p class="meta">${e(w.generated(report.generatedAt))}</p></header>`);

  parts.push(`<section id="overview"><h2>${e(w.overview)}</h2><p class="totals">${e(w.totals(report))}</p>`);
  const decided = t.comments - t.dispositions.pending;
  parts.push(
    '<div class="big">' +
      big(t.comments, w.columns.count) +
      big(t.unique, w.chartLegend.unique) +
      big(t.articlesCommented, zh ? '涉及条文' : 'articles commented on') +
      big(decided, zh ? '已处理' : 'decided') +
      '</div>',
  );
  const total = t.comments || 1;
  const share = (n: number) => `${((100 * n) / total).toFixed(1)}%`;
  const rows = (list: { label: string; n: number; color: string }[]) =>
    list
      .map(
        ({ label, n, color }) =>
          `<tr><td><span class="bar" style="width:${Math.max(2, Math.round((60 * n) / total))}px;background:${color}"></span>${e(label)}</td><td class="n">${n}</td><td class="n">${share(n)}</td></tr>`,
      )
      .join('');
  parts.push(
    '<div class="columns">' +
      `<table><thead><tr><th>${e(w.byDisposition)}</th><th class="n">${e(w.columns.count)}</th><th class="n">${e(w.share)}</th></tr></thead><tbody>` +
      rows(
        [...dispositionKinds, 'pending' as const]
          .filter((k) => t.dispositions[k] > 0)
          .map((k) => ({ label: w.disposition(k), n: t.dispositions[k], color: dispositionColors[k] })),
      ) +
      '</tbody></table>' +
      `<table><thead><tr><th>${e(w.bySubmitter)}</th><th class="n">${e(w.columns.count)}</th><th class="n">${e(w.share)}</th></tr></thead><tbody>` +
      rows(
        t.bySubmitterType.map(({ type, count }) => ({
          label: w.submitterType(type),
          n: count,
          color: '#4a6fa5',
        })),
      ) +
      '</tbody></table></div>',
  );
  if (report.sections.length) parts.push(chart(report, w));
  parts.push('</section>');

  parts.push(`<section id="articles"><h2>${e(w.byArticle)}</h2>`);
  report.sections.forEach((section) => parts.push(sectionHtml(section, report, w)));
  parts.push('</section>');

  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(w.title)}</title>
<style>${style}</style></head>
<body lang="${report.language}"><main>
${parts.join('\n')}
</main></body></html>
`;
}

function big(n: number, label: string): string {
  return `<div><strong>${n.toLocaleString('en')}</strong><span>${escapeHtml(label)}</span></div>`;
}

/// The anchor of a section in the page.
function anchor(section: SummarySection): string {
  return section.article ? `article-${section.article.number}` : 'general';
}

// Horizontal bars, one per section in order: comments (light) with the unique count (dark) over it.
function chart(report: SummaryReport, w: SummaryWords): string {
  const rowHeight = 20;
  // Wide enough for the longest label as set in 12px type (never cut: "General comments", 第一百零一条).
  const labels = report.sections.map((s) => (s.article ? s.article.label : w.general));
  const labelWidth = Math.min(maxLabelWidth, Math.max(48, ...labels.map(labelTextWidth)) + 12);
  const width = 720;
  const barSpace = width - labelWidth - 56;
  const max = Math.max(1, ...report.sections.map((s) => s.comments));
  const height = report.sections.length * rowHeight + 8;
  const bars = report.sections.map((s, i) => {
    const y = 4 + i * rowHeight;
    const total = Math.max(1, Math.round((barSpace * s.comments) / max));
    const unique = Math.max(1, Math.round((barSpace * s.unique) / max));
    const label = s.article ? s.article.label : w.general;
    return (
      `<a href="#${anchor(s)}"><title>${escapeHtml(`${label}: ${w.figures(s)}`)}</title>` +
      `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(shortLabel(label))}</text>` +
      `<rect class="total" x="${labelWidth}" y="${y + 3}" width="${total}" height="${rowHeight - 6}" fill="#b9cde8"/>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${unique}" height="${rowHeight - 6}" fill="#1f4e8c"/>` +
      `<text x="${labelWidth + total + 5}" y="${y + 14}">${s.comments}</text></a>`
    );
  });
  return (
    `<figure class="chart"><figcaption>${escapeHtml(w.chartTitle)}</figcaption>` +
    `<p class="legend"><i style="background:#b9cde8"></i>${escapeHtml(w.chartLegend.comments)}<i style="background:#1f4e8c"></i>${escapeHtml(w.chartLegend.unique)}</p>` +
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(w.chartTitle)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" font-family="system-ui, 'Noto Sans CJK SC', sans-serif" font-size="12" fill="#1d1d1f">` +
    bars.join('') +
    '</svg></figure>'
  );
}

// The widest label column the chart gives; a longer label is cut with an ellipsis (its full text is in
// the bar's title).
const maxLabelWidth = 240;

// The width of `text` in 12px type, erring wide.
function labelTextWidth(text: string): number {
  return Math.ceil(12 * textWidthEm(text) - 1e-9);
}

function shortLabel(label: string): string {
  if (labelTextWidth(label) + 12 <= maxLabelWidth) return label;
  const chars = [...label];
  while (chars.length > 1 && labelTextWidth(chars.join('') + '…') + 12 > maxLabelWidth) chars.pop();
  return `${chars.join('')}…`;
}

function sectionHtml(section: SummarySection, report: SummaryReport, w: SummaryWords): string {
  const e = escapeHtml;
  const zh = report.language === 'zh';
  const out: string[] = [`<section class="article" id="${anchor(section)}">`];
  out.push(`<h3>${e(w.sectionTitle(section))}<span class="figures">${e(w.figures(section))}</span></h3>`);
  if (section.article?.text) {
    out.push(
      `<details class="text"><summary>${e(w.columns.article)}</summary><p>${e(section.article.text)}</p></details>`,
    );
  }
  const types = section.bySubmitterType;
  if (types.length > 1 || types[0]?.type !== null) {
    out.push(
      `<p class="submitters">${e(w.bySubmitter)}${zh ? '：' : ': '}${e(types.map(({ type, count }) => `${w.submitterType(type)} ${count}`).join(zh ? '，' : ', '))}</p>`,
    );
  }
  out.push(`<h4>${e(w.mainPoints)}</h4><ol class="points">`);
  for (const p of section.mainPoints) {
    const who =
      report.personalData && p.submitter
        ? ` <span class="who">— ${e(p.submitter)}${p.organization ? ` (${e(p.organization)})` : ''}</span>`
        : '';
    const text = p.stub ? `<span class="none">${e(w.attachmentOnly)}</span>` : e(p.excerpt);
    out.push(`<li>${text}<span class="similar">${e(w.similar(p.count))}</span>${who}</li>`);
  }
  out.push('</ol>');
  out.push(
    `<table class="groups"><colgroup><col class="points"><col class="count"><col class="disposition"><col class="reason"><col class="change"></colgroup>` +
      `<thead><tr><th>${e(w.columns.points)}</th><th class="n">${e(w.columns.count)}</th><th>${e(w.columns.disposition)}</th><th>${e(w.columns.reason)}</th><th>${e(w.columns.change)}</th></tr></thead><tbody>`,
  );
  for (const g of section.groups) {
    const points = g.points
      .map(
        (p) =>
          `<li>${p.stub ? e(w.attachmentOnly) : e(p.excerpt)}<span class="similar">${e(w.similar(p.count))}</span></li>`,
      )
      .join('');
    const more =
      g.unique > g.points.length
        ? `<p class="none">${e(zh ? `等${g.unique}类意见` : `and others: ${g.unique} distinct in all`)}</p>`
        : '';
    const reason = g.reason
      ? e(g.reason)
      : g.kind === 'pending'
        ? ''
        : `<span class="none">${e(w.noReason)}</span>`;
    const change = g.changes.length
      ? g.changes.map((c) => changeHtml(c, w)).join('')
      : `<span class="none">${e(w.noChange)}</span>`;
    out.push(
      `<tr data-kind="${g.kind}"><td><ul>${points}</ul>${more}</td><td class="n">${g.count}</td>` +
        `<td><span class="chip" style="background:${dispositionColors[g.kind]}">${e(w.disposition(g.kind))}</span></td>` +
        `<td>${reason}</td><td class="change">${change}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  if (section.changes.length && section.groups.every((g) => !g.changes.length)) {
    out.push(
      `<h4>${e(w.changeMade)}</h4><div class="change">${section.changes.map((c) => changeHtml(c, w)).join('')}</div>`,
    );
  }
  out.push('</section>');
  return out.join('\n');
}

/// A change: its title, then the changed lines with the changes marked.
function changeHtml(change: ArticleChange, w: SummaryWords): string {
  const lines = changedLines(change).map((line) =>
    line === null ? `<p class="gap">${escapeHtml(w.gap)}</p>` : `<p>${segmentsHtml(line)}</p>`,
  );
  return `<div class="change-title">${escapeHtml(w.changeTitle(change))}</div>${lines.join('')}`;
}
