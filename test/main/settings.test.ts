import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  profileDataDir,
  profileFromArgv,
  readSettings,
  recentLimit,
  SettingsStore,
  settingsFileName,
  withRecentDraft,
  writeSettings,
} from '../../main/settings.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'lifa-settings-'));

describe('settings on disk', () => {
  it('reads the defaults from an empty folder', () => {
    expect(readSettings(tempDir())).toEqual(defaultSettings);
  });

  it('writes and reads back', () => {
    const dir = join(tempDir(), 'new');
    const settings = {
      ...defaultSettings,
      language: 'zh' as const,
      window: { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true },
      teamServer: { url: 'https://lifa.example.org', username: 'wang', encryptedToken: 'AAAA' },
    };
    writeSettings(dir, settings);
    expect(readSettings(dir)).toEqual(settings);
  });

  it('reads malformed settings as the defaults and keeps the bad file aside', () => {
    for (const text of [
      '{not json',
      '{"version": 2, "recentDrafts": {}}',
      '{"version":1,"recentDrafts":{},"window":{"bounds":{"x":"a"}}}',
    ]) {
      const dir = tempDir();
      writeFileSync(join(dir, settingsFileName), text);
      expect(readSettings(dir)).toEqual(defaultSettings);
      expect(readFileSync(join(dir, `${settingsFileName}.bad`), 'utf8')).toBe(text);
      expect(existsSync(join(dir, settingsFileName))).toBe(false);
    }
  });

  it('refuses to write malformed settings', () => {
    expect(() => writeSettings(tempDir(), { ...defaultSettings, language: 'fr' } as never)).toThrow();
  });

  it('keeps a store in memory and on disk', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir);
    store.update((settings) => ({ ...settings, language: 'en' }));
    expect(new SettingsStore(dir).value.language).toBe('en');
    const same = store.value;
    expect(store.update((settings) => settings)).toBe(same);
  });
});

describe('withRecentDraft', () => {
  it('puts the draft first, once, per server, at most recentLimit', () => {
    let settings = defaultSettings;
    for (let i = 0; i < 15; i++)
      settings = withRecentDraft(settings, 'local', { id: `d${i}`, title: `Draft ${i}` });
    settings = withRecentDraft(settings, 'local', { id: 'd10', title: 'Renamed' });
    const local = settings.recentDrafts.local;
    expect(local).toHaveLength(recentLimit);
    expect(local[0]).toEqual({ id: 'd10', title: 'Renamed' });
    expect(local.filter((draft) => draft.id === 'd10')).toHaveLength(1);
    expect(settings.recentDrafts['https://t.example']).toBeUndefined();
  });
});

describe('profiles', () => {
  it('reads --profile from the command line', () => {
    expect(profileFromArgv(['electron', '.'])).toBeUndefined();
    expect(profileFromArgv(['electron', '.', '--profile=work'])).toBe('work');
    expect(profileFromArgv(['electron', '--profile', 'team_2'])).toBe('team_2');
  });
  it('refuses a profile name that could leave the folder', () => {
    expect(() => profileFromArgv(['--profile=../x'])).toThrow(RangeError);
    expect(() => profileFromArgv(['--profile='])).toThrow(RangeError);
    expect(() => profileFromArgv(['--profile'])).toThrow(RangeError);
  });
  it('keeps each profile in its own folder', () => {
    expect(profileDataDir('/u/Lifa', undefined)).toBe('/u/Lifa');
    expect(profileDataDir('/u/Lifa', 'work')).toBe(join('/u/Lifa', 'profiles', 'work'));
  });
});
