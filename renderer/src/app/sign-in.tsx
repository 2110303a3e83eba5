/// The sign-in page: a user name, a password, a submit button. On success the session is stored and
/// the page the user asked for (a deep link, or the draft list) opens.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import type { ApiClient } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { useT } from '../i18n/i18n.ts';
import { plainError } from './plain-error.ts';

/// Props of SignIn.
export interface SignInProps {
  readonly api: ApiClient;
  readonly onSignedIn: (session: Session) => void;
}

/// The sign-in form.
export function SignIn(props: SignInProps) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) {
      setError(t('signIn.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await props.api.signIn(username, password));
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && (caught.status === 401 || caught.status === 400))
        setError(t('signIn.wrong'));
      else if (caught instanceof ApiError && caught.status === 0)
        setError(t('signIn.unreachable', { detail: props.api.serverUrl }));
      else setError(plainError(t, caught));
    }
  };

  return (
    <main class="page" id="main">
      {/* noValidate: our own message, in the UI language and announced, rather than the browser's bubble. */}
      <form
        class="sign-in"
        onSubmit={submit}
        noValidate
        aria-describedby={error ? 'sign-in-error' : undefined}
      >
        <h1>{t('signIn.title')}</h1>
        <p class="muted" style={{ margin: 0 }}>
          {t('signIn.intro')}
        </p>
        <label class="field">
          <span>{t('signIn.username')}</span>
          <input class="input" name="username" autocomplete="username" autoFocus required />
        </label>
        <label class="field">
          <span>{t('signIn.password')}</span>
          <input class="input" name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && (
          <p id="sign-in-error" class="error-text" role="alert" style={{ margin: 0 }}>
            {error}
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy} style={{ justifyContent: 'center' }}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
