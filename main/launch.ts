/// How `npm start` launches the app (scripts/start.js is a thin shell over this): find the Electron
/// binary; when it is there, build the main process and run Electron on the project; when it is not
/// (no internet at install time), say so in one line and serve the same UI with `lifa serve --local`,
/// on the same user-data folder the desktop app uses.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/// The product name, which names the user-data folder (`~/.config/Lifa` on Linux).
export const productName = 'Lifa';

/// The one line `npm start` prints when the Electron binary is absent.
export const fallbackNotice =
  'lifa: the Electron binary is not installed (it is downloaded at install time); serving the web UI instead with `lifa serve --local`.';

/// The path of the Electron binary as the `electron` package reports it, or undefined when the
/// package is missing, reports no binary (its download failed) or the file is not there.
/// `load` stands in for `require('electron')` in tests.
export function resolveElectronBinary(load: () => unknown = defaultLoad): string | undefined {
  let path: unknown;
  try {
    path = load();
  } catch {
    return undefined;
  }
  return typeof path === 'string' && path !== '' && existsSync(path) ? path : undefined;
}

function defaultLoad(): unknown {
  // Outside Electron, the `electron` package exports the path of its binary (or throws when the
  // download failed); createRequire because it is a CommonJS module.
  return createRequire(import.meta.url)('electron');
}

/// The app's user-data folder, as Electron computes it for `productName`: `$XDG_CONFIG_HOME/Lifa` or
/// `~/.config/Lifa` on Linux, `~/Library/Application Support/Lifa` on macOS, `%APPDATA%\Lifa` on
/// Windows. `LIFA_USER_DATA` overrides it (tests use that).
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (env.LIFA_USER_DATA) return env.LIFA_USER_DATA;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productName);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), productName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), productName);
}

/// The folder of the local server's SQLite database inside a user-data folder.
export function localDataDir(userData: string): string {
  return join(userData, 'data');
}

/// A command to run: the program, its arguments, and an optional line to print first.
export interface LaunchStep {
  readonly command: string;
  readonly args: readonly string[];
  readonly notice?: string;
}

/// How to start the app from the project folder `root`: Electron on the project when `electronBinary`
/// is given (after `buildMain`), else the fallback. `extraArgs` go to Electron or to `lifa serve`.
export function launchPlan(
  root: string,
  electronBinary: string | undefined,
  extraArgs: readonly string[] = [],
  userData: string = userDataDir(),
): { readonly build: readonly LaunchStep[]; readonly run: LaunchStep } {
  if (electronBinary) {
    return { build: [buildMainStep(root)], run: { command: electronBinary, args: [root, ...extraArgs] } };
  }
  return { build: [], run: fallbackCommand(root, userData, extraArgs) };
}

/// The step that builds the main process and the preload into dist/main (scripts/build-main.js).
export function buildMainStep(root: string): LaunchStep {
  return { command: process.execPath, args: [join(root, 'scripts', 'build-main.js')] };
}

/// The fallback: `lifa serve --local` with the desktop app's settings — loopback, a random port, one
/// local owner, SQLite in the user-data folder, seeded from drafts/ on first run. `lifa serve` prints
/// `lifa: listening on URL` (the web UI) and `lifa: token TOKEN`.
export function fallbackCommand(
  root: string,
  userData: string,
  extraArgs: readonly string[] = [],
): LaunchStep {
  return {
    command: process.execPath,
    args: [
      join(root, 'bin', 'lifa.js'),
      'serve',
      '--local',
      '--port',
      '0',
      '--data',
      localDataDir(userData),
      ...extraArgs,
    ],
    notice: fallbackNotice,
  };
}
