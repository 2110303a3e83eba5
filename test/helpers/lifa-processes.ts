// Several real `lifa serve` processes on one PostgreSQL and one Redis, and a TCP load balancer in
// front of them (round robin, no sticky sessions, a dead backend skipped), for the multi-process
// tests and bench/scale.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from './cli.ts';
import { listeningUrl } from './lifa-server.ts';

/// One running `lifa serve`.
export interface ServeProcess {
  /// `http://127.0.0.1:PORT`.
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /// What it wrote on stderr (its logs) so far.
  readonly logs: () => string;
  /// Kill it with `signal` (SIGKILL: no shutdown at all) and wait for it to exit.
  kill(signal?: NodeJS.Signals): Promise<void>;
  /// SIGTERM, then SIGKILL after 5 s; removes its data folder.
  stop(): Promise<void>;
}

/// Start `lifa serve --port 0` with `args` (for example `--database URL --redis URL`), logging at
/// `warn`, the public form's proof of work off. Resolves once it listens.
export async function startServe(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lifa-proc-'));
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
      '--public-proof',
      'off',
      ...args,
    ],
    { cwd: projectPath('.'), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await listeningUrl(child);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (exited()) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await gone;
  };
  return {
    url,
    port: Number(new URL(url).port),
    child,
    logs: () => err,
    kill,
    async stop() {
      if (!exited()) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/// A running load balancer.
export interface Balancer {
  readonly port: number;
  /// `ws://127.0.0.1:PORT`.
  readonly wsUrl: string;
  /// Close it and every connection through it.
  close(): Promise<void>;
}

/// A TCP load balancer on a free loopback port: each new connection goes to the next of
/// `backends()` (ports, asked at every connection) in turn that accepts it; one that refuses is
/// skipped, and when none accepts the client's connection is closed (clients retry).
export async function startBalancer(backends: () => readonly number[]): Promise<Balancer> {
  const open = new Set<Socket>();
  let next = 0;
  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const ports = [...backends()];
    const attempt = (tries: number) => {
      if (tries >= ports.length || client.destroyed) return client.destroy();
      const port = ports[next++ % ports.length];
      const upstream = createConnection({ host: '127.0.0.1', port });
      let connected = false;
      upstream.once('error', () => {
        if (!connected) attempt(tries + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        open.add(upstream);
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => upstream.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
