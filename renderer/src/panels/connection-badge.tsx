/// The connection state in the top bar: connected, syncing, or offline with the number of local changes
/// not yet on the server; a button to work offline or reconnect. Its width is fixed, so a changing count
/// never moves anything.
import type { DraftSync } from '../api/sync.ts';
import { useStore } from '../lib/store.ts';
import { useT } from '../i18n/i18n.ts';

/// Props of ConnectionBadge.
export interface ConnectionBadgeProps {
  readonly sync: DraftSync;
}

/// The badge.
export function ConnectionBadge({ sync }: ConnectionBadgeProps) {
  const t = useT();
  const state = useStore(sync.state);
  const offline = state.status === 'offline';
  return (
    <span class="row" style={{ gap: '4px' }}>
      <span
        class={`connection ${state.status}`}
        role="status"
        data-status={state.status}
        data-unsynced={state.unsynced}
        title={
          state.refused
            ? t('connection.refused', { code: state.refused.code, reason: state.refused.reason })
            : offline
              ? t('connectionExtra.offlineTitle')
              : ''
        }
      >
        <span class="dot" aria-hidden="true" />
        <span>{t(`connection.${state.status}`)}</span>
        {state.unsynced > 0 && (
          <span class="count">
            {offline
              ? t('connectionExtra.offlineKept', { count: state.unsynced })
              : t('connection.unsynced', { count: state.unsynced })}
          </span>
        )}
      </span>
      <button
        type="button"
        class="button quiet small"
        data-action={offline ? 'reconnect' : 'disconnect'}
        onClick={() => (offline ? sync.reconnect() : sync.disconnect())}
      >
        {offline ? t('connection.reconnect') : t('connection.goOffline')}
      </button>
    </span>
  );
}
