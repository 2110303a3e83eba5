/// The application: signed out, the sign-in page; signed in, the page of the address (the draft list,
/// a draft, a comparison), with the services every page uses.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import type { DesktopHost } from '../host.ts';
import { useT } from '../i18n/i18n.ts';
import { AppContext } from './context.ts';
import type { AppServices } from './context.ts';
import { DraftList } from './draft-list.tsx';
import { DraftPage } from './draft-page.tsx';
import { ClerkPage } from '../clerk/clerk-page.tsx';
import { TimelinePage } from '../record/timeline-page.tsx';
import { PublicPage } from '../public/public-page.tsx';
import { helpRequest, routeHostCommand, teamServerRequest } from './host-commands.ts';
import { useGlobalKeys } from './global-keys.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { HelpDialog } from '../panels/help-dialog.tsx';
import { useStore } from '../lib/store.ts';
import { TeamServerDialog } from './team-server-dialog.tsx';
import { useRoute } from './router.ts';
import { loadSession, saveSession } from './session.ts';
import { SignIn } from './sign-in.tsx';
import { Toasts, notify } from './toasts.tsx';
import { TopBar } from './top-bar.tsx';

/// Props of App.
export interface AppProps {
  readonly host: DesktopHost;
}

/// The application root.
export function App({ host }: AppProps) {
  const t = useT();
  const route = useRoute();
  const [session, setSession] = useState<Session | null>(loadSession);
  // The session ended (signed out, or refused by the server): back to the sign-in page.
  const endSession = () => {
    saveSession(null);
    setSession(null);
  };
  const teamServer = useStore(teamServerRequest);
  const help = useStore(helpRequest);
  useGlobalKeys();
  const helpDialog = help && <HelpDialog onClose={() => helpRequest.set(false)} />;

  // The desktop's menus, and its local server's session when it hands one over.
  useEffect(() => host.onCommand(routeHostCommand), [host]);
  useEffect(() => {
    if (session) return;
    host.serverConnection().then(
      (connection) => {
        if (!connection.token) return;
        const handed = { token: connection.token, user: { username: connection.username ?? 'local' } };
        saveSession(handed);
        setSession(handed);
      },
      () => {},
    );
  }, [host, session]);
  const api = useMemo(
    () =>
      new ApiClient({ serverUrl: host.serverUrl, token: session?.token ?? null, onUnauthorized: endSession }),
    [host, session?.token],
  );
  const signOut = () => {
    void api.signOut().catch(() => {});
    endSession();
  };
  const services = useMemo<AppServices | null>(
    () => (session ? { api, host, session, signOut, notify } : null),
    [api, host, session],
  );

  // The public comment page needs no account, whoever is signed in.
  if (route.name === 'public') {
    return (
      <div class="shell public-shell">
        <PublicPage serverUrl={host.serverUrl} draftId={route.id} />
        {helpDialog}
      </div>
    );
  }

  if (!session || !services) {
    return (
      <div class="shell">
        <a class="skip-link" href="#main">
          {t('common.skip')}
        </a>
        <TopBar user={null} />
        {route.name === 'not-found' ? (
          <NotFoundPage path={route.path} signedIn={false} />
        ) : (
          <SignIn
            api={api}
            onSignedIn={(next) => {
              saveSession(next);
              setSession(next);
            }}
          />
        )}
        {helpDialog}
        <Toasts />
      </div>
    );
  }

  return (
    <AppContext.Provider value={services}>
      <div class="shell">
        <a class="skip-link" href="#main">
          {t('common.skip')}
        </a>
        {route.name === 'drafts' && (
          <>
            <TopBar user={session.user.username} onSignOut={signOut} />
            <DraftList />
          </>
        )}
        {(route.name === 'draft' || route.name === 'compare') && <DraftPage key={route.id} route={route} />}
        {route.name === 'clerk' && <ClerkPage key={route.id} draftId={route.id} />}
        {route.name === 'timeline' && <TimelinePage key={route.id} draftId={route.id} />}
        {route.name === 'not-found' && (
          <>
            <TopBar user={session.user.username} onSignOut={signOut} />
            <NotFoundPage path={route.path} signedIn />
          </>
        )}
        {teamServer && <TeamServerDialog host={host} onClose={() => teamServerRequest.set(false)} />}
        {helpDialog}
        <Toasts />
      </div>
    </AppContext.Provider>
  );
}
