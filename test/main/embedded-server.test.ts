import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedServer } from '../../main/embedded-server.ts';
import type { EmbeddedServer } from '../../main/embedded-server.ts';
import { projectPath } from '../helpers/cli.ts';

const running: EmbeddedServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(userData: string): Promise<EmbeddedServer> {
  const server = await startEmbeddedServer({
    userData,
    rendererDir: null,
    seedDir: projectPath('drafts'),
    logger: false,
  });
  running.push(server);
  return server;
}

const seedCount = readdirSync(projectPath('drafts')).filter((name) => name.endsWith('.law.txt')).length;

describe('the embedded server', () => {
  it('listens on loopback on a random port, with SQLite in the user-data folder', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'lifa-embedded-'));
    const server = await start(userData);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toBe('http://127.0.0.1:4321');
    expect(readdirSync(join(userData, 'data'))).toContain('lifa.sqlite');
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('signs the window in as the one local owner, and seeds the drafts on first run', async () => {
    const server = await start(mkdtempSync(join(tmpdir(), 'lifa-embedded-')));
    const auth = { authorization: `Bearer ${server.token}` };
    const session = await fetch(`${server.url}/api/session`, { headers: auth });
    expect(await session.json()).toMatchObject({ user: { username: 'local', isAdmin: true } });
    expect(server.username).toBe('local');
    const drafts = (await (await fetch(`${server.url}/api/drafts`, { headers: auth })).json()) as unknown[];
    expect(drafts).toHaveLength(seedCount);
    expect((await fetch(`${server.url}/api/drafts`)).status).toBe(401);
  });

  it('keeps the drafts across restarts and seeds only once, with a fresh token each time', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'lifa-embedded-'));
    const first = await start(userData);
    const firstToken = first.token;
    await first.close();
    await first.close();
    await expect(fetch(`${first.url}/api/health`)).rejects.toThrow();
    const second = await start(userData);
    expect(second.token).not.toBe(firstToken);
    const drafts = (await (
      await fetch(`${second.url}/api/drafts`, { headers: { authorization: `Bearer ${second.token}` } })
    ).json()) as unknown[];
    expect(drafts).toHaveLength(seedCount);
  });
});
