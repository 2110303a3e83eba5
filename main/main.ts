/// The main process's entry inside Electron: hands the real Electron modules to runApp. Built by
/// scripts/build-main.js into dist/main/main.js, which main/electron-entry.js loads.
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, session, shell } from 'electron';
import { runApp } from './app.ts';

runApp(
  { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, session, shell },
  {
    argv: process.argv,
    resourcesPath: process.resourcesPath,
    development: !app.isPackaged && process.env.LIFA_DEVTOOLS === '1',
  },
).catch((error: unknown) => {
  console.error(`lifa: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(2);
});
