/// The application menu as a pure function of the language and the app's state: File, Edit, View,
/// (Window on macOS) and Help, labelled in Chinese or English, with the usual shortcuts. Items that
/// the UI acts on send it a HostCommand; the rest are Electron roles or actions of the main process.
import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../core/language.ts';
import type { HostCommand, RecentDraft } from './host-api.ts';

/// The label keys of the menu.
export type LabelKey = keyof typeof labels.en;

/// Every label of the menu, in each language.
export const labels = {
  en: {
    file: '&File',
    newDraft: 'New Draft',
    import: 'Import…',
    export: 'Export…',
    compareVersions: 'Compare Versions…',
    openRecent: 'Open Recent',
    noRecent: 'No Recent Drafts',
    clearRecent: 'Clear Recent',
    connectTeam: 'Connect to Team Server…',
    useLocal: 'Use Local Server',
    closeWindow: 'Close Window',
    quit: 'Quit Lifa',
    edit: '&Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    find: 'Find…',
    replace: 'Replace…',
    print: 'Print…',
    helpContents: 'Help and Keyboard Shortcuts',
    view: '&View',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    fullScreen: 'Toggle Full Screen',
    language: 'Language',
    devTools: 'Developer Tools',
    reload: 'Reload',
    window: '&Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    front: 'Bring All to Front',
    help: '&Help',
    about: 'About Lifa',
    hide: 'Hide Lifa',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
  },
  zh: {
    file: '文件(&F)',
    newDraft: '新建草案',
    import: '导入…',
    export: '导出…',
    compareVersions: '比较版本…',
    openRecent: '最近打开',
    noRecent: '没有最近打开的草案',
    clearRecent: '清除最近记录',
    connectTeam: '连接团队服务器…',
    useLocal: '使用本地服务器',
    closeWindow: '关闭窗口',
    quit: '退出立法',
    edit: '编辑(&E)',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    find: '查找…',
    replace: '替换…',
    print: '打印…',
    helpContents: '帮助与快捷键',
    view: '视图(&V)',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetZoom: '实际大小',
    fullScreen: '切换全屏',
    language: '语言',
    devTools: '开发者工具',
    reload: '重新加载',
    window: '窗口(&W)',
    minimize: '最小化',
    zoom: '缩放',
    front: '全部置于顶层',
    help: '帮助(&H)',
    about: '关于立法',
    hide: '隐藏立法',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
  },
} as const satisfies Record<Language, Record<string, string>>;

/// What the menu's items do outside Electron's roles. Each is called from the item's click.
export interface MenuActions {
  /// Send `command` to the focused window's UI.
  readonly command: (command: HostCommand) => void;
  /// Switch back from a team server to the local server.
  readonly useLocalServer: () => void;
  /// Show the menus (and tell the UI) in `language`.
  readonly setLanguage: (language: Language) => void;
  /// Forget the recent drafts.
  readonly clearRecent: () => void;
}

/// What the menu depends on.
export interface MenuState {
  readonly language: Language;
  /// `process.platform`: macOS gets the app menu and the Window menu.
  readonly platform: NodeJS.Platform;
  /// Most recent first.
  readonly recentDrafts: readonly RecentDraft[];
  /// Which server the window uses now.
  readonly connection: 'local' | 'team';
  /// Whether to offer Reload and the developer tools. Defaults to false.
  readonly development?: boolean;
}

/// The display names of the languages, each in itself.
const languageNames: Record<Language, string> = { zh: '中文', en: 'English' };

/// The menu template for `state`, with items wired to `actions`.
export function menuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = labels[state.language];
  const mac = state.platform === 'darwin';
  const send = (command: HostCommand) => () => actions.command(command);

  const recent: MenuItemConstructorOptions[] =
    state.recentDrafts.length === 0
      ? [{ label: t.noRecent, enabled: false }]
      : [
          ...state.recentDrafts.map((draft): MenuItemConstructorOptions => ({
            // An ampersand in a title would otherwise become a mnemonic.
            label: draft.title.replace(/&/g, '&&'),
            click: send({ type: 'open-draft', draftId: draft.id }),
          })),
          { type: 'separator' },
          { label: t.clearRecent, click: () => actions.clearRecent() },
        ];

  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { label: t.newDraft, accelerator: 'CmdOrCtrl+N', click: send({ type: 'new-draft' }) },
      { label: t.import, accelerator: 'CmdOrCtrl+O', click: send({ type: 'import' }) },
      { label: t.export, accelerator: 'CmdOrCtrl+E', click: send({ type: 'export' }) },
      { label: t.print, accelerator: 'CmdOrCtrl+P', click: send({ type: 'print' }) },
      { type: 'separator' },
      {
        label: t.compareVersions,
        accelerator: 'CmdOrCtrl+Shift+D',
        click: send({ type: 'compare-versions' }),
      },
      { type: 'separator' },
      { label: t.openRecent, submenu: recent },
      { type: 'separator' },
      { label: t.connectTeam, click: send({ type: 'connect-team-server' }) },
      { label: t.useLocal, enabled: state.connection === 'team', click: () => actions.useLocalServer() },
      { type: 'separator' },
      { label: t.closeWindow, role: 'close', accelerator: 'CmdOrCtrl+W' },
      ...(mac ? [] : [{ label: t.quit, role: 'quit', accelerator: 'Ctrl+Q' } as MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      // Undo and Redo go to the UI: the editor keeps its own (collaborative) history.
      { label: t.undo, accelerator: 'CmdOrCtrl+Z', click: send({ type: 'undo' }) },
      {
        label: t.redo,
        accelerator: state.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z',
        click: send({ type: 'redo' }),
      },
      { type: 'separator' },
      { label: t.cut, role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { label: t.copy, role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { label: t.paste, role: 'paste', accelerator: 'CmdOrCtrl+V' },
      { label: t.selectAll, role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      { type: 'separator' },
      { label: t.find, accelerator: 'CmdOrCtrl+F', click: send({ type: 'find' }) },
      // ⌘H hides the app on a Mac, so Replace is ⌥⌘F there, as in most Mac editors.
      { label: t.replace, accelerator: mac ? 'Alt+Cmd+F' : 'Ctrl+H', click: send({ type: 'replace' }) },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      { label: t.zoomIn, role: 'zoomIn', accelerator: 'CmdOrCtrl+Plus' },
      { label: t.zoomOut, role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      { label: t.resetZoom, role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { type: 'separator' },
      { label: t.fullScreen, role: 'togglefullscreen', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
      { type: 'separator' },
      {
        label: t.language,
        submenu: (['zh', 'en'] as const).map((language): MenuItemConstructorOptions => ({
          label: languageNames[language],
          type: 'radio',
          checked: state.language === language,
          click: () => actions.setLanguage(language),
        })),
      },
      ...(state.development
        ? ([
            { type: 'separator' },
            { label: t.reload, role: 'reload', accelerator: 'CmdOrCtrl+R' },
            { label: t.devTools, role: 'toggleDevTools', accelerator: mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' },
          ] as MenuItemConstructorOptions[])
        : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: [
      { label: t.helpContents, accelerator: 'F1', click: send({ type: 'help' }) },
      { type: 'separator' },
      { label: t.about, role: 'about' },
    ],
  };

  if (!mac) return [file, edit, view, help];

  const appMenu: MenuItemConstructorOptions = {
    label: 'Lifa',
    submenu: [
      { label: t.about, role: 'about' },
      { type: 'separator' },
      { label: t.hide, role: 'hide', accelerator: 'Cmd+H' },
      { label: t.hideOthers, role: 'hideOthers', accelerator: 'Alt+Cmd+H' },
      { label: t.unhide, role: 'unhide' },
      { type: 'separator' },
      { label: t.quit, role: 'quit', accelerator: 'Cmd+Q' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t.window,
    role: 'windowMenu',
    submenu: [
      { label: t.minimize, role: 'minimize', accelerator: 'Cmd+M' },
      { label: t.zoom, role: 'zoom' },
      { type: 'separator' },
      { label: t.front, role: 'front' },
    ],
  };
  // On macOS, About is in the app menu, so there is no Help menu.
  return [appMenu, file, edit, view, windowMenu];
}

/// Every item of `template`, depth first (for tests and lookups).
export function menuItems(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const out: MenuItemConstructorOptions[] = [];
  for (const item of template) {
    out.push(item);
    if (Array.isArray(item.submenu)) out.push(...menuItems(item.submenu));
  }
  return out;
}

/// The menu language for an OS locale such as `zh-CN` or `en-US`: Chinese for any `zh`, else English.
export function languageForLocale(locale: string): Language {
  return /^zh\b/i.test(locale) ? 'zh' : 'en';
}
