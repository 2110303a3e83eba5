// The browser the tests drive. `npm test` runs scripts/ensure-chromium.js first, so the README's two
// commands are all a fresh machine needs:
//   1. LIFA_CHROMIUM, when set, names the browser (it must be an executable file);
//   2. otherwise the first chromium / chromium-browser / google-chrome(-stable) on the PATH;
//   3. otherwise, when running as root with apt-get, Debian's chromium (and the CJK font
//      fonts-wqy-microhei when no CJK font is installed) are installed, with a visible message;
//   4. otherwise the tests stop there, before any browser test, with one line saying what to install.
// browser.ts launches what findChromium finds, so a single test file run with vitest uses the same browser.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/// Names of a Chromium-family browser on the PATH, in order of preference.
export const chromiumNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/// The Debian packages the browser tests need: the browser, and a font with Chinese glyphs.
export const chromiumPackages = ['chromium', 'fonts-wqy-microhei'] as const;

/// The one line printed when there is no browser and none can be installed.
export const installHint =
  'lifa: the browser tests need Chromium: install it (Debian/Ubuntu: `sudo apt-get install -y chromium ' +
  'fonts-wqy-microhei`) or set LIFA_CHROMIUM=/path/to/chromium, then run `npm test` again';

/// The environment the lookup reads: PATH and LIFA_CHROMIUM.
export type LookupEnv = Readonly<Record<string, string | undefined>>;

/// A browser found, and where from; or why LIFA_CHROMIUM cannot be used.
export type FoundChromium =
  { readonly path: string; readonly from: 'LIFA_CHROMIUM' | 'PATH' } | { readonly error: string };

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/// The first executable file called `name` in the folders of `pathList` (a PATH value), or null.
export function onPath(name: string, pathList: string | undefined): string | null {
  for (const dir of (pathList ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/// The browser to use under `env`, an error when LIFA_CHROMIUM names something that is not an
/// executable file, or null when there is none.
export function findChromium(env: LookupEnv = process.env): FoundChromium | null {
  const named = env.LIFA_CHROMIUM;
  if (named) {
    return isExecutable(named)
      ? { path: named, from: 'LIFA_CHROMIUM' }
      : {
          error: `lifa: LIFA_CHROMIUM=${named} is not an executable file: unset it or name a Chromium binary`,
        };
  }
  for (const name of chromiumNames) {
    const path = onPath(name, env.PATH);
    if (path) return { path, from: 'PATH' };
  }
  return null;
}

/// The browser's path. Throws an Error whose message is the one line saying what to install or fix.
export function chromiumExecutable(env: LookupEnv = process.env): string {
  const found = findChromium(env);
  if (!found) throw new Error(installHint);
  if ('error' in found) throw new Error(found.error);
  return found.path;
}

/// Whether fontconfig knows a font with Chinese glyphs (so Chinese screenshots show characters).
export function hasCjkFont(env: LookupEnv = process.env): boolean {
  const fcList = onPath('fc-list', env.PATH);
  if (!fcList) return false;
  const result = spawnSync(fcList, [':lang=zh', 'family'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

/// Whether apt-get can install packages here: running as root with apt-get on the PATH.
export function canInstallWithApt(env: LookupEnv = process.env): boolean {
  return process.getuid?.() === 0 && onPath('apt-get', env.PATH) !== null;
}

/// Where ensureChromium writes: the message before installing, and the one line when it stops.
export interface EnsureLog {
  info(line: string): void;
  error(line: string): void;
}

/// Make sure the browser tests have a browser (see the top of this file). Returns the exit code: 0 when
/// one is there, 1 after printing the one line that says what to install.
export function ensureChromium(env: LookupEnv = process.env, log: EnsureLog = console): number {
  let found = findChromium(env);
  if (found && 'error' in found) {
    log.error(found.error);
    return 1;
  }
  const missing: string[] = [];
  if (!found) missing.push(chromiumPackages[0]);
  if (!hasCjkFont(env)) missing.push(chromiumPackages[1]);
  if (missing.length > 0 && canInstallWithApt(env)) {
    log.info(
      `lifa: installing ${missing.join(' and ')} with apt-get for the browser tests (takes a few minutes)…`,
    );
    const run = (args: string[]) =>
      spawnSync('apt-get', args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (!run(['update', '-qq']) || !run(['install', '-y', '-qq', '--no-install-recommends', ...missing])) {
      log.error(
        `lifa: apt-get could not install ${missing.join(' ')}; ${installHint.replace(/^lifa: /, '')}`,
      );
      return 1;
    }
    found = findChromium(env);
  }
  if (!found || 'error' in found) {
    log.error(installHint);
    return 1;
  }
  if (!hasCjkFont(env)) {
    log.info(
      'lifa: no CJK font is installed, so Chinese text in screenshots shows as boxes (install fonts-wqy-microhei)',
    );
  }
  return 0;
}
