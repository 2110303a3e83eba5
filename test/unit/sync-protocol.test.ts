import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addsContent, decodeUpdate } from '../../server/sync/protocol.ts';

function pair(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  server.getText('t').insert(0, 'hello world');
  server.getText('t').delete(0, 6);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

const reply = (client: Y.Doc, server: Y.Doc) =>
  decodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));

describe('addsContent', () => {
  it('is false for a reply that only repeats what the server has, delete set included', () => {
    const { server, client } = pair();
    expect(addsContent(server, reply(client, server))).toBe(false);
  });

  it('is true for an insertion the server lacks', () => {
    const { server, client } = pair();
    client.getText('t').insert(0, 'x');
    expect(addsContent(server, reply(client, server))).toBe(true);
  });

  it('is true for a deletion of text the server still has', () => {
    const { server, client } = pair();
    client.getText('t').delete(0, 1);
    const update = reply(client, server);
    expect(update.structs.filter((s) => !(s instanceof Y.Skip))).toHaveLength(0);
    expect(addsContent(server, update)).toBe(true);
  });

  it('is false after the server garbage-collected what the client deleted', () => {
    const { server, client } = pair();
    client.getText('t').delete(0, 2);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(addsContent(server, reply(client, server))).toBe(false);
  });

  it('throws on a malformed update', () => {
    expect(() => decodeUpdate(Uint8Array.of(5, 1, 2))).toThrow();
  });
});
