/// The page for an address that leads nowhere — an unknown URL, or a draft that does not exist or that
/// the user may not see (the server answers both the same, so nobody learns which drafts exist): what
/// happened in plain words, and the way back.
import { useT } from '../i18n/i18n.ts';
import { followLink } from './router.ts';

/// Props of NotFoundPage.
export interface NotFoundPageProps {
  /// The address asked for; a draft's page says so instead.
  readonly path?: string;
  readonly draft?: boolean;
  /// Whether someone is signed in (the way back is then the draft list, else the sign-in page).
  readonly signedIn: boolean;
}

/// The not-found page.
export function NotFoundPage({ path, draft, signedIn }: NotFoundPageProps) {
  const t = useT();
  return (
    <main class="page not-found" id="main">
      <div class="page-inner">
        <h1>{t('notFoundPage.title')}</h1>
        <p>
          {draft ? t('notFoundPage.draftText') : t('notFoundPage.text', { path: path ?? location.pathname })}
        </p>
        <p>
          <a class="button primary" href="/" onClick={followLink({ name: 'drafts' })}>
            {signedIn ? t('notFoundPage.back') : t('notFoundPage.signIn')}
          </a>
        </p>
      </div>
    </main>
  );
}
