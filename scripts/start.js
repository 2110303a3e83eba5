// `npm start`: open the desktop app. Builds the web UI when it is missing; then, when the Electron binary
// is installed, builds the main process and starts Electron on the project; where it is absent (no
// internet at install time) says so in one line and serves the same UI with `lifa serve --local` on the
// desktop app's user-data folder, which prints the URL. The decisions live in main/launch.ts (tested).
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { launchPlan, resolveElectronBinary } = await import('../main/launch.ts');

const root = fileURLToPath(new URL('..', import.meta.url));
const extraArgs = process.argv.slice(2);

// LIFA_NO_BUILD=1 skips building the web UI (the server then serves a page saying how to build it).
const buildUi = process.env.LIFA_NO_BUILD !== '1';
if (
  buildUi &&
  !existsSync(`${root}/dist/renderer/index.html`) &&
  existsSync(`${root}/renderer/vite.config.ts`)
) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const plan = launchPlan(root, resolveElectronBinary(), extraArgs);
for (const step of plan.build) {
  const result = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (plan.run.notice) console.log(plan.run.notice);
const child = spawn(plan.run.command, plan.run.args, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
