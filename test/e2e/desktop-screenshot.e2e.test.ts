// A screenshot of the desktop app. On these machines the Electron binary cannot be downloaded, so this
// takes the path `npm start` takes without it: the fallback serves the web UI in local mode, and real
// Chromium (Debian's, through playwright-core) shows it. Saved to
// test-artifacts/screenshots/desktop-fallback.png.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fallbackNotice, resolveElectronBinary } from '../../main/launch.ts';
import { secureResponseHeaders } from '../../main/security.ts';
import { launchChromium } from '../helpers/browser.ts';
import { projectPath } from '../helpers/cli.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

const screenshot = projectPath('test-artifacts/screenshots/desktop-fallback.png');

let child: ChildProcess | undefined;
let browser: Browser | undefined;
let exited: Promise<number | null> | undefined;
const output: string[] = [];

/// Start `npm start`'s script and wait for `lifa: listening on URL` and `lifa: token TOKEN`.
async function startFallback(): Promise<{ url: string; token: string }> {
  child = spawn(process.execPath, ['scripts/start.js'], {
    cwd: projectPath(''),
    // The UI is built by ensureRendererBuilt (once for all test files), so start.js need not.
    env: { ...process.env, LIFA_USER_DATA: mkdtempSync(join(tmpdir(), 'lifa-shot-')), LIFA_NO_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = child;
  exited = new Promise((resolve) => started.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL in 60 s: ${JSON.stringify(output)}`)), 60_000);
    let url = '';
    createInterface({ input: started.stdout! }).on('line', (line) => {
      output.push(line);
      url ||= /^lifa: listening on (\S+)$/.exec(line)?.[1] ?? '';
      const token = /^lifa: token (\S+)$/.exec(line)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ url, token });
      }
    });
    started.on('exit', () => reject(new Error(`exited: ${JSON.stringify(output)}`)));
  });
}

beforeAll(() => ensureRendererBuilt(), 180_000);

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
  await exited;
});

describe('the desktop app', () => {
  it('serves its UI through the fallback and shows the draft list in Chromium, under the app CSP', async () => {
    if (resolveElectronBinary()) return; // With the binary, an Xvfb run of Electron itself is the test to write.
    const { url, token } = await startFallback();
    expect(output[0]).toBe(fallbackNotice);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // Responses fulfilled through page.route count as coming from no local address, so Chromium's
    // Local Network Access checks would block the page's websocket to 127.0.0.1; Electron loads the
    // page straight from loopback, so the checks are off here.
    browser = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    // Sign in as the local owner with the token the fallback printed, the way the UI keeps a session
    // (renderer/src/app/session.ts), as the desktop window is signed in by its host.
    const me = (await (
      await fetch(`${url}/api/session`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      user: unknown;
    };
    await page.addInitScript(
      (session) => localStorage.setItem('lifa.session', session),
      JSON.stringify({ token, user: me.user }),
    );
    // The window's response headers, as the main process sets them (onHeadersReceived): the page must
    // work under the app's strict Content-Security-Policy.
    await page.route(`${url}/**`, async (route) => {
      // The comment event stream never ends, so route.fetch would wait for ever; its headers are not the
      // page's (the policy comes with the document), so it goes through untouched.
      if (new URL(route.request().url()).pathname.endsWith('/events')) return route.continue();
      const response = await route.fetch();
      const { responseHeaders } = secureResponseHeaders(
        { url: route.request().url(), method: route.request().method(), responseHeaders: response.headers() },
        { appOrigin: url },
      );
      const headers = Object.fromEntries(
        Object.entries(responseHeaders).map(([name, values]) => [name, values.join(', ')]),
      );
      await route.fulfill({ response, headers });
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${url}/`);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'/);
    await page
      .getByText('Regulations on the Online Protection of Minors', { exact: false })
      .first()
      .waitFor();
    mkdirSync(projectPath('test-artifacts/screenshots'), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: false });
    expect(existsSync(screenshot)).toBe(true);
    // A draft opens under the same policy: the editor, its styles, and the sync websocket.
    await page.getByText('工业控制系统安全保护条例', { exact: false }).first().click();
    await page.locator('.ProseMirror').first().waitFor();
    await page.locator('[data-status="connected"]').first().waitFor();
    await page.screenshot({ path: projectPath('test-artifacts/screenshots/desktop-fallback-draft.png') });
    expect(violations).toEqual([]);
    // The policy is in force: an injected inline script does not run (and is reported).
    const injected = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
      return (window as unknown as { injected?: boolean }).injected ?? false;
    });
    expect(injected).toBe(false);
  }, 120_000);
});
