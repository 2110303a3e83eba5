// The storage contract: one suite, run against SQLite (sqlite.test.ts) and a real PostgreSQL
// (postgres.test.ts). Whatever the code above storage relies on is asserted here, so the two engines
// cannot drift apart. Each test makes its own users and drafts (random names): the suite shares one
// database per engine.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/interface.ts';
import { emptyHead, entryHash, hashHex } from '../../server/storage/record-chain.ts';
import type { RecordHead } from '../../server/storage/record-chain.ts';

/// A storage to test and how to dispose of it.
export interface OpenedStorage {
  readonly storage: Storage;
  /// Change an entry's data behind the program's back (for the tamper test).
  tamper(draftId: string, seq: number): Promise<void>;
  dispose(): Promise<void>;
}

const unique = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;

/// Run the contract against the storage `open` gives.
export function storageContract(engine: 'sqlite' | 'postgres', open: () => Promise<OpenedStorage>): void {
  describe(`storage contract on ${engine}`, () => {
    let opened: OpenedStorage;
    let s: Storage;

    beforeAll(async () => {
      opened = await open();
      s = opened.storage;
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    const draft = async (title = 'Draft', language: 'zh' | 'en' = 'zh', now?: number) => {
      const id = unique('d');
      await s.drafts.create(id, title, language, now);
      return id;
    };
    const user = async (admin = false) => s.users.create(unique('u'), 'hash', admin);

    it('names its engine and answers a ping', async () => {
      expect(s.engine).toBe(engine);
      await expect(s.ping()).resolves.toBeUndefined();
    });

    it('keeps settings by key, replacing on set', async () => {
      const key = unique('k');
      expect(await s.meta.get(key)).toBeUndefined();
      await s.meta.set(key, 'a');
      await s.meta.set(key, 'b');
      expect(await s.meta.get(key)).toBe('b');
    });

    it('creates users once, by valid names, and signs them in through sessions that expire', async () => {
      const name = unique('用户');
      const made = await s.users.create(name, 'h1', false);
      expect(made).toEqual({ id: expect.any(Number), username: name, isAdmin: false });
      await expect(s.users.create(name, 'h2')).rejects.toThrow(/already exists/);
      await expect(s.users.create('bad name!', 'h')).rejects.toThrow(RangeError);
      expect(await s.users.byName(name)).toEqual(made);
      expect(await s.users.byId(made.id)).toEqual(made);
      expect(await s.users.byName(unique('nobody'))).toBeUndefined();
      await s.users.update(made.id, 'h3', true);
      expect(await s.users.credentials(name)).toEqual({ ...made, isAdmin: true, passwordHash: 'h3' });
      expect(await s.users.count()).toBeGreaterThanOrEqual(1);

      const token = unique('t');
      await s.sessions.create(token, made.id, 5000, 1000);
      expect(await s.sessions.lookup(token, 4999)).toEqual({ ...made, isAdmin: true });
      expect(await s.sessions.lookup(token, 5000)).toBeUndefined();
      const other = unique('t');
      await s.sessions.create(other, made.id, Number.MAX_SAFE_INTEGER);
      expect(await s.sessions.purgeExpired(6000)).toBeGreaterThanOrEqual(1);
      expect(await s.sessions.lookup(token, 1)).toBeUndefined();
      expect(await s.sessions.deleteForUser(made.id)).toBe(1);
      expect(await s.sessions.lookup(other)).toBeUndefined();
      await s.sessions.create(other, made.id, Number.MAX_SAFE_INTEGER);
      await s.sessions.delete(other);
      expect(await s.sessions.lookup(other)).toBeUndefined();
    });

    it('replaces a password hash alone, and counts the drafts each user created', async () => {
      const made = await user(true);
      await s.users.setPasswordHash(made.id, 'fresh');
      expect(await s.users.credentials(made.username)).toEqual({ ...made, passwordHash: 'fresh' });
      expect(await s.drafts.countCreatedBy(made.id)).toBe(0);
      const id = unique('d');
      await s.drafts.create(id, 'Mine', 'zh', 1000, made.id);
      await s.drafts.create(unique('d'), 'Seeded', 'zh', 1000, null);
      await s.drafts.softDelete(id);
      expect(await s.drafts.countCreatedBy(made.id)).toBe(1); // deleted ones keep their storage
    });

    it('keeps single-use tickets of a session: redeemed once, oldest dropped, purged, gone with it', async () => {
      const made = await user();
      const session = unique('s');
      await s.sessions.create(session, made.id, Number.MAX_SAFE_INTEGER);
      const grant = { sessionHash: session, draftId: 'd1', expiresAt: 5000 };
      await s.tickets.create('t1', grant);
      await s.tickets.create('t2', { ...grant, expiresAt: 9000 });
      await s.tickets.create('t3', { ...grant, expiresAt: 7000 });
      await expect(s.tickets.create('t4', { ...grant, sessionHash: unique('none') })).rejects.toThrow();
      expect(await s.tickets.countForSession(session)).toBe(3);
      expect(await s.tickets.redeem('t2')).toEqual({ ...grant, expiresAt: 9000 });
      expect(await s.tickets.redeem('t2')).toBeUndefined();
      await s.tickets.deleteOldest(session);
      expect(await s.tickets.redeem('t1')).toBeUndefined();
      expect(await s.tickets.purgeExpired(7000)).toBeGreaterThanOrEqual(1);
      expect(await s.tickets.countForSession(session)).toBe(0);
      await s.tickets.create('t5', grant);
      await s.sessions.delete(session);
      expect(await s.tickets.redeem('t5')).toBeUndefined();
    });

    it('lists drafts by role, admins seeing every draft as owner, deleted ones apart', async () => {
      const admin = await user(true);
      const member = await user();
      const a = await draft('A', 'zh', 1000);
      const b = await draft('B', 'en', 2000);
      await s.memberships.set(a, member.id, 'reviewer');
      await s.memberships.set(a, member.id, 'drafter');
      expect(await s.memberships.get(a, member.id)).toBe('drafter');
      expect((await s.drafts.list(member.id, false)).map((d) => [d.id, d.role])).toEqual([[a, 'drafter']]);
      const all = (await s.drafts.list(admin.id, true)).filter((d) => d.id === a || d.id === b);
      expect(all.map((d) => [d.id, d.role])).toEqual([
        [b, 'owner'],
        [a, 'owner'],
      ]);
      expect(await s.drafts.get(b)).toEqual({
        id: b,
        title: 'B',
        language: 'en',
        status: 'drafting',
        createdAt: 2000,
        updatedAt: 2000,
        deletedAt: null,
      });
      expect(await s.drafts.rename(a, '甲', 3000)).toBe(true);
      expect(await s.drafts.rename(unique('x'), 'x')).toBe(false);
      await s.drafts.touch(a, 2500); // never backwards
      expect((await s.drafts.get(a))?.updatedAt).toBe(3000);
      await s.drafts.touch(a, 4000);
      expect((await s.drafts.get(a))?.updatedAt).toBe(4000);
      expect(await s.drafts.softDelete(a, 5000)).toBe(true);
      expect(await s.drafts.list(member.id, false)).toEqual([]);
      expect((await s.drafts.list(member.id, false, true)).map((d) => [d.id, d.deletedAt])).toEqual([
        [a, 5000],
      ]);
      expect(await s.drafts.restore(a, 6000)).toBe(true);
      expect((await s.drafts.get(a))?.deletedAt).toBeNull();
      await expect(s.drafts.create(a, 'again', 'zh')).rejects.toThrow();
    });

    it('lists members by username, counts owners, removes roles', async () => {
      const id = await draft();
      const [x, y] = [await user(), await user()];
      await s.memberships.set(id, y.id, 'owner');
      await s.memberships.set(id, x.id, 'viewer');
      const sorted = [x, y].sort((p, q) => (p.username < q.username ? -1 : 1));
      expect(await s.memberships.list(id)).toEqual(
        sorted.map((u) => ({ username: u.username, role: u === y ? 'owner' : 'viewer' })),
      );
      expect(await s.memberships.owners(id)).toBe(1);
      expect(await s.memberships.remove(id, x.id)).toBe(true);
      expect(await s.memberships.remove(id, x.id)).toBe(false);
      expect(await s.memberships.get(id, x.id)).toBeUndefined();
      await expect(s.memberships.set(unique('nodraft'), x.id, 'viewer')).rejects.toThrow();
    });

    it('keeps the audit log newest first, and a filtered timeline oldest first with usernames', async () => {
      const id = await draft();
      const who = await user();
      await s.audit.record('draft.create', who.id, id, { title: '甲' });
      await s.audit.record('session.create', who.id, null);
      await s.audit.record('version.create', null, id);
      await s.audit.record('comment.create', who.id, id);
      const latest = await s.audit.forDraft(id, 2);
      expect(latest.map((e) => e.action)).toEqual(['comment.create', 'version.create']);
      const timeline = await s.audit.timeline(id, {
        prefixes: ['draft', 'comment'],
        actions: ['version.create'],
      });
      expect(timeline.map((e) => [e.action, e.username])).toEqual([
        ['draft.create', who.username],
        ['version.create', null],
        ['comment.create', who.username],
      ]);
      expect(timeline[0].detail).toEqual({ title: '甲' });
      expect(
        (await s.audit.timeline(id, { prefixes: ['draft'], actions: [], userId: who.id + 1000 })).length,
      ).toBe(0);
      expect(await s.audit.timeline(id, { prefixes: [], actions: [] })).toEqual([]);
    });

    it('stores versions with their state bytes, outline and record head, oldest first', async () => {
      const id = await draft();
      const author = await user();
      const head: RecordHead = { seq: 3, hash: new Uint8Array(32).fill(7), at: 1 };
      const first = await s.versions.create({
        id: unique('v'),
        draftId: id,
        label: '征求意见稿',
        authorId: author.id,
        state: Uint8Array.of(1, 2, 3),
        outline: '{"articles":[]}',
        head,
        createdAt: 100,
      });
      expect(first).toMatchObject({
        draftId: id,
        label: '征求意见稿',
        author: author.username,
        createdAt: 100,
      });
      expect([...first.head!.hash]).toEqual([...head.hash]);
      const second = await s.versions.create({
        id: unique('v'),
        draftId: id,
        label: 'second',
        authorId: null,
        state: Uint8Array.of(),
        outline: '{}',
        head: null,
        createdAt: 100,
      });
      expect((await s.versions.list(id)).map((v) => v.id)).toEqual([first.id, second.id]);
      const got = await s.versions.get(id, first.id);
      expect([...got!.state]).toEqual([1, 2, 3]);
      expect(got!.outline).toBe('{"articles":[]}');
      expect(await s.versions.get(id, second.id)).toMatchObject({ head: null, author: null });
      expect(await s.versions.get(unique('other'), first.id)).toBeUndefined();
      await expect(
        s.versions.create({
          id: first.id,
          draftId: id,
          label: 'x',
          authorId: null,
          state: Uint8Array.of(),
          outline: '',
          head: null,
        }),
      ).rejects.toThrow();
    });

    it('chains the record byte for byte as record-chain.ts defines, keeping every entry past checkpoints', async () => {
      const id = await draft();
      const r = s.record;
      expect(await r.head(id)).toEqual(emptyHead);
      const created = await r.create(id, Uint8Array.of(0, 0), { userId: null }, 1000);
      const expected1 = entryHash(emptyHead.hash, id, {
        seq: 1,
        at: 1000,
        userId: null,
        suggestedBy: null,
        connection: null,
        kind: 'create',
        data: Uint8Array.of(0, 0),
      });
      expect(hashHex(created.hash)).toBe(hashHex(expected1));
      const connection = await r.openConnection(id, 7, '127.0.0.1', 1500);
      expect(await r.connection(connection)).toEqual({
        id: connection,
        draftId: id,
        userId: 7,
        address: '127.0.0.1',
        openedAt: 1500,
      });
      const second = await r.append(id, Uint8Array.of(1), { userId: 7, connection }, 2000);
      const third = await r.append(
        id,
        Uint8Array.of(2),
        { userId: 8, suggestedBy: 7, kind: 'suggestion' },
        1500,
      );
      expect(third.at).toBe(2000); // times never go down along a record
      expect(second.seq).toBe(2);
      expect(hashHex(third.hash)).toBe(
        hashHex(
          entryHash(second.hash, id, {
            seq: 3,
            at: 2000,
            userId: 8,
            suggestedBy: 7,
            connection: null,
            kind: 'suggestion',
            data: Uint8Array.of(2),
          }),
        ),
      );
      const head = await r.head(id);
      expect([head.seq, hashHex(head.hash), head.at]).toEqual([3, hashHex(third.hash), 2000]);
      expect(await r.sinceCheckpoint(id)).toEqual({ updates: 3, bytes: 4 });
      await r.checkpoint(id, Uint8Array.of(9), second, 5000);
      await r.checkpoint(id, Uint8Array.of(8), created, 6000); // older than the stored one: ignored
      expect(await r.checkpointOf(id)).toMatchObject({ seq: 2, createdAt: 5000 });
      expect(await r.sinceCheckpoint(id)).toEqual({ updates: 1, bytes: 1 });
      const loaded = await r.load(id);
      expect([...loaded.checkpoint!]).toEqual([9]);
      expect(loaded.checkpointSeq).toBe(2);
      expect(loaded.updates.map((u) => [...u])).toEqual([[2]]);
      expect(loaded.head.seq).toBe(3);
      expect(
        (await r.entries(id)).map((e) => [e.seq, e.userId, e.suggestedBy, e.connection, e.kind]),
      ).toEqual([
        [1, null, null, null, 'create'],
        [2, 7, null, connection, null],
        [3, 8, 7, null, 'suggestion'],
      ]);
      expect((await r.entries(id, 1, 2)).map((e) => e.seq)).toEqual([2]);
      const walked: number[] = [];
      for await (const entry of r.iterate(id)) walked.push(entry.seq);
      expect(walked).toEqual([1, 2, 3]);
      expect(await r.seqAt(id, 999)).toBe(0);
      expect(await r.seqAt(id, 1999)).toBe(1);
      expect(await r.seqAt(id, 2000)).toBe(3);
      expect(await r.check(id)).toMatchObject({ ok: true, entries: 3, head: { seq: 3 } });
      expect(await r.drafts()).toContain(id);
      await expect(r.create(id, Uint8Array.of(0), { userId: null })).rejects.toThrow(RangeError);
      await expect(r.append(unique('nosuch'), Uint8Array.of(1), { userId: 1 }, 0)).rejects.toThrow();
      const empty = await r.load(unique('nosuch'));
      expect(empty).toMatchObject({ checkpoint: null, checkpointSeq: 0, updates: [], head: emptyHead });
    });

    it('numbers concurrent appends in commit order, each chained onto the one before', async () => {
      const id = await draft();
      await s.record.create(id, Uint8Array.of(0), { userId: null }, 1);
      const other = await draft();
      await s.record.create(other, Uint8Array.of(0), { userId: null }, 1);
      const appends = Array.from({ length: 200 }, (_, i) =>
        s.record.append(i % 3 === 0 ? other : id, Uint8Array.of(i % 256, 1), { userId: i }, 10 + i),
      );
      const heads = await Promise.all(appends);
      const mine = heads.filter((_, i) => i % 3 !== 0).map((h) => h.seq);
      expect(new Set(mine).size).toBe(mine.length);
      expect(Math.max(...mine)).toBe(mine.length + 1);
      expect(await s.record.check(id)).toMatchObject({ ok: true, entries: mine.length + 1 });
      expect(await s.record.check(other)).toMatchObject({ ok: true, entries: 200 - mine.length + 1 });
      // The entries carry the users in the order the appends were made.
      const users = (await s.record.entries(id, 1)).map((e) => e.userId);
      expect(users).toEqual(heads.map((_, i) => i).filter((i) => i % 3 !== 0));
    });

    it('leaves no trace of an append rolled back with its transaction: the next append follows the stored head', async () => {
      const id = await draft();
      await s.record.create(id, Uint8Array.of(0), { userId: null }, 1);
      const first = await s.record.append(id, Uint8Array.of(1), { userId: 1 }, 2);
      await expect(
        s.transaction(async (tx) => {
          await tx.record.append(id, Uint8Array.of(2), { userId: 2 }, 3);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      const stored = await s.record.head(id);
      expect([stored.seq, hashHex(stored.hash)]).toEqual([first.seq, hashHex(first.hash)]);
      const next = await s.record.append(id, Uint8Array.of(3), { userId: 3 }, 4);
      expect(next.seq).toBe(first.seq + 1);
      expect(await s.record.check(id)).toMatchObject({ ok: true, entries: 3 });
      expect((await s.record.entries(id)).map((e) => e.userId)).toEqual([null, 1, 3]);
    });

    it('finds a changed entry when the chain is checked', async () => {
      const id = await draft();
      await s.record.create(id, Uint8Array.of(0), { userId: null }, 1);
      for (let i = 0; i < 5; i++) await s.record.append(id, Uint8Array.of(i), { userId: 1 }, 2 + i);
      await opened.tamper(id, 4);
      expect(await s.record.check(id)).toMatchObject({ ok: false, broken: { seq: 4 } });
    });

    it('stores comments with tags, threads, filters, edits and soft deletion', async () => {
      const id = await draft();
      const author = await user();
      const anchor = { start: 's', end: 'e', quote: '第一条', prefix: '', suffix: '' };
      const first = await s.comments.create({
        draftId: id,
        kind: 'review',
        articleId: 'a1',
        body: '意见一',
        authorId: author.id,
        anchor,
        tags: ['b', 'a'],
        createdAt: 10,
      });
      expect(first).toMatchObject({
        draftId: id,
        kind: 'review',
        articleId: 'a1',
        versionId: null,
        parentId: null,
        status: 'open',
        body: '意见一',
        author: author.username,
        submitter: null,
        anchor,
        withdrawn: false,
        tags: ['a', 'b'],
        edits: 0,
        createdAt: 10,
        deletedAt: null,
      });
      const reply = await s.comments.create({
        draftId: id,
        kind: 'review',
        articleId: 'a1',
        parentId: first.id,
        body: '回复',
      });
      const onDraft = await s.comments.create({
        draftId: id,
        kind: 'review',
        articleId: null,
        body: 'whole',
        tags: ['x'],
      });
      const imported = await s.comments.insert({
        draftId: id,
        kind: 'imported',
        articleId: null,
        body: 'imp',
        externalId: 'ext-1',
        source: { title: '标题', n: 1 },
        withdrawn: true,
      });
      expect(await s.comments.byExternalId(id, 'ext-1')).toBe(imported);
      await expect(
        s.comments.insert({
          draftId: id,
          kind: 'imported',
          articleId: null,
          body: 'dup',
          externalId: 'ext-1',
        }),
      ).rejects.toThrow();
      expect((await s.comments.get(imported))?.source).toEqual({ title: '标题', n: 1 });
      expect(await s.comments.count(id)).toBe(4);
      const ids = async (filter: Parameters<Storage['comments']['list']>[1]) =>
        (await s.comments.list(id, filter)).map((c) => c.id);
      expect(await ids({})).toEqual([first.id, reply.id, onDraft.id, imported]);
      expect(await ids({ articleId: 'a1' })).toEqual([first.id, reply.id]);
      expect(await ids({ articleId: null })).toEqual([onDraft.id, imported]);
      expect(await ids({ tag: 'x' })).toEqual([onDraft.id]);
      expect(await ids({ kind: ['imported'] })).toEqual([imported]);
      expect(await ids({ kind: 'review', after: first.id, limit: 1 })).toEqual([reply.id]);
      const editor = await user();
      const updated = await s.comments.update(
        first.id,
        { body: '意见一（改）', status: 'resolved', tags: ['c'] },
        editor.id,
      );
      expect(updated).toMatchObject({ body: '意见一（改）', status: 'resolved', tags: ['c'], edits: 1 });
      expect(await ids({ status: 'resolved' })).toEqual([first.id, reply.id]);
      expect((await s.comments.history(first.id)).map((e) => [e.body, e.editor])).toEqual([
        ['意见一', editor.username],
      ]);
      expect(await s.comments.update(999_999_999, { body: 'x' }, null)).toBeUndefined();
      expect(await s.comments.softDelete(reply.id, 99)).toBe(true);
      expect(await s.comments.softDelete(reply.id, 100)).toBe(false);
      expect((await s.comments.get(reply.id))?.deletedAt).toBe(99);
      await expect(
        s.comments.create({ draftId: unique('nodraft'), kind: 'review', articleId: null, body: 'x' }),
      ).rejects.toThrow();
    });

    it('gives each submitter one pseudonym number per draft, and finds the last comment of a sender', async () => {
      const id = await draft();
      const one = await s.submitters.resolve(id, { name: ' 张三 ', contact: 'Z@X.cn' });
      const same = await s.submitters.resolve(id, {
        name: '张三',
        contact: 'z@x.cn',
        organization: '某公司',
        type: 'enterprise',
      });
      expect(same).toMatchObject({
        id: one.id,
        number: 1,
        organization: '某公司',
        type: 'enterprise',
        name: '张三',
      });
      const anonymous1 = await s.submitters.resolve(id, { name: '' });
      const anonymous2 = await s.submitters.resolve(id, { name: '  ' });
      expect([anonymous1.number, anonymous2.number]).toEqual([2, 3]);
      expect(await s.submitters.get(one.id)).toMatchObject({ number: 1, contact: 'Z@X.cn' });
      const racing = await Promise.all(
        Array.from({ length: 20 }, (_, i) => s.submitters.resolve(id, { name: `人${i % 5}` })),
      );
      expect(new Set(racing.map((r) => r.id)).size).toBe(5);
      expect(new Set(racing.map((r) => r.number)).size).toBe(5);
      const c1 = await s.comments.create({
        draftId: id,
        kind: 'public',
        articleId: null,
        body: '1',
        submitterId: one.id,
        sender: 'h1',
        receipt: unique('r'),
      });
      const c2 = await s.comments.create({
        draftId: id,
        kind: 'public',
        articleId: null,
        body: '2',
        submitterId: one.id,
        sender: 'h1',
        receipt: unique('r'),
      });
      expect(c1.submitter).toMatchObject({ number: 1, name: '张三' });
      expect((await s.comments.lastBySender(id, 'h1'))?.id).toBe(c2.id);
      expect(await s.comments.lastBySender(id, 'h2')).toBeUndefined();
    });

    it('opens and closes comment periods, keeping the first opening while the version stays', async () => {
      const id = await draft();
      const v = unique('v');
      await s.versions.create({
        id: v,
        draftId: id,
        label: 'v',
        authorId: null,
        state: Uint8Array.of(),
        outline: '{}',
        head: null,
      });
      expect(await s.commentPeriods.get(id)).toBeUndefined();
      expect(await s.commentPeriods.set(id, v, true, 9000, 100)).toEqual({
        draftId: id,
        versionId: v,
        open: true,
        closesAt: 9000,
        openedAt: 100,
        closedAt: null,
      });
      expect(await s.commentPeriods.set(id, v, true, null, 200)).toMatchObject({
        openedAt: 100,
        closesAt: null,
      });
      expect(await s.commentPeriods.set(id, v, false, null, 300)).toMatchObject({
        open: false,
        closedAt: 300,
      });
      expect(await s.commentPeriods.set(id, v, false, null, 400)).toMatchObject({ closedAt: 300 });
      expect(await s.commentPeriods.remove(id)).toBe(true);
      expect(await s.commentPeriods.get(id)).toBeUndefined();
      expect(await s.commentPeriods.remove(id)).toBe(false);
    });

    it('counts open and resolved threads of each kind, and notes the article a comment cites', async () => {
      const id = await draft();
      const author = await user();
      const review = (body: string, parentId?: number) =>
        s.comments.create({
          draftId: id,
          kind: 'review',
          articleId: null,
          body,
          authorId: author.id,
          parentId: parentId ?? null,
        });
      const a = await review('一');
      await review('回复', a.id); // replies are not threads
      const b = await review('二');
      await s.comments.update(b.id, { status: 'resolved' }, author.id);
      const c = await review('三');
      await s.comments.softDelete(c.id);
      const counts = await s.comments.countsByKind(id);
      expect(counts).toEqual({
        review: { count: 2, open: 1 },
        public: { count: 0, open: 0 },
        imported: { count: 0, open: 0 },
      });
      expect((await s.comments.get(a.id))!.citedArticleId).toBeNull();
      const before = (await s.comments.get(a.id))!.updatedAt;
      await s.comments.setCitedArticle(a.id, 'art7');
      expect(await s.comments.get(a.id)).toMatchObject({ citedArticleId: 'art7', updatedAt: before });
      await s.comments.setCitedArticle(a.id, null);
      expect((await s.comments.get(a.id))!.citedArticleId).toBeNull();
    });

    it('keeps the clerk’s clusters, decisions, dispositions with history, and reason templates', async () => {
      const id = await draft();
      const clerk = await user();
      const comments: number[] = [];
      for (let i = 0; i < 4; i++) {
        const sub = await s.submitters.resolve(id, { name: `S${i}`, contact: `c${i}` });
        comments.push(
          await s.comments.insert({
            draftId: id,
            kind: i === 3 ? 'imported' : 'public',
            articleId: i === 0 ? null : 'a1',
            body: i === 2 ? 'Hello World 你好' : `意见 ${i}`,
            submitterId: sub.id,
            withdrawn: i === 1,
            tags: i === 0 ? ['t2', 't1'] : [],
          }),
        );
      }
      await s.comments.insert({
        draftId: id,
        kind: 'public',
        articleId: null,
        body: 'reply',
        parentId: comments[0],
      });
      await s.comments.insert({ draftId: id, kind: 'review', articleId: null, body: 'review' });
      const cc = s.clerkComments;
      expect((await cc.all(id)).map((c) => [c.id, c.withdrawn, c.tags])).toEqual([
        [comments[0], false, ['t1', 't2']],
        [comments[1], true, []],
        [comments[2], false, []],
        [comments[3], false, []],
      ]);
      expect((await cc.all(id, 2)).map((c) => c.body)).toEqual(['意见', '意见', 'He', '意见']);
      expect(await cc.get(id, comments[2])).toMatchObject({
        body: 'Hello World 你好',
        name: 'S2',
        contact: 'c2',
        submitterNumber: 3,
      });
      expect(await cc.textOf(comments[2], 5)).toBe('Hello');
      expect(await cc.textOf(999_999_999)).toBeNull();
      expect([...(await cc.ids(id))].sort((a, b) => a - b)).toEqual(comments);
      expect((await cc.texts(id)).map((t) => [t.id, t.withdrawn])).toEqual(
        comments.map((c, i) => [String(c), i === 1]),
      );
      expect(await cc.source(id)).toBe(`4:${comments[3]}:1`);
      expect(await cc.search(id, 'hello world')).toEqual([comments[2]]);
      expect(await cc.mainVersion(id)).toBeNull();
      expect(await cc.mainVersion(unique('none'))).toBeUndefined();

      expect(await s.clusters.info(id)).toBeUndefined();
      await s.clusters.save(
        id,
        [
          { id: 'k1', kind: 'text', representative: comments[0], members: [comments[0], comments[2]] },
          { id: 'k2', kind: 'stub', representative: comments[3], members: [comments[3]] },
        ],
        'src',
        500,
      );
      expect(await s.clusters.info(id)).toEqual({ clusteredAt: 500, comments: 3, source: 'src' });
      expect(await s.clusters.list(id)).toEqual([
        { id: 'k1', kind: 'text', representative: comments[0], size: 2 },
        { id: 'k2', kind: 'stub', representative: comments[3], size: 1 },
      ]);
      expect(await s.clusters.get(id, 'k2')).toMatchObject({ size: 1 });
      expect(await s.clusters.members(id, 'k1')).toEqual([comments[0], comments[2]]);
      expect(await s.clusters.clusterOf(comments[3])).toBe('k2');
      expect(await s.clusters.clusterOf(comments[1])).toBeUndefined();
      expect((await s.clusters.assignments(id)).map((a) => a.clusterId)).toEqual(['k1', 'k1', 'k2']);
      await expect(
        s.clusters.save(
          id,
          [{ id: 'k3', kind: 'text', representative: 1, members: [comments[0], comments[0]] }],
          's2',
        ),
      ).rejects.toThrow();
      expect((await s.clusters.list(id)).length).toBe(2); // the failed save changed nothing
      await s.clusters.addDecisions(
        id,
        [
          { kind: 'alone', id: String(comments[2]) },
          { kind: 'together', ids: [String(comments[0]), String(comments[3])] },
        ],
        clerk.id,
        600,
      );
      expect(
        (await s.clusters.decisions(id)).map((d) => [d.decision.kind, d.decidedBy, d.decidedAt]),
      ).toEqual([
        ['alone', clerk.username, 600],
        ['together', clerk.username, 600],
      ]);

      const template = await s.reasonTemplates.create(
        id,
        unique('tpl'),
        { label: '采纳', text: '已采纳', kind: 'adopted' },
        1,
      );
      expect(template).toMatchObject({ label: '采纳', text: '已采纳', kind: 'adopted' });
      const other = await s.reasonTemplates.create(id, unique('tpl'), { label: 'A', text: 'a', kind: null });
      expect((await s.reasonTemplates.list(id)).map((t) => t.id)).toEqual([other.id, template.id]);
      expect(
        await s.reasonTemplates.update(id, other.id, { label: 'B', text: 'b', kind: 'noted' }),
      ).toMatchObject({ label: 'B' });
      expect(await s.reasonTemplates.delete(id, other.id)).toBe(true);
      expect(await s.reasonTemplates.delete(id, other.id)).toBe(false);
      expect(await s.reasonTemplates.get(id, other.id)).toBeUndefined();
      expect(
        await s.reasonTemplates.update(id, other.id, { label: 'C', text: 'c', kind: null }),
      ).toBeUndefined();

      const fields = {
        kind: 'adopted' as const,
        reason: '理由',
        templateId: template.id,
        linkedArticleId: 'a1',
        linkedVersionId: null,
      };
      await s.dispositions.set(id, 'comment', String(comments[0]), fields, clerk.id, 700);
      await s.dispositions.set(
        id,
        'cluster',
        'k1',
        { ...fields, kind: 'noted', templateId: null },
        null,
        710,
      );
      await s.dispositions.set(
        id,
        'comment',
        String(comments[0]),
        { ...fields, kind: 'not-adopted' },
        clerk.id,
        720,
        'carried',
      );
      expect(await s.dispositions.get(id, 'comment', String(comments[0]))).toMatchObject({
        target: 'comment',
        kind: 'not-adopted',
        decidedBy: clerk.username,
        decidedAt: 720,
        linkedSuggestionId: null,
      });
      expect((await s.dispositions.list(id)).map((d) => [d.target, d.targetId])).toEqual([
        ['comment', String(comments[0])],
        ['cluster', 'k1'],
      ]);
      expect(await s.dispositions.clear(id, 'cluster', 'k1', clerk.id, 800)).toBe(true);
      expect(await s.dispositions.clear(id, 'cluster', 'k1', clerk.id, 801)).toBe(false);
      expect(
        (await s.dispositions.history(id, 'cluster', 'k1')).map((h) => [h.action, h.kind, h.decidedAt]),
      ).toEqual([
        ['set', 'noted', 710],
        ['cleared', null, 800],
      ]);
      expect((await s.dispositions.history(id, 'comment', String(comments[0]))).map((h) => h.action)).toEqual(
        ['set', 'carried'],
      );
      await expect(
        s.dispositions.set(
          id,
          'comment',
          String(comments[1]),
          { ...fields, templateId: unique('none') },
          null,
        ),
      ).rejects.toThrow();
    });

    it('keeps suggestions with their decisions, threads and history', async () => {
      const id = await draft();
      const [author, drafter] = [await user(), await user()];
      const made = await s.suggestions.create({
        draftId: id,
        kind: 'text',
        articleId: 'a1',
        quote: '应当',
        replacement: '必须',
        prefix: '网络运营者',
        suffix: '遵守',
        place: { paragraph: 1 },
        authorId: author.id,
        createdAt: 50,
      });
      expect(made).toMatchObject({
        status: 'open',
        author: author.username,
        place: { paragraph: 1 },
        comments: 0,
        createdAt: 50,
      });
      const second = await s.suggestions.create({
        draftId: id,
        kind: 'insert-article',
        articleId: 'a2',
        quote: '',
        replacement: '新条',
        prefix: '',
        suffix: '',
        authorId: drafter.id,
      });
      expect((await s.suggestions.list(id)).map((x) => x.id)).toEqual([made.id, second.id]);
      expect((await s.suggestions.list(id, { authorId: author.id })).map((x) => x.id)).toEqual([made.id]);
      expect(
        (await s.suggestions.list(id, { articleId: 'a2', status: ['open', 'stale'] })).map((x) => x.id),
      ).toEqual([second.id]);
      expect(
        await s.suggestions.edit(made.id, { replacement: '须', note: '更短' }, author.id, 'edited'),
      ).toMatchObject({
        replacement: '须',
        note: '更短',
      });
      expect(await s.suggestions.edit(made.id, {}, author.id, 'edited')).toMatchObject({ replacement: '须' });
      expect(await s.suggestions.markStale(made.id, true)).toBe(true);
      expect(await s.suggestions.markStale(made.id, true)).toBe(false);
      expect(await s.suggestions.markStale(made.id, false)).toBe(true);
      const comment = await s.suggestions.addComment(made.id, drafter.id, '同意');
      expect(comment).toMatchObject({ suggestionId: made.id, author: drafter.username, body: '同意' });
      expect((await s.suggestions.comments(made.id)).map((c) => c.body)).toEqual(['同意']);
      expect(
        await s.suggestions.decide(made.id, 'accepted', drafter.id, null, { undo: [1, 2] }),
      ).toMatchObject({
        status: 'accepted',
        decidedBy: drafter.username,
        applied: { undo: [1, 2] },
        comments: 1,
      });
      expect(await s.suggestions.markStale(made.id, true)).toBe(false);
      expect(await s.suggestions.reopen(made.id, drafter.id, { why: 'undo' })).toMatchObject({
        status: 'open',
        decidedBy: null,
        applied: null,
      });
      expect((await s.suggestions.history(made.id)).map((h) => [h.action, h.user])).toEqual([
        ['created', author.username],
        ['edited', author.username],
        ['stale', null],
        ['open', null],
        ['accepted', drafter.username],
        ['reopened', drafter.username],
      ]);
      expect((await s.suggestions.history(made.id))[1].detail).toEqual({
        before: { replacement: '必须', note: null },
      });
      expect(await s.suggestions.get(999_999_999)).toBeUndefined();
    });

    it('keeps attachments: files once per content, linked to comments in order, read, published, released', async () => {
      const id = await draft();
      const other = await draft();
      const publicComment = (draftId: string, body: string) =>
        s.comments.create({ draftId, kind: 'public', articleId: null, body });
      const a = await publicComment(id, '见附件');
      const b = await publicComment(id, '同上');
      const review = await s.comments.create({ draftId: id, kind: 'review', articleId: null, body: '内部' });
      const sha = (c: string) => c.repeat(64);
      const files = {
        pdf: { sha256: sha('1'), size: 10, type: 'pdf' as const, mediaType: 'application/pdf' },
        png: { sha256: sha('2'), size: 20, type: 'image' as const, mediaType: 'image/png' },
        txt: { sha256: sha('3'), size: 3, type: 'txt' as const, mediaType: 'text/plain' },
      };
      const stored = await s.attachments.addFile(files.pdf, 1000);
      expect(stored).toEqual({
        ...files.pdf,
        state: 'pending',
        reason: null,
        text: null,
        pages: null,
        createdAt: expect.any(Number),
        extractedAt: null,
      });
      expect(await s.attachments.addFile({ ...files.pdf, size: 99 }, 2000)).toEqual(stored);
      expect((await s.attachments.addFile(files.png)).state).toBe('not-read');
      await s.attachments.addFile(files.txt);
      expect(await s.attachments.file(sha('f'))).toBeUndefined();

      const [first, second] = await s.attachments.link(a.id, id, [
        { sha256: files.pdf.sha256, fileName: '意见.pdf' },
        { sha256: files.png.sha256, fileName: 'photo.png' },
      ]);
      const [third] = await s.attachments.link(
        a.id,
        id,
        [{ sha256: files.txt.sha256, fileName: 'a.txt' }],
        5000,
      );
      await s.attachments.link(b.id, id, [{ sha256: files.pdf.sha256, fileName: 'copy.pdf' }]);
      await s.attachments.link(review.id, id, [{ sha256: files.txt.sha256, fileName: 'note.txt' }]);
      await expect(
        s.attachments.link(a.id, id, [{ sha256: sha('e'), fileName: 'unknown' }]),
      ).rejects.toThrow();
      expect((await s.attachments.ofComment(a.id)).map((r) => [r.id, r.fileName, r.position])).toEqual([
        [first, '意见.pdf', 0],
        [second, 'photo.png', 1],
        [third, 'a.txt', 2],
      ]);
      const got = await s.attachments.get(third);
      expect(got).toMatchObject({
        id: third,
        commentId: a.id,
        draftId: id,
        fileName: 'a.txt',
        position: 2,
        published: false,
        linkedAt: 5000,
        sha256: files.txt.sha256,
        type: 'txt',
      });
      expect(await s.attachments.get(999_999_999)).toBeUndefined();
      const many = await s.attachments.ofComments([a.id, b.id, 999_999_999]);
      expect([...many.keys()].sort((x, y) => x - y)).toEqual([a.id, b.id]);
      expect(many.get(b.id)!.map((r) => r.fileName)).toEqual(['copy.pdf']);
      expect((await s.attachments.ofComments([])).size).toBe(0);
      expect(await s.attachments.filesAfter(id, 0, 1)).toEqual([
        {
          commentId: a.id,
          files: [
            { fileName: '意见.pdf', state: 'pending', reason: null },
            { fileName: 'photo.png', state: 'not-read', reason: null },
            { fileName: 'a.txt', state: 'pending', reason: null },
          ],
        },
      ]);
      expect((await s.attachments.filesAfter(id, a.id, 10)).map((p) => p.commentId)).toEqual([
        b.id,
        review.id,
      ]);
      expect(
        (await s.attachments.commentsOf(files.pdf.sha256)).sort((x, y) => x.commentId - y.commentId),
      ).toEqual([
        { commentId: a.id, draftId: id },
        { commentId: b.id, draftId: id },
      ]);
      expect(await s.attachments.isUsed(files.pdf.sha256)).toBe(true);

      // Extraction: pending files are read, and what they say joins the clerk's view of the comment.
      const pending = (await s.attachments.pending(1000)).map((f) => f.sha256);
      expect(pending).toEqual(expect.arrayContaining([files.pdf.sha256, files.txt.sha256]));
      expect(pending).not.toContain(files.png.sha256);
      const sourceBefore = await s.clerkComments.source(id);
      await s.attachments.setResult(
        files.pdf.sha256,
        { state: 'read', text: '第七条 PDF 所说', pages: 2 },
        7000,
      );
      await s.attachments.setResult(files.txt.sha256, { state: 'unreadable', reason: 'bad bytes' }, 7001);
      expect(await s.attachments.file(files.pdf.sha256)).toMatchObject({
        state: 'read',
        text: '第七条 PDF 所说',
        pages: 2,
        extractedAt: 7000,
      });
      expect(await s.attachments.file(files.txt.sha256)).toMatchObject({
        state: 'unreadable',
        reason: 'bad bytes',
      });
      expect(await s.clerkComments.source(id)).not.toBe(sourceBefore);
      expect(await s.clerkComments.textOf(a.id)).toBe('见附件\n\n第七条 PDF 所说');
      expect(await s.clerkComments.textOf(a.id, 5)).toBe('见附件\n\n');
      expect((await s.clerkComments.texts(id)).map((t) => t.text)).toEqual([
        '见附件\n\n第七条 PDF 所说',
        '同上\n\n第七条 PDF 所说',
      ]);
      expect(await s.clerkComments.search(id, 'pdf')).toEqual([a.id, b.id]);
      expect(await s.clerkComments.textsAfter(id, a.id, 10)).toEqual([
        { id: b.id, body: '同上\n\n第七条 PDF 所说' },
      ]);
      expect(await s.clerkComments.textsAfter(id, 0, 1)).toEqual([
        { id: a.id, body: '见附件\n\n第七条 PDF 所说' },
      ]);
      expect(await s.attachments.counts(id)).toEqual({
        total: 4,
        read: 2,
        unreadable: 1,
        notRead: 1,
        pending: 0,
      });
      expect(await s.attachments.counts(other)).toEqual({
        total: 0,
        read: 0,
        unreadable: 0,
        notRead: 0,
        pending: 0,
      });
      const summaries = await s.attachments.summaries(id);
      expect(summaries.get(a.id)).toEqual({ count: 3, unreadable: 1, pending: 0, text: '第七条 PDF 所说' });
      expect(summaries.get(b.id)).toEqual({ count: 1, unreadable: 0, pending: 0, text: '第七条 PDF 所说' });

      expect(await s.attachments.published(id)).toEqual([]);
      await s.attachments.setPublished(second, true);
      expect((await s.attachments.published(id)).map((r) => [r.id, r.published])).toEqual([[second, true]]);
      await s.attachments.setPublished(second, false);
      expect(await s.attachments.published(id)).toEqual([]);

      // Releasing a comment forgets only the files no other comment uses.
      expect((await s.attachments.release(a.id)).sort()).toEqual([files.png.sha256]);
      expect(await s.attachments.ofComment(a.id)).toEqual([]);
      expect(await s.attachments.file(files.png.sha256)).toBeUndefined();
      expect(await s.attachments.file(files.pdf.sha256)).toBeDefined();
      expect(await s.attachments.release(b.id)).toEqual([files.pdf.sha256]);
      expect(await s.attachments.release(b.id)).toEqual([]);
      await s.attachments.addFile({ ...files.png, sha256: sha('9') });
      expect(await s.attachments.collectOrphans()).toEqual([sha('9')]);
      expect(await s.attachments.isUsed(files.txt.sha256)).toBe(true);
      expect(await s.attachments.release(review.id)).toEqual([files.txt.sha256]);
    });

    it('commits a transaction’s writes together, rolls them all back when it throws, and joins nested ones', async () => {
      const id = await draft();
      const kept = unique('k');
      await s.transaction(async (tx) => {
        await tx.meta.set(kept, '1');
        await tx.transaction(async (inner) => inner.drafts.rename(id, 'inside'));
        await tx.record.create(id, Uint8Array.of(0), { userId: null }, 1);
        await tx.record.append(id, Uint8Array.of(1), { userId: null }, 2);
      });
      expect(await s.meta.get(kept)).toBe('1');
      expect((await s.drafts.get(id))?.title).toBe('inside');
      expect((await s.record.head(id)).seq).toBe(2);
      const lost = unique('k');
      await expect(
        s.transaction(async (tx) => {
          await tx.meta.set(lost, '1');
          await tx.record.append(id, Uint8Array.of(2), { userId: null }, 3);
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(await s.meta.get(lost)).toBeUndefined();
      expect((await s.record.head(id)).seq).toBe(2);
      expect(await s.record.check(id)).toMatchObject({ ok: true, entries: 2 });
    });

    it('keeps writes from outside a transaction out of it, and serializes transactions naming one lock', async () => {
      const key = unique('k');
      const outside = unique('o');
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const inside = s.transaction(async (tx) => {
        await tx.meta.set(key, 'tx');
        await held;
        throw new Error('rolled back');
      });
      const write = s.meta.set(outside, 'kept');
      await new Promise((resolve) => setTimeout(resolve, 20));
      release();
      await expect(inside).rejects.toThrow('rolled back');
      await write;
      expect(await s.meta.get(outside)).toBe('kept');
      expect(await s.meta.get(key)).toBeUndefined();

      const counter = unique('c');
      await s.meta.set(counter, '0');
      await Promise.all(
        Array.from({ length: 10 }, () =>
          s.transaction(
            async (tx) => {
              const n = Number(await tx.meta.get(counter));
              await new Promise((resolve) => setTimeout(resolve, 2));
              await tx.meta.set(counter, String(n + 1));
            },
            { lock: counter },
          ),
        ),
      );
      expect(await s.meta.get(counter)).toBe('10');
    });

    it('runs work under a named lock in one holder at a time', async () => {
      const key = unique('lock');
      let release!: () => void;
      const first = s.tryLock(
        key,
        () => new Promise<string>((resolve) => (release = () => resolve('first'))),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await s.tryLock(key, async () => 'second')).toEqual({ ran: false });
      release();
      expect(await first).toEqual({ ran: true, value: 'first' });
      expect(await s.tryLock(key, async () => 'third')).toEqual({ ran: true, value: 'third' });
      await expect(s.tryLock(key, async () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
      expect(await s.tryLock(key, async () => 'after')).toEqual({ ran: true, value: 'after' });
    });
  });
}
