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

  it('appends to a draft log and compacts it atomically', () => {
    const storage = memory();
    storage.drafts.create('d1', 'Draft', 'zh');
    storage.updates.initialize('d1', Uint8Array.of(0, 0));
    storage.updates.append('d1', 1, Uint8Array.of(1));
    storage.updates.append('d1', 2, Uint8Array.of(2));
    expect(() => storage.updates.append('d1', 2, Uint8Array.of(3))).toThrow();
    expect(storage.updates.size('d1')).toEqual({ updates: 2, bytes: 2 });
    storage.updates.compact('d1', Uint8Array.of(9), 1);
    const loaded = storage.updates.load('d1');
    expect([...loaded.snapshot!]).toEqual([9]);
    expect(loaded.updates.map((u) => [...u])).toEqual([[2]]);
    expect(loaded.lastSeq).toBe(2);
    expect(() => storage.updates.append('nosuch', 1, Uint8Array.of(1))).toThrow();
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
    expect(storage.updates.load('d').updates.map((u) => [...u])).toEqual([[1], [2]]);
    storage.updates.append('d', storage.updates.load('d').lastSeq + 1, Uint8Array.of(3));
    expect(storage.updates.size('d').updates).toBe(3);
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
    for (let seq = 1; seq <= 3000; seq++)
      storage.updates.append('d', seq, new Uint8Array(200).fill(seq % 256));
    const deadline = Date.now() + 5000;
    while (statSync(file).size < before + 500_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    storage.close();
    const again = openStorage(dir);
    expect(again.updates.size('d').updates).toBe(3000);
    again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
