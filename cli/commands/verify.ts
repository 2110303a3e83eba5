/// `lifa verify [--data DIR | --database URL] [--draft ID]`: check the record of every draft (or one) for tampering:
/// its hash chain, its checkpoint and the heads its versions recorded. Prints one line per draft with
/// its number of entries and head hash; exits 1 naming the first broken entry of any draft whose
/// record was changed, cut or reordered outside Lifa.
import type { Command } from 'commander';
import { isValidId } from '../../core/index.ts';
import { CliError } from '../errors.ts';
import { databaseHelp, openCliStorage } from '../storage.ts';
import type { StorageFlags } from '../storage.ts';

/// Register `lifa verify`.
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("check every draft's record (hash chain, checkpoint, version heads) for tampering")
    .option('--data <dir>', 'folder of the database (env LIFA_DATA; default .lifa-data)')
    .option('--database <url>', databaseHelp)
    .option('--draft <id>', 'check only this draft')
    .action(async (flags: StorageFlags & { draft?: string }) => {
      const [{ verifyAll, verifyDraft }, { hashHex }] = await Promise.all([
        import('../../server/record/verify.ts'),
        import('../../server/storage/record-chain.ts'),
      ]);
      const storage = await openCliStorage(flags, true);
      let broken = 0;
      let first = '';
      try {
        if (flags.draft !== undefined && !isValidId(flags.draft))
          throw new CliError(`--draft: not a draft id: "${flags.draft}"`);
        if (flags.draft !== undefined && !(await storage.drafts.get(flags.draft)))
          throw new CliError(`no draft ${flags.draft}`);
        const checks =
          flags.draft !== undefined ? [await verifyDraft(storage, flags.draft)] : verifyAll(storage);
        for await (const check of checks) {
          if (check.ok) {
            process.stdout.write(
              `${check.draftId}  ok  ${check.entries} entries  head ${check.head.seq} ${hashHex(check.head.hash)}\n`,
            );
          } else {
            broken++;
            first ||= `draft ${check.draftId}, entry ${check.broken.seq}`;
            process.stdout.write(
              `${check.draftId}  BROKEN at entry ${check.broken.seq}: ${check.broken.reason} (${check.entries} entries intact before it)\n`,
            );
          }
        }
      } finally {
        await storage.close();
      }
      if (broken > 0) {
        throw new CliError(
          `the record is broken: ${first}${broken > 1 ? ` (and ${broken - 1} more drafts)` : ''}`,
          1,
        );
      }
    });
}
