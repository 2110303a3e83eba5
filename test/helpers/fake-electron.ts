// A minimal double of the Electron main-process modules that main/app.ts touches, for running the
// app's lifecycle in plain Node: it records what the app asks for (window options, handlers, menus)
// and lets a test fire Electron's events. Only what the binary itself would provide is faked.
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { ElectronApi } from '../../main/app.ts';

/// A fake WebFrameMain.
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

/// A fake webContents: an event emitter that records what is sent to it.
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: [string, unknown][] = [];
  readonly mainFrame: FakeFrame = { url: '', parent: null, processId: 10 + this.id, routingId: 1 };
  windowOpenHandler?: (details: { url: string }) => { action: string };
  send(channel: string, value: unknown): void {
    this.sent.push([channel, value]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isLoading(): boolean {
    return false;
  }
}

/// Everything the fake Electron recorded.
export interface FakeElectron {
  readonly api: ElectronApi;
  readonly app: EventEmitter;
  readonly windows: FakeWindow[];
  readonly handlers: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  readonly menus: MenuItemConstructorOptions[][];
  readonly session: FakeSession;
  readonly calls: string[];
  readonly paths: Map<string, string>;
  /// Fire `event` on the app with a preventDefault-able event object; returns whether it was prevented.
  emit(event: string, ...args: unknown[]): boolean;
}

/// A fake BrowserWindow.
export class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl?: string;
  title = '';
  shown = false;
  destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.all.push(this);
  }
  static getAllWindows(): FakeWindow[] {
    return FakeWindow.all.filter((window) => !window.destroyed);
  }
  static getFocusedWindow(): FakeWindow | null {
    return null;
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  show(): void {
    this.shown = true;
  }
  maximize(): void {}
  isMaximized(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  getNormalBounds() {
    return { x: 10, y: 20, width: 1100, height: 750 };
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

/// The parts of a session the app sets up.
export interface FakeSession {
  permissionRequest?: (
    wc: unknown,
    permission: string,
    callback: (ok: boolean) => void,
    details: unknown,
  ) => void;
  permissionCheck?: (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
  devicePermission?: () => boolean;
  beforeRequest?: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
  headersReceived?: (details: unknown, callback: (response: unknown) => void) => void;
  events: EventEmitter;
}

/// A fresh fake Electron. `appPath` is what app.getAppPath() answers; `lock` whether this instance
/// gets the single-instance lock.
export function fakeElectron(options: { appPath: string; lock?: boolean }): FakeElectron {
  FakeWindow.all = [];
  const calls: string[] = [];
  const paths = new Map<string, string>();
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const menus: MenuItemConstructorOptions[][] = [];
  const events = new EventEmitter();
  const session: FakeSession = { events };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    setName: (name: string) => calls.push(`setName ${name}`),
    setPath: (name: string, value: string) => paths.set(name, value),
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => options.lock ?? true,
    quit: () => calls.push('quit'),
    whenReady: async () => {},
    getAppPath: () => options.appPath,
    getLocale: () => 'zh-CN',
    getVersion: () => '0.1.0',
  });
  const emit = (event: string, ...args: unknown[]): boolean => {
    let prevented = false;
    app.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  };
  const api = {
    app,
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => menus.push(menu),
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
        handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    dialog: {
      showErrorBox: (title: string, text: string) => calls.push(`error ${text}`),
      showMessageBox: async () => ({ response: 1 }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    shell: { openExternal: async (url: string) => void calls.push(`openExternal ${url}`) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: FakeSession['permissionRequest']) =>
          (session.permissionRequest = handler),
        setPermissionCheckHandler: (handler: FakeSession['permissionCheck']) =>
          (session.permissionCheck = handler),
        setDevicePermissionHandler: (handler: FakeSession['devicePermission']) =>
          (session.devicePermission = handler),
        on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
        webRequest: {
          onBeforeRequest: (handler: FakeSession['beforeRequest']) => (session.beforeRequest = handler),
          onHeadersReceived: (handler: FakeSession['headersReceived']) => (session.headersReceived = handler),
        },
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: (plain: string) => Buffer.from(plain),
      decryptString: (encrypted: Buffer) => encrypted.toString(),
    },
  };
  return {
    api: api as unknown as ElectronApi,
    app,
    windows: FakeWindow.all,
    handlers,
    menus,
    session,
    calls,
    paths,
    emit,
  };
}
