#!/usr/bin/env node
// The `lifa` command. The CLI is written in TypeScript and runs from one bundled file,
// dist/lifa-cli.mjs, which esbuild (it comes with tsx) makes from cli/, core/ and server/ — packages
// stay in node_modules — and makes again whenever a source is newer than it. Running the sources
// through tsx's loader instead would keep a second JavaScript engine in the process (Node 20 runs
// loaders on a thread of their own) holding every transformed module: about 50 MiB of an idle
// `lifa serve`. The bundle sits one folder below the project, as the sources do, so paths the code
// finds from its own location (drafts/, dist/renderer/) are the same. LIFA_FROM_SOURCES=1, or a
// failed build, runs the sources through tsx's loader as before.
//
// Workers the server starts from a file beside their pool's module are bundled beside it too, under
// the name the pool looks for (as scripts/build-main.js does for the desktop app).
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'lifa-cli.mjs');
/// Each entry and the file it is bundled into, in dist/.
const entries = [
  ['server/work/draft-worker.ts', 'draft-worker.mjs'],
  ['server/attachments/extract-worker.ts', 'extract-worker.js'],
  ['cli/main.ts', 'lifa-cli.mjs'],
];
const sources = ['cli', 'core', 'server'].map((dir) => join(root, dir));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function fresh() {
  const newest = Math.max(...sources.map(newestSource));
  return entries.every(([, name]) => {
    const built = statSync(join(root, 'dist', name), { throwIfNoEntry: false })?.mtimeMs;
    return built !== undefined && newest < built;
  });
}

async function buildBundle() {
  const { build } = await import('esbuild');
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (const [entry, name] of entries) {
    // Built beside the bundle and renamed into place, so a `lifa` started meanwhile never reads half.
    const outfile = join(root, 'dist', name);
    const partial = `${outfile}.${process.pid}.tmp`;
    await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: partial,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
      legalComments: 'none',
    });
    renameSync(partial, outfile);
  }
}

async function loadMain() {
  if (process.env.LIFA_FROM_SOURCES !== '1') {
    try {
      if (!fresh()) await buildBundle();
      return await import(pathToFileURL(bundle).href);
    } catch {
      // No esbuild, or the sources do not build: tsx's loader reports the error as before.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../cli/main.ts');
}

const { main } = await loadMain();
process.exitCode = await main(process.argv.slice(2));
