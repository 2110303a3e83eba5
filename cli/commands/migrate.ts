/// `lifa migrate --data DIR --database postgres://…`: copy a SQLite data folder (users, drafts with
/// their record, versions, comments, clusters, dispositions, suggestions, the audit log — every table)
/// into an empty PostgreSQL database, then check the copy: the row count of every table, and every
/// draft's record walked again in PostgreSQL to the same head hash. Prints one line per table and
/// per draft; exits 1 when a check fails, 2 when the target is not empty or cannot be reached.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { dataDirOption } from './serve.ts';

/// `--database`, else LIFA_DATABASE_URL; undefined when neither is set.
export function databaseUrlOption(value: string | undefined): string | undefined {
  const url = value ?? process.env.LIFA_DATABASE_URL;
  return url === undefined || url.trim() === '' ? undefined : url.trim();
}

/// Register `lifa migrate`.
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('copy a SQLite data folder into an empty PostgreSQL database and check the copy')
    .option('--data <dir>', 'folder of the SQLite database (env LIFA_DATA; default .lifa-data)')
    .option('--database <url>', 'the PostgreSQL database, postgres://… (env LIFA_DATABASE_URL)')
    .action(async (flags: { data?: string; database?: string }) => {
      const dir = dataDirOption(flags.data);
      const url = databaseUrlOption(flags.database);
      const [
        { openStorage, databaseFileName },
        { isPostgresUrl },
        { openPostgresStorage },
        copy,
        { hashHex },
        { dataFolderBlobStore },
      ] = await Promise.all([
        import('../../server/storage/storage.ts'),
        import('../../server/storage/postgres/db.ts'),
        import('../../server/storage/postgres/storage.ts'),
        import('../../server/storage/postgres/copy.ts'),
        import('../../server/storage/record-chain.ts'),
        import('../../server/attachments/blob-store.ts'),
      ]);
      if (!url) throw new CliError('--database: name the PostgreSQL database to copy into (postgres://…)');
      if (!isPostgresUrl(url)) throw new CliError(`--database must be a postgres:// URL, not "${url}"`);
      if (!existsSync(join(dir, databaseFileName))) throw new CliError(`no Lifa database in ${dir}`);
      let sqlite;
      try {
        sqlite = openStorage(dir);
      } catch (error) {
        throw new CliError(`cannot open the database in ${dir}: ${(error as Error).message}`);
      }
      try {
        let target;
        try {
          target = await openPostgresStorage(url);
        } catch (error) {
          throw new CliError(`cannot open the PostgreSQL database: ${(error as Error).message}`);
        }
        try {
          let report;
          try {
            report = await copy.copySqliteToPostgres(
              sqlite.db,
              target,
              dataFolderBlobStore(dir),
              (table, rows) => process.stderr.write(`lifa: copied ${table} (${rows} rows)\n`),
            );
          } catch (error) {
            if (error instanceof copy.CopyError) throw new CliError(error.message);
            throw new CliError(`the copy failed and nothing was kept: ${(error as Error).message}`, 1);
          }
          for (const t of report.tables) {
            const same = t.sqlite === t.postgres;
            process.stdout.write(
              `${t.table}  ${same ? 'ok' : 'MISMATCH'}  ${t.sqlite} rows${same ? '' : `, ${t.postgres} in PostgreSQL`}\n`,
            );
          }
          for (const d of report.drafts) {
            const check = d.postgres;
            const same = check.ok && check.entries === d.entries && hashHex(check.head.hash) === d.sqliteHead;
            process.stdout.write(
              same
                ? `draft ${d.draftId}  ok  ${d.entries} entries  head ${d.sqliteHead}\n`
                : `draft ${d.draftId}  MISMATCH  ${check.ok ? `head ${hashHex(check.head.hash)}, expected ${d.sqliteHead}` : `broken at entry ${check.broken.seq}: ${check.broken.reason}`}\n`,
            );
          }
          const files = report.attachments;
          process.stdout.write(
            `attachments  ${files.bad.length ? 'MISMATCH' : 'ok'}  ${files.verified} of ${files.files} files' bytes copied and verified${files.missing.length ? `, ${files.missing.length} missing in ${dir} already (${files.missing.slice(0, 3).join(', ')}${files.missing.length > 3 ? ', …' : ''})` : ''}${files.bad.length ? `, ${files.bad.length} not intact in PostgreSQL (${files.bad.slice(0, 3).join(', ')})` : ''}\n`,
          );
          if (!report.ok) throw new CliError('the copy does not match the SQLite database (see above)', 1);
        } finally {
          await target.close();
        }
      } finally {
        sqlite.close();
      }
    });
}
