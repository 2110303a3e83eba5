import { describe, expect, it } from 'vitest';
import { initialConnectionState, nextConnectionState } from '../../renderer/src/api/connection-state.ts';
import type { ConnectionEvent, ConnectionState } from '../../renderer/src/api/connection-state.ts';

const run = (...events: ConnectionEvent[]): ConnectionState =>
  events.reduce(nextConnectionState, initialConnectionState);

describe('the connection state', () => {
  it('is syncing until the server state arrived, then connected', () => {
    expect(run({ type: 'socket', status: 'connecting' }).status).toBe('syncing');
    expect(run({ type: 'socket', status: 'connected' }).status).toBe('syncing');
    expect(run({ type: 'socket', status: 'connected' }, { type: 'synced' }).status).toBe('connected');
  });

  it('counts changes made while offline and clears the count once synced again', () => {
    const offline = run(
      { type: 'socket', status: 'connected' },
      { type: 'synced' },
      { type: 'local-change' },
      { type: 'socket', status: 'disconnected' },
      { type: 'local-change' },
      { type: 'local-change' },
    );
    expect(offline).toMatchObject({ status: 'offline', unsynced: 2 });
    const back = [
      { type: 'socket', status: 'connecting' },
      { type: 'socket', status: 'connected' },
      { type: 'synced' },
    ] as const;
    expect(back.reduce(nextConnectionState, offline)).toMatchObject({ status: 'connected', unsynced: 0 });
  });

  it('stays offline while the provider keeps retrying a server that is down, counting the changes', () => {
    const down = run(
      { type: 'socket', status: 'connecting' },
      { type: 'socket', status: 'disconnected' },
      { type: 'local-change' },
      { type: 'socket', status: 'connecting' },
      { type: 'socket', status: 'disconnected' },
      { type: 'local-change' },
      { type: 'socket', status: 'connecting' },
    );
    expect(down).toMatchObject({ status: 'offline', unsynced: 2 });
    const up = [{ type: 'socket', status: 'connected' }, { type: 'synced' }] as const;
    expect(nextConnectionState(down, up[0]).status).toBe('syncing');
    expect(up.reduce(nextConnectionState, down)).toMatchObject({ status: 'connected', unsynced: 0 });
  });

  it('remembers a refusal and a chosen pause', () => {
    expect(run({ type: 'refused', code: 4403, reason: 'read-only' })).toMatchObject({
      status: 'offline',
      refused: { code: 4403, reason: 'read-only' },
    });
    expect(run({ type: 'pause' })).toMatchObject({ status: 'offline', paused: true });
    expect(run({ type: 'pause' }, { type: 'resume' })).toMatchObject({ status: 'syncing', paused: false });
  });

  it('returns the same state when nothing changes', () => {
    const connected = run({ type: 'socket', status: 'connected' }, { type: 'synced' });
    expect(nextConnectionState(connected, { type: 'local-change' })).toBe(connected);
    expect(nextConnectionState(initialConnectionState, { type: 'resume' })).toBe(initialConnectionState);
  });
});
