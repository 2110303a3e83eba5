/// The platform the renderer runs on, behind core's DesktopHost interface (core/desktop-host.ts). In
/// the desktop app the preload provides it as `window.lifaDesktop`; in a browser `webHost` answers with
/// a file input, download links and the page's own server. Feature code calls `currentHost()` only.
import type {
  AppInfo,
  DesktopHost,
  Disposer,
  HostCommand,
  ServerConnection,
} from '../../core/desktop-host.ts';

export type { DesktopHost, FileToSave, HostCommand, OpenedTextFile } from '../../core/desktop-host.ts';

declare global {
  interface Window {
    /// Set by the desktop app's preload; absent in a browser.
    lifaDesktop?: DesktopHost;
  }
}

/// The browser implementation: a hidden file input to open, a download link to save, the page's origin
/// as the server.
export function webHost(serverUrl: string = location.origin): DesktopHost {
  const connection: ServerConnection = { kind: 'local', url: serverUrl };
  return {
    kind: 'web',
    serverUrl,
    openTextFile: (extensions) =>
      new Promise((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = extensions.join(',');
        input.style.display = 'none';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          input.remove();
          if (!file) return resolve(null);
          if (file.size > 64 * 1024 * 1024) return reject(new Error(`${file.name} is larger than 64 MiB`));
          file.text().then(
            (text) => resolve({ name: file.name, text: text.replace(/^\uFEFF/, '') }),
            (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
          );
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve(null);
        });
        document.body.append(input);
        input.click();
      }),
    saveFile: async (file) => {
      const blob = new Blob([file.data as Uint8Array<ArrayBuffer>], { type: file.mime });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
      // Give the browser time to start the download before the URL is released.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return true;
    },
    appInfo: async (): Promise<AppInfo> => ({
      host: 'web',
      version: '',
      language: navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en',
      platform: 'web',
    }),
    serverConnection: async () => connection,
    connectTeamServer: () => Promise.reject(new Error('A browser page belongs to its own server')),
    useLocalServer: async () => connection,
    setDraftTitle: async (draftTitle) => {
      document.title = draftTitle ? `${draftTitle} — Lifa 立法` : 'Lifa 立法';
    },
    addRecentDraft: async () => {},
    openExternal: async (url) => window.open(url, '_blank', 'noopener') !== null,
    onCommand:
      (_listener: (command: HostCommand) => void): Disposer =>
      () => {},
  };
}

/// The host of this window: the desktop app's when it provided one, else the browser implementation.
export function currentHost(): DesktopHost {
  return window.lifaDesktop ?? webHost();
}
