/// The summary report as Markdown: title, totals, the dispositions and submitters of the whole
/// draft, then per article its figures, main points, a table of what was decided and why, and the
/// change made (inserted text in <ins>, deleted text in <del>, as in the comparison's Markdown).
import { segmentsMarkdown } from '../compare/render-markdown.ts';
import { escapeMarkdown } from '../export/escape.ts';
import { dispositionKinds } from '../comments/disposition.ts';
import type { ArticleChange } from './changes.ts';
import { changedLines } from './changes.ts';
import type { SummaryReport } from './summary.ts';
import { summaryWords } from './words.ts';
import type { SummaryWords } from './words.ts';

/// The report as a Markdown document ending with a newline.
export function renderSummaryMarkdown(report: SummaryReport): string {
  const w = summaryWords(report.language, report.draft.title);
  const zh = report.language === 'zh';
  const e = escapeMarkdown;
  const lines: string[] = [`# ${e(w.title)}`, ''];
  if (report.personalData) lines.push(`> **${e(w.personalDataNotice)}**`, '');
  if (report.versions) lines.push(e(w.versions(report.versions.from, report.versions.to)), '');
  lines.push(
    `_${e(w.generated(report.generatedAt))}_`,
    '',
    `## ${e(w.overview)}`,
    '',
    e(w.totals(report)),
    '',
  );

  const total = report.totals.comments || 1;
  const percent = (n: number) => `${((100 * n) / total).toFixed(1)}%`;
  lines.push(`| ${e(w.byDisposition)} | ${e(w.columns.count)} | ${e(w.share)} |`, '| --- | ---: | ---: |');
  for (const kind of [...dispositionKinds, 'pending' as const]) {
    const n = report.totals.dispositions[kind];
    if (n) lines.push(`| ${e(w.disposition(kind))} | ${n} | ${percent(n)} |`);
  }
  lines.push('', `| ${e(w.bySubmitter)} | ${e(w.columns.count)} | ${e(w.share)} |`, '| --- | ---: | ---: |');
  for (const { type, count } of report.totals.bySubmitterType)
    lines.push(`| ${e(w.submitterType(type))} | ${count} | ${percent(count)} |`);

  lines.push('', `## ${e(w.byArticle)}`, '');
  for (const section of report.sections) {
    const heading = section.article
      ? `${section.article.label}${zh ? '\u3000' : ' '}${excerptLine(section.article.text, zh ? 40 : 80)}`
      : w.general;
    lines.push(`### ${e(heading)}`, '', e(w.figures(section)), '');
    if (section.bySubmitterType.length > 1 || section.bySubmitterType[0]?.type !== null) {
      const by = section.bySubmitterType.map(({ type, count }) => `${w.submitterType(type)} ${count}`);
      lines.push(`${e(w.bySubmitter)}${zh ? '：' : ': '}${e(by.join(zh ? '，' : ', '))}`, '');
    }
    lines.push(`**${e(w.mainPoints)}**`, '');
    section.mainPoints.forEach((p, k) => {
      const who =
        report.personalData && p.submitter
          ? ` — ${p.submitter}${p.organization ? ` (${p.organization})` : ''}`
          : '';
      const text = p.stub ? `${w.attachmentOnly}${p.excerpt ? `: ${p.excerpt}` : ''}` : p.excerpt;
      lines.push(`${k + 1}. ${e(text)}${e(w.similar(p.count))}${e(who)}`);
    });
    lines.push(
      '',
      `| ${e(w.columns.points)} | ${e(w.columns.count)} | ${e(w.columns.disposition)} | ${e(w.columns.reason)} | ${e(w.columns.change)} |`,
      '| --- | ---: | --- | --- | --- |',
    );
    for (const g of section.groups) {
      const points = g.points
        .map((p) => e(p.stub ? w.attachmentOnly : p.excerpt) + e(w.similar(p.count)))
        .join('<br>');
      const reason = g.reason ? e(g.reason) : g.kind === 'pending' ? '' : `_${e(w.noReason)}_`;
      const change = g.changes.length
        ? g.changes.map((c) => changeMarkdown(c, w)).join('<br><br>')
        : w.noChange;
      lines.push(`| ${points} | ${g.count} | ${e(w.disposition(g.kind))} | ${reason} | ${change} |`);
    }
    if (section.changes.length) {
      lines.push(
        '',
        `**${e(w.changeMade)}**${zh ? '：' : ': '}${section.changes.map((c) => changeMarkdown(c, w)).join('<br><br>')}`,
      );
    }
    lines.push('');
  }
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

/// A change for a table cell: its title in bold, then the changed lines with the changes marked
/// (unchanged lines between them left out).
function changeMarkdown(change: ArticleChange, w: SummaryWords): string {
  const lines = changedLines(change).map((line) => (line === null ? w.gap : segmentsMarkdown(line)));
  return [`**${escapeMarkdown(w.changeTitle(change))}**`, ...lines].join('<br>');
}

function excerptLine(text: string, max: number): string {
  const line = text.split('\n')[0];
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
