/// Signing in to a team server from the desktop app (File › Connect to Team Server): its address, a user
/// name and a password, handed to the host, which then reopens the window on that server.
import { useState } from 'preact/hooks';
import type { DesktopHost } from '../host.ts';
import { useT } from '../i18n/i18n.ts';
import { Dialog } from '../panels/dialog.tsx';

/// Props of TeamServerDialog.
export interface TeamServerDialogProps {
  readonly host: DesktopHost;
  readonly onClose: () => void;
}

/// The dialog.
export function TeamServerDialog({ host, onClose }: TeamServerDialogProps) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      await host.connectTeamServer({
        url: String(form.get('url') ?? '').trim(),
        username: String(form.get('username') ?? '').trim(),
        password: String(form.get('password') ?? ''),
      });
      onClose();
    } catch (caught) {
      setBusy(false);
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <Dialog
      title={t('team.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" class="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="team-server-form" class="button primary" disabled={busy}>
            {t('team.connect')}
          </button>
        </>
      }
    >
      <form id="team-server-form" onSubmit={submit} style={{ display: 'contents' }}>
        <label class="field">
          <span>{t('team.url')}</span>
          <input class="input" name="url" type="url" placeholder="https://lifa.example.org" required />
        </label>
        <label class="field">
          <span>{t('signIn.username')}</span>
          <input class="input" name="username" autocomplete="username" required />
        </label>
        <label class="field">
          <span>{t('signIn.password')}</span>
          <input class="input" name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && (
          <p class="error-text" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
