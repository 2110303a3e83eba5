// `lifa serve --database … --redis …` refuses bad input at start in one line (exit 2): a URL of the
// wrong kind, Redis without PostgreSQL, a PostgreSQL or a Redis that does not answer. And with Redis,
// limits hold across processes: new sync connections from one address are counted by every server
// together, not by each alone.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createServer } from '../../server/app.ts';
import type { LifaServer } from '../../server/app.ts';
import { startSession } from '../../server/auth/sessions.ts';
import { createDraft } from '../../server/drafts.ts';
import { closeCodes } from '../../server/sync/protocol.ts';
import { lifa } from '../helpers/cli.ts';
import { freePort, postgresDatabase, startRedis } from '../helpers/services.ts';
import type { RedisServer } from '../helpers/services.ts';
import { lawText, tempDir } from '../integration/helpers.ts';

const temp = tempDir();
afterAll(() => temp.remove());

describe('lifa serve with PostgreSQL and Redis, at start', () => {
  let database: { url: string; drop(): Promise<void> };
  let redis: RedisServer;
  beforeAll(async () => {
    [database, redis] = await Promise.all([postgresDatabase(), startRedis()]);
  });
  afterAll(async () => {
    await redis?.stop();
    await database?.drop();
  });

  it('refuses bad URLs and services that do not answer in one line, exit 2', async () => {
    const serve = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      lifa(['serve', '--port', '0', '--data', temp.dir, ...args], '', env);
    const closedPort = await freePort();
    const cases: Array<[string[], NodeJS.ProcessEnv, string]> = [
      [
        ['--database', 'mysql://db/lifa'],
        {},
        'lifa: --database must be a postgres:// URL, not "mysql://db/lifa"\n',
      ],
      [[], { LIFA_DATABASE_URL: 'sqlite:x' }, 'lifa: --database must be a postgres:// URL, not "sqlite:x"\n'],
      [
        ['--redis', redis.url],
        {},
        'lifa: --redis is for several processes on one PostgreSQL database: give --database postgres://… too\n',
      ],
      [
        ['--database', database.url, '--redis', 'http://127.0.0.1:6379'],
        {},
        'lifa: --redis must be a redis:// URL, not "http://127.0.0.1:6379"\n',
      ],
      [
        ['--database', `postgres://postgres@127.0.0.1:${closedPort}/lifa`],
        {},
        `lifa: cannot open the PostgreSQL database: connect ECONNREFUSED 127.0.0.1:${closedPort}\n`,
      ],
      [
        ['--database', database.url],
        { LIFA_REDIS_URL: `redis://127.0.0.1:${closedPort}` },
        `lifa: cannot reach Redis at redis://127.0.0.1:${closedPort}: connect ECONNREFUSED 127.0.0.1:${closedPort}\n`,
      ],
    ];
    for (const [args, env, stderr] of cases) {
      expect(serve(args, env)).toMatchObject({ status: 2, stdout: '', stderr });
    }
  });

  it('counts new sync connections from one address across processes', async () => {
    const options = {
      port: 0,
      databaseUrl: database.url,
      redisUrl: redis.url,
      logger: pino({ level: 'silent' }),
      seedDir: null,
      rendererDir: null,
      limits: { newConnectionsPerMinute: 4 },
    };
    const servers: LifaServer[] = [];
    try {
      servers.push(await createServer(options), await createServer(options));
      const store = servers[0].store;
      const user = await store.users.create('amina', 'hash', true);
      const token = await startSession(store, user);
      const { draft } = await createDraft(store, { text: lawText(2) });
      // Alternating between the two servers: each alone would let 4 through, together 4 in all.
      const outcomes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const server = servers[i % 2];
        const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${draft.id}?token=${token}`);
        outcomes.push(
          await new Promise<number>((resolve) => {
            socket.once('message', () => {
              resolve(0); // admitted: the server sent its first sync message
              socket.close();
            });
            socket.once('close', (code) => resolve(code));
          }),
        );
      }
      expect(outcomes).toEqual([0, 0, 0, 0, closeCodes.tryAgainLater, closeCodes.tryAgainLater]);
    } finally {
      for (const server of servers) await server.close();
    }
  });
});
