/// `lifa import FILE [--json] [--lang zh|en]`: parse a plain-text law and report its structure.
import type { Command } from 'commander';
import { buildOutline, draftSummary } from '../../core/index.ts';
import { languageOption, readLaw } from '../io.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('parse a plain-text law and report its structure and problems')
    .argument('<file>', 'plain-text law (UTF-8; Markdown heading marks allowed)')
    .option('--json', 'print the structure as JSON: {title, language, chapters, articles, problems}')
    .option('--lang <lang>', 'language of the text: zh or en (default: detected)')
    .action((file: string, options: { json?: boolean; lang?: string }) => {
      const parsed = readLaw(file, languageOption(options.lang));
      const summary = draftSummary(buildOutline(parsed.doc, parsed.language), parsed.problems);
      if (options.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        return;
      }
      const outline = buildOutline(parsed.doc, parsed.language);
      const items = outline.articles.reduce(
        (n, a) => n + a.paragraphs.reduce((m, p) => m + p.items.length, 0),
        0,
      );
      const count = (kind: string) => outline.divisions.filter((d) => d.kind === kind).length;
      const lines = [
        `title:     ${summary.title}`,
        `language:  ${summary.language}`,
        `chapters:  ${count('chapter')}`,
        `sections:  ${count('section')}`,
        `articles:  ${summary.articles.length}`,
        `items:     ${items}`,
        `problems:  ${summary.problems.length}`,
        ...summary.problems.map((p) => `  line ${p.line}: ${p.message}`),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}
