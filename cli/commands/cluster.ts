/// `lifa comments cluster --draft ID [--data DIR | --database URL] [--json]`: cluster the draft's public and imported
/// comments (near-duplicates together, the clerk's merge/split/move-out decisions kept), store the
/// result as the clerk's view shows it, and print the clusters: a short list by default, or with
/// --json `{"clusters": [{"id", "size", "representative", "members": [{"id", "externalId"}]}]}`,
/// largest first. Acts as a local administrator on the database in --data (or --database).
import type { Command } from 'commander';
import { clustersJson, commentPlainText, excerpt, isValidId } from '../../core/index.ts';
import { CliError } from '../errors.ts';
import { databaseHelp, openCliStorage } from '../storage.ts';
import type { StorageFlags } from '../storage.ts';

/// Register `lifa comments cluster` on the `comments` command.
export function registerCluster(comments: Command): void {
  comments
    .command('cluster')
    .description("cluster a draft's comments (near-duplicates, form letters) and print the clusters")
    .requiredOption('--draft <id>', 'the draft whose comments to cluster')
    .option('--data <dir>', 'folder of the database (env LIFA_DATA; default .lifa-data)')
    .option('--database <url>', databaseHelp)
    .option('--json', 'print {clusters: [{id, size, representative, members: [{id, externalId}]}]}')
    .option('--min-size <n>', 'list only clusters of at least N comments (not with --json)', '2')
    .action(async (flags: StorageFlags & { draft: string; json?: boolean; minSize: string }) => {
      if (!isValidId(flags.draft)) throw new CliError(`--draft must be a draft id, not "${flags.draft}"`);
      if (!/^\d{1,6}$/.test(flags.minSize))
        throw new CliError(`--min-size must be a number, not "${flags.minSize}"`);
      const { clusterDraft } = await import('../../server/clerk/clustering.ts');
      const storage = await openCliStorage(flags);
      try {
        const draft = await storage.drafts.get(flags.draft);
        if (!draft || draft.deletedAt !== null) throw new CliError(`no draft ${flags.draft}`);
        const run = await clusterDraft(storage, draft.id);
        await storage.audit.record('clusters.run', null, draft.id, { via: 'cli' });
        const rows = (await storage.clerkComments.all(draft.id)).map((c) => ({
          id: String(c.id),
          externalId: c.externalId,
          text: c.body,
        }));
        if (flags.json) {
          process.stdout.write(JSON.stringify(clustersJson(run.clustering, rows), null, 2) + '\n');
          return;
        }
        const texts = new Map(rows.map((r) => [r.id, r.text]));
        const clusters = run.clustering.clusters;
        const many = clusters.filter((c) => c.members.length > 1);
        const lines = [
          `${run.comments} comments in ${clusters.length} clusters (${many.length} of two or more, ` +
            `holding ${many.reduce((n, c) => n + c.members.length, 0)} comments)` +
            (run.clustering.withdrawn.length
              ? `; ${run.clustering.withdrawn.length} withdrawn, not clustered`
              : ''),
        ];
        for (const c of clusters.filter((c) => c.members.length >= Number(flags.minSize))) {
          const text = excerpt(commentPlainText(texts.get(c.representative) ?? ''), 70);
          lines.push(
            `${String(c.members.length).padStart(6)}  ${c.id.padEnd(8)} ${c.kind === 'stub' ? '[stub] ' : ''}${text}`,
          );
        }
        process.stdout.write(lines.join('\n') + '\n');
      } finally {
        await storage.close();
      }
    });
}
