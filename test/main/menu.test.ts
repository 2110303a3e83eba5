import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { labels, languageForLocale, menuItems, menuTemplate } from '../../main/menu.ts';
import type { MenuActions, MenuState } from '../../main/menu.ts';

function actions() {
  return {
    command: vi.fn<MenuActions['command']>(),
    useLocalServer: vi.fn<MenuActions['useLocalServer']>(),
    setLanguage: vi.fn<MenuActions['setLanguage']>(),
    clearRecent: vi.fn<MenuActions['clearRecent']>(),
  };
}

const base: MenuState = { language: 'en', platform: 'linux', recentDrafts: [], connection: 'local' };

/// The item labelled `label` in `template`. Throws when there is none.
function item(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = menuItems(template).find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  (entry.click as () => void)();
}

describe('menuTemplate', () => {
  it('has File, Edit, View and Help on Linux and Windows', () => {
    expect(menuTemplate(base, actions()).map((menu) => menu.label)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Help',
    ]);
  });

  it('labels everything in Chinese', () => {
    const template = menuTemplate({ ...base, language: 'zh' }, actions());
    expect(template.map((menu) => menu.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const texts = menuItems(template)
      .filter((entry) => entry.type !== 'separator')
      .map((entry) => entry.label ?? '');
    for (const text of texts) {
      if (text === 'English' || text === '中文') continue;
      expect(text, text).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('has the same items, with the same shortcuts, in both languages', () => {
    const shortcuts = (language: 'zh' | 'en') =>
      menuItems(menuTemplate({ ...base, language }, actions())).map((entry) => [
        entry.role,
        entry.accelerator,
      ]);
    expect(shortcuts('zh')).toEqual(shortcuts('en'));
    expect(Object.keys(labels.zh).sort()).toEqual(Object.keys(labels.en).sort());
  });

  it('gives the usual shortcuts', () => {
    const template = menuTemplate(base, actions());
    const shortcut = (label: string) => item(template, label).accelerator;
    expect(shortcut('New Draft')).toBe('CmdOrCtrl+N');
    expect(shortcut('Import…')).toBe('CmdOrCtrl+O');
    expect(shortcut('Export…')).toBe('CmdOrCtrl+E');
    expect(shortcut('Compare Versions…')).toBe('CmdOrCtrl+Shift+D');
    expect(shortcut('Undo')).toBe('CmdOrCtrl+Z');
    expect(shortcut('Redo')).toBe('Shift+CmdOrCtrl+Z');
    expect(shortcut('Find…')).toBe('CmdOrCtrl+F');
    expect(shortcut('Replace…')).toBe('Ctrl+H');
    expect(item(menuTemplate({ ...base, platform: 'darwin' }, actions()), 'Replace…').accelerator).toBe(
      'Alt+Cmd+F',
    );
    expect(shortcut('Print…')).toBe('CmdOrCtrl+P');
    expect(shortcut('Help and Keyboard Shortcuts')).toBe('F1');
    expect(shortcut('Zoom In')).toBe('CmdOrCtrl+Plus');
    expect(shortcut('Zoom Out')).toBe('CmdOrCtrl+-');
    expect(shortcut('Actual Size')).toBe('CmdOrCtrl+0');
    expect(shortcut('Quit Lifa')).toBe('Ctrl+Q');
    expect(item(menuTemplate({ ...base, platform: 'win32' }, actions()), 'Redo').accelerator).toBe('Ctrl+Y');
  });

  it('gives no two items the same shortcut', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const accelerators = menuItems(menuTemplate({ ...base, platform, development: true }, actions()))
        .map((entry) => entry.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });

  it('sends the UI its commands', () => {
    const wired = actions();
    const template = menuTemplate(base, wired);
    for (const [label, type] of [
      ['New Draft', 'new-draft'],
      ['Import…', 'import'],
      ['Export…', 'export'],
      ['Compare Versions…', 'compare-versions'],
      ['Undo', 'undo'],
      ['Redo', 'redo'],
      ['Find…', 'find'],
      ['Replace…', 'replace'],
      ['Print…', 'print'],
      ['Help and Keyboard Shortcuts', 'help'],
      ['Connect to Team Server…', 'connect-team-server'],
    ]) {
      click(item(template, label));
      expect(wired.command).toHaveBeenLastCalledWith({ type });
    }
  });

  it('leaves zoom, clipboard and quitting to Electron roles', () => {
    const template = menuTemplate(base, actions());
    expect(item(template, 'Zoom In').role).toBe('zoomIn');
    expect(item(template, 'Zoom Out').role).toBe('zoomOut');
    expect(item(template, 'Actual Size').role).toBe('resetZoom');
    expect(item(template, 'Copy').role).toBe('copy');
    expect(item(template, 'Paste').role).toBe('paste');
    expect(item(template, 'Quit Lifa').role).toBe('quit');
  });

  it('lists recent drafts, which open by id, and can forget them', () => {
    const wired = actions();
    const template = menuTemplate(
      {
        ...base,
        recentDrafts: [
          { id: 'a1', title: 'Rules & Regulations' },
          { id: 'b2', title: '草案' },
        ],
      },
      wired,
    );
    click(item(template, 'Rules && Regulations'));
    expect(wired.command).toHaveBeenLastCalledWith({ type: 'open-draft', draftId: 'a1' });
    click(item(template, '草案'));
    expect(wired.command).toHaveBeenLastCalledWith({ type: 'open-draft', draftId: 'b2' });
    click(item(template, 'Clear Recent'));
    expect(wired.clearRecent).toHaveBeenCalled();
    expect(item(menuTemplate(base, wired), 'No Recent Drafts').enabled).toBe(false);
  });

  it('switches back to the local server only when on a team server', () => {
    const wired = actions();
    expect(item(menuTemplate(base, wired), 'Use Local Server').enabled).toBe(false);
    const team = item(menuTemplate({ ...base, connection: 'team' }, wired), 'Use Local Server');
    expect(team.enabled).toBe(true);
    click(team);
    expect(wired.useLocalServer).toHaveBeenCalled();
  });

  it('switches the language', () => {
    const wired = actions();
    const template = menuTemplate(base, wired);
    expect(item(template, 'English').checked).toBe(true);
    expect(item(template, '中文').checked).toBe(false);
    click(item(template, '中文'));
    expect(wired.setLanguage).toHaveBeenCalledWith('zh');
  });

  it('has the app and Window menus on macOS', () => {
    const template = menuTemplate({ ...base, platform: 'darwin' }, actions());
    expect(template.map((menu) => menu.label)).toEqual(['Lifa', '&File', '&Edit', '&View', '&Window']);
    expect(item(template, 'Quit Lifa').accelerator).toBe('Cmd+Q');
  });

  it('offers the developer tools only in development', () => {
    expect(menuItems(menuTemplate(base, actions())).some((entry) => entry.role === 'toggleDevTools')).toBe(
      false,
    );
    expect(
      menuItems(menuTemplate({ ...base, development: true }, actions())).some(
        (entry) => entry.role === 'toggleDevTools',
      ),
    ).toBe(true);
  });
});

describe('languageForLocale', () => {
  it('picks Chinese for any zh locale and English otherwise', () => {
    expect(languageForLocale('zh-CN')).toBe('zh');
    expect(languageForLocale('zh-Hant-TW')).toBe('zh');
    expect(languageForLocale('zh')).toBe('zh');
    expect(languageForLocale('en-US')).toBe('en');
    expect(languageForLocale('de')).toBe('en');
  });
});
