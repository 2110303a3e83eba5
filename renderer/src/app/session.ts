/// The signed-in session, kept in local storage so a reload or a deep link in a new tab stays signed in.
import type { Session } from '../api/types.ts';

const storageKey = 'lifa.session';

/// The stored session, or null when signed out (or when storage is unavailable or corrupt).
export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(storageKey);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.token !== 'string' || !value.user || typeof value.user.username !== 'string')
      return null;
    return value as Session;
  } catch {
    return null;
  }
}

/// Store `session` (null: sign out).
export function saveSession(session: Session | null): void {
  try {
    if (session) localStorage.setItem(storageKey, JSON.stringify(session));
    else localStorage.removeItem(storageKey);
  } catch {
    // Private mode: the session lasts for this page only.
  }
}
