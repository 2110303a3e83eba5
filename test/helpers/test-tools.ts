// What the tests need besides Node, above all the browser they drive. `npm test` runs
// scripts/ensure-test-tools.js first, so the README's two commands are all a fresh machine needs:
//   1. LIFA_CHROMIUM, when set, names the browser (it must be an executable file);
//   2. otherwise the first chromium / chromium-browser / google-chrome(-stable) on the PATH;
//   3. otherwise, when running as root with apt-get, Debian's chromium is installed, with a visible
//      message, together with what else is missing of testTools (a CJK font, LibreOffice, pdftotext);
//   4. otherwise the tests stop there, before any test, with one line saying what to install.
// browser.ts launches what findChromium finds, so a single test file run with vitest uses the same browser.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/// Names of a Chromium-family browser on the PATH, in order of preference.
export const chromiumNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

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

/// Where ensureTestTools writes: the message before installing, and the one line when it stops.
export interface EnsureLog {
  info(line: string): void;
  error(line: string): void;
}

/// Something the tests need besides Node and npm packages, and the Debian package that provides it.
export interface TestTool {
  readonly name: string;
  readonly debianPackage: string;
  /// Whether a test fails without it (a missing CJK font only makes screenshots show boxes).
  readonly required: boolean;
  present(env: LookupEnv): boolean;
}

/// Whether the PostgreSQL server programs are here: LIFA_PG_BIN, else Debian's /usr/lib/postgresql/N/bin.
export function hasPostgres(env: LookupEnv = process.env): boolean {
  const folders = env.LIFA_PG_BIN
    ? [env.LIFA_PG_BIN]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql').map((version) => join('/usr/lib/postgresql', version, 'bin'))
      : [];
  return folders.some((folder) => existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'pg_ctl')));
}

/// What the tests need: a Chromium for the browser tests (and a CJK font for their screenshots),
/// LibreOffice and pdftotext to lay out the Word files as their readers will, and PostgreSQL and Redis
/// programs, of which the storage and fan-out tests start throwaway servers (test/helpers/services.ts).
export const testTools: readonly TestTool[] = [
  {
    name: 'Chromium',
    debianPackage: 'chromium',
    required: true,
    present: (env) => findChromium(env) !== null,
  },
  { name: 'a CJK font', debianPackage: 'fonts-wqy-microhei', required: false, present: hasCjkFont },
  {
    name: 'LibreOffice',
    debianPackage: 'libreoffice-writer',
    required: true,
    present: (env) => onPath('soffice', env.PATH) !== null,
  },
  {
    name: 'pdftotext',
    debianPackage: 'poppler-utils',
    required: true,
    present: (env) => onPath('pdftotext', env.PATH) !== null,
  },
  { name: 'PostgreSQL', debianPackage: 'postgresql', required: true, present: hasPostgres },
  {
    name: 'Redis',
    debianPackage: 'redis-server',
    required: true,
    present: (env) => onPath('redis-server', env.PATH) !== null,
  },
];

/// The one line saying what to install for `missing` tools.
export function installLine(missing: readonly TestTool[]): string {
  const names = missing.map((tool) => tool.name);
  const list =
    names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  const browser = missing.some((tool) => tool.debianPackage === 'chromium')
    ? ' (or set LIFA_CHROMIUM=/path/to/chromium for the browser)'
    : '';
  return (
    `lifa: the tests need ${list}: install ${missing.length > 1 ? 'them' : 'it'} (Debian/Ubuntu: \`sudo apt-get ` +
    `install -y ${missing.map((tool) => tool.debianPackage).join(' ')}\`)${browser}, then run \`npm test\` again`
  );
}

/// Make sure the tests have what they need (see testTools and the top of this file): install what is
/// missing with apt-get when running as root, else say in one line what to install. Returns the exit
/// code: 0 when every required tool is there, 1 after printing that line.
export function ensureTestTools(env: LookupEnv = process.env, log: EnsureLog = console): number {
  const named = findChromium(env);
  if (named && 'error' in named) {
    log.error(named.error);
    return 1;
  }
  let missing = testTools.filter((tool) => !tool.present(env));
  if (missing.length > 0 && canInstallWithApt(env)) {
    const packages = missing.map((tool) => tool.debianPackage);
    log.info(`lifa: installing ${packages.join(', ')} with apt-get for the tests (takes a few minutes)…`);
    const run = (args: string[]) =>
      spawnSync('apt-get', args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (!run(['update', '-qq']) || !run(['install', '-y', '-qq', '--no-install-recommends', ...packages])) {
      log.error(
        `lifa: apt-get could not install ${packages.join(' ')}; ${installLine(missing).replace(/^lifa: /, '')}`,
      );
      return 1;
    }
    missing = testTools.filter((tool) => !tool.present(env));
  }
  const required = missing.filter((tool) => tool.required);
  if (required.length > 0) {
    log.error(installLine(missing));
    return 1;
  }
  if (missing.length > 0)
    log.info(
      `lifa: no CJK font is installed, so Chinese text in screenshots shows as boxes (${installLine(missing).replace(/^lifa: the tests need [^:]*: /, '')})`,
    );
  return 0;
}
