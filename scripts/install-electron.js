// Electron's own postinstall downloads its binary from the internet. On machines
// without internet that fails; the app still works as a web UI (see `npm start`),
// so a failed download is reported in one line and never fails the install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const installer = 'node_modules/electron/install.js';
if (!existsSync(installer)) process.exit(0);
const result = spawnSync(process.execPath, [installer], {
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 120_000,
});
if (result.status !== 0) {
  console.warn(
    'lifa: Electron binary not downloaded (no internet?); `npm start` will serve the web UI instead.',
  );
}
