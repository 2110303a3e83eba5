/// `lifa user add NAME --password-stdin [--admin] [--data DIR]`: create a user, reading the password
/// from standard input (its first line), so it never shows in the process list or shell history.
/// `lifa user signout NAME [--data DIR]`: end every session of a user (a lost laptop, a leaked
/// token); a server running on the same data closes their connections within seconds.
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { dataDirOption } from './serve.ts';

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
    .action(async (name: string, options: { admin?: boolean; data?: string }) => {
      const [{ openStorage }, { hashPassword }, { isValidUsername }] = await Promise.all([
        import('../../server/storage/storage.ts'),
        import('../../server/auth/password.ts'),
        import('../../server/storage/users.ts'),
      ]);
      if (!isValidUsername(name))
        throw new CliError(`invalid username "${name}": use letters, digits, . _ - (up to 64)`);
      const password = await readPassword();
      const storage = openStorage(dataDirOption(options.data));
      try {
        if (storage.users.byName(name)) throw new CliError(`user ${name} already exists`);
        storage.users.create(name, await hashPassword(password), options.admin ?? false);
        storage.audit.record('user.create', null, null, { username: name, admin: options.admin ?? false });
      } finally {
        storage.close();
      }
      process.stdout.write(`created user ${name}${options.admin ? ' (admin)' : ''}\n`);
    });
  user
    .command('signout')
    .description('end every session of a user, on every device')
    .argument('<name>', 'username')
    .option('--data <dir>', 'folder of the database (env LIFA_DATA; default .lifa-data)')
    .action(async (name: string, options: { data?: string }) => {
      const { openStorage } = await import('../../server/storage/storage.ts');
      const storage = openStorage(dataDirOption(options.data));
      let ended: number;
      try {
        const found = storage.users.byName(name);
        if (!found) throw new CliError(`no user ${name}`);
        ended = storage.sessions.deleteForUser(found.id);
        storage.audit.record('session.end-all', null, null, { username: name, sessions: ended, by: 'cli' });
      } finally {
        storage.close();
      }
      process.stdout.write(`signed out ${name}: ${ended} session${ended === 1 ? '' : 's'} ended\n`);
    });
}
