/// The desktop host: what the UI may ask of the program around it — file dialogs, import and export,
/// the app's version, the server connection, window title and recent drafts, and the menu's commands.
///
/// Types only. The Electron preload (main/preload.ts) implements it as `window.lifaDesktop` over IPC,
/// the renderer's web implementation implements it in a plain browser, and feature code calls this
/// interface and nothing else (as VS Code's `common` service interfaces). Every value crossing it is
/// structured-cloneable: plain objects, strings, numbers, booleans, `Uint8Array`.
import type { Language } from './language.ts';

/// A text file the user picked (UTF-8; a byte-order mark is dropped). The host never tells the UI
/// where the file lives, only its name.
export interface OpenedTextFile {
  /// The file's base name, e.g. `draft.law.txt`.
  readonly name: string;
  readonly text: string;
}

/// A file to hand to the user: its suggested name (a base name, no folders), bytes and MIME type.
export interface FileToSave {
  readonly name: string;
  readonly data: Uint8Array;
  readonly mime: string;
}

/// Facts about the program around the UI.
export interface AppInfo {
  /// `desktop` in the Electron app, `web` in a browser.
  readonly host: 'desktop' | 'web';
  /// The app's version, e.g. `0.1.0`.
  readonly version: string;
  /// The language of the menus, which the UI should follow unless the user chose otherwise.
  readonly language: Language;
  /// `darwin`, `win32`, `linux`, or `web`.
  readonly platform: string;
}

/// The server the UI talks to: the embedded local one, or a team server the user signed in to.
export interface ServerConnection {
  /// `local` for the embedded (or `lifa serve --local`) server, `team` for a remote team server.
  readonly kind: 'local' | 'team';
  /// The server's base URL, `http(s)://host[:port]` with no trailing slash. HTTP routes hang below
  /// it; the sync endpoint is the same URL with `ws(s):`.
  readonly url: string;
  /// The session token to send (as `Authorization: Bearer …`, and as the `token` query parameter of
  /// the sync websocket). Absent when the server needs no sign-in for what the UI does.
  readonly token?: string;
  /// Who is signed in, when known.
  readonly username?: string;
}

/// The sign-in to a team server.
export interface TeamServerSignIn {
  /// The team server's base URL: `https://…`, or `http://` on a loopback address only.
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

/// A draft opened recently, as the host remembers it for the File › Open Recent menu.
export interface RecentDraft {
  /// The draft's id on its server.
  readonly id: string;
  /// The draft's title when it was last opened.
  readonly title: string;
}

/// A command from the host's menus (or a file the operating system asked the app to open). The UI
/// acts on the ones it knows and ignores the rest.
export type HostCommand =
  | { readonly type: 'new-draft' }
  | { readonly type: 'import' }
  | { readonly type: 'export' }
  | { readonly type: 'compare-versions' }
  /// Undo / Redo from the Edit menu: the editor's history when it has focus, else the focused field's.
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'find' }
  /// Edit › Replace…: the find bar with its replace row.
  | { readonly type: 'replace' }
  /// File › Print…: print the open draft or comparison (the page's print stylesheet).
  | { readonly type: 'print' }
  /// Help › Help and Keyboard Shortcuts (F1).
  | { readonly type: 'help' }
  | { readonly type: 'open-draft'; readonly draftId: string }
  /// A `.law.txt` file opened from the file manager: import it.
  | { readonly type: 'import-file'; readonly file: OpenedTextFile }
  /// The user asked to connect to a team server: show the sign-in form, then call `connectTeamServer`.
  | { readonly type: 'connect-team-server' }
  | { readonly type: 'language'; readonly language: Language };

/// Undoes a subscription; calling it twice does nothing.
export type Disposer = () => void;

/// The desktop host, as the UI sees it. The first four members are what every host has (the web
/// implementation answers them with a file input and download links); the rest are the desktop's
/// extras, which the web implementation answers simply (see each). Every method resolves or rejects
/// with an `Error` whose message is fit to show; none throws synchronously.
export interface DesktopHost {
  /// `web` in a browser, `desktop` in the Electron window.
  readonly kind: 'web' | 'desktop';
  /// Base URL of the Lifa server the UI talks to now (`http://127.0.0.1:PORT` for the desktop's
  /// embedded server, or the team server's); the HTTP API lives under `${serverUrl}/api` and the sync
  /// endpoint under `${serverUrl}/sync`. The desktop opens a new window when it changes.
  readonly serverUrl: string;
  /// Let the user pick a text file (UTF-8) whose name ends with one of `extensions` (such as `.txt`
  /// or `.law.txt`); an empty list offers every file. Resolves to null when the user cancels; rejects
  /// when the file cannot be read, is not UTF-8, or is larger than 64 MiB.
  openTextFile(extensions: readonly string[]): Promise<OpenedTextFile | null>;
  /// Let the user save `file` (export). Resolves to false when the user cancels; rejects when the
  /// file cannot be written.
  saveFile(file: FileToSave): Promise<boolean>;

  /// Facts about the host.
  appInfo(): Promise<AppInfo>;
  /// The server to talk to now, with the session token to use. Web: `{kind: 'local', url: serverUrl}`
  /// (plus whatever token the page was given).
  serverConnection(): Promise<ServerConnection>;
  /// Sign in to a team server and use it from now on (remembered for this profile); the desktop then
  /// reopens the window on it. Rejects with the reason when the URL is refused or the sign-in fails.
  /// Web: rejects (a browser page belongs to its own server).
  connectTeamServer(signIn: TeamServerSignIn): Promise<ServerConnection>;
  /// Go back to the local server, ending the team server's session; the desktop then reopens the
  /// window. Web: resolves to the current connection.
  useLocalServer(): Promise<ServerConnection>;
  /// Show `draftTitle` in the window's title (`draftTitle — Lifa`); undefined for no draft.
  /// Web: sets `document.title`.
  setDraftTitle(draftTitle: string | undefined): Promise<void>;
  /// Note that a draft was opened, for the Open Recent menu. Web: does nothing.
  addRecentDraft(draft: RecentDraft): Promise<void>;
  /// Open an http(s) link in the user's browser after the user confirms; resolves to whether it was
  /// opened. Web: `window.open(url, '_blank', 'noopener')`.
  openExternal(url: string): Promise<boolean>;
  /// Call `listener` with each command from the menus. Returns the function that stops it.
  /// Web: never calls it.
  onCommand(listener: (command: HostCommand) => void): Disposer;
}
