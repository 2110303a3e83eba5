import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Connections } from '../../main/connection.ts';
import { createHostService, openFilters, readOpenedFile, saveFilters } from '../../main/host-service.ts';
import type { HostEnvironment } from '../../main/host-service.ts';
import { SettingsStore } from '../../main/settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifa-host-'));

function setup(overrides: Partial<HostEnvironment> = {}) {
  const env: HostEnvironment = {
    version: '0.1.0',
    platform: 'linux',
    language: () => 'zh',
    showOpenDialog: vi.fn(async () => undefined),
    showSaveDialog: vi.fn(async () => undefined),
    openLink: vi.fn(async () => true),
    setTitle: vi.fn(),
    reloadSoon: vi.fn(),
    addRecentDraft: vi.fn(),
    connectionChanged: vi.fn(),
    ...overrides,
  };
  const vault = { isEncryptionAvailable: () => false, encryptString: Buffer.from, decryptString: String };
  const connections = new Connections(
    { url: 'http://127.0.0.1:40000', token: 'tok' },
    new SettingsStore(mkdtempSync(join(tmpdir(), 'lifa-host-'))),
    vault as never,
  );
  return { env, service: createHostService(env, connections) };
}

describe('the host service', () => {
  it('tells the app facts', async () => {
    expect(await setup().service.appInfo()).toEqual({
      host: 'desktop',
      version: '0.1.0',
      language: 'zh',
      platform: 'linux',
    });
  });

  it('opens a text file through the dialog, without its BOM and without telling where it lives', async () => {
    const path = join(dir, '草案.law.txt');
    writeFileSync(path, '\ufeff网络安全条例\n第一条 为了保障网络安全。\n');
    const { env, service } = setup({ showOpenDialog: vi.fn(async () => path) });
    expect(await service.openTextFile(['.law.txt', '.txt'])).toEqual({
      name: '草案.law.txt',
      text: '网络安全条例\n第一条 为了保障网络安全。\n',
    });
    expect(env.showOpenDialog).toHaveBeenCalledWith({
      filters: [
        { name: '支持的文件', extensions: ['law.txt', 'txt'] },
        { name: '所有文件', extensions: ['*'] },
      ],
    });
  });

  it('resolves to null when the user cancels', async () => {
    expect(await setup().service.openTextFile(['.txt'])).toBeNull();
    expect(await setup().service.saveFile({ name: 'a.docx', data: new Uint8Array(1), mime: 'x' })).toBe(
      false,
    );
  });

  it('refuses a file that is not UTF-8 or too large', async () => {
    const binary = join(dir, 'binary.txt');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0xd8]));
    await expect(readOpenedFile(binary)).rejects.toThrow(/not UTF-8/);
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(2048));
    await expect(readOpenedFile(big, 1024)).rejects.toThrow(/larger than/);
  });

  it('saves through the dialog', async () => {
    const target = join(dir, 'out.docx');
    const { env, service } = setup({ showSaveDialog: vi.fn(async () => target) });
    expect(
      await service.saveFile({ name: 'draft.docx', data: new Uint8Array([80, 75, 3, 4]), mime: 'x' }),
    ).toBe(true);
    expect([...readFileSync(target)]).toEqual([80, 75, 3, 4]);
    expect(env.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: 'draft.docx',
      filters: [
        { name: 'DOCX', extensions: ['docx'] },
        { name: '所有文件', extensions: ['*'] },
      ],
    });
  });

  it('proposes the base name only', async () => {
    const { env, service } = setup();
    await service.saveFile({ name: '../../.bashrc', data: new Uint8Array(1), mime: 'x' });
    expect(vi.mocked(env.showSaveDialog).mock.calls[0][0].defaultPath).toBe('.bashrc');
  });

  it('sets the window title from the draft title', async () => {
    const { env, service } = setup();
    await service.setDraftTitle('个人信息保护条例');
    await service.setDraftTitle(undefined);
    expect(vi.mocked(env.setTitle).mock.calls).toEqual([['个人信息保护条例 — Lifa'], ['Lifa']]);
  });

  it('remembers recent drafts per server', async () => {
    const { env, service } = setup();
    await service.addRecentDraft({ id: 'abc', title: 'T' });
    expect(env.addRecentDraft).toHaveBeenCalledWith('local', { id: 'abc', title: 'T' });
  });

  it('opens only web links, through the confirming opener', async () => {
    const { env, service } = setup();
    expect(await service.openExternal('file:///etc/passwd')).toBe(false);
    expect(env.openLink).not.toHaveBeenCalled();
    expect(await service.openExternal('https://www.npc.gov.cn/')).toBe(true);
    expect(env.openLink).toHaveBeenCalledWith('https://www.npc.gov.cn/');
  });

  it('gives the local connection', async () => {
    expect(await setup().service.serverConnection()).toEqual({
      kind: 'local',
      url: 'http://127.0.0.1:40000',
      token: 'tok',
    });
  });
});

describe('dialog filters', () => {
  it('offers the wanted extensions, then every file', () => {
    expect(openFilters([], 'en')).toEqual([{ name: 'All Files', extensions: ['*'] }]);
    expect(openFilters(['.csv', 'jsonl'], 'en')[0]).toEqual({
      name: 'Supported Files',
      extensions: ['csv', 'jsonl'],
    });
    expect(saveFilters('x.law.txt', 'en')[0]).toEqual({ name: 'LAW.TXT', extensions: ['law.txt'] });
    expect(saveFilters('noextension', 'en')).toEqual([{ name: 'All Files', extensions: ['*'] }]);
  });
});
