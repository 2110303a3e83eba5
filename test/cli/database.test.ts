// The commands converted to the storage interface take `--database postgres://…` (or
// LIFA_DATABASE_URL) in place of `--data`: `lifa user add`, `user signout`, `grant` and `verify` run
// against a real PostgreSQL and what they did is read back from it; a URL of another kind, or a
// server that does not answer, is refused in one line with exit code 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens.ts';
import { createDraft } from '../../server/drafts.ts';
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import type { PostgresStorage } from '../../server/storage/postgres/storage.ts';
import { lawText } from '../integration/helpers.ts';
import { lifa } from '../helpers/cli.ts';
import { postgresDatabase } from '../helpers/services.ts';

describe('CLI commands on PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let storage: PostgresStorage;
  beforeAll(async () => {
    database = await postgresDatabase();
    storage = await openPostgresStorage(database.url);
  });
  afterAll(async () => {
    await storage?.close();
    await database?.drop();
  });

  it('adds users, grants roles, signs users out and verifies drafts in the database the URL names', async () => {
    const added = lifa(
      ['user', 'add', 'ana', '--password-stdin', '--admin', '--database', database.url],
      's3cret\n',
    );
    expect(added).toMatchObject({ status: 0, stdout: 'created user ana (admin)\n', stderr: '' });
    const ana = (await storage.users.credentials('ana'))!;
    expect(ana).toMatchObject({ username: 'ana', isAdmin: true });
    expect(ana.passwordHash).toMatch(/^scrypt\$/);
    // LIFA_DATABASE_URL does what --database does.
    const env = { LIFA_DATABASE_URL: database.url };
    expect(lifa(['user', 'add', 'ben', '--password-stdin'], 'pw\n', env).status).toBe(0);
    expect(lifa(['user', 'add', 'ben', '--password-stdin'], 'pw\n', env)).toMatchObject({
      status: 2,
      stderr: 'lifa: user ben already exists\n',
    });

    const { draft } = await createDraft(storage, { text: lawText(3), ownerId: ana.id });
    expect(lifa(['grant', 'ben', draft.id, 'reviewer'], '', env)).toMatchObject({
      status: 0,
      stdout: `ben is now reviewer of ${draft.id}\n`,
    });
    const ben = (await storage.users.byName('ben'))!;
    expect(await storage.memberships.get(draft.id, ben.id)).toBe('reviewer');
    expect(lifa(['grant', 'ben', 'nodraft000', 'reviewer'], '', env)).toMatchObject({
      status: 2,
      stderr: 'lifa: no draft nodraft000\n',
    });

    await storage.sessions.create(hashToken('a'.repeat(43)), ben.id, Date.now() + 60_000);
    await storage.sessions.create(hashToken('b'.repeat(43)), ben.id, Date.now() + 60_000);
    expect(lifa(['user', 'signout', 'ben'], '', env)).toMatchObject({
      status: 0,
      stdout: 'signed out ben: 2 sessions ended\n',
    });
    expect(await storage.sessions.lookup(hashToken('a'.repeat(43)))).toBeUndefined();

    const head = await storage.record.head(draft.id);
    const verified = lifa(['verify', '--database', database.url]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`${draft.id}  ok  ${head.seq} entries`);
    await storage.pool.query('UPDATE record_entries SET data = $1 WHERE draft_id = $2 AND seq = 1', [
      Buffer.of(42),
      draft.id,
    ]);
    const broken = lifa(['verify', '--draft', draft.id], '', env);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`${draft.id}  BROKEN at entry 1`);
  });

  it('refuses a URL that is not postgres://, and a server that does not answer, in one line (exit 2)', () => {
    expect(lifa(['user', 'signout', 'ana', '--database', 'mysql://x'])).toMatchObject({
      status: 2,
      stderr: 'lifa: --database must be a postgres:// URL, not "mysql://x"\n',
    });
    const down = lifa(['grant', 'ana', 'd1', 'viewer', '--database', 'postgres://postgres@127.0.0.1:1/x']);
    expect(down.status).toBe(2);
    expect(down.stderr).toMatch(/^lifa: cannot open the PostgreSQL database: [^\n]+\n$/);
  });
});
