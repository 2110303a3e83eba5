/// The rules of presence (awareness): a connection may set and remove only the states of client ids
/// it introduced (or that another connection of the same user held: a reconnecting tab keeps its
/// client id), a handful of them, each a few KiB at most; and the name and colour in every state come
/// from the signed-in account, never from the client. Without these a read-only member could appear
/// as someone else, remove others' cursors, or make every newcomer download thousands of ghosts.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { presenceUser } from '../../core/index.ts';

/// Limits on the presence of one connection.
export interface PresenceLimits {
  /// States (client ids) one connection may hold. Defaults to 4.
  readonly maxStates: number;
  /// Largest state, in bytes of JSON. Defaults to 4 KiB.
  readonly maxStateBytes: number;
}

/// The default presence limits.
export const defaultPresenceLimits: PresenceLimits = { maxStates: 4, maxStateBytes: 4096 };

/// Who sends presence: a connection of a signed-in user.
export interface PresenceSender {
  readonly userId: number;
  /// The account's name, written into every state the connection sets.
  readonly name: string;
}

/// The outcome of admitPresence: the update to apply (null when nothing in it may be applied), or
/// the reason to close the sender.
export type AdmittedPresence =
  { readonly ok: true; readonly update: Uint8Array | null } | { readonly ok: false; readonly reason: string };

interface Entry {
  readonly client: number;
  readonly clock: number;
  readonly json: string;
}

const utf8 = new TextEncoder();

/// Check an awareness update from `sender`, which holds the client ids `held`; `ownerOf` gives the
/// connection holding any client id. Entries for client ids another user's connection holds are
/// dropped, and so are removals of ids nobody holds; states get the account's name and colour. Too
/// many states or one too big refuses the whole update. Throws on a malformed update.
export function admitPresence<S extends PresenceSender>(
  sender: S,
  update: Uint8Array,
  held: ReadonlySet<number>,
  ownerOf: (client: number) => S | undefined,
  limits: PresenceLimits = defaultPresenceLimits,
): AdmittedPresence {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const accepted: Entry[] = [];
  const added = new Set<number>();
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    const owner = ownerOf(client);
    if (owner !== undefined && owner !== sender && owner.userId !== sender.userId) continue;
    if (json === 'null') {
      if (owner !== undefined) accepted.push({ client, clock, json });
      continue;
    }
    const bytes = utf8.encode(json).length;
    if (bytes > limits.maxStateBytes) {
      return {
        ok: false,
        reason: `presence state too big: ${bytes} bytes, the limit is ${limits.maxStateBytes}`,
      };
    }
    if (!held.has(client)) added.add(client);
    if (held.size + added.size > limits.maxStates) {
      return { ok: false, reason: `too many presence states for one connection (${limits.maxStates})` };
    }
    const state: unknown = JSON.parse(json);
    if (typeof state !== 'object' || state === null || Array.isArray(state)) {
      return { ok: false, reason: 'a presence state must be a JSON object' };
    }
    accepted.push({ client, clock, json: JSON.stringify({ ...state, user: presenceUser(sender.name) }) });
  }
  return { ok: true, update: accepted.length ? encodePresence(accepted) : null };
}

function encodePresence(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { client, clock, json } of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}
