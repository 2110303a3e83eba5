import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import {
  fallbackCommand,
  fallbackNotice,
  launchPlan,
  localDataDir,
  resolveElectronBinary,
  userDataDir,
} from '../../main/launch.ts';
import { projectPath } from '../helpers/cli.ts';

describe('resolveElectronBinary', () => {
  it('finds no binary when the electron package throws (its download failed)', () => {
    expect(
      resolveElectronBinary(() => {
        throw new Error('Electron failed to install correctly');
      }),
    ).toBeUndefined();
  });
  it('finds no binary at a path that does not exist', () => {
    expect(resolveElectronBinary(() => '/nonexistent/electron')).toBeUndefined();
    expect(resolveElectronBinary(() => ({}))).toBeUndefined();
  });
  it('takes a path that exists', () => {
    expect(resolveElectronBinary(() => process.execPath)).toBe(process.execPath);
  });
});

describe('userDataDir', () => {
  it('is where Electron keeps the user data of Lifa', () => {
    expect(userDataDir('linux', {}, '/home/li')).toBe('/home/li/.config/Lifa');
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/li')).toBe('/x/Lifa');
    expect(userDataDir('darwin', {}, '/Users/li')).toBe('/Users/li/Library/Application Support/Lifa');
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, 'C:\\Users\\li')).toMatch(
      /Roaming.Lifa$/,
    );
    expect(userDataDir('linux', { LIFA_USER_DATA: '/tmp/u' }, '/home/li')).toBe('/tmp/u');
  });
});

describe('launchPlan', () => {
  it('builds the main process and runs Electron on the project when the binary is there', () => {
    const plan = launchPlan('/p', '/p/node_modules/electron/dist/electron', ['--profile=work'], '/u');
    expect(plan.build).toHaveLength(1);
    expect(plan.build[0].args[0]).toMatch(/scripts.build-main\.js$/);
    expect(plan.run).toEqual({
      command: '/p/node_modules/electron/dist/electron',
      args: ['/p', '--profile=work'],
    });
  });
  it('falls back to lifa serve --local on a random port and the same data folder', () => {
    const plan = launchPlan('/p', undefined, [], '/u');
    expect(plan.build).toEqual([]);
    expect(plan.run).toEqual(fallbackCommand('/p', '/u'));
    expect(plan.run.notice).toBe(fallbackNotice);
    expect(plan.run.args.slice(1)).toEqual(['serve', '--local', '--port', '0', '--data', localDataDir('/u')]);
  });
  it('says so in one line', () => {
    expect(fallbackNotice).not.toContain('\n');
    expect(fallbackNotice).toMatch(/Electron/);
  });
});

describe('npm start without the Electron binary', () => {
  it('says so in one line, then serves the web UI in local mode and prints its URL', async () => {
    // On these machines the binary cannot be downloaded; where it exists, this test has nothing to check.
    if (resolveElectronBinary()) return;
    const userData = mkdtempSync(join(tmpdir(), 'lifa-start-'));
    const child = spawn(process.execPath, ['scripts/start.js'], {
      cwd: projectPath(''),
      env: { ...process.env, LIFA_USER_DATA: userData, LIFA_NO_BUILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const lines: string[] = [];
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no URL within 30 s; got ${JSON.stringify(lines)}`)),
          30_000,
        );
        createInterface({ input: child.stdout! }).on('line', (line) => {
          lines.push(line);
          const match = /^lifa: listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on('exit', () => reject(new Error(`exited early; got ${JSON.stringify(lines)}`)));
      });
      expect(lines[0]).toBe(fallbackNotice);
      expect(lines[1]).toBe(`lifa: listening on ${url}`);
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      expect(readdirSync(localDataDir(userData))).toContain('lifa.sqlite');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
