/// The app's lifecycle: the profile and its single-instance lock, then on ready the embedded server,
/// the session's guards (permissions, requests, CSP), the IPC handlers, the menu and the window; the
/// server stops when the app quits. Electron comes in as a parameter (main.ts passes the real module),
/// so the lifecycle runs under test with a small double of the few Electron objects it touches.
import { join } from 'node:path';
import type * as electron from 'electron';
import type { Language } from '../core/language.ts';
import { Connections } from './connection.ts';
import { startEmbeddedServer } from './embedded-server.ts';
import type { EmbeddedServer } from './embedded-server.ts';
import type { HostCommand } from './host-api.ts';
import { createHostService, readOpenedFile } from './host-service.ts';
import { createIpcHandlers, registerIpcHandlers } from './ipc.ts';
import type { IpcRegistry } from './ipc.ts';
import { productName, userDataDir } from './launch.ts';
import { languageForLocale, menuTemplate } from './menu.ts';
import { appPaths } from './paths.ts';
import {
  mayGrantPermission,
  mayNavigate,
  mayRequest,
  openLinkAfterConfirm,
  secureResponseHeaders,
  windowOpenDecision,
} from './security.ts';
import type { RequestPolicy } from './security.ts';
import { profileDataDir, profileFromArgv, SettingsStore, withRecentDraft } from './settings.ts';
import { restoreBounds, windowOptions } from './window.ts';

/// The parts of Electron the main process uses.
export type ElectronApi = Pick<
  typeof electron,
  'app' | 'BrowserWindow' | 'Menu' | 'ipcMain' | 'dialog' | 'shell' | 'session' | 'screen' | 'safeStorage'
>;

/// How the app was started.
export interface RunOptions {
  /// The command line (process.argv): `--profile=NAME`, and `.law.txt` files to open.
  readonly argv: readonly string[];
  /// process.resourcesPath (where a packaged app keeps its UI and drafts).
  readonly resourcesPath: string;
  /// The folder that holds the profiles. Defaults to userDataDir() (`~/.config/Lifa` on Linux).
  readonly userDataRoot?: string;
  /// Offer Reload and the developer tools. Defaults to false.
  readonly development?: boolean;
  /// Where the embedded server logs: false for nowhere. Defaults to a file in the user-data folder.
  readonly serverLogger?: false;
  /// Where the main process reports refused IPC calls and similar. Defaults to console.warn.
  readonly log?: (line: string) => void;
}

/// The running app, as tests and main.ts see it.
export interface RunningApp {
  readonly server: EmbeddedServer;
  readonly userData: string;
  readonly settings: SettingsStore;
  /// The main window now (a new one after the connection changes), or undefined when none is open.
  window(): electron.BrowserWindow | undefined;
  /// Send a menu command to the window, as a menu item does.
  command(command: HostCommand): void;
  /// Resolves once the server stopped, after the app was asked to quit.
  readonly stopped: Promise<void>;
}

/// The `.law.txt` files named on a command line (from the file manager, through the file association).
export function lawFilesInArgv(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && /\.law\.txt$/i.test(arg));
}

/// Start the app. Resolves to the running app once its window is created, or to undefined when another
/// instance of the same profile runs (that one is focused instead and this one quits). Rejects only
/// for a bad `--profile`; when the server cannot start, the user is told and the app quits.
export async function runApp(api: ElectronApi, options: RunOptions): Promise<RunningApp | undefined> {
  const { app } = api;
  const profile = profileFromArgv(options.argv);
  const userData = profileDataDir(options.userDataRoot ?? userDataDir(), profile);
  app.setName(productName);
  app.setPath('userData', userData);
  app.enableSandbox();
  // The lock lives in the user-data folder, so each profile has its own.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }

  const paths = appPaths(app.getAppPath(), app.isPackaged, options.resourcesPath);
  const settings = new SettingsStore(userData);
  const pendingFiles: string[] = lawFilesInArgv(options.argv);
  let server: EmbeddedServer | undefined;
  // Set once the server runs; the request policy reads it.
  const live: { connections?: Connections } = {};
  let mainWindow: electron.BrowserWindow | undefined;
  const policy = (): RequestPolicy => ({
    // Before the server runs nothing is the app's: every check fails closed.
    appOrigin: server?.url ?? 'null://',
    ...(live.connections?.teamOrigin() ? { teamOrigin: live.connections.teamOrigin() } : {}),
  });
  const language = (): Language => settings.value.language ?? languageForLocale(app.getLocale());

  // macOS hands files over by event, possibly before ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    pendingFiles.push(path);
    if (mainWindow) void deliverFiles(mainWindow);
  });

  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: { preventDefault(): void; url: string }) => {
      if (!mayNavigate(event.url, policy().appOrigin)) event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-frame-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url, policy().appOrigin);
      if (decision.external) void openLink(decision.external);
      return { action: 'deny' };
    });
  });

  let stopping: Promise<void> | undefined;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!server) return resolveStopped();
    if (stopping) return;
    // Keep the app alive until the server has closed the database cleanly, then quit for real.
    event.preventDefault();
    stopping = server.close().finally(() => {
      server = undefined;
      resolveStopped();
      app.quit();
    });
  });

  await app.whenReady();

  try {
    server = await startEmbeddedServer({
      userData,
      rendererDir: paths.renderer,
      seedDir: paths.seedDrafts,
      ...(options.serverLogger === false ? { logger: false } : {}),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    api.dialog.showErrorBox(
      'Lifa',
      `The local server could not start (${join(userData, 'data')}):\n${reason}`,
    );
    app.quit();
    return undefined;
  }
  const running = server;
  const activeConnections = new Connections(running, settings, api.safeStorage);
  live.connections = activeConnections;

  const ses = api.session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(mayGrantPermission(permission, details.requestingUrl, policy().appOrigin)),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    mayGrantPermission(permission, requestingOrigin, policy().appOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !mayRequest(details.url, policy()) }),
  );
  ses.webRequest.onHeadersReceived((details, callback) => callback(secureResponseHeaders(details, policy())));

  async function confirmExternal(url: string): Promise<boolean> {
    const zh = language() === 'zh';
    const dialogOptions: electron.MessageBoxOptions = {
      type: 'question',
      buttons: zh ? ['打开', '取消'] : ['Open', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: zh ? '在浏览器中打开此链接？' : 'Open this link in your browser?',
      detail: url,
    };
    const answer = mainWindow
      ? await api.dialog.showMessageBox(mainWindow, dialogOptions)
      : await api.dialog.showMessageBox(dialogOptions);
    return answer.response === 0;
  }

  /// The one place that hands a link to the user's browser: http(s) only, after the user confirms.
  function openLink(url: string): Promise<boolean> {
    // openLinkAfterConfirm calls `open` only for an http(s) link the user confirmed.
    const open = (checked: string) => api.shell.openExternal(checked); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return openLinkAfterConfirm(url, confirmExternal, open);
  }

  function send(command: HostCommand): void {
    const target = api.BrowserWindow.getFocusedWindow() ?? mainWindow;
    target?.webContents.send('lifa:command', command);
  }

  async function deliverFiles(window: electron.BrowserWindow): Promise<void> {
    for (const path of pendingFiles.splice(0)) {
      try {
        window.webContents.send('lifa:command', { type: 'import-file', file: await readOpenedFile(path) });
      } catch (error) {
        api.dialog.showErrorBox('Lifa', error instanceof Error ? error.message : String(error));
      }
    }
  }

  function rebuildMenu(): void {
    const template = menuTemplate(
      {
        language: language(),
        platform: process.platform,
        recentDrafts: settings.value.recentDrafts[activeConnections.teamOrigin() ?? 'local'] ?? [],
        connection: activeConnections.current().kind,
        development: options.development ?? false,
      },
      {
        command: send,
        useLocalServer: () => {
          void activeConnections.useLocal().then(() => {
            rebuildMenu();
            reopenWindow();
          });
        },
        setLanguage: (next) => {
          settings.update((value) => ({ ...value, language: next }));
          rebuildMenu();
          send({ type: 'language', language: next });
        },
        clearRecent: () => {
          settings.update((value) => ({ ...value, recentDrafts: {} }));
          rebuildMenu();
        },
      },
    );
    api.Menu.setApplicationMenu(api.Menu.buildFromTemplate(template));
  }

  function rememberBounds(window: electron.BrowserWindow): void {
    const bounds = window.getNormalBounds();
    settings.update((value) => ({ ...value, window: { bounds, maximized: window.isMaximized() } }));
  }

  function createWindow(): electron.BrowserWindow {
    const saved = settings.value.window;
    const bounds = restoreBounds(
      saved?.bounds,
      api.screen.getAllDisplays().map((display) => display.workArea),
    );
    const window = new api.BrowserWindow(
      windowOptions({
        preloadPath: paths.preload,
        serverUrl: activeConnections.current().url,
        ...(bounds ? { bounds } : {}),
        iconPath: paths.icon,
        devTools: options.development ?? false,
      }),
    );
    // The UI names the draft through setDraftTitle; the page's own <title> does not override it.
    window.on('page-title-updated', (event) => event.preventDefault());
    window.once('ready-to-show', () => {
      if (bounds && saved?.maximized) window.maximize();
      window.show();
    });
    window.on('close', () => rememberBounds(window));
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = undefined;
    });
    window.webContents.on('did-finish-load', () => void deliverFiles(window));
    void window.loadURL(`${running.url}/`);
    mainWindow = window;
    return window;
  }

  function reopenWindow(): void {
    const old = mainWindow;
    if (old) rememberBounds(old);
    createWindow();
    old?.destroy();
  }

  const service = createHostService(
    {
      version: app.getVersion(),
      platform: process.platform,
      language,
      showOpenDialog: async ({ filters }) => {
        const dialogOptions: electron.OpenDialogOptions = { properties: ['openFile'], filters };
        const result = mainWindow
          ? await api.dialog.showOpenDialog(mainWindow, dialogOptions)
          : await api.dialog.showOpenDialog(dialogOptions);
        return result.canceled ? undefined : result.filePaths[0];
      },
      showSaveDialog: async ({ defaultPath, filters }) => {
        const dialogOptions: electron.SaveDialogOptions = { defaultPath, filters };
        const result = mainWindow
          ? await api.dialog.showSaveDialog(mainWindow, dialogOptions)
          : await api.dialog.showSaveDialog(dialogOptions);
        return result.canceled || !result.filePath ? undefined : result.filePath;
      },
      openLink,
      setTitle: (title) => mainWindow?.setTitle(title),
      reloadSoon: () => setTimeout(reopenWindow, 50),
      addRecentDraft: (serverKey, draft) => {
        settings.update((value) => withRecentDraft(value, serverKey, draft));
        rebuildMenu();
      },
      connectionChanged: rebuildMenu,
    },
    activeConnections,
  );
  const handlers = createIpcHandlers(
    service,
    {
      appOrigin: () => policy().appOrigin,
      isAppWindow: (id) => api.BrowserWindow.getAllWindows().some((window) => window.webContents.id === id),
    },
    (channel, reason) => (options.log ?? console.warn)(`lifa: ${channel}: ${reason}`),
  );
  registerIpcHandlers(api.ipcMain as unknown as IpcRegistry, handlers);
  rebuildMenu();

  app.on('second-instance', (_event, argv) => {
    pendingFiles.push(...lawFilesInArgv(argv));
    const window = mainWindow ?? createWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
    if (!window.webContents.isLoading()) void deliverFiles(window);
  });
  app.on('activate', () => {
    if (!mainWindow) createWindow();
  });

  createWindow();
  return {
    server: running,
    userData,
    settings,
    window: () => mainWindow,
    command: send,
    stopped,
  };
}
