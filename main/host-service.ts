/// The main process's implementation of the desktop host (DesktopHost's invokable methods): file
/// dialogs with reading and writing, app facts, the server connection, title and recent drafts,
/// and confirmed external links. Its arguments are already validated by ipc.ts; Electron is reached
/// only through the small `HostEnvironment`, so it runs in plain Node under test.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Language } from '../core/language.ts';
import type { Connections } from './connection.ts';
import type { HostService, OpenedTextFile } from './host-api.ts';
import { isExternalLink } from './security.ts';
import { windowTitle } from './window.ts';

/// The largest file openFile reads: 64 MiB.
export const maxOpenBytes = 64 * 1024 * 1024;

/// A filter of an open or save dialog, as Electron takes it (extensions without the dot).
export interface FileFilter {
  name: string;
  extensions: string[];
}

/// The open dialog's filters for `extensions` such as `.law.txt` or `.csv`: one filter offering them
/// all, then every file. An empty list offers every file.
export function openFilters(extensions: readonly string[], language: Language): FileFilter[] {
  const all: FileFilter = { name: language === 'zh' ? '所有文件' : 'All Files', extensions: ['*'] };
  const wanted = extensions
    .map((extension) => extension.replace(/^\.+/, ''))
    .filter((extension) => extension !== '');
  if (wanted.length === 0) return [all];
  const name = language === 'zh' ? '支持的文件' : 'Supported Files';
  return [{ name, extensions: wanted }, all];
}

/// The save dialog's filters for a file named `name`: its extension (`.law.txt` counts as one), then every file.
export function saveFilters(name: string, language: Language): FileFilter[] {
  const all: FileFilter = { name: language === 'zh' ? '所有文件' : 'All Files', extensions: ['*'] };
  const match = /\.((?:law\.)?[A-Za-z0-9]{1,10})$/.exec(name);
  if (!match) return [all];
  return [{ name: match[1].toUpperCase(), extensions: [match[1]] }, all];
}

/// What the host needs from Electron and the app (dialogs, the window, the menu).
export interface HostEnvironment {
  readonly version: string;
  readonly platform: NodeJS.Platform;
  /// The menu language now.
  readonly language: () => Language;
  /// Show an open dialog; the chosen path, or undefined when cancelled.
  readonly showOpenDialog: (options: { filters: FileFilter[] }) => Promise<string | undefined>;
  /// Show a save dialog proposing `defaultPath`; the chosen path, or undefined when cancelled.
  readonly showSaveDialog: (options: {
    defaultPath: string;
    filters: FileFilter[];
  }) => Promise<string | undefined>;
  /// Open an http(s) link in the user's browser after the user confirms (security.ts,
  /// openLinkAfterConfirm); resolves to whether it was opened.
  readonly openLink: (url: string) => Promise<boolean>;
  /// Set the window's title.
  readonly setTitle: (title: string) => void;
  /// Reload the window (after the connection changed), soon after the current IPC answer is sent.
  readonly reloadSoon: () => void;
  /// Remember a recent draft of `server` (`local` or a team origin), and rebuild the menu.
  readonly addRecentDraft: (server: string, draft: { id: string; title: string }) => void;
  /// Rebuild the menu and the window's request policy after the connection changed.
  readonly connectionChanged: () => void;
}

/// Read `path` for openFile: the base name and the UTF-8 text (without a byte-order mark). Rejects when
/// the file cannot be read, is larger than `limit` bytes, or is not valid UTF-8.
export async function readOpenedFile(path: string, limit = maxOpenBytes): Promise<OpenedTextFile> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`Not a file: ${basename(path)}`);
  if (info.size > limit)
    throw new Error(`${basename(path)} is larger than ${Math.round(limit / 1024 / 1024)} MiB`);
  const bytes = await readFile(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${basename(path)} is not UTF-8 text`);
  }
  return { name: basename(path), text: text.startsWith('\ufeff') ? text.slice(1) : text };
}

/// Write `data` to `path` for saveFile: text as UTF-8, bytes as they are.
export async function writeSavedFile(path: string, data: string | Uint8Array): Promise<void> {
  await writeFile(path, data);
}

/// The host service over `env` and the profile's `connections`.
export function createHostService(env: HostEnvironment, connections: Connections): HostService {
  const serverKey = (): string => connections.teamOrigin() ?? 'local';
  return {
    async appInfo() {
      return { host: 'desktop', version: env.version, language: env.language(), platform: env.platform };
    },
    async openTextFile(extensions) {
      const path = await env.showOpenDialog({ filters: openFilters(extensions, env.language()) });
      return path === undefined ? null : readOpenedFile(path);
    },
    async saveFile(file) {
      const name = basename(file.name);
      const path = await env.showSaveDialog({
        defaultPath: name,
        filters: saveFilters(name, env.language()),
      });
      if (path === undefined) return false;
      await writeSavedFile(path, file.data);
      return true;
    },
    async serverConnection() {
      return connections.current();
    },
    async connectTeamServer(signIn) {
      const connection = await connections.connectTeam(signIn);
      env.connectionChanged();
      env.reloadSoon();
      return connection;
    },
    async useLocalServer() {
      const connection = await connections.useLocal();
      env.connectionChanged();
      env.reloadSoon();
      return connection;
    },
    async setDraftTitle(draftTitle) {
      env.setTitle(windowTitle(draftTitle));
    },
    async addRecentDraft(draft) {
      env.addRecentDraft(serverKey(), draft);
    },
    async openExternal(url) {
      return isExternalLink(url) ? env.openLink(url) : false;
    },
  };
}
