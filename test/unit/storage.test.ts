import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../server/storage/database.ts';
import { migrations } from '../../server/storage/migrations.ts';
import { Storage, openStorage } from '../../server/storage/storage.ts';

const memory = () => openStorage(':memory:');

describe('storage', () => {
  it('applies every migration once and refuses a newer database', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(migrations.length);
    migrate(db);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(RangeError);
    db.close();
  });

  it('appends attributed entries to a draft record and loads them after its checkpoint, keeping every entry', () => {
    const storage = memory();
    storage.drafts.create('d1', 'Draft', 'zh');
    const record = storage.record;
    let head = record.create('d1', Uint8Array.of(0, 0), { userId: null }, 1000);
    expect(head.seq).toBe(1);
    const first = head;
    head = record.append('d1', head, Uint8Array.of(1), { userId: 7, connection: 3 }, 2000);
    head = record.append(
      'd1',
      head,
      Uint8Array.of(2),
      { userId: 8, suggestedBy: 7, kind: 'suggestion' },
      1500,
    );
    expect(head.at).toBe(2000); // times never go down along a record
    expect(() => record.append('d1', first, Uint8Array.of(3), { userId: 7 }, 3000)).toThrow(); // stale head
    expect(record.sinceCheckpoint('d1')).toEqual({ updates: 3, bytes: 4 });
    record.checkpoint('d1', Uint8Array.of(9), { ...head, seq: 2 });
    const loaded = record.load('d1');
    expect([...loaded.checkpoint!]).toEqual([9]);
    expect(loaded.checkpointSeq).toBe(2);
    expect(loaded.updates.map((u) => [...u])).toEqual([[2]]);
    expect(loaded.head.seq).toBe(3);
    expect(record.entries('d1').map((e) => [e.seq, e.userId, e.suggestedBy, e.connection, e.kind])).toEqual([
      [1, null, null, null, 'create'],
      [2, 7, null, 3, null],
      [3, 8, 7, null, 'suggestion'],
    ]);
    expect(record.seqAt('d1', 999)).toBe(0);
    expect(record.seqAt('d1', 1999)).toBe(1);
    expect(record.seqAt('d1', 2000)).toBe(3);
    expect(record.check('d1')).toMatchObject({ ok: true, entries: 3, head: { seq: 3 } });
    expect(() => record.create('d1', Uint8Array.of(0), { userId: null })).toThrow(RangeError);
    expect(() =>
      record.append('nosuch', record.head('nosuch'), Uint8Array.of(1), { userId: 1 }, 0),
    ).toThrow();
    storage.close();
  });

  it('lists drafts by role, admins seeing every draft as owner', () => {
    const storage = memory();
    const alice = storage.users.create('alice', 'hash');
    const admin = storage.users.create('root', 'hash', true);
    storage.drafts.create('d1', 'One', 'zh');
    storage.drafts.create('d2', 'Two', 'en');
    storage.memberships.set('d1', alice.id, 'reviewer');
    expect(storage.drafts.list(alice.id, false).map((d) => [d.id, d.role])).toEqual([['d1', 'reviewer']]);
    expect(storage.drafts.list(admin.id, true).map((d) => d.role)).toEqual(['owner', 'owner']);
    storage.drafts.softDelete('d1');
    expect(storage.drafts.list(alice.id, false)).toEqual([]);
    expect(storage.drafts.list(alice.id, false, true).map((d) => d.id)).toEqual(['d1']);
    expect(() => storage.users.create('alice', 'hash')).toThrow(RangeError);
    expect(() => storage.users.create('bad name', 'hash')).toThrow(RangeError);
    storage.close();
  });

  it('finds sessions by token hash until they expire', () => {
    const storage: Storage = memory();
    const user = storage.users.create('bob', 'hash');
    storage.sessions.create('h1', user.id, Date.now() + 1000);
    storage.sessions.create('h2', user.id, Date.now() - 1);
    expect(storage.sessions.lookup('h1')?.username).toBe('bob');
    expect(storage.sessions.lookup('h2')).toBeUndefined();
    expect(storage.sessions.purgeExpired()).toBe(1);
    expect(storage.sessions.deleteForUser(user.id)).toBe(1);
    storage.close();
  });
});

describe('migrations', () => {
  it('keeps the update log of a version 1 database through migration 2', () => {
    const db = openDatabase(':memory:', { migrations: migrations.slice(0, 1) });
    db.prepare(
      "INSERT INTO drafts (id, title, language, created_at, updated_at) VALUES ('d', 't', 'zh', 0, 0)",
    ).run();
    db.prepare("INSERT INTO draft_updates (draft_id, data) VALUES ('d', x'01'), ('d', x'02')").run();
    migrate(db);
    const storage = new Storage(db);
    expect(storage.record.load('d').updates.map((u) => [...u])).toEqual([[1], [2]]);
    storage.record.append('d', storage.record.head('d'), Uint8Array.of(3), { userId: null }, Date.now());
    expect(storage.record.sinceCheckpoint('d').updates).toBe(3);
    expect(storage.record.check('d')).toMatchObject({ ok: true, entries: 3 });
    storage.close();
  });
});

describe('background checkpoints', () => {
  it('copy the log into the database file from a worker thread', async () => {
    const { mkdtempSync, rmSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'lifa-ckpt-'));
    const storage = openStorage(dir, { backgroundCheckpoints: true });
    storage.drafts.create('d', 'Draft', 'en');
    const file = join(dir, 'lifa.sqlite');
    const before = statSync(file).size;
    let head = storage.record.head('d');
    for (let seq = 1; seq <= 3000; seq++)
      head = storage.record.append('d', head, new Uint8Array(200).fill(seq % 256), { userId: null }, seq);
    const deadline = Date.now() + 5000;
    while (statSync(file).size < before + 500_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    storage.close();
    const again = openStorage(dir);
    expect(again.record.sinceCheckpoint('d').updates).toBe(3000);
    again.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs its worker only while the database is written', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Checkpointer } = await import('../../server/storage/checkpointer.ts');
    const dir = mkdtempSync(join(tmpdir(), 'lifa-ckpt-'));
    const storage = openStorage(dir);
    storage.drafts.create('d', 'Draft', 'en');
    const errors: string[] = [];
    const checkpointer = new Checkpointer(
      join(dir, 'lifa.sqlite'),
      (message) => errors.push(message),
      50,
      400,
    );
    const until = async (running: boolean) => {
      const deadline = Date.now() + 5000;
      while (checkpointer.running !== running && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      return checkpointer.running;
    };
    expect(await until(false)).toBe(false); // nothing written since it started: let go after the idle time
    storage.drafts.create('e', 'Another', 'en');
    expect(await until(true)).toBe(true);
    expect(await until(false)).toBe(false);
    // Stopped while it runs: stop() resolves once the worker has closed its connection and ended,
    // so the folder can go at once (removing it under a live worker failed now and then).
    storage.drafts.create('f', 'A third', 'en');
    expect(await until(true)).toBe(true);
    await checkpointer.stop();
    storage.close();
    await storage.released;
    expect(errors).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
