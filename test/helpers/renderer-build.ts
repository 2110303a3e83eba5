// Builds the renderer into dist/renderer when it is missing or older than its sources (renderer/ and
// core/), once even when several test files ask at the same time (a lock folder serialises them).
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { projectPath } from './cli.ts';

const sources = ['renderer', 'core'].map(projectPath);
const builtIndex = projectPath('dist/renderer/index.html');
const lock = projectPath('dist/.renderer-build.lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  return sources.some((dir) => newestMtime(dir) > built);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/// Make sure dist/renderer holds a build of the current sources.
export async function ensureRendererBuilt(): Promise<void> {
  mkdirSync(projectPath('dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes is left over from a crash.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmdirSync(lock);
      await sleep(200);
    }
  }
  try {
    if (stale()) {
      await build({ configFile: projectPath('renderer/vite.config.ts'), logLevel: 'warn' });
    }
  } finally {
    rmdirSync(lock);
  }
}
