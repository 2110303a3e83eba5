// The app's lifecycle with the real embedded server, settings, IPC table and menu, over a small double
// of the Electron modules (tests/helpers/fake-electron.ts): the binary is absent on these machines.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lawFilesInArgv, runApp } from '../../main/app.ts';
import type { RunningApp } from '../../main/app.ts';
import { menuItems } from '../../main/menu.ts';
import { secureWebPreferences } from '../../main/window.ts';
import { fakeElectron } from '../helpers/fake-electron.ts';
import type { FakeElectron } from '../helpers/fake-electron.ts';
import { projectPath } from '../helpers/cli.ts';

const started: { fake: FakeElectron; app: RunningApp }[] = [];
const log: string[] = [];
afterEach(async () => {
  for (const { fake, app } of started.splice(0)) {
    fake.emit('will-quit');
    await app.stopped;
  }
});

async function start(argv: string[] = ['electron', '.']): Promise<{ fake: FakeElectron; app: RunningApp }> {
  const fake = fakeElectron({ appPath: projectPath('') });
  const userDataRoot = mkdtempSync(join(tmpdir(), 'lifa-app-'));
  const app = await runApp(fake.api, {
    argv,
    resourcesPath: '/nonexistent',
    userDataRoot,
    serverLogger: false,
    log: (line) => log.push(line),
  });
  if (!app) throw new Error('the app did not start');
  started.push({ fake, app });
  return { fake, app };
}

describe('runApp', () => {
  it('quits at once when another instance of the profile runs', async () => {
    const fake = fakeElectron({ appPath: projectPath(''), lock: false });
    const app = await runApp(fake.api, {
      argv: ['electron', '.'],
      resourcesPath: '/x',
      userDataRoot: mkdtempSync(join(tmpdir(), 'lifa-app-')),
    });
    expect(app).toBeUndefined();
    expect(fake.calls).toContain('quit');
    expect(fake.windows).toHaveLength(0);
  });

  it('enables the sandbox for every renderer and keeps each profile in its own folder', async () => {
    const { fake, app } = await start(['electron', '.', '--profile=work']);
    expect(fake.calls).toContain('enableSandbox');
    expect(app.userData).toMatch(/profiles.work$/);
    expect(fake.paths.get('userData')).toBe(app.userData);
  });

  it('starts the embedded server, then opens the window on it with the secure options', async () => {
    const { fake, app } = await start();
    expect(app.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${app.server.url}/api/health`)).status).toBe(200);
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window.loadedUrl).toBe(`${app.server.url}/`);
    expect(window.options.webPreferences).toEqual(
      secureWebPreferences(projectPath('dist/main/preload.cjs'), app.server.url),
    );
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('blocks navigation away from the app and opens no new windows', async () => {
    const { fake, app } = await start();
    const contents = fake.windows[0].webContents;
    fake.app.emit('web-contents-created', {}, contents);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      let prevented = false;
      contents.emit(event, { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
      prevented = false;
      contents.emit(event, { url: `${app.server.url}/drafts/x`, preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(false);
    }
    let webview = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
    expect(contents.windowOpenHandler!({ url: `${app.server.url}/x` })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://www.npc.gov.cn/' })).toEqual({ action: 'deny' });
    // The fake user answers Cancel, so the link is not opened.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.calls.filter((call) => call.startsWith('openExternal'))).toEqual([]);
  });

  it('denies permissions by default, cancels remote requests and sets the CSP', async () => {
    const { fake, app } = await start();
    const { session } = fake;
    const asked = (permission: string, url: string) =>
      new Promise<boolean>((resolve) =>
        session.permissionRequest!({}, permission, resolve, { requestingUrl: url }),
      );
    expect(await asked('media', `${app.server.url}/`)).toBe(false);
    expect(await asked('geolocation', `${app.server.url}/`)).toBe(false);
    expect(await asked('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(session.permissionCheck!({}, 'notifications', app.server.url, {})).toBe(false);
    expect(session.devicePermission!()).toBe(false);

    const cancelled = (url: string) =>
      new Promise<boolean>((resolve) =>
        session.beforeRequest!({ url }, (response) => resolve(response.cancel)),
      );
    expect(await cancelled('https://cdn.example/x.js')).toBe(true);
    expect(await cancelled(`${app.server.url}/assets/app.js`)).toBe(false);

    const headers = await new Promise<{ responseHeaders: Record<string, string[]> }>((resolve) =>
      session.headersReceived!(
        { url: `${app.server.url}/`, method: 'GET', responseHeaders: {} },
        (response) => resolve(response as { responseHeaders: Record<string, string[]> }),
      ),
    );
    expect(headers.responseHeaders['Content-Security-Policy'][0]).toMatch(
      /^default-src 'none'; script-src 'self'/,
    );

    let download = false;
    session.events.emit('will-download', { preventDefault: () => (download = true) });
    expect(download).toBe(true);
  });

  it('answers IPC from its window only, validating each call', async () => {
    const { fake, app } = await start();
    const window = fake.windows[0];
    const frame = window.webContents.mainFrame;
    const good = { sender: window.webContents, senderFrame: frame };
    expect(await fake.handlers.get('lifa:serverConnection')!(good)).toEqual({
      kind: 'local',
      url: app.server.url,
      token: app.server.token,
      username: 'local',
    });
    expect(await fake.handlers.get('lifa:appInfo')!(good)).toMatchObject({ host: 'desktop', language: 'zh' });
    await fake.handlers.get('lifa:setDraftTitle')!(good, '网络安全审查办法');
    expect(window.title).toBe('网络安全审查办法 — Lifa');

    const foreignFrame = { ...frame, url: 'https://evil.example/' };
    await expect(
      fake.handlers.get('lifa:serverConnection')!({ sender: window.webContents, senderFrame: foreignFrame }),
    ).rejects.toThrow(/IPC refused/);
    const child = { ...frame, parent: frame, routingId: 9 };
    await expect(
      fake.handlers.get('lifa:appInfo')!({ sender: window.webContents, senderFrame: child }),
    ).rejects.toThrow(/main frame/);
    await expect(fake.handlers.get('lifa:setDraftTitle')!(good, { not: 'a string' })).rejects.toThrow(
      /bad arguments/,
    );
    expect(log.slice(-3)).toEqual([
      'lifa: lifa:serverConnection: IPC refused: origin https://evil.example',
      'lifa: lifa:appInfo: IPC refused: not the main frame',
      expect.stringMatching(/^lifa: lifa:setDraftTitle: IPC refused: bad arguments/),
    ]);
  });

  it('builds the menu in the OS language, lists recent drafts and sends commands to the window', async () => {
    const { fake, app } = await start();
    const window = fake.windows[0];
    const good = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(fake.menus.at(-1)!.map((menu) => menu.label)).toEqual([
      '文件(&F)',
      '编辑(&E)',
      '视图(&V)',
      '帮助(&H)',
    ]);
    await fake.handlers.get('lifa:addRecentDraft')!(good, { id: 'draft1', title: '数据出境安全评估办法' });
    const recent = menuItems(fake.menus.at(-1)!).find((item) => item.label === '数据出境安全评估办法')!;
    (recent.click as () => void)();
    expect(window.webContents.sent.at(-1)).toEqual([
      'lifa:command',
      { type: 'open-draft', draftId: 'draft1' },
    ]);
    app.command({ type: 'find' });
    expect(window.webContents.sent.at(-1)).toEqual(['lifa:command', { type: 'find' }]);

    const english = menuItems(fake.menus.at(-1)!).find((item) => item.label === 'English')!;
    (english.click as () => void)();
    expect(fake.menus.at(-1)![0].label).toBe('&File');
    expect(app.settings.value.language).toBe('en');
  });

  it('remembers the window size and place', async () => {
    const { fake, app } = await start();
    fake.windows[0].emit('close');
    expect(app.settings.value.window).toEqual({
      bounds: { x: 10, y: 20, width: 1100, height: 750 },
      maximized: false,
    });
  });

  it('stops the server when the app quits', async () => {
    const { fake, app } = await start();
    const url = app.server.url;
    expect(fake.emit('will-quit')).toBe(true);
    await app.stopped;
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    expect(fake.calls.at(-1)).toBe('quit');
  });
});

describe('lawFilesInArgv', () => {
  it('picks the .law.txt files the OS passed, not flags', () => {
    expect(lawFilesInArgv(['lifa', '--profile=x', '/home/a/草案.law.txt', 'b.txt', '/x/B.LAW.TXT'])).toEqual([
      '/home/a/草案.law.txt',
      '/x/B.LAW.TXT',
    ]);
  });
});
