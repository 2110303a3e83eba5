// Electron's entry (package.json "main"). The main process and the preload are TypeScript, compiled by
// scripts/build-main.js into dist/main — `npm start` and `npm run dist` run it first. Compiled rather
// than loaded through tsx at run time: a packaged app then needs no compiler inside its asar archive,
// starts faster, and the sandboxed preload has to be a single bundled CommonJS file anyway.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/main/main.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error('lifa: dist/main/main.js is missing; run `node scripts/build-main.js` (npm start does).');
  process.exit(1);
}
await import(built.href);
