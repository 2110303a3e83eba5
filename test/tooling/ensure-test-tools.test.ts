// The check `npm test` starts with (scripts/ensure-test-tools.js → test/helpers/test-tools.ts), run the
// way npm runs it, with PATH and LIFA_CHROMIUM set as a newcomer's machine might have them. The apt
// branch (root, no Chromium) is exercised for real by scripts/fresh-machine-check.sh.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumExecutable, findChromium, installHint } from '../helpers/test-tools.ts';
import { projectPath } from '../helpers/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lifa-chromium-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A folder holding one executable file called `name` (a shell script: only its name and mode matter here).
function folderWith(name: string): string {
  const dir = mkdtempSync(join(scratch, 'bin-'));
  writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, name), 0o755);
  return dir;
}

// A folder standing for PostgreSQL's programs (LIFA_PG_BIN): initdb and pg_ctl.
function postgresFolder(): string {
  const dir = folderWith('initdb');
  writeFileSync(join(dir, 'pg_ctl'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'pg_ctl'), 0o755);
  return dir;
}

function ensure(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['scripts/ensure-test-tools.js'], {
    cwd: projectPath(''),
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('finding the browser for the tests', () => {
  it('uses the browser LIFA_CHROMIUM names before anything on the PATH', () => {
    const named = join(folderWith('my-chrome'), 'my-chrome');
    const env = { LIFA_CHROMIUM: named, PATH: folderWith('chromium') };
    expect(findChromium(env)).toEqual({ path: named, from: 'LIFA_CHROMIUM' });
    expect(chromiumExecutable(env)).toBe(named);
  });

  it('finds chromium-browser or google-chrome on the PATH when there is no chromium', () => {
    const dir = folderWith('chromium-browser');
    expect(findChromium({ PATH: `/nonexistent:${dir}` })).toEqual({
      path: join(dir, 'chromium-browser'),
      from: 'PATH',
    });
    const chrome = folderWith('google-chrome');
    expect(chromiumExecutable({ PATH: chrome })).toBe(join(chrome, 'google-chrome'));
  });

  it('does not take a file that is not executable', () => {
    const dir = mkdtempSync(join(scratch, 'plain-'));
    writeFileSync(join(dir, 'chromium'), 'not a program');
    expect(findChromium({ PATH: dir })).toBeNull();
    expect(() => chromiumExecutable({ PATH: dir })).toThrow(installHint);
  });

  it('stops before the tests with one line saying exactly what to install when it cannot install', () => {
    // Nothing on the PATH: no browser, no LibreOffice, no pdftotext, no Redis, no fontconfig, no
    // apt-get; and PostgreSQL's programs are looked for in an empty folder.
    const empty = mkdtempSync(join(scratch, 'empty-'));
    const run = ensure({ PATH: empty, LIFA_PG_BIN: empty });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'lifa: the tests need Chromium, a CJK font, LibreOffice, pdftotext, PostgreSQL and Redis: install them ' +
        '(Debian/Ubuntu: `sudo apt-get install -y chromium fonts-wqy-microhei libreoffice-writer poppler-utils ' +
        'postgresql redis-server`) (or set LIFA_CHROMIUM=/path/to/chromium for the browser), then run ' +
        '`npm test` again\n',
    );
  });

  it('goes on, with a note, when only the CJK font is missing', () => {
    // A browser, LibreOffice and pdftotext, but no fontconfig: only the font is missing, and it is
    // not required, so the tests go on with a note.
    const tools = folderWith('chromium');
    for (const name of ['soffice', 'pdftotext', 'redis-server']) {
      writeFileSync(join(tools, name), '#!/bin/sh\nexit 0\n');
      chmodSync(join(tools, name), 0o755);
    }
    const run = ensure({ PATH: tools, LIFA_PG_BIN: postgresFolder() });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no CJK font is installed');
    expect(run.stdout).toContain('sudo apt-get install -y fonts-wqy-microhei');
  });

  it('refuses, in one line, a LIFA_CHROMIUM that names no program', () => {
    const run = ensure({ PATH: folderWith('chromium'), LIFA_CHROMIUM: '/no/such/chromium' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'lifa: LIFA_CHROMIUM=/no/such/chromium is not an executable file: unset it or name a Chromium binary',
    ]);
  });

  it('lists only the tools that are missing', () => {
    const tools = folderWith('chromium');
    writeFileSync(join(tools, 'soffice'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(tools, 'soffice'), 0o755);
    const run = ensure({ PATH: tools, LIFA_PG_BIN: postgresFolder() });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'lifa: the tests need a CJK font, pdftotext and Redis: install them (Debian/Ubuntu: `sudo apt-get ' +
        'install -y fonts-wqy-microhei poppler-utils redis-server`), then run `npm test` again\n',
    );
  });

  it('passes quietly when the browser is on the PATH and a CJK font is installed', () => {
    const run = ensure({ PATH: process.env.PATH ?? '' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('runs first in npm test, before typecheck, lint and vitest', () => {
    const scripts = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')).scripts;
    expect(scripts.test.split(' && ')[0]).toBe('node scripts/ensure-test-tools.js');
    expect(scripts.test.split(' && ').at(-1)).toBe('vitest run');
  });
});
