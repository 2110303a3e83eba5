// `npm install` on Node 20 (the oldest Node package.json allows): which installed packages declare that
// they need a newer Node (npm's EBADENGINE warnings), asked of npm itself with `npm query`. Only the two
// the README explains may, and those two are shown to load and work on this Node.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../helpers/cli.ts';

const manifest = JSON.parse(readFileSync(projectPath('package.json'), 'utf8'));
// ">=20.19" → "20.19.0"
const oldestNode = /^>=(\d+)\.(\d+)$/.exec(manifest.engines.node)!.slice(1).join('.') + '.0';

interface Installed {
  readonly name: string;
  readonly location: string;
  readonly version: string;
  readonly engines?: { node?: string };
}

// The installed packages `selector` picks (see `npm help package-spec` and `npm help query`).
function query(selector: string): Installed[] {
  return JSON.parse(execFileSync('npm', ['query', selector], { cwd: projectPath(''), encoding: 'utf8' }));
}

// The installed packages whose `engines.node` does not admit `node`.
function wantingNewerThan(node: string): Installed[] {
  return query(`:attr(engines, [node]):not(:semver(${node}, :attr(engines, [node]), satisfies))`);
}

describe('packages and the Node version', { timeout: 60_000 }, () => {
  it('all admit the oldest Node allowed, but for the two the README explains', () => {
    expect(oldestNode).toBe('20.19.0');
    const locations = wantingNewerThan(oldestNode).map((p) => p.location);
    expect(locations.sort()).toEqual([
      'node_modules/@electron/rebuild',
      'node_modules/@electron/rebuild/node_modules/node-abi',
    ]);
    const readme = readFileSync(projectPath('README.md'), 'utf8');
    expect(readme).toMatch(/EBADENGINE[\s\S]*`@electron\/rebuild` 4[\s\S]*`node-abi` 4/);
  });

  it('pins nanoid 5 under docx and light-my-request 6.6 under fastify, which work on Node 20', () => {
    expect(manifest.overrides).toEqual({
      docx: { nanoid: '5.1.12' },
      fastify: { 'light-my-request': '6.6.0' },
    });
    const versions = (selector: string) => query(selector).map((p) => p.version);
    expect(versions('#docx > #nanoid')).toEqual(['5.1.12']);
    expect(versions('#fastify > #light-my-request')).toEqual(['6.6.0']);
    // Nowhere the majors that want Node 22: nanoid 6, cookie 2.
    const major = (p: Installed) => Number(p.version.split('.')[0]);
    const newer = query('#nanoid, #cookie').filter((p) => major(p) >= (p.name === 'nanoid' ? 6 : 2));
    expect(newer).toEqual([]);
  });

  it('finds that the two wanting Node 22 load here and give Electron 41 its ABI', async () => {
    const rebuild = await import('@electron/rebuild');
    expect(typeof rebuild.rebuild).toBe('function');
    const fromRebuild = createRequire(projectPath('node_modules/@electron/rebuild/package.json'));
    const nodeAbi = (await import(pathToFileURL(fromRebuild.resolve('node-abi')).href)) as {
      getAbi(target: string, runtime: string): string;
    };
    expect(manifest.devDependencies.electron).toBe('41.7.1');
    expect(nodeAbi.getAbi('41.7.1', 'electron')).toBe('145');
    expect(nodeAbi.getAbi(process.versions.node, 'node')).toBe(process.versions.modules);
  });
});
