/// The bar at the top of every page: the brand (back to the drafts), what the page adds (the draft's
/// title, its connection state, export), help, the language switch, and the user with a sign-out button.
import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/i18n.ts';
import { followLink } from './router.ts';
import { LanguageMenu } from './language-menu.tsx';
import { helpRequest } from './host-commands.ts';

/// Props of TopBar.
export interface TopBarProps {
  /// Signed-in user name, or null on the sign-in page.
  readonly user: string | null;
  readonly onSignOut?: () => void;
  /// Page-specific content after the brand.
  readonly children?: ComponentChildren;
}

/// The top bar.
export function TopBar(props: TopBarProps) {
  const t = useT();
  return (
    <header class="top-bar">
      <a class="brand" href="/" onClick={followLink({ name: 'drafts' })}>
        立法 <small>Lifa</small>
      </a>
      {props.children}
      <span class="spacer" />
      <button
        type="button"
        class="button quiet small help-button"
        aria-label={t('help.button')}
        title={`${t('help.button')} (F1)`}
        aria-keyshortcuts="F1"
        onClick={() => helpRequest.set(true)}
      >
        ?
      </button>
      <LanguageMenu />
      {props.user && (
        <>
          <span class="user" title={t('top.signedInAs', { name: props.user })}>
            {props.user}
          </span>
          <button type="button" class="button quiet small" onClick={props.onSignOut}>
            {t('top.signOut')}
          </button>
        </>
      )}
    </header>
  );
}
