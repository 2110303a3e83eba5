/// The main window's options, as a pure function: the secure webPreferences of the Electron security
/// checklist, and the size and place remembered from last time (kept on a screen that still exists).
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { ServerUrlSwitch } from './host-api.ts';

/// A window's size and place, in screen pixels.
export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/// The size of a first window: 1280 × 800 (smaller on a smaller screen), centred.
export const defaultSize = { width: 1280, height: 800 } as const;

/// The smallest window: 720 × 480.
export const minimumSize = { width: 720, height: 480 } as const;

/// Inputs of windowOptions.
export interface WindowOptionsInput {
  /// Absolute path of the built preload script (dist/main/preload.cjs).
  readonly preloadPath: string;
  /// The server the window's UI talks to, handed to the preload (DesktopHost.serverUrl).
  readonly serverUrl: string;
  /// Bounds from restoreBounds, or undefined for a centred window of the default size.
  readonly bounds?: Bounds;
  /// Whether the window was maximized when it was last closed. Defaults to false.
  readonly maximized?: boolean;
  /// The window's first title. Defaults to `Lifa`.
  readonly title?: string;
  /// The window icon (Linux and Windows), an absolute path to a PNG.
  readonly iconPath?: string;
  /// Whether the developer tools may open. Defaults to false (the packaged app).
  readonly devTools?: boolean;
}

/// The switch that hands the preload its server URL (see host-api.ts, ServerUrlSwitch).
export const serverUrlSwitch: ServerUrlSwitch = '--lifa-server-url=';

/// The argument that hands the preload `serverUrl`.
export function serverUrlArgument(serverUrl: string): string {
  return `${serverUrlSwitch}${serverUrl}`;
}

/// The webPreferences every Lifa window gets: context isolation, the Chromium sandbox, no Node in the
/// page, its workers or frames, web security, no insecure content, no experimental Blink features
/// (and Auxclick off), no <webview>, no navigation by dropping a file, and the preload as the only
/// bridge, told the window's server URL.
export function secureWebPreferences(
  preloadPath: string,
  serverUrl: string,
  devTools = false,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    additionalArguments: [serverUrlArgument(serverUrl)],
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    disableBlinkFeatures: 'Auxclick',
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/// The options of the main window. Shown once its first page is ready (see app.ts), so it never
/// flashes white.
export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const place = input.bounds ?? { width: defaultSize.width, height: defaultSize.height };
  return {
    ...place,
    ...(input.bounds ? {} : { center: true }),
    minWidth: minimumSize.width,
    minHeight: minimumSize.height,
    title: input.title ?? 'Lifa',
    show: false,
    backgroundColor: '#ffffff',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: secureWebPreferences(input.preloadPath, input.serverUrl, input.devTools ?? false),
  };
}

/// Whether at least `margin` pixels of `bounds` (both ways) lie on `area`.
function overlaps(bounds: Bounds, area: Rectangle, margin: number): boolean {
  const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const height = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
  return width >= margin && height >= margin;
}

/// The bounds to open the window with: the remembered ones when at least 64 × 64 pixels of them are on
/// one of the screens' work areas (a screen may have gone since), clamped to the minimum size and to
/// that screen's size; else undefined (a centred window of the default size).
export function restoreBounds(
  saved: Bounds | undefined,
  workAreas: readonly Rectangle[],
): Bounds | undefined {
  if (!saved) return undefined;
  const area = workAreas.find((candidate) => overlaps(saved, candidate, 64));
  if (!area) return undefined;
  const width = Math.max(minimumSize.width, Math.min(saved.width, area.width));
  const height = Math.max(minimumSize.height, Math.min(saved.height, area.height));
  return {
    x: Math.round(saved.x),
    y: Math.round(saved.y),
    width: Math.round(width),
    height: Math.round(height),
  };
}

/// The window title for a draft: `草案 — Lifa`, or just `Lifa` with no draft. Control characters are
/// dropped and a long title is cut to 120 characters.
export function windowTitle(draftTitle: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const clean = (draftTitle ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (clean === '') return 'Lifa';
  const cut = [...clean].length > 120 ? `${[...clean].slice(0, 119).join('')}…` : clean;
  return `${cut} — Lifa`;
}
