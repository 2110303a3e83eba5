/// `lifa grant USER DRAFT_ID ROLE [--data DIR | --database URL]`: give a user a role on a draft (owner, drafter,
/// reviewer, clerk, viewer). Connections already open keep their role until they reconnect; the
/// API's `PUT /api/drafts/:id/members/:username` also updates open connections.
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { databaseHelp, openCliStorage } from '../storage.ts';
import type { StorageFlags } from '../storage.ts';

/// Register `lifa grant`.
export function registerGrant(program: Command): void {
  program
    .command('grant')
    .description('give a user a role on a draft')
    .argument('<user>', 'username')
    .argument('<draft>', 'draft id (see GET /api/drafts)')
    .argument('<role>', 'owner | drafter | reviewer | clerk | viewer')
    .option('--data <dir>', 'folder of the database (env LIFA_DATA; default .lifa-data)')
    .option('--database <url>', databaseHelp)
    .action(async (username: string, draftId: string, role: string, options: StorageFlags) => {
      const { isRole, roles } = await import('../../server/auth/roles.ts');
      if (!isRole(role)) throw new CliError(`role must be one of ${roles.join('|')}, not "${role}"`);
      const storage = await openCliStorage(options);
      try {
        const user = await storage.users.byName(username);
        if (!user) throw new CliError(`no user ${username}`);
        if (!(await storage.drafts.get(draftId))) throw new CliError(`no draft ${draftId}`);
        await storage.memberships.set(draftId, user.id, role);
        await storage.audit.record('member.set', null, draftId, { username, role, via: 'cli' });
      } finally {
        await storage.close();
      }
      process.stdout.write(`${username} is now ${role} of ${draftId}\n`);
    });
}
