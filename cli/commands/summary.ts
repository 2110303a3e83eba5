/// `lifa summary --draft ID --format docx|csv|md|html --out FILE [--data DIR | --database URL] [--from VID|live]
/// [--to VID|live] [--with-personal-data]`: the summary report of how a draft's comments were handled
/// (征求意见采纳情况). The CLI works on the database directly, as a local administrator, so it may
/// include submitters' names and contact details when asked; without the flag it shows pseudonyms.
import type { Command } from 'commander';
import { isValidId, summaryFormats } from '../../core/index.ts';
import { CliError } from '../errors.ts';
import { formatOption, writeOutputAsync } from '../io.ts';
import { databaseHelp, openCliStorage } from '../storage.ts';
import type { StorageFlags } from '../storage.ts';

interface SummaryFlags extends StorageFlags {
  draft: string;
  format?: string;
  out?: string;
  from?: string;
  to?: string;
  withPersonalData?: boolean;
}

/// Register `lifa summary`.
export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description('write the report of how the comments on a draft were handled (DOCX, CSV, Markdown, HTML)')
    .requiredOption('--draft <id>', 'the draft')
    .option('--format <format>', `${summaryFormats.join('|')} (default: from --out's extension, else md)`)
    .option('--out <file>', 'write to FILE instead of standard output (required for docx)')
    .option('--data <dir>', 'folder of the database (env LIFA_DATA; default .lifa-data)')
    .option('--database <url>', databaseHelp)
    .option('--from <version>', 'the version the comments were made on (default: the one most were made on)')
    .option('--to <version>', 'the later text whose changes to show: a version id or live (default: live)')
    .option(
      '--with-personal-data',
      "submitters' names and contact details instead of pseudonyms (internal use only)",
    )
    .action(async (flags: SummaryFlags) => {
      const fromExtension = flags.out?.match(/\.(docx|csv|md|html)$/i)?.[1].toLowerCase();
      const format = formatOption(flags.format ?? fromExtension, summaryFormats, 'md');
      if (!isValidId(flags.draft)) throw new CliError(`--draft must be a draft id, not "${flags.draft}"`);
      for (const [name, value] of [
        ['--from', flags.from],
        ['--to', flags.to],
      ] as const) {
        if (value !== undefined && value !== 'live' && !isValidId(value))
          throw new CliError(`${name} must be a version id or live, not "${value}"`);
      }
      if (format === 'docx' && flags.out === undefined) throw new CliError('docx is binary: give --out FILE');
      const [
        { renderDraftSummary, SummaryRequestError },
        { docFromState, DraftContentError },
        { storedState },
      ] = await Promise.all([
        import('../../server/clerk/summary.ts'),
        import('../../server/document.ts'),
        import('../../server/sync/persistence.ts'),
      ]);
      const storage = await openCliStorage(flags);
      try {
        const draft = await storage.drafts.get(flags.draft);
        if (!draft || draft.deletedAt !== null) throw new CliError(`no draft ${flags.draft}`);
        const liveDoc = async () => docFromState(await storedState(storage, draft.id));
        let result;
        try {
          result = await renderDraftSummary(storage, draft, format, {
            from: flags.from,
            to: flags.to,
            personalData: flags.withPersonalData ?? false,
            liveDoc,
          });
        } catch (error) {
          if (error instanceof SummaryRequestError || error instanceof DraftContentError)
            throw new CliError(error.message);
          throw error;
        }
        await storage.audit.record('summary.export', null, draft.id, {
          format,
          personalData: flags.withPersonalData ?? false,
          via: 'cli',
        });
        await writeOutputAsync(result.data, flags.out, `${format} summary`);
        const t = result.report.totals;
        process.stderr.write(
          `${t.comments} comments, ${t.unique} after clustering, ${t.comments - t.dispositions.pending} decided` +
            (flags.withPersonalData ? '; contains personal data: for internal use only' : '') +
            '\n',
        );
      } finally {
        await storage.close();
      }
    });
}
