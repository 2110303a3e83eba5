/// The y-websocket wire protocol: message types and the encoders for what the server sends, on
/// y-protocols' sync and awareness messages, plus the one check the server adds: whether an incoming
/// update would change the document at all (a reader may send only updates that do not).
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { findForbiddenCharacter } from '../../core/index.ts';
import type { ForbiddenCharacter } from '../../core/index.ts';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';

/// Top-level message type: a sync message (step 1, step 2 or update follows).
export const messageSync = 0;
/// Top-level message type: an awareness (presence) update.
export const messageAwareness = 1;
/// Top-level message type: auth (sent by servers only; y-websocket clients log it).
export const messageAuth = 2;
/// Top-level message type: a request for every awareness state.
export const messageQueryAwareness = 3;

/// Close codes the server uses, each sent with a one-line reason. 44xx mirror HTTP 4xx and tell the
/// stock y-websocket client not to reconnect; the others are transient and it retries with backoff.
export const closeCodes = {
  /// A malformed frame, or one that is not part of the protocol.
  badMessage: 4400,
  /// Missing, malformed, unknown or expired token or ticket; or the session ended while connected.
  unauthorized: 4401,
  /// A read-only connection sent a document update.
  readOnly: 4403,
  /// No such draft, or no role on it (the two are not told apart), or the draft was deleted.
  notFound: 4404,
  /// A frame above the maximum message size (ws sends this itself when maxPayload is exceeded).
  tooBig: 1009,
  /// The server failed (storage refused a write, or the draft could not be loaded).
  serverError: 1011,
  /// A limit was reached (connections per draft or token, new connections per address, slow reader).
  tryAgainLater: 1013,
  /// The server is shutting down.
  goingAway: 1001,
} as const;

/// Whether `message` asks for state: a sync step 1 (answered with everything the sender lacks, up to
/// the whole draft) or a query for every presence state.
export function isStateRequest(message: Uint8Array): boolean {
  // Both types are single-byte varuints: [0, 0, …] is sync step 1, [3] the presence query.
  return (
    (message[0] === messageSync && message[1] === syncProtocol.messageYjsSyncStep1) ||
    message[0] === messageQueryAwareness
  );
}

/// A sync step 1 message carrying the state vector of `doc`.
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/// A sync step 2 message: what `doc` has beyond the encoded state vector `stateVector`.
/// Throws when `stateVector` is malformed.
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/// A sync update message carrying `update`.
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/// An awareness message with the states of `clients`.
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/// A decoded update (the result of Y.decodeUpdate).
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/// Decode `update` fully, so that a malformed one is refused before it touches a document.
/// Throws when it is malformed or truncated.
export function decodeUpdate(update: Uint8Array): DecodedUpdate {
  return Y.decodeUpdate(update);
}

/// The first character a draft may not hold (core/text.ts: control characters) in what `decoded`
/// inserts — text, attribute names and values, formatting — or undefined.
export function findForbiddenInUpdate(decoded: DecodedUpdate): ForbiddenCharacter | undefined {
  const check = (value: unknown) => (typeof value === 'string' ? findForbiddenCharacter(value) : undefined);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    const found =
      check(struct.parentSub) ??
      (content instanceof Y.ContentString
        ? check(content.str)
        : content instanceof Y.ContentFormat
          ? (check(content.key) ?? check(content.value))
          : content instanceof Y.ContentAny
            ? content.arr.reduce<ForbiddenCharacter | undefined>(
                (hit, value) => hit ?? check(value),
                undefined,
              )
            : undefined);
    if (found) return found;
  }
  return undefined;
}

/// Whether applying `decoded` to `doc` would change it: it carries an insertion `doc` lacks, or a
/// deletion of something `doc` has not deleted (or does not have yet). A client's sync step 2 that
/// only repeats what the server knows (the usual reply of a reader) does not.
export function addsContent(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  for (const [client, deletions] of decoded.ds.clients) {
    for (const deletion of deletions) {
      if (deletion.len > 0 && !isDeletedRange(doc, client, deletion.clock, deletion.len)) return true;
    }
  }
  return false;
}

/// Whether every struct of `client` in [clock, clock + len) exists in `doc` and is deleted.
function isDeletedRange(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  const structs = doc.store.clients.get(client);
  if (!structs || clock + len > Y.getState(doc.store, client)) return false;
  const end = clock + len;
  let index = Y.findIndexSS(structs, clock);
  let at = clock;
  while (at < end) {
    const struct = structs[index++];
    if (!struct.deleted) return false;
    at = struct.id.clock + struct.length;
  }
  return true;
}
