// The packaging configuration and the main-process build, checked without the internet: the
// electron-builder config against electron-builder's own schema, the files it names, and the bundles
// scripts/build-main.js makes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../helpers/cli.ts';

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string }[];
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  // js-yaml comes with electron-builder (a devDependency), which reads this same file with it; it has
  // no type declarations here, hence the name in a variable.
  const yamlModule = 'js-yaml';
  const yaml = (await import(yamlModule)) as { load(text: string): unknown };
  return yaml.load(readFileSync(projectPath('electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it('is valid by electron-builder schema', async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = (await import('builder-util')) as unknown as {
      DebugLogger: new (on: boolean) => unknown;
    };
    await expect(validateConfiguration(await loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, nsis and dmg, with the app id and icon', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('org.lifa.desktop');
    expect(config.productName).toBe('Lifa');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    for (const platform of [config.linux, config.win, config.mac]) {
      expect(existsSync(projectPath(`build/${platform.icon}`))).toBe(true);
    }
  });

  it('associates .law.txt files with the app', async () => {
    expect((await loadConfig()).fileAssociations).toEqual([expect.objectContaining({ ext: 'law.txt' })]);
  });

  it('ships the entry, the compiled main process, the UI and the drafts', async () => {
    const config = await loadConfig();
    const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(config.files).toContain(pkg.main);
    expect(config.files).toContain('dist/main/**');
    expect(config.extraResources.map((resource) => resource.to)).toEqual(['renderer', 'drafts', 'icon.png']);
    expect(pkg.scripts.dist).toMatch(/build-main\.js.*electron-builder/);
  });

  it('turns off the fuses that would run the app as plain Node', async () => {
    const fuses = (await loadConfig()).electronFuses;
    expect(fuses.runAsNode).toBe(false);
    expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(fuses.enableNodeCliInspectArguments).toBe(false);
    expect(fuses.onlyLoadAppFromAsar).toBe(true);
  });

  it('has a 512 × 512 PNG icon', () => {
    const png = readFileSync(projectPath('build/icons/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(png.length).toBeLessThan(64 * 1024);
  });
});

describe('scripts/build-main.js', () => {
  it('bundles the main process as ESM and the preload as one CommonJS file needing only electron', () => {
    execFileSync(process.execPath, ['scripts/build-main.js'], { cwd: projectPath(''), stdio: 'pipe' });
    const preload = readFileSync(projectPath('dist/main/preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("lifaDesktop"');
    const main = readFileSync(projectPath('dist/main/main.js'), 'utf8');
    expect(main).toMatch(/from "electron"/);
    expect(main).toMatch(/from "better-sqlite3"/);
    expect(main).not.toMatch(/from "\.\.?\//);
  });
});
