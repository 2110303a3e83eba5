/// How other people's cursors look: a thin caret in their colour with their name above it. The caret
/// takes no width, so a remote cursor moving through a line never shifts its text.

import type { PresenceUser } from '../../../core/index.ts';

/// A person as their cursor shows them.
export type CursorUser = PresenceUser;

/// A stable colour (`#rrggbb`) for a user name (core's, which the server also uses for presence).
export { userColor } from '../../../core/index.ts';

/// The DOM of a remote cursor, for yCursorPlugin's `cursorBuilder`.
export function buildCursor(user: CursorUser): HTMLElement {
  const cursor = document.createElement('span');
  cursor.className = 'lifa-cursor';
  cursor.style.borderColor = user.color;
  cursor.dataset.user = user.name;
  const name = document.createElement('span');
  name.className = 'lifa-cursor-name';
  name.style.backgroundColor = user.color;
  name.textContent = user.name;
  // Word joiners keep the caret from breaking a line on its own.
  cursor.append('\u2060', name, '\u2060');
  return cursor;
}

/// The attributes of a remote selection, for yCursorPlugin's `selectionBuilder`.
export function selectionAttrs(user: CursorUser): { style: string; class: string } {
  return { style: `background-color: ${user.color}33`, class: 'lifa-remote-selection' };
}
