/// `lifa user add NAME --password-stdin [--admin] [--data DIR | --database URL]`: create a user, reading the password
/// from standard input (its first line), so it never shows in the process list or shell history.
/// `lifa user signout NAME [--data DIR | --database URL]`: end every session of a user (a lost laptop, a leaked
/// token); a server running on the same data closes their connections within seconds.
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { databaseHelp, openCliStorage } from '../storage.ts';
import type { StorageFlags } from '../storage.ts';

/// The first line of standard input. Throws CliError when standard input is a terminal or empty.
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY)
    throw new CliError('--password-stdin reads the password from standard input: pipe it in');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  if (!password) throw new CliError('the password on standard input is empty');
  if (password.length > 1024) throw new CliError('the password is longer than 1024 characters');
  return password;
}

/// Register `lifa user`.
export function registerUser(program: Command): void {
  const user = program.command('user').description('manage user accounts of a server');
  user
    .command('add')
    .description('create a user')
    .argument('<name>', 'username: letters, digits, . _ - (up to 64)')
    .requiredOption('--password-stdin', 'read the password from standard input (first line)')
    .option('--admin', 'an administrator: owner of every draft')
    .option('--data <dir>', 'folder of the database (env LIFA_DATA; default .lifa-data)')
    .option('--database <url>', databaseHelp)
    .action(async (name: string, options: StorageFlags & { admin?: boolean }) => {
      const [{ hashPassword }, { isValidUsername }] = await Promise.all([
        import('../../server/auth/password.ts'),
        import('../../server/storage/users.ts'),
      ]);
      if (!isValidUsername(name))
        throw new CliError(`invalid username "${name}": use letters, digits, . _ - (up to 64)`);
      const password = await readPassword();
      const hash = await hashPassword(password);
      const storage = await openCliStorage(options);
      try {
        if (await storage.users.byName(name)) throw new CliError(`user ${name} already exists`);
        await storage.users.create(name, hash, options.admin ?? false);
        await storage.audit.record('user.create', null, null, {
          username: name,
          admin: options.admin ?? false,
        });
      } finally {
        await storage.close();
      }
      process.stdout.write(`created user ${name}${options.admin ? ' (admin)' : ''}\n`);
    });
  user
    .command('signout')
    .description('end every session of a user, on every device')
    .argument('<name>', 'username')
    .option('--data <dir>', 'folder of the database (env LIFA_DATA; default .lifa-data)')
    .option('--database <url>', databaseHelp)
    .action(async (name: string, options: StorageFlags) => {
      const storage = await openCliStorage(options);
      let ended: number;
      try {
        const found = await storage.users.byName(name);
        if (!found) throw new CliError(`no user ${name}`);
        ended = await storage.sessions.deleteForUser(found.id);
        await storage.audit.record('session.end-all', null, null, {
          username: name,
          sessions: ended,
          by: 'cli',
        });
      } finally {
        await storage.close();
      }
      process.stdout.write(`signed out ${name}: ${ended} session${ended === 1 ? '' : 's'} ended\n`);
    });
}
