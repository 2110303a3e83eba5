// `lifa user add`, `lifa grant` and `lifa serve --local` as the commands a person runs.
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { createDraft } from '../../server/drafts.ts';
import { api, tempDir } from './helpers.ts';

const temp = tempDir();
afterAll(() => temp.remove());

const lifa = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/lifa.js', ...args], { input, encoding: 'utf8' });

describe('the server commands', () => {
  it('adds users from a password on stdin and grants roles, refusing bad input with exit code 2', async () => {
    const added = lifa(['user', 'add', 'ana', '--password-stdin', '--data', temp.dir], 's3cret\n');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(lifa(['user', 'add', 'ana', '--password-stdin', '--data', temp.dir], 'x\n')).toMatchObject({
      status: 2,
      stderr: 'lifa: user ana already exists\n',
    });
    expect(lifa(['user', 'add', 'bad name', '--password-stdin', '--data', temp.dir], 'x\n').status).toBe(2);
    expect(lifa(['user', 'add', 'ben', '--password-stdin', '--data', temp.dir], '').status).toBe(2);

    const storage = openStorage(temp.dir);
    const { draft } = await createDraft(new SqliteStorage(storage), { title: 'T', language: 'en' });
    storage.close();
    expect(lifa(['grant', 'ana', draft.id, 'reviewer', '--data', temp.dir]).status).toBe(0);
    expect(lifa(['grant', 'ana', draft.id, 'boss', '--data', temp.dir]).status).toBe(2);
    expect(lifa(['grant', 'nobody', draft.id, 'viewer', '--data', temp.dir]).status).toBe(2);
    expect(lifa(['grant', 'ana', 'nosuchdraft', 'viewer', '--data', temp.dir]).status).toBe(2);
    const after = openStorage(temp.dir);
    expect(after.memberships.list(draft.id)).toEqual([{ username: 'ana', role: 'reviewer' }]);
    after.close();
  });

  it('serves in local mode, prints the URL and a token, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['bin/lifa.js', 'serve', '--local', '--port', '0', '--data', temp.dir],
      {
        env: { ...process.env, LIFA_LOG_LEVEL: 'silent' },
      },
    );
    const lines = await new Promise<string[]>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (/lifa: token \S+\n/.test(out)) resolve(out.trim().split('\n'));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const url = /^lifa: listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0])![1];
    const token = /^lifa: token (\S+)$/.exec(lines[1])![1];
    const res = await api(url, 'GET', '/api/session', { token });
    expect(res.json).toEqual({ user: { username: 'local', isAdmin: true } });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
