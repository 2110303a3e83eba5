import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connections, ConnectionError, signInToTeamServer, teamServerOrigin } from '../../main/connection.ts';
import type { TokenVault } from '../../main/connection.ts';
import { SettingsStore } from '../../main/settings.ts';
import { createServer } from '../../server/app.ts';
import type { LifaServer } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/password.ts';

/// A vault that "encrypts" by reversing; `available` says whether encryption works.
function vault(available = true): TokenVault {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from([...plain].reverse().join('')),
    decryptString: (encrypted) => [...encrypted.toString()].reverse().join(''),
  };
}

const local = { url: 'http://127.0.0.1:40000', token: 'local-token-local-token', username: 'local' };
let team: LifaServer;

beforeAll(async () => {
  team = await createServer({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'lifa-team-')),
    seedDir: null,
    rendererDir: null,
    logger: false,
  });
  await team.store.users.create('wang', await hashPassword('correct horse'), false);
});
afterAll(() => team.close());

describe('teamServerOrigin', () => {
  it('takes https, and http on loopback only', () => {
    expect(teamServerOrigin('https://lifa.example.org/drafts/x')).toBe('https://lifa.example.org');
    expect(teamServerOrigin(' http://127.0.0.1:4321 ')).toBe('http://127.0.0.1:4321');
    expect(teamServerOrigin('http://localhost:4321')).toBe('http://localhost:4321');
    expect(() => teamServerOrigin('http://lifa.example.org')).toThrow(/https/);
    expect(() => teamServerOrigin('ftp://lifa.example.org')).toThrow(ConnectionError);
    expect(() => teamServerOrigin('lifa.example.org')).toThrow(ConnectionError);
    expect(() => teamServerOrigin('https://u:p@lifa.example.org')).toThrow(/password/);
  });
});

describe('signInToTeamServer', () => {
  it('signs in to a real server', async () => {
    const session = await signInToTeamServer(team.url, 'wang', 'correct horse');
    expect(session.username).toBe('wang');
    const me = await fetch(`${team.url}/api/session`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(me.status).toBe(200);
  });
  it('says why a sign-in failed', async () => {
    await expect(signInToTeamServer(team.url, 'wang', 'wrong')).rejects.toThrow(/wrong username or password/);
    await expect(signInToTeamServer('http://127.0.0.1:9', 'wang', 'x', fetch, 2000)).rejects.toThrow(
      /Cannot reach/,
    );
  });
});

describe('Connections', () => {
  it('is local by default, with the local owner token', () => {
    const connections = new Connections(
      local,
      new SettingsStore(mkdtempSync(join(tmpdir(), 'lifa-c-'))),
      vault(),
    );
    expect(connections.current()).toEqual({ kind: 'local', ...local });
    expect(connections.teamOrigin()).toBeUndefined();
  });

  it('connects to a team server, remembers it per profile with the token encrypted, and switches back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifa-c-'));
    const store = new SettingsStore(dir);
    const connections = new Connections(local, store, vault());
    const connected = await connections.connectTeam({
      url: team.url,
      username: 'wang',
      password: 'correct horse',
    });
    expect(connected).toMatchObject({ kind: 'team', url: team.url, username: 'wang' });
    expect(connected.token).toBeTruthy();
    const saved = new SettingsStore(dir).value.teamServer!;
    expect(saved.url).toBe(team.url);
    expect(saved.encryptedToken).toBeTruthy();
    expect(JSON.stringify(new SettingsStore(dir).value)).not.toContain(connected.token!);

    // A later run of the same profile is on the team server with the same session.
    const later = new Connections(local, new SettingsStore(dir), vault());
    expect(later.current()).toEqual(connected);
    expect(later.teamOrigin()).toBe(team.url);

    // Another profile is not.
    expect(
      new Connections(local, new SettingsStore(mkdtempSync(join(tmpdir(), 'lifa-c-'))), vault()).current()
        .kind,
    ).toBe('local');

    expect(await later.useLocal()).toEqual({ kind: 'local', ...local });
    expect(new SettingsStore(dir).value.teamServer).toBeUndefined();
    const ended = await fetch(`${team.url}/api/session`, {
      headers: { authorization: `Bearer ${connected.token}` },
    });
    expect(ended.status).toBe(401);
  });

  it('keeps the token for this run only when there is no encryption', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifa-c-'));
    const connections = new Connections(local, new SettingsStore(dir), vault(false));
    const connected = await connections.connectTeam({
      url: team.url,
      username: 'wang',
      password: 'correct horse',
    });
    expect(connected.token).toBeTruthy();
    expect(new SettingsStore(dir).value.teamServer?.encryptedToken).toBeUndefined();
    const later = new Connections(local, new SettingsStore(dir), vault(false)).current();
    expect(later).toEqual({ kind: 'team', url: team.url, username: 'wang' });
  });

  it('changes nothing when the sign-in fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifa-c-'));
    const connections = new Connections(local, new SettingsStore(dir), vault());
    await expect(
      connections.connectTeam({ url: team.url, username: 'wang', password: 'nope' }),
    ).rejects.toThrow(ConnectionError);
    await expect(
      connections.connectTeam({ url: 'http://example.org', username: 'wang', password: 'x' }),
    ).rejects.toThrow(/https/);
    expect(connections.current().kind).toBe('local');
  });
});
