// The browser lookup `npm test` starts with (scripts/ensure-chromium.js → test/helpers/chromium.ts), run
// the way npm runs it, with PATH and LIFA_CHROMIUM set as a newcomer's machine might have them. The apt
// branch (root, no Chromium) is exercised for real by scripts/fresh-machine-check.sh.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumExecutable, findChromium, installHint } from '../helpers/chromium.ts';
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

function ensure(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['scripts/ensure-chromium.js'], {
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

  it('stops before the browser tests with one line saying what to install when it cannot install', () => {
    // No chromium and no apt-get on the PATH: nothing to find, nothing to install with.
    const run = ensure({ PATH: mkdtempSync(join(scratch, 'empty-')) });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(installHint + '\n');
    expect(installHint).toContain('apt-get install -y chromium fonts-wqy-microhei');
    expect(installHint).toContain('LIFA_CHROMIUM=');
  });

  it('refuses, in one line, a LIFA_CHROMIUM that names no program', () => {
    const run = ensure({ PATH: folderWith('chromium'), LIFA_CHROMIUM: '/no/such/chromium' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'lifa: LIFA_CHROMIUM=/no/such/chromium is not an executable file: unset it or name a Chromium binary',
    ]);
  });

  it('passes quietly when the browser is on the PATH and a CJK font is installed', () => {
    const run = ensure({ PATH: process.env.PATH ?? '' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('runs first in npm test, before typecheck, lint and vitest', () => {
    const scripts = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')).scripts;
    expect(scripts.test.split(' && ')[0]).toBe('node scripts/ensure-chromium.js');
    expect(scripts.test.split(' && ').at(-1)).toBe('vitest run');
  });
});
