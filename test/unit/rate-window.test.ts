// The sliding one-minute window that limits sign-in guesses (per address, per username) and new sync
// connections per address: never more than the allowance in any sixty seconds, even across the turn
// of a clock minute, with refused events not counted and a guess given back when it proved right.
import { describe, expect, it } from 'vitest';
import { SignInGuard } from '../../server/auth/sign-in-guard.ts';
import { RateWindow } from '../../server/sync/limits.ts';

const minute = 60_000;

describe('RateWindow', () => {
  it('allows no more than the allowance in any minute, across the turn of a clock minute', () => {
    const window = new RateWindow(20);
    const turn = 100 * minute; // a clock minute starts here
    let taken = 0;
    for (let i = 0; i < 100; i++) if (window.take('a', turn - 500 + i * 10)) taken++;
    expect(taken).toBe(20);
    expect(window.exhausted('a', turn + 30_000)).toBe(true);
    expect(window.take('b', turn)).toBe(true);
  });

  it('frees each counted event a minute after it, and says when', () => {
    const window = new RateWindow(2);
    expect(window.take('a', 1_000)).toBe(true);
    expect(window.take('a', 31_000)).toBe(true);
    expect(window.take('a', 40_000)).toBe(false);
    expect(window.retryAfterSeconds('a', 40_000)).toBe(21);
    expect(window.take('a', 61_000)).toBe(true);
    expect(window.exhausted('a', 61_000)).toBe(true);
    expect(window.exhausted('a', 91_001)).toBe(false);
    expect(window.retryAfterSeconds('b', 40_000)).toBe(1);
  });

  it('gives back an event that turned out not to count', () => {
    const window = new RateWindow(1);
    expect(window.take('a', 5_000)).toBe(true);
    expect(window.exhausted('a', 6_000)).toBe(true);
    window.giveBack('a', 5_000, 6_000);
    expect(window.exhausted('a', 6_000)).toBe(false);
  });
});

describe('SignInGuard', () => {
  it('counts a guess before its check, per address and per username, and gives back a right one', () => {
    const guard = new SignInGuard({ failuresPerAddress: 3, failuresPerUsername: 5 });
    const at = 7 * minute - 100;
    for (let i = 0; i < 3; i++) expect(guard.admit('10.0.0.1', 'alice', at + i).ok).toBe(true);
    const refused = guard.admit('10.0.0.1', 'alice', at + 200);
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/your address/) });
    expect(refused.ok || refused.retryAfterSeconds).toBe(60);
    for (let i = 0; i < 2; i++) expect(guard.admit(`10.0.1.${i}`, 'alice', at + 300).ok).toBe(true);
    expect(guard.admit('10.0.2.1', 'alice', at + 400)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/this username/),
    });
    const right = guard.admit('10.0.3.1', 'bob', at + 500);
    if (!right.ok) throw new Error('bob was refused');
    right.succeeded(at + 550);
    for (let i = 0; i < 3; i++) expect(guard.admit('10.0.3.1', 'carol', at + 600).ok).toBe(true);
  });
});
