// The commands that open storage take `--database postgres://…` (or LIFA_DATABASE_URL) in place of
// `--data`: `lifa user add`, `user signout`, `grant`, `verify`, `comments import` (with the files the
// comments name, whose bytes go into PostgreSQL), `comments cluster` and `summary` run against a real
// PostgreSQL and what they did is read back from it; a URL of another kind, or a server that does not
// answer, is refused in one line with exit code 2.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens.ts';
import { createDraft } from '../../server/drafts.ts';
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import type { PostgresStorage } from '../../server/storage/postgres/storage.ts';
import { lawText } from '../integration/helpers.ts';
import { lifa } from '../helpers/cli.ts';
import { pdfFile } from '../helpers/attachment-files.ts';
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

  it('imports comments with their files, clusters them and writes the summary in the database the URL names', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'lifa-cli-pg-'));
    try {
      const { draft } = await createDraft(storage, { text: lawText(4) });
      writeFileSync(join(scratch, 'letter.pdf'), await pdfFile(['Article 2 should be deleted, we write.']));
      const letter = 'We ask that Article 2 be deleted: it burdens small operators for no gain.';
      const lines = ['id,article,name,text,attachments'];
      for (let i = 0; i < 6; i++) lines.push(`c${i},2,Signer ${i},"${letter}",`);
      lines.push('own,,Filer,See my letter.,letter.pdf');
      const csv = join(scratch, 'comments.csv');
      writeFileSync(csv, lines.join('\n') + '\n');
      // An empty --data folder: nothing may land there, everything goes to PostgreSQL.
      const data = join(scratch, 'data');
      const env = { LIFA_DATABASE_URL: database.url };
      const imported = lifa(['comments', 'import', csv, '--draft', draft.id, '--data', data], '', env);
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toBe(
        `imported 7 comments into ${draft.id} (6 on articles, 1 on the draft as a whole, 0 withdrawn); 0 already there\n` +
          'attached 1 files (0 already there); attachments of the draft: 1 read, 0 unreadable, 0 images not read\n',
      );
      const own = (await storage.comments.byExternalId(draft.id, 'own'))!;
      const [file] = await storage.attachments.ofComment(own);
      expect(file).toMatchObject({ fileName: 'letter.pdf', state: 'read' });
      expect(await storage.blobs.has(file.sha256)).toBe(true);
      expect(existsSync(data)).toBe(false);
      expect(
        lifa(['comments', 'import', csv, '--draft', draft.id, '--database', database.url]).stdout,
      ).toContain('0 comments into');

      const clustered = lifa([
        'comments',
        'cluster',
        '--draft',
        draft.id,
        '--json',
        '--database',
        database.url,
      ]);
      expect(clustered.status).toBe(0);
      const clusters = (JSON.parse(clustered.stdout) as { clusters: { size: number }[] }).clusters;
      expect(clusters.map((c) => c.size)).toEqual([6, 1]);
      expect(await storage.clusters.info(draft.id)).toMatchObject({ comments: 7 });

      const out = join(scratch, 'summary.csv');
      const summary = lifa(['summary', '--draft', draft.id, '--out', out], '', env);
      expect(summary.status).toBe(0);
      expect(summary.stderr).toBe('7 comments, 2 after clustering, 0 decided\n');
      const rows = parse(readFileSync(out, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(7);
      expect(rows.find((r) => r.external_id === 'own')).toMatchObject({ attachments: 'letter.pdf (read)' });
      const md = lifa(['summary', '--draft', draft.id, '--format', 'md'], '', env);
      expect(md.stdout).toContain('burdens small operators');
      expect(lifa(['summary', '--draft', 'nodraft000'], '', env)).toMatchObject({
        status: 2,
        stderr: 'lifa: no draft nodraft000\n',
      });
      expect((await storage.audit.forDraft(draft.id)).map((e) => e.action)).toEqual(
        expect.arrayContaining(['comments.import', 'clusters.run', 'summary.export']),
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('refuses a URL that is not postgres://, and a server that does not answer, in one line (exit 2)', () => {
    for (const args of [
      [
        'comments',
        'import',
        fileURLToPath(new URL('../fixtures/comments/cms-2022-0163.comments.jsonl', import.meta.url)),
        '--draft',
        'd1',
      ],
      ['comments', 'cluster', '--draft', 'd1'],
      ['summary', '--draft', 'd1'],
    ]) {
      expect(lifa([...args, '--database', 'mysql://x'])).toMatchObject({
        status: 2,
        stderr: 'lifa: --database must be a postgres:// URL, not "mysql://x"\n',
      });
    }

    expect(lifa(['user', 'signout', 'ana', '--database', 'mysql://x'])).toMatchObject({
      status: 2,
      stderr: 'lifa: --database must be a postgres:// URL, not "mysql://x"\n',
    });
    const down = lifa(['grant', 'ana', 'd1', 'viewer', '--database', 'postgres://postgres@127.0.0.1:1/x']);
    expect(down.status).toBe(2);
    expect(down.stderr).toMatch(/^lifa: cannot open the PostgreSQL database: [^\n]+\n$/);
  });
});
