/// How other people's cursors look: a thin caret in their colour with their name above it. The caret
/// takes no width, so a remote cursor moving through a line never shifts its text.

/// A person as their cursor shows them.
export interface CursorUser {
  readonly name: string;
  readonly color: string;
}

const palette = ['#d1495b', '#00798c', '#edae49', '#66a182', '#8d5a97', '#2e4057', '#e07a5f', '#3d85c6'];

/// A stable colour (`#rrggbb`) for a user name.
export function userColor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (Math.imul(hash, 31) + ch.codePointAt(0)!) | 0;
  return palette[Math.abs(hash) % palette.length];
}

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
