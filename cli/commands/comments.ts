/// `lifa comments import FILE --draft ID [--data DIR | --database URL] [--format csv|jsonl]
/// [--version VID] [--no-extract]`: import public comments from a CSV or JSONL file into a draft (see
/// server/comments/import.ts for the columns), with the files they name (`attachments`, paths
/// relative to FILE), whose text is then read unless --no-extract (the server reads it on its next
/// start). Progress goes to stderr when it is a terminal; a summary and any problems (with line
/// numbers) are printed at the end. A file with a fatal problem (not CSV/JSON, no text column)
/// imports nothing and exits with 2; a missing attachment is a problem on its line. Importing the
/// same file again adds nothing.
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildOutline, isValidId } from '../../core/index.ts';
import { CliError } from '../errors.ts';
import { readBytes } from '../io.ts';
import { databaseHelp, openCliStorage } from '../storage.ts';
import type { StorageFlags } from '../storage.ts';
import { registerCluster } from './cluster.ts';
import { dataDirOption } from './serve.ts';

interface ImportFlags extends StorageFlags {
  draft: string;
  format?: string;
  version?: string;
  extract: boolean;
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
    .option('--database <url>', databaseHelp)
    .option('--format <format>', 'csv or jsonl (default: from the file extension)')
    .option('--version <vid>', 'the version the comments were made on (default: the live draft)')
    .option('--no-extract', 'store attachments without reading their text now (the server reads it)')
    .action(async (file: string, flags: ImportFlags) => {
      const [importer, { docFromState, DraftContentError }, { storedState }] = await Promise.all([
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

      const storage = await openCliStorage(flags);
      // The attachment code loads only for a file that names attachments.
      const withFiles = parsed.records.some((r) => r.attachments.length > 0);
      const modules = withFiles
        ? await Promise.all([
            import('../../server/attachments/service.ts'),
            import('../../server/attachments/blob-store.ts'),
            import('../../server/comments/import-attachments.ts'),
          ])
        : null;
      const attachments = modules
        ? new modules[0].AttachmentService(
            storage,
            modules[1].blobStoreFor(storage, dataDirOption(flags.data)),
          )
        : null;
      try {
        const draft = await storage.drafts.get(flags.draft);
        if (!draft || draft.deletedAt !== null) throw new CliError(`no draft ${flags.draft}`);
        const version =
          flags.version === undefined ? undefined : await storage.versions.get(draft.id, flags.version);
        if (flags.version !== undefined && !version) {
          throw new CliError(`draft ${draft.id} has no version ${flags.version}`);
        }
        let articles;
        try {
          const state = version ? version.state : await storedState(storage, draft.id);
          articles = buildOutline(docFromState(state), draft.language).articles;
        } catch (error) {
          if (error instanceof DraftContentError) throw new CliError(`draft ${draft.id}: ${error.message}`);
          throw error;
        }
        const tty = process.stderr.isTTY === true;
        const result = await importer.importComments(storage, draft.id, parsed.records, articles, {
          versionId: flags.version ?? null,
          onProgress: tty ? (done, total) => process.stderr.write(`\rimported ${done}/${total}`) : undefined,
        });
        if (tty && parsed.records.length) process.stderr.write('\n');

        const items = [];
        for (const r of parsed.records) {
          if (r.attachments.length === 0) continue;
          const commentId = (await storage.comments.byExternalId(draft.id, r.externalId))!;
          items.push({ line: r.line, commentId, paths: r.attachments });
        }
        const files =
          !attachments || !modules
            ? { attached: 0, alreadyThere: 0, problems: [] }
            : await modules[2].importAttachments(attachments, draft.id, items, {
                baseDir: dirname(resolve(file)),
                onProgress: tty
                  ? (done, total) => process.stderr.write(`\rattachments of ${done}/${total} comments`)
                  : undefined,
              });
        if (tty && items.length) process.stderr.write('\n');
        let extracted = '';
        if (attachments && files.attached > 0 && flags.extract) {
          const waiting = (await storage.attachments.pending(1_000_000)).length;
          const timer = tty
            ? setInterval(() => {
                void storage.attachments.pending(1_000_000).then(
                  (left) => process.stderr.write(`\rread ${waiting - left.length}/${waiting} attachments`),
                  () => {},
                );
              }, 500)
            : null;
          attachments.kick();
          await attachments.idle();
          if (timer) {
            clearInterval(timer);
            process.stderr.write(`\rread ${waiting}/${waiting} attachments\n`);
          }
          const counts = await storage.attachments.counts(draft.id);
          extracted = `; attachments of the draft: ${counts.read} read, ${counts.unreadable} unreadable, ${counts.notRead} images not read`;
        }
        await storage.audit.record('comments.import', null, draft.id, {
          file,
          added: result.added,
          skipped: result.skipped,
          attachments: files.attached,
          via: 'cli',
        });
        const problems = [...parsed.problems, ...result.problems, ...files.problems].sort(
          (a, b) => a.line - b.line,
        );
        for (const p of problems) process.stderr.write(`${file} line ${p.line}: ${p.message}\n`);
        process.stdout.write(
          `imported ${result.added} comments into ${draft.id} (${result.onArticles} on articles, ` +
            `${result.onDraft} on the draft as a whole, ${result.withdrawn} withdrawn); ` +
            `${result.skipped} already there\n`,
        );
        if (items.length) {
          process.stdout.write(
            `attached ${files.attached} files (${files.alreadyThere} already there)${extracted}\n`,
          );
        }
      } finally {
        await attachments?.close();
        await storage.close();
      }
    });
  registerCluster(comments);
}

/// One state update from a stored snapshot and log.
