/// The connection state shown to the user (connected / syncing / offline, with the number of local
/// changes the server has not yet received), as a pure reducer over the sync events.

/// What the connection is doing.
export type ConnectionStatus = 'connected' | 'syncing' | 'offline';

/// Why the server closed the connection for good, when it did.
export interface ConnectionRefusal {
  readonly code: number;
  readonly reason: string;
}

/// The state shown in the status bar.
export interface ConnectionState {
  readonly status: ConnectionStatus;
  /// Local changes made since the last complete sync with the server.
  readonly unsynced: number;
  /// Set when the server closed the connection with a 44xx code (bad token, read-only, gone).
  readonly refused: ConnectionRefusal | null;
  /// True once the user chose to work offline (the connection stays down until they reconnect).
  readonly paused: boolean;
}

/// One thing that happened to the connection.
export type ConnectionEvent =
  | { readonly type: 'socket'; readonly status: 'connected' | 'connecting' | 'disconnected' }
  | { readonly type: 'synced' }
  | { readonly type: 'local-change' }
  | { readonly type: 'refused'; readonly code: number; readonly reason: string }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' };

/// The state before the first connection attempt.
export const initialConnectionState: ConnectionState = {
  status: 'syncing',
  unsynced: 0,
  refused: null,
  paused: false,
};

/// The state after `event`. Returns `state` itself when nothing changes.
export function nextConnectionState(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'socket': {
      // A socket that opened is still syncing until the server's state arrived. While offline, the
      // provider's retries ("connecting", again and again while the server is down) are no connection:
      // the state stays offline until a socket actually opens.
      const status: ConnectionStatus =
        event.status === 'disconnected'
          ? 'offline'
          : event.status === 'connecting' && state.status === 'offline'
            ? 'offline'
            : 'syncing';
      return state.status === status ? state : { ...state, status };
    }
    case 'synced':
      return { ...state, status: 'connected', unsynced: 0, refused: null };
    case 'local-change':
      // While connected, a change goes to the server at once.
      return state.status === 'connected' ? state : { ...state, unsynced: state.unsynced + 1 };
    case 'refused':
      return { ...state, status: 'offline', refused: { code: event.code, reason: event.reason } };
    case 'pause':
      return state.paused ? state : { ...state, paused: true, status: 'offline' };
    case 'resume':
      return state.paused ? { ...state, paused: false, status: 'syncing' } : state;
  }
}
