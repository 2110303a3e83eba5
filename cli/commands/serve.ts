/// `lifa serve [--host H] [--port P] [--data DIR] [--database postgres://…] [--redis redis://…] [--local]
/// [--public-proof on|off] [--trust-proxy [PROXIES]] [--allowed-origin ORIGIN…] [--max-articles N]
/// [--max-draft-bytes N] [--max-drafts-per-user N]`:
/// run the collaboration server until SIGINT or SIGTERM. Settings also come from LIFA_HOST, LIFA_PORT,
/// LIFA_DATA, LIFA_DATABASE_URL, LIFA_REDIS_URL, LIFA_LOCAL, LIFA_LOG_LEVEL, LIFA_PUBLIC_PROOF, LIFA_TRUST_PROXY, LIFA_ALLOWED_ORIGINS
/// (comma-separated), LIFA_MAX_ARTICLES, LIFA_MAX_DRAFT_BYTES and LIFA_MAX_DRAFTS_PER_USER (flags win). Standard output carries only machine-readable lines
/// (`lifa: listening on URL`, and in local mode `lifa: token TOKEN`); logs (pino JSON) go to stderr.
import type { Command } from 'commander';
import { isOriginPattern } from '../../server/http/security.ts';
import { CliError } from '../errors.ts';
import { databaseHelp } from '../storage.ts';
import { databaseUrlOption } from './migrate.ts';

/// The default data folder.
export const defaultDataDir = '.lifa-data';

/// `--data`, else LIFA_DATA, else the default folder.
export function dataDirOption(value: string | undefined): string {
  const dir = value ?? process.env.LIFA_DATA ?? defaultDataDir;
  if (!dir.trim()) throw new CliError('--data must name a folder');
  return dir;
}

function portOption(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new CliError(`--port must be 0–65535, not "${value}"`);
  return Number(value);
}

function flag(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

// `--trust-proxy` alone (or true/yes/1) trusts every proxy; a comma-separated list of addresses or CIDR
// ranges trusts those; false/no/0 none.
function trustProxyOption(value: string | boolean | undefined): boolean | string {
  if (value === undefined || value === false) return false;
  if (value === true || /^(1|true|yes|on)$/i.test(value.trim())) return true;
  if (/^(0|false|no|off)$/i.test(value.trim())) return false;
  const entries = value.split(',').map((entry) => entry.trim());
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/\d{1,3})?$/i;
  if (entries.length === 0 || !entries.every((entry) => address.test(entry) || entry === 'loopback')) {
    throw new CliError(
      `--trust-proxy takes nothing, true/false, or proxy addresses (a.b.c.d[/bits],…), not "${value}"`,
    );
  }
  return entries.join(',');
}

function countOption(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) {
    throw new CliError(`${flag} must be a whole number of at least 1, not "${value}"`);
  }
  return Number(value);
}

function originsOption(values: readonly string[]): string[] {
  for (const origin of values) {
    if (!isOriginPattern(origin)) {
      throw new CliError(
        `--allowed-origin must be scheme://host[:port] (or :* for any port), not "${origin}"`,
      );
    }
  }
  return [...values];
}

/// Register `lifa serve`.
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the collaboration server (HTTP API, sync endpoint, the app)')
    .option('--host <host>', 'address to listen on (env LIFA_HOST; default 127.0.0.1)')
    .option('--port <port>', 'port, 0 for any free one (env LIFA_PORT; default 4321)')
    .option('--data <dir>', `folder of the database (env LIFA_DATA; default ${defaultDataDir})`)
    .option('--database <url>', databaseHelp)
    .option(
      '--redis <url>',
      'Redis, redis://…, shared by several processes on one --database: updates, presence, comment events and rate limits cross between them (env LIFA_REDIS_URL)',
    )
    .option(
      '--local',
      'local mode for the desktop app: loopback only, one local owner, token printed (env LIFA_LOCAL)',
    )
    .option(
      '--public-proof <on|off>',
      'the proof-of-work check of the public comment form (env LIFA_PUBLIC_PROOF; default on)',
    )
    .option(
      '--log-level <level>',
      'log level: fatal|error|warn|info|debug|trace|silent (env LIFA_LOG_LEVEL; default info)',
    )
    .option(
      '--trust-proxy [proxies]',
      'behind a reverse proxy: take client addresses from X-Forwarded-For, from any proxy or only the listed addresses/CIDRs (env LIFA_TRUST_PROXY; default off)',
    )
    .option(
      '--allowed-origin <origin...>',
      "origins (scheme://host[:port], :* for any port) whose pages may open websockets and event streams, besides the server's own (env LIFA_ALLOWED_ORIGINS)",
    )
    .option(
      '--max-articles <n>',
      'most articles an imported draft may have (env LIFA_MAX_ARTICLES; default 5000)',
    )
    .option(
      '--max-draft-bytes <n>',
      'largest imported text in bytes (env LIFA_MAX_DRAFT_BYTES; default 8388608, 8 MiB)',
    )
    .option(
      '--max-drafts-per-user <n>',
      'most drafts a user (not an admin) may create (env LIFA_MAX_DRAFTS_PER_USER; default 1000)',
    )
    .action(
      async (options: {
        host?: string;
        port?: string;
        data?: string;
        database?: string;
        redis?: string;
        local?: boolean;
        logLevel?: string;
        publicProof?: string;
        trustProxy?: string | boolean;
        allowedOrigin?: string[];
        maxArticles?: string;
        maxDraftBytes?: string;
        maxDraftsPerUser?: string;
      }) => {
        const host = options.host ?? process.env.LIFA_HOST ?? '127.0.0.1';
        const port = portOption(options.port ?? process.env.LIFA_PORT ?? '4321');
        const dataDir = dataDirOption(options.data);
        const databaseUrl = databaseUrlOption(options.database);
        if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl))
          throw new CliError(`--database must be a postgres:// URL, not "${databaseUrl}"`);
        const redisValue = options.redis ?? process.env.LIFA_REDIS_URL;
        const redisUrl = redisValue?.trim() ? redisValue.trim() : undefined;
        if (redisUrl !== undefined && !/^rediss?:\/\/\S+$/i.test(redisUrl))
          throw new CliError(`--redis must be a redis:// URL, not "${redisUrl}"`);
        if (redisUrl !== undefined && databaseUrl === undefined)
          throw new CliError(
            '--redis is for several processes on one PostgreSQL database: give --database postgres://… too',
          );
        const local = options.local ?? flag(process.env.LIFA_LOCAL);
        const level = options.logLevel ?? process.env.LIFA_LOG_LEVEL ?? 'info';
        if (!levels.includes(level))
          throw new CliError(`--log-level must be one of ${levels.join('|')}, not "${level}"`);
        const proof = (options.publicProof ?? process.env.LIFA_PUBLIC_PROOF ?? 'on').trim().toLowerCase();
        if (proof !== 'on' && proof !== 'off')
          throw new CliError(`--public-proof must be on or off, not "${options.publicProof ?? proof}"`);
        const env = process.env;
        const trustProxy = trustProxyOption(options.trustProxy ?? env.LIFA_TRUST_PROXY);
        const allowedOrigins = originsOption(
          options.allowedOrigin ??
            env.LIFA_ALLOWED_ORIGINS?.split(',')
              .map((o) => o.trim())
              .filter(Boolean) ??
            [],
        );
        const drafts = Object.fromEntries(
          (
            [
              ['maxArticles', '--max-articles', options.maxArticles ?? env.LIFA_MAX_ARTICLES],
              ['maxDraftBytes', '--max-draft-bytes', options.maxDraftBytes ?? env.LIFA_MAX_DRAFT_BYTES],
              [
                'maxDraftsPerUser',
                '--max-drafts-per-user',
                options.maxDraftsPerUser ?? env.LIFA_MAX_DRAFTS_PER_USER,
              ],
            ] as const
          )
            .map(([key, flag, value]) => [key, countOption(flag, value)] as const)
            .filter(([, value]) => value !== undefined),
        );

        const [{ createServer, ServiceError }, { pino }] = await Promise.all([
          import('../../server/app.ts'),
          import('pino'),
        ]);
        const logger = pino({ level }, pino.destination(2));
        let server;
        try {
          server = await createServer({
            host,
            port,
            dataDir,
            databaseUrl,
            redisUrl,
            local,
            logger,
            publicProof: proof === 'off' ? 'off' : undefined,
            trustProxy,
            allowedOrigins,
            drafts,
          });
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (error instanceof RangeError || error instanceof ServiceError) throw new CliError(error.message);
          if (code === 'EADDRINUSE')
            throw new CliError(`cannot listen on ${host}:${port}: address in use`, 1);
          if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
            throw new CliError(`cannot listen on ${host}: no such address`);
          if (code === 'EACCES') throw new CliError(`cannot listen on ${host}:${port}: permission denied`, 1);
          throw error;
        }
        process.stdout.write(`lifa: listening on ${server.url}\n`);
        if (server.token) process.stdout.write(`lifa: token ${server.token}\n`);
        const running = server;
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            logger.info({ signal }, 'shutting down');
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            running.close().then(resolve, (error: unknown) => {
              logger.error({ err: error }, 'shutdown failed');
              resolve();
            });
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
}
