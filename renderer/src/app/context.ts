/// What every page needs: the API client of the session, the platform host, the session itself, and
/// ways to sign out and tell the user something.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import type { DesktopHost } from '../host.ts';

/// The app-wide services.
export interface AppServices {
  readonly api: ApiClient;
  readonly host: DesktopHost;
  readonly session: Session;
  readonly signOut: () => void;
  /// Show a short message; `error` ones are styled as such and stay longer.
  readonly notify: (message: string, kind?: 'info' | 'error') => void;
}

/// The context carrying AppServices to the pages.
export const AppContext = createContext<AppServices | null>(null);

/// The app services. Throws Error outside the signed-in app.
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside AppContext');
  return services;
}
