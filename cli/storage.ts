/// The storage a CLI command works on: PostgreSQL when `--database` (or LIFA_DATABASE_URL) names a
/// postgres:// URL, else SQLite in the data folder (`--data`, LIFA_DATA, `.lifa-data`). Either way
/// behind the storage interface, so the command does not know which.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Storage } from '../server/storage/interface.ts';
import { CliError } from './errors.ts';
import { databaseUrlOption } from './commands/migrate.ts';
import { dataDirOption } from './commands/serve.ts';

/// The options of a command that opens storage.
export interface StorageFlags {
  readonly data?: string;
  readonly database?: string;
}

/// Help text of `--database` for the commands that take it.
export const databaseHelp =
  'PostgreSQL database, postgres://… (env LIFA_DATABASE_URL); else SQLite in --data';

/// Open the storage `flags` name. With `mustExist`, a SQLite folder without a database is refused
/// rather than created. Throws CliError when it cannot be opened (the reason in one line).
export async function openCliStorage(flags: StorageFlags, mustExist = false): Promise<Storage> {
  const url = databaseUrlOption(flags.database);
  if (url !== undefined) {
    const [{ isPostgresUrl }, { openPostgresStorage }] = await Promise.all([
      import('../server/storage/postgres/db.ts'),
      import('../server/storage/postgres/storage.ts'),
    ]);
    if (!isPostgresUrl(url)) throw new CliError(`--database must be a postgres:// URL, not "${url}"`);
    try {
      return await openPostgresStorage(url);
    } catch (error) {
      throw new CliError(`cannot open the PostgreSQL database: ${(error as Error).message}`);
    }
  }
  const [{ openStorage, databaseFileName }, { SqliteStorage }] = await Promise.all([
    import('../server/storage/storage.ts'),
    import('../server/storage/sqlite-storage.ts'),
  ]);
  const dir = dataDirOption(flags.data);
  if (mustExist && !existsSync(join(dir, databaseFileName))) throw new CliError(`no Lifa database in ${dir}`);
  try {
    return new SqliteStorage(openStorage(dir));
  } catch (error) {
    throw new CliError(`cannot open the database in ${dir}: ${(error as Error).message}`);
  }
}
