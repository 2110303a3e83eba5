// Sync with stock y-websocket clients: convergence, late joiners, offline edits, presence, loading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  bodyText,
  connect,
  lawText,
  synced,
  texts,
  type,
  waitFor,
  testEngines,
  startServerOn,
} from './helpers.ts';
import type { TestServer } from './helpers.ts';

for (const engine of testEngines) {
  describe(`on ${engine}`, () => {
    let t: TestServer;
    let token: string;

    beforeAll(async () => {
      t = await startServerOn(engine);
      token = await t.user('drafter1', { admin: true });
    });
    afterAll(async () => {
      await t.close();
    });

    const same = (docs: Y.Doc[]) => docs.every((d) => bodyText(d) === bodyText(docs[0]));

    describe('sync', () => {
      it('serves the stored draft to a new client', async () => {
        const id = await t.draft(token, { text: lawText(5) });
        const p = connect(t.wsUrl, id, token);
        await synced(p);
        expect(texts(p.doc).map((x) => x.toString())).toContain('This is the text of article 3.');
        p.destroy();
      });

      it('converges two clients editing concurrently', async () => {
        const id = await t.draft(token, { text: lawText(5) });
        const [a, b] = [connect(t.wsUrl, id, token), connect(t.wsUrl, id, token)];
        await Promise.all([synced(a), synced(b)]);
        for (let i = 0; i < 50; i++) {
          type(a.doc, 3, '«');
          type(b.doc, 3, '»');
          if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
        }
        const marks = (doc: Y.Doc) => texts(doc)[3].toString().replace(/[^«»]/g, '').length;
        await waitFor(() => same([a.doc, b.doc]) && marks(a.doc) === 100, 'convergence');
        expect(texts(a.doc)[3].toString().replace(/[«»]/g, '')).toBe('This is the text of article 2.');
        a.destroy();
        b.destroy();
      });

      it('converges ten clients editing concurrently', async () => {
        const id = await t.draft(token, { text: lawText(20) });
        const clients = Array.from({ length: 10 }, () => connect(t.wsUrl, id, token));
        await Promise.all(clients.map((c) => synced(c)));
        const letters = 'αβγδεζηθικ';
        for (let round = 0; round < 20; round++) {
          // Half the clients type into the same article, half into their own.
          clients.forEach((c, i) => type(c.doc, i % 2 ? 5 : 2 + i, letters[i]));
          await new Promise((r) => setTimeout(r, 2));
        }
        const typed = (doc: Y.Doc) => bodyText(doc).replace(/[^α-κ]/g, '').length;
        await waitFor(
          () => clients.every((c) => typed(c.doc) === 200) && same(clients.map((c) => c.doc)),
          'convergence',
        );
        clients.forEach((c) => c.destroy());
      });

      it('gives a late joiner the full state', async () => {
        const id = await t.draft(token, { text: lawText(5) });
        const a = connect(t.wsUrl, id, token);
        await synced(a);
        for (let i = 0; i < 30; i++) type(a.doc, 2, 'x');
        const late = connect(t.wsUrl, id, token);
        await synced(late);
        await waitFor(() => bodyText(late.doc) === bodyText(a.doc), 'late joiner');
        expect(texts(late.doc)[2].toString()).toMatch(/x{30}$/);
        a.destroy();
        late.destroy();
      });

      it('merges a client that edited offline when it reconnects', async () => {
        const id = await t.draft(token, { text: lawText(5) });
        const [a, b] = [connect(t.wsUrl, id, token), connect(t.wsUrl, id, token)];
        await Promise.all([synced(a), synced(b)]);
        a.disconnect();
        type(a.doc, 1, ' offline edit');
        type(b.doc, 2, ' online edit');
        await new Promise((r) => setTimeout(r, 50));
        expect(bodyText(b.doc)).not.toContain('offline edit');
        a.connect();
        await waitFor(() => same([a.doc, b.doc]) && bodyText(b.doc).includes('offline edit'), 'merge');
        expect(bodyText(a.doc)).toContain('online edit');
        a.destroy();
        b.destroy();
      });

      it('shares presence between clients, under the name of the signed-in account', async () => {
        const id = await t.draft(token, { text: lawText(2) });
        const [a, b] = [connect(t.wsUrl, id, token), connect(t.wsUrl, id, token)];
        await Promise.all([synced(a), synced(b)]);
        a.awareness.setLocalStateField('user', { name: 'A' });
        a.awareness.setLocalStateField('cursor', { anchor: 1 });
        await waitFor(() => b.awareness.getStates().get(a.doc.clientID)?.cursor?.anchor === 1, 'presence');
        expect(b.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe('drafter1');
        a.destroy();
        await waitFor(() => !b.awareness.getStates().has(a.doc.clientID), 'presence removed');
        b.destroy();
      });

      it('never serves an empty document while a draft loads, however many connections race', async () => {
        const s = await startServerOn(engine, { rooms: { idleTimeout: 50 } });
        const tok = await s.user('racer', { admin: true });
        const id = await s.draft(tok, { text: lawText(10) });
        for (let round = 0; round < 3; round++) {
          await waitFor(() => !s.server.rooms.loaded(id), 'unload');
          const clients = Array.from({ length: 8 }, () => connect(s.wsUrl, id, tok));
          await Promise.all(clients.map((c) => synced(c)));
          for (const c of clients) expect(texts(c.doc).length).toBe(12); // title, heading, 10 articles
          type(clients[0].doc, 1, `round ${round}`);
          await waitFor(() => clients.every((c) => bodyText(c.doc).includes(`round ${round}`)));
          clients.forEach((c) => c.destroy());
        }
        await s.close();
      });
    });
  });
}
