/// First start: load the seed drafts (drafts/*.law.txt) so a new server has real content.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { decodeLawBytes } from '../core/index.ts';
import { createDraft } from './drafts.ts';
import type { Storage } from './storage/interface.ts';

/// The folder of seed drafts in this checkout: `drafts/` at the project root.
export const defaultSeedDir = fileURLToPath(new URL('../drafts/', import.meta.url));

const seededKey = 'seeded';

/// Import every `*.law.txt` of `dir` as a draft (in file-name order), once per database: later calls
/// do nothing, even when the drafts were deleted since. A file that cannot be read or is not UTF-8 is
/// skipped with a warning; a missing folder seeds nothing. Resolves to how many drafts were created.
export async function seedDrafts(storage: Storage, dir: string, logger: Logger): Promise<number> {
  if (await storage.meta.get(seededKey)) return 0;
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.law.txt'))
      .sort();
  } catch {
    logger.info({ dir }, 'no seed drafts folder');
  }
  let count = 0;
  for (const file of files) {
    try {
      const decoded = decodeLawBytes(readFileSync(join(dir, file)));
      if (!decoded.ok) {
        logger.warn(
          { file, line: decoded.problem.line, problem: decoded.problem.message },
          'seed draft skipped',
        );
        continue;
      }
      const { draft, problems } = await createDraft(storage, { text: decoded.text });
      count++;
      logger.info({ file, draft: draft.id, title: draft.title, problems: problems.length }, 'seeded draft');
    } catch (error) {
      logger.warn({ file, err: error }, 'seed draft skipped');
    }
  }
  await storage.meta.set(seededKey, new Date().toISOString());
  return count;
}
