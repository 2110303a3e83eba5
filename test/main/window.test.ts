import { describe, expect, it } from 'vitest';
import {
  defaultSize,
  minimumSize,
  restoreBounds,
  secureWebPreferences,
  serverUrlArgument,
  windowOptions,
  windowTitle,
} from '../../main/window.ts';

const input = { preloadPath: '/app/dist/main/preload.cjs', serverUrl: 'http://127.0.0.1:4000' };

describe('windowOptions', () => {
  const prefs = windowOptions(input).webPreferences!;

  it('turns context isolation on', () => expect(prefs.contextIsolation).toBe(true));
  it('turns the sandbox on', () => expect(prefs.sandbox).toBe(true));
  it('turns Node integration off in the page, its workers and its frames', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps web security on and refuses insecure content', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });
  it('enables no experimental or extra Blink features, and no <webview>', () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });
  it('loads the preload and hands it the server URL as an argument', () => {
    expect(prefs.preload).toBe(input.preloadPath);
    expect(prefs.additionalArguments).toEqual(['--lifa-server-url=http://127.0.0.1:4000']);
    expect(serverUrlArgument('https://team.example')).toBe('--lifa-server-url=https://team.example');
  });
  it('closes the developer tools unless asked', () => {
    expect(prefs.devTools).toBe(false);
    expect(windowOptions({ ...input, devTools: true }).webPreferences!.devTools).toBe(true);
  });
  it('is the same secure set whatever else is passed', () => {
    const other = windowOptions({ ...input, bounds: { x: 1, y: 2, width: 900, height: 700 }, title: 'x' });
    expect(other.webPreferences).toEqual(secureWebPreferences(input.preloadPath, input.serverUrl));
  });
  it('opens hidden, centred at the default size without remembered bounds', () => {
    const options = windowOptions(input);
    expect(options.show).toBe(false);
    expect(options.center).toBe(true);
    expect([options.width, options.height]).toEqual([defaultSize.width, defaultSize.height]);
    expect([options.minWidth, options.minHeight]).toEqual([minimumSize.width, minimumSize.height]);
  });
  it('uses remembered bounds', () => {
    const options = windowOptions({ ...input, bounds: { x: 10, y: 20, width: 900, height: 700 } });
    expect([options.x, options.y, options.width, options.height]).toEqual([10, 20, 900, 700]);
    expect(options.center).toBeUndefined();
  });
});

describe('restoreBounds', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };

  it('keeps bounds that are on a screen', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1000, height: 700 }, [screen])).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
    });
  });
  it('drops bounds on a screen that is gone', () => {
    expect(restoreBounds({ x: 3000, y: 50, width: 1000, height: 700 }, [screen])).toBeUndefined();
  });
  it('clamps to the screen and to the minimum size', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 5000, height: 100 }, [screen])).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: minimumSize.height,
    });
  });
  it('finds the second screen', () => {
    const right = { x: 1920, y: 0, width: 1280, height: 1000 };
    expect(restoreBounds({ x: 2000, y: 10, width: 800, height: 600 }, [screen, right])?.x).toBe(2000);
  });
  it('gives undefined without remembered bounds', () => {
    expect(restoreBounds(undefined, [screen])).toBeUndefined();
  });
});

describe('windowTitle', () => {
  it('names the draft', () =>
    expect(windowTitle('网络数据安全管理条例')).toBe('网络数据安全管理条例 — Lifa'));
  it('is just Lifa without a draft', () => {
    expect(windowTitle(undefined)).toBe('Lifa');
    expect(windowTitle('  ')).toBe('Lifa');
  });
  it('drops control characters and cuts long titles', () => {
    expect(windowTitle('a\nb')).toBe('a b — Lifa');
    expect([...windowTitle('条'.repeat(300))].length).toBe(120 + ' — Lifa'.length);
  });
});
