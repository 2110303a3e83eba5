/// TRANSITION (issue 16; delete with the last caller): the synchronous SQLite repositories, for the
/// few routes not yet on the storage interface (`ctx.store`): attachments, creating and importing
/// comments, the clerk and the summary. On PostgreSQL there are none: there, every use of what
/// repositories() returns throws HttpError 503 `{error, detail}`, so those routes refuse plainly
/// while everything else runs.
import type { Storage as Store } from '../storage/interface.ts';
import type { Storage } from '../storage/storage.ts';
import { HttpError } from './errors.ts';

const standIns = new WeakMap<Store, Storage>();

/// `holder.storage`, or on PostgreSQL (null) a stand-in whose every property throws HttpError 503.
/// The stand-in is one object per storage interface, so hubs keyed by it (comment and suggestion
/// events) are shared by every route of one server.
export function repositories(holder: { readonly storage: Storage | null; readonly store: Store }): Storage {
  if (holder.storage) return holder.storage;
  let standIn = standIns.get(holder.store);
  if (!standIn) {
    standIn = new Proxy({} as Storage, {
      get(_target, property) {
        if (property === 'then') return undefined; // not a promise
        throw new HttpError(
          503,
          'not available on PostgreSQL yet: attachments, creating and importing comments, the clerk and the summary still run on SQLite only',
          'service unavailable',
        );
      },
    });
    standIns.set(holder.store, standIn);
  }
  return standIn;
}
