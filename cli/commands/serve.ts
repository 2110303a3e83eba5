/// `lifa serve [--host H] [--port P] [--data DIR] [--local] [--public-proof on|off]`: run the
/// collaboration server until SIGINT or SIGTERM. Settings also come from LIFA_HOST, LIFA_PORT,
/// LIFA_DATA, LIFA_LOCAL, LIFA_LOG_LEVEL and LIFA_PUBLIC_PROOF (flags win). Standard output carries only machine-readable lines
/// (`lifa: listening on URL`, and in local mode `lifa: token TOKEN`); logs (pino JSON) go to stderr.
import type { Command } from 'commander';
import { CliError } from '../errors.ts';

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

/// Register `lifa serve`.
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the collaboration server (HTTP API, sync endpoint, the app)')
    .option('--host <host>', 'address to listen on (env LIFA_HOST; default 127.0.0.1)')
    .option('--port <port>', 'port, 0 for any free one (env LIFA_PORT; default 4321)')
    .option('--data <dir>', `folder of the database (env LIFA_DATA; default ${defaultDataDir})`)
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
    .action(
      async (options: {
        host?: string;
        port?: string;
        data?: string;
        local?: boolean;
        logLevel?: string;
        publicProof?: string;
      }) => {
        const host = options.host ?? process.env.LIFA_HOST ?? '127.0.0.1';
        const port = portOption(options.port ?? process.env.LIFA_PORT ?? '4321');
        const dataDir = dataDirOption(options.data);
        const local = options.local ?? flag(process.env.LIFA_LOCAL);
        const level = options.logLevel ?? process.env.LIFA_LOG_LEVEL ?? 'info';
        if (!levels.includes(level))
          throw new CliError(`--log-level must be one of ${levels.join('|')}, not "${level}"`);
        const proof = (options.publicProof ?? process.env.LIFA_PUBLIC_PROOF ?? 'on').trim().toLowerCase();
        if (proof !== 'on' && proof !== 'off')
          throw new CliError(`--public-proof must be on or off, not "${options.publicProof ?? proof}"`);

        const [{ createServer }, { pino }] = await Promise.all([
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
            local,
            logger,
            publicProof: proof === 'off' ? 'off' : undefined,
          });
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (error instanceof RangeError) throw new CliError(error.message);
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
