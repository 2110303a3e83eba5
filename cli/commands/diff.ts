/// `lifa diff OLD NEW [--format table|json|html|docx|md] [--out FILE] [--lang zh|en] [--all]`:
/// compare two plain-text laws article by article.
import type { Command } from 'commander';
import {
  buildOutline,
  compareOutlines,
  comparisonFormats,
  comparisonSummaryLine,
  renderComparison,
} from '../../core/index.ts';
import { formatOption, languageOption, readLaw, writeOutput } from '../io.ts';

/// Register `lifa diff` on `program`.
export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two plain-text laws article by article: comparison table, redline, JSON')
    .argument('<old>', 'the earlier text (plain-text law)')
    .argument('<new>', 'the later text (plain-text law)')
    .option('--format <format>', `output format: ${comparisonFormats.join('|')} (default: table)`)
    .option('--out <file>', 'write to FILE instead of standard output (required for docx)')
    .option('--lang <lang>', 'language of both texts: zh or en (default: detected from each)')
    .option('--all', 'show unchanged articles in full instead of folding them')
    .action(
      async (
        oldFile: string,
        newFile: string,
        options: { format?: string; out?: string; lang?: string; all?: boolean },
      ) => {
        const format = formatOption(options.format, comparisonFormats, 'table');
        const language = languageOption(options.lang);
        const oldLaw = readLaw(oldFile, language);
        const newLaw = readLaw(newFile, language ?? oldLaw.language);
        // Both texts are read in one language (the old one's, unless given), so that their
        // labels and their inline diffs agree.
        const comparison = compareOutlines(
          buildOutline(oldLaw.doc, newLaw.language),
          buildOutline(newLaw.doc, newLaw.language),
          // The parser invents the ids of a plain-text law: they say nothing across two files.
          { matchIds: false },
        );
        const toTerminal = format === 'table' && options.out === undefined;
        const data = await renderComparison(comparison, format, {
          showUnchanged: options.all ?? false,
          color: toTerminal && process.stdout.isTTY === true && !process.env.NO_COLOR,
          width: toTerminal && process.stdout.columns ? process.stdout.columns : 100,
        });
        writeOutput(data, options.out, `${format} comparison`);
        if (format === 'table') process.stderr.write(`${comparisonSummaryLine(comparison)}\n`);
      },
    );
}
