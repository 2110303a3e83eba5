/// `lifa export FILE --format txt|md|html [--lang zh|en] [--out FILE]`: write a draft in another format.
import type { Command } from 'commander';
import { exportDraft, draftExportFormats } from '../../core/index.ts';
import { formatOption, languageOption, readLaw, writeOutput } from '../io.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write a plain-text law as text, Markdown or HTML, numbered from its structure')
    .argument('<file>', 'plain-text law')
    .requiredOption('--format <format>', `output format: ${draftExportFormats.join('|')}`)
    .option('--lang <lang>', 'language of the text: zh or en (default: detected)')
    .option('--out <file>', 'write to FILE instead of standard output')
    .action(async (file: string, options: { format: string; lang?: string; out?: string }) => {
      const format = formatOption(options.format, draftExportFormats);
      const parsed = readLaw(file, languageOption(options.lang));
      const data = await exportDraft(parsed.doc, parsed.language, format);
      writeOutput(data, options.out, `${format} export`);
    });
}
