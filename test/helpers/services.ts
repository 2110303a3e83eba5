// Throwaway PostgreSQL and Redis for tests and benchmarks: real servers from the Debian packages,
// started under a temp folder on free loopback ports and torn down afterwards. Nothing is shared
// with anything else on the machine.
//
// PostgreSQL: `initdb` refuses to run as root, so when we are root the cluster is made and run as the
// `postgres` user. A cluster costs a few seconds to make, so test files share one per vitest run
// (started on first use; test/helpers/services-setup.ts stops it when the run ends) and each gets a
// fresh database in it (postgresDatabase). Tests that stop PostgreSQL on purpose start their own
// (startPostgres). Redis starts in milliseconds: each caller gets its own (startRedis).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/// A free TCP port on 127.0.0.1 (free when asked; the caller binds it at once).
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/// The folder of the PostgreSQL programs: LIFA_PG_BIN, else the newest /usr/lib/postgresql/N/bin.
export function postgresBin(): string {
  if (process.env.LIFA_PG_BIN) return process.env.LIFA_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  return join(root, versions[0], 'bin');
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// Run a PostgreSQL program, as the postgres user when we are root. Throws with its output on failure.
function runPg(program: string, args: readonly string[]): void {
  const file = join(postgresBin(), program);
  const run = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', file, ...args], { encoding: 'utf8' })
    : spawnSync(file, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${program} failed (${run.status}): ${run.stderr || run.stdout}`);
}

/// A throwaway PostgreSQL cluster.
export interface PostgresServer {
  /// URL of the `postgres` database as the `postgres` superuser (trust authentication on loopback).
  readonly url: string;
  readonly port: number;
  /// The temp folder holding the cluster (and its log, `log`).
  readonly dir: string;
  /// Stop the server (fast shutdown: open connections are cut). Its data stays for start().
  stop(): Promise<void>;
  /// Start it again on the same port after stop().
  start(): Promise<void>;
  /// Stop it and remove its folder.
  destroy(): Promise<void>;
}

/// Make and start a PostgreSQL cluster in a new temp folder on a free port. `fsync` is off unless asked
/// for: a test's data needs to survive the death of a Lifa process, not of the machine.
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lifa-pg-'));
  if (asRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const data = join(dir, 'data');
  runPg('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    `-c fsync=${options.fsync ? 'on' : 'off'}`,
    '-c max_connections=200',
    '-c shared_buffers=32MB',
  ].join(' ');
  const start = async () =>
    runPg('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = async () => runPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async stop() {
      if (!running) return;
      await stop();
      running = false;
    },
    async start() {
      if (running) return;
      await start();
      running = true;
    },
    async destroy() {
      if (running) {
        try {
          runPg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } catch {
          // Already gone.
        }
      }
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function uidOf(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}

function gidOf(user: string): number {
  return Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
}

/// The folder services-setup.ts made for this vitest run, or undefined outside vitest's run.
function runFolder(): string | undefined {
  return process.env.LIFA_TEST_SERVICES;
}

/// A fresh, empty database in the PostgreSQL cluster shared by this test run (started on first use,
/// stopped when the run ends); outside a vitest run, in a cluster of its own. `drop()` removes it
/// (and the private cluster).
export async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const shared = runFolder();
  let own: PostgresServer | undefined;
  let admin: string;
  if (shared) admin = await sharedCluster(shared);
  else admin = (own = await startPostgres()).url;
  const name = `lifa_${randomBytes(6).toString('hex')}`;
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  const url = admin.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    async drop() {
      if (own) return own.destroy();
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// The shared cluster of this run: the first worker to ask makes it (mkdir is the lock), the others
// wait for its URL file.
async function sharedCluster(folder: string): Promise<string> {
  const urlFile = join(folder, 'postgres.url');
  const lock = join(folder, 'postgres.lock');
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    // Another worker is making it.
  }
  if (mine) {
    const server = await startPostgres();
    // The worker that made it may end before the run does: services-setup.ts stops it.
    writeFileSync(join(folder, 'postgres.cluster'), server.dir);
    writeFileSync(urlFile, server.url);
    return server.url;
  }
  const deadline = Date.now() + 60_000;
  while (!existsSync(urlFile)) {
    if (Date.now() > deadline) throw new Error('the shared PostgreSQL of this test run did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return readFileSync(urlFile, 'utf8');
}

/// Stop and remove the shared cluster of the run whose folder is `folder` (services-setup.ts calls it).
export function stopSharedCluster(folder: string): void {
  const clusterFile = join(folder, 'postgres.cluster');
  if (!existsSync(clusterFile)) return;
  const dir = readFileSync(clusterFile, 'utf8');
  try {
    runPg('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } catch {
    // Already stopped.
  }
  rmSync(dir, { recursive: true, force: true });
}

/// A throwaway Redis server, a child process of this one.
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /// Kill it (SIGKILL: clients see the connection drop). Nothing is kept: it saves nothing.
  stop(): Promise<void>;
  /// Start it again on the same port.
  start(): Promise<void>;
}

/// Start `redis-server` on a free port, saving nothing to disk.
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifa-redis-'));
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (/Ready to accept connections/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${out}`));
      });
    });
    child = proc;
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start: () => (child ? Promise.resolve() : start()) };
}
