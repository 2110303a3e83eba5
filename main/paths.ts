/// Where the app's files are, in a checkout (`npm start`) and in a packaged app (electron-builder):
/// the built main process and preload, the built UI, the seed drafts and the window icon.
import { join } from 'node:path';

/// The files the main process needs.
export interface AppPaths {
  /// The built preload script (sandboxed preloads must be one CommonJS file).
  readonly preload: string;
  /// The built UI, served by the embedded server at `/`.
  readonly renderer: string;
  /// The seed drafts loaded into a new profile's database.
  readonly seedDrafts: string;
  /// The window icon (a PNG).
  readonly icon: string;
}

/// The app's paths. `appPath` is Electron's app.getAppPath() (the project folder, or `app.asar` when
/// packaged); `resourcesPath` is process.resourcesPath. A packaged app keeps the UI, the drafts and the
/// icon as plain files in its resources folder (electron-builder.yml, extraResources), outside the
/// asar archive, so the server reads them with plain `fs`.
export function appPaths(appPath: string, isPackaged: boolean, resourcesPath: string): AppPaths {
  const preload = join(appPath, 'dist', 'main', 'preload.cjs');
  if (isPackaged) {
    return {
      preload,
      renderer: join(resourcesPath, 'renderer'),
      seedDrafts: join(resourcesPath, 'drafts'),
      icon: join(resourcesPath, 'icon.png'),
    };
  }
  return {
    preload,
    renderer: join(appPath, 'dist', 'renderer'),
    seedDrafts: join(appPath, 'drafts'),
    icon: join(appPath, 'build', 'icons', 'icon.png'),
  };
}
