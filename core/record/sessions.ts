/// Author sessions: the changes to one article grouped the way a reader of its history thinks of
/// them — one person's consecutive edits, with no pause longer than a few minutes.

/// One change as session grouping sees it.
export interface SessionChange {
  /// Server time, milliseconds since the epoch; never decreasing along the list.
  readonly at: number;
  /// Who made it, as a key: changes with equal keys may share a session.
  readonly author: string;
  /// A change that stands alone (a restore, a draft's creation) is a session of its own.
  readonly alone?: boolean;
}

/// A session: the indexes of its first and last change in the list given to groupSessions.
export interface SessionSpan {
  readonly first: number;
  readonly last: number;
}

/// The longest pause inside one session: 5 minutes.
export const defaultSessionGap = 5 * 60 * 1000;

/// Group `changes` (one article's, in order) into sessions: a new session starts when the author
/// changes, when more than `gap` ms passed since the previous change, and around a change that
/// stands alone. Returns the sessions in order; none for no changes.
export function groupSessions(changes: readonly SessionChange[], gap = defaultSessionGap): SessionSpan[] {
  const sessions: SessionSpan[] = [];
  let first = 0;
  for (let i = 1; i <= changes.length; i++) {
    const previous = changes[i - 1];
    const change = changes[i];
    const split =
      change === undefined ||
      change.author !== previous.author ||
      change.at - previous.at > gap ||
      change.alone === true ||
      previous.alone === true;
    if (split) {
      sessions.push({ first, last: i - 1 });
      first = i;
    }
  }
  return changes.length ? sessions : [];
}
