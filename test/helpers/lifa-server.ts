// A real `lifa serve` for browser tests: a fresh data folder, users made with `lifa user add`, the
// server started as a child process on a free port, and a small API client to set drafts up.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lifa, projectPath } from './cli.ts';

/// A user of the test server: name, password and role-independent account.
export interface TestUser {
  readonly username: string;
  readonly password: string;
  readonly admin?: boolean;
}

/// A running test server.
export interface LifaTestServer {
  readonly url: string;
  readonly dataDir: string;
  /// Sign `username` in and return the session (`{token, user}`).
  signIn(username: string): Promise<{ token: string; user: { username: string } }>;
  /// Call the JSON API as `username`. Throws on a non-2xx answer.
  api<T = unknown>(username: string, method: string, path: string, body?: unknown): Promise<T>;
  /// The live draft as plain text (`export?format=txt`), as `username` sees it.
  draftText(username: string, draftId: string): Promise<string>;
  stop(): Promise<void>;
}

/// Start `lifa serve --port 0` on a fresh data folder with `users` (the first one an admin by default),
/// and `serveArgs` after the command's own. The public form's proof of work is off unless `serveArgs`
/// turn it on (`--public-proof on`): tests that post public comments do so as scripts.
export async function startLifaServer(
  users: readonly TestUser[],
  serveArgs: readonly string[] = [],
): Promise<LifaTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lifa-e2e-'));
  for (const user of users) {
    const args = ['user', 'add', user.username, '--password-stdin', '--data', dataDir];
    if (user.admin) args.push('--admin');
    const run = lifa(args, `${user.password}\n`);
    if (run.status !== 0) throw new Error(`lifa user add ${user.username} failed: ${run.stderr}`);
  }
  const child = spawn(
    process.execPath,
    [
      'bin/lifa.js',
      'serve',
      '--port',
      '0',
      '--data',
      dataDir,
      '--log-level',
      'warn',
      ...(serveArgs.includes('--public-proof') ? [] : ['--public-proof', 'off']),
      ...serveArgs,
    ],
    {
      cwd: projectPath('.'),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await listeningUrl(child);
  const passwords = new Map(users.map((u) => [u.username, u.password]));
  const sessions = new Map<string, string>();

  const request = async (token: string | null, method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };

  const server: LifaTestServer = {
    url,
    dataDir,
    async signIn(username) {
      const response = await request(null, 'POST', '/api/session', {
        username,
        password: passwords.get(username),
      });
      const session = (await response.json()) as { token: string; user: { username: string } };
      sessions.set(username, session.token);
      return session;
    },
    async api<T>(username: string, method: string, path: string, body?: unknown) {
      const token = sessions.get(username) ?? (await server.signIn(username)).token;
      const response = await request(token, method, path, body);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
    async draftText(username, draftId) {
      const token = sessions.get(username) ?? (await server.signIn(username)).token;
      return (await request(token, 'GET', `/api/drafts/${draftId}/export?format=txt`)).text();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/// The URL `lifa serve` child `child` prints once it listens; rejects when it exits first or takes
/// over 30 s (with what it wrote on stderr).
export function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`lifa serve did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /lifa: listening on (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lifa serve exited with ${code}: ${err}`));
    });
  });
}
