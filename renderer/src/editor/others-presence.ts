/// The presence yCursorPlugin listens to. The plugin redraws every cursor on any awareness change,
/// including this client's own cursor moving with each keystroke, which changes none of the cursors
/// it draws (it never draws its own). This view of the awareness reports only changes that involve
/// someone else, which saves a second transaction and a decoration rebuild per keystroke.
import type { Awareness } from 'y-protocols/awareness';

/// What an awareness 'change' event carries.
interface AwarenessChanges {
  readonly added: readonly number[];
  readonly updated: readonly number[];
  readonly removed: readonly number[];
}

type Listener = (changes: AwarenessChanges, origin: unknown) => void;

/// `awareness`, except that 'change' listeners only hear changes involving another client.
export function othersPresence(awareness: Awareness): Awareness {
  const filtered = new Map<Listener, Listener>();
  const self = awareness.clientID;
  return new Proxy(awareness, {
    get(target, property) {
      if (property === 'on') {
        return (name: string, listener: Listener) => {
          if (name !== 'change') return target.on(name as 'change', listener);
          const onlyOthers: Listener = (changes, origin) => {
            const clients = [...changes.added, ...changes.updated, ...changes.removed];
            if (clients.some((client) => client !== self)) listener(changes, origin);
          };
          filtered.set(listener, onlyOthers);
          target.on('change', onlyOthers);
        };
      }
      if (property === 'off') {
        return (name: string, listener: Listener) => {
          const registered = filtered.get(listener) ?? listener;
          filtered.delete(listener);
          target.off(name as 'change', registered);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
