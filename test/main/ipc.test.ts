import { describe, expect, it, vi } from 'vitest';
import type { HostService } from '../../main/host-api.ts';
import {
  argumentSchemas,
  checkSender,
  createIpcHandlers,
  IpcRefusal,
  registerIpcHandlers,
} from '../../main/ipc.ts';
import type { SenderEvent, SenderFrame } from '../../main/ipc.ts';

const appOrigin = 'http://127.0.0.1:41234';
const policy = { appOrigin: () => appOrigin, isAppWindow: (id: number) => id === 7 };

/// A fake IPC event from webContents `id`, sent by `frame` (the main frame unless told otherwise).
function event(options: { id?: number; url?: string; subframe?: boolean; gone?: boolean } = {}): SenderEvent {
  const main: SenderFrame = {
    url: options.url ?? `${appOrigin}/drafts/x`,
    parent: null,
    processId: 3,
    routingId: 1,
  };
  const child: SenderFrame = { url: main.url, parent: main, processId: 3, routingId: 2 };
  return {
    sender: { id: options.id ?? 7, mainFrame: main },
    senderFrame: options.gone ? null : options.subframe ? child : main,
  };
}

/// A host service whose every method records its call.
function fakeService(): HostService & { calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  const record =
    (name: string, result: unknown) =>
    async (...args: unknown[]) => {
      calls.push([name, args]);
      return result;
    };
  return {
    calls,
    appInfo: record('appInfo', { host: 'desktop', version: '0.1.0', language: 'zh', platform: 'linux' }),
    openTextFile: record('openTextFile', null),
    saveFile: record('saveFile', false),
    serverConnection: record('serverConnection', { kind: 'local', url: appOrigin }),
    connectTeamServer: record('connectTeamServer', { kind: 'team', url: 'https://t.example' }),
    useLocalServer: record('useLocalServer', { kind: 'local', url: appOrigin }),
    setDraftTitle: record('setDraftTitle', undefined),
    addRecentDraft: record('addRecentDraft', undefined),
    openExternal: record('openExternal', false),
  } as HostService & { calls: [string, unknown[]][] };
}

describe('checkSender', () => {
  it('accepts the main frame of an app window on the app origin', () => {
    expect(() => checkSender(event(), policy)).not.toThrow();
  });
  it('refuses another origin', () => {
    expect(() => checkSender(event({ url: 'https://evil.example/' }), policy)).toThrow(IpcRefusal);
    expect(() => checkSender(event({ url: 'http://127.0.0.1:41235/' }), policy)).toThrow(/origin/);
    expect(() => checkSender(event({ url: 'file:///index.html' }), policy)).toThrow(IpcRefusal);
  });
  it('refuses a subframe', () => {
    expect(() => checkSender(event({ subframe: true }), policy)).toThrow(/main frame/);
  });
  it('refuses a frame that is gone', () => {
    expect(() => checkSender(event({ gone: true }), policy)).toThrow(/gone/);
  });
  it('refuses a webContents that is not an app window', () => {
    expect(() => checkSender(event({ id: 8 }), policy)).toThrow(/not an app window/);
  });
});

describe('the handler table', () => {
  it('has one lifa: channel per invokable DesktopHost method', () => {
    const table = createIpcHandlers(fakeService(), policy);
    expect(Object.keys(table).sort()).toEqual(
      [
        'lifa:addRecentDraft',
        'lifa:appInfo',
        'lifa:connectTeamServer',
        'lifa:openExternal',
        'lifa:openTextFile',
        'lifa:saveFile',
        'lifa:serverConnection',
        'lifa:setDraftTitle',
        'lifa:useLocalServer',
      ].sort(),
    );
    expect(Object.keys(argumentSchemas).sort()).toEqual(Object.keys(table).sort());
  });

  it('calls the service for a good sender with good arguments', async () => {
    const service = fakeService();
    const table = createIpcHandlers(service, policy);
    expect(await table['lifa:appInfo'](event())).toMatchObject({ host: 'desktop' });
    await table['lifa:openTextFile'](event(), ['.law.txt', '.txt']);
    const data = new Uint8Array([1, 2, 3]);
    await table['lifa:saveFile'](event(), { name: 'draft.docx', data, mime: 'application/octet-stream' });
    await table['lifa:setDraftTitle'](event(), '网络安全法');
    await table['lifa:setDraftTitle'](event(), undefined);
    await table['lifa:addRecentDraft'](event(), { id: 'abc123', title: 'A draft' });
    await table['lifa:connectTeamServer'](event(), {
      url: 'https://t.example',
      username: 'u',
      password: 'p',
    });
    expect(service.calls).toEqual([
      ['appInfo', []],
      ['openTextFile', [['.law.txt', '.txt']]],
      ['saveFile', [{ name: 'draft.docx', data, mime: 'application/octet-stream' }]],
      ['setDraftTitle', ['网络安全法']],
      ['setDraftTitle', [undefined]],
      ['addRecentDraft', [{ id: 'abc123', title: 'A draft' }]],
      ['connectTeamServer', [{ url: 'https://t.example', username: 'u', password: 'p' }]],
    ]);
  });

  it('refuses every channel from a bad sender without calling the service', async () => {
    const service = fakeService();
    const refusals: string[] = [];
    const table = createIpcHandlers(service, policy, (channel) => refusals.push(channel));
    for (const [channel, handler] of Object.entries(table)) {
      await expect(handler(event({ url: 'https://evil.example/' }), 'x'), channel).rejects.toThrow(
        IpcRefusal,
      );
      await expect(handler(event({ subframe: true })), channel).rejects.toThrow(IpcRefusal);
    }
    expect(service.calls).toEqual([]);
    expect(refusals).toHaveLength(Object.keys(table).length * 2);
  });

  it('refuses bad arguments without calling the service', async () => {
    const service = fakeService();
    const table = createIpcHandlers(service, policy);
    const bad: [keyof typeof table, unknown[]][] = [
      ['lifa:appInfo', ['extra']],
      ['lifa:openTextFile', []],
      ['lifa:openTextFile', ['.txt']],
      ['lifa:openTextFile', [['../../etc/passwd']]],
      ['lifa:saveFile', [{ name: '../evil.sh', data: new Uint8Array(1), mime: 'text/plain' }]],
      ['lifa:saveFile', [{ name: 'a/b.txt', data: new Uint8Array(1), mime: 'text/plain' }]],
      ['lifa:saveFile', [{ name: 'a.txt', data: 'text, not bytes', mime: 'text/plain' }]],
      ['lifa:saveFile', [{ name: 'a.txt', data: new Uint8Array(1), mime: 'text/plain', path: '/etc/x' }]],
      ['lifa:setDraftTitle', [42]],
      ['lifa:setDraftTitle', ['x'.repeat(1001)]],
      ['lifa:addRecentDraft', [{ id: 'a b', title: 't' }]],
      ['lifa:addRecentDraft', [{ id: 'ab', title: 't', extra: 1 }]],
      ['lifa:connectTeamServer', [{ url: 'https://t', username: '', password: 'p' }]],
      ['lifa:openExternal', [{ url: 'https://example.org' }]],
      ['lifa:openExternal', ['https://example.org', 'more']],
    ];
    for (const [channel, args] of bad) {
      await expect(table[channel](event(), ...args), `${channel} ${JSON.stringify(args)}`).rejects.toThrow(
        /bad arguments/,
      );
    }
    expect(service.calls).toEqual([]);
  });
});

describe('registerIpcHandlers', () => {
  it('registers every channel with ipcMain and removes them again', () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const table = createIpcHandlers(fakeService(), policy);
    const dispose = registerIpcHandlers(ipcMain, table);
    expect(ipcMain.handle).toHaveBeenCalledTimes(Object.keys(table).length);
    for (const [channel] of ipcMain.handle.mock.calls) expect(channel).toMatch(/^lifa:/);
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(Object.keys(table).length);
  });
});
