// The preload runs against a double of `electron` (contextBridge and ipcRenderer exist only inside
// Electron's renderer); everything else is the real file.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DesktopHost } from '../../main/host-api.ts';
import { argumentSchemas } from '../../main/ipc.ts';
import { projectPath } from '../helpers/cli.ts';

const exposed = new Map<string, unknown>();
const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
const invoke = vi.fn(async (..._args: unknown[]) => 'answer');

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, listener: (...args: unknown[]) => void) =>
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((other) => other !== listener),
      ),
  },
}));

let host: DesktopHost;
beforeAll(async () => {
  process.argv.push('--lifa-server-url=http://127.0.0.1:41234');
  await import('../../main/preload.ts');
  host = exposed.get('lifaDesktop') as DesktopHost;
});

describe('the preload', () => {
  it('exposes one API, lifaDesktop, and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['lifaDesktop']);
  });

  it('is the desktop host, on the server the main process named', () => {
    expect(host.kind).toBe('desktop');
    expect(host.serverUrl).toBe('http://127.0.0.1:41234');
  });

  it('has every DesktopHost method, each invoking its own lifa: channel with its arguments', async () => {
    const calls: [keyof DesktopHost, unknown[]][] = [
      ['appInfo', []],
      ['openTextFile', [['.law.txt']]],
      ['saveFile', [{ name: 'a.docx', data: new Uint8Array(1), mime: 'x' }]],
      ['serverConnection', []],
      ['connectTeamServer', [{ url: 'https://t.example', username: 'u', password: 'p' }]],
      ['useLocalServer', []],
      ['setDraftTitle', ['T']],
      ['addRecentDraft', [{ id: 'a', title: 'T' }]],
      ['openExternal', ['https://example.org']],
    ];
    for (const [method, args] of calls) {
      invoke.mockClear();
      expect(await (host[method] as (...values: unknown[]) => Promise<unknown>)(...args)).toBe('answer');
      expect(invoke).toHaveBeenCalledWith(`lifa:${method}`, ...args);
    }
    // Every channel the preload uses has a validating handler in the main process, and vice versa.
    expect(calls.map(([method]) => `lifa:${method}`).sort()).toEqual(Object.keys(argumentSchemas).sort());
  });

  it('passes menu commands without the IPC event, and stops on dispose', () => {
    const received: unknown[] = [];
    const dispose = host.onCommand((command, ...rest) => received.push([command, ...rest]));
    const [listener] = listeners.get('lifa:command')!;
    listener({ sender: 'the ipcRenderer event' }, { type: 'new-draft' });
    expect(received).toEqual([[{ type: 'new-draft' }]]);
    dispose();
    dispose();
    expect(listeners.get('lifa:command')).toEqual([]);
  });

  it('imports nothing but electron and types', () => {
    const source = readFileSync(projectPath('main/preload.ts'), 'utf8');
    const imports = [...source.matchAll(/^import (type )?[\s\S]*?from '([^']+)';$/gm)].map(
      ([, type, from]) => [Boolean(type), from],
    );
    expect(imports.filter(([type]) => !type).map(([, from]) => from)).toEqual(['electron']);
  });
});
