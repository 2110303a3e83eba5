/// `lifa comments import FILE --draft ID [--data DIR] [--format csv|jsonl] [--version VID]`: import
/// public comments from a CSV or JSONL file into a draft (see server/comments/import.ts for the
/// columns). Progress goes to stderr when it is a terminal; a summary and any problems (with line
/// numbers) are printed at the end. A file with a fatal problem (not CSV/JSON, no text column) imports
/// nothing and exits with 2. Importing the same file again adds nothing.
import type { Command } from 'commander';
import { buildOutline, isValidId } from '../../core/index.ts';
import { CliError } from '../errors.ts';
import { readBytes } from '../io.ts';
import { registerCluster } from './cluster.ts';
import { dataDirOption } from './serve.ts';

interface ImportFlags {
  draft: string;
  data?: string;
  format?: string;
  version?: string;
}

/// Register `lifa comments` and its subcommands.
export function registerComments(program: Command): void {
  const comments = program.command('comments').description('import and work with public comments');
  comments
    .command('import')
    .description('import comments from a CSV or JSONL file into a draft')
    .argument(
      '<file>',
      'CSV (id, received, article, name, contact, organization, submitterType, text) or JSONL',
    )
    .requiredOption('--draft <id>', 'the draft the comments are about')
    .option('--data <dir>', 'folder of the database (env LIFA_DATA; default .lifa-data)')
    .option('--format <format>', 'csv or jsonl (default: from the file extension)')
    .option('--version <vid>', 'the version the comments were made on (default: the live draft)')
    .action(async (file: string, flags: ImportFlags) => {
      const [{ openStorage }, importer, { docFromState, DraftContentError }, { storedState }] =
        await Promise.all([
          import('../../server/storage/storage.ts'),
          import('../../server/comments/import.ts'),
          import('../../server/document.ts'),
          import('../../server/sync/persistence.ts'),
        ]);
      const format = flags.format ?? importer.commentFileFormat(file);
      if (format !== 'csv' && format !== 'jsonl') {
        throw new CliError(
          flags.format === undefined
            ? `cannot tell the format of ${file}: name it .csv or .jsonl, or give --format csv|jsonl`
            : `--format must be csv or jsonl, not "${flags.format}"`,
        );
      }
      if (!isValidId(flags.draft)) throw new CliError(`--draft must be a draft id, not "${flags.draft}"`);
      if (flags.version !== undefined && !isValidId(flags.version)) {
        throw new CliError(`--version must be a version id, not "${flags.version}"`);
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(readBytes(file));
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(`cannot read ${file}: not UTF-8 text`);
      }
      const parsed = importer.parseComments(text, format);
      const fatal = parsed.problems.filter((p) => p.fatal);
      if (fatal.length) {
        const more = fatal.length > 1 ? ` (and ${fatal.length - 1} more problems)` : '';
        throw new CliError(`${file} line ${fatal[0].line}: ${fatal[0].message}${more}; nothing imported`);
      }

      const storage = openStorage(dataDirOption(flags.data));
      try {
        const draft = storage.drafts.get(flags.draft);
        if (!draft || draft.deletedAt !== null) throw new CliError(`no draft ${flags.draft}`);
        if (flags.version !== undefined && !storage.versions.get(draft.id, flags.version)) {
          throw new CliError(`draft ${draft.id} has no version ${flags.version}`);
        }
        let articles;
        try {
          const state = flags.version
            ? storage.versions.get(draft.id, flags.version)!.state
            : storedState(storage, draft.id);
          articles = buildOutline(docFromState(state), draft.language).articles;
        } catch (error) {
          if (error instanceof DraftContentError) throw new CliError(`draft ${draft.id}: ${error.message}`);
          throw error;
        }
        const tty = process.stderr.isTTY === true;
        const result = importer.importComments(storage, draft.id, parsed.records, articles, {
          versionId: flags.version ?? null,
          onProgress: tty ? (done, total) => process.stderr.write(`\rimported ${done}/${total}`) : undefined,
        });
        if (tty && parsed.records.length) process.stderr.write('\n');
        storage.audit.record('comments.import', null, draft.id, {
          file,
          added: result.added,
          skipped: result.skipped,
          via: 'cli',
        });
        const problems = [...parsed.problems, ...result.problems].sort((a, b) => a.line - b.line);
        for (const p of problems) process.stderr.write(`${file} line ${p.line}: ${p.message}\n`);
        process.stdout.write(
          `imported ${result.added} comments into ${draft.id} (${result.onArticles} on articles, ` +
            `${result.onDraft} on the draft as a whole, ${result.withdrawn} withdrawn); ` +
            `${result.skipped} already there\n`,
        );
      } finally {
        storage.close();
      }
    });
  registerCluster(comments);
}

/// One state update from a stored snapshot and log.
