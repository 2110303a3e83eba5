// Compile the Electron main process (main/main.ts, with the core/ and server/ code it uses) into
// dist/main/main.js, the server's draft worker (server/work/draft-worker.ts, started by
// server/work/pool.ts from `./draft-worker.mjs` beside its own module) into dist/main/draft-worker.mjs,
// the attachment reader (server/attachments/extract-worker.ts) into dist/main/extract-worker.js,
// and the preload into dist/main/preload.cjs: one CommonJS file, because a sandboxed preload cannot
// load modules. Packages in node_modules stay external (better-sqlite3 is native, and
// electron-builder rebuilds it for Electron). `npm start` and `npm run dist` run this first.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/main.ts'],
    outfile: 'dist/main/main.js',
    format: 'esm',
    packages: 'external',
  }),
  // The attachment reader runs as a child process of the embedded server, from the file beside main.js.
  build({
    ...common,
    entryPoints: ['server/attachments/extract-worker.ts'],
    outfile: 'dist/main/extract-worker.js',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['server/work/draft-worker.ts'],
    outfile: 'dist/main/draft-worker.mjs',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['main/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
]);
console.log(
  'lifa: built dist/main/main.js, dist/main/draft-worker.mjs, dist/main/extract-worker.js and dist/main/preload.cjs',
);
