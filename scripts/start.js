// `npm start`: open the desktop app. Builds the web UI when it is missing, then starts Electron; where
// the Electron binary is absent (no internet at install time) says so in one line and serves the
// same UI in local mode with `lifa serve --local`, printing its URL.
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

if (!existsSync('dist/renderer/index.html') && existsSync('renderer/vite.config.ts')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let electronBinary = null;
try {
  const path = require('electron');
  if (typeof path === 'string' && existsSync(path)) electronBinary = path;
} catch {
  electronBinary = null;
}

const child = electronBinary
  ? spawn(electronBinary, ['.'], { stdio: 'inherit' })
  : (console.log('lifa: Electron binary not installed; serving the web UI instead (lifa serve --local).'),
    spawn(process.execPath, ['bin/lifa.js', 'serve', '--local'], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
