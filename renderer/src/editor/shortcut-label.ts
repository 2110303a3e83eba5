/// Shortcuts as people read them: `Mod-Shift-Enter` is "Ctrl+Shift+Enter", or "⇧⌘↩" on a Mac.

/// Whether this is a Mac, where Mod is ⌘.
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iP(hone|[oa]d)/.test(navigator.platform);
}

const macSymbols: Record<string, string> = {
  Mod: '⌘',
  Shift: '⇧',
  Alt: '⌥',
  Ctrl: '⌃',
  Enter: '↩',
  ArrowUp: '↑',
  ArrowDown: '↓',
};

const pcNames: Record<string, string> = { Mod: 'Ctrl', ArrowUp: '↑', ArrowDown: '↓' };

/// The readable form of a prosemirror-keymap shortcut.
export function shortcutLabel(shortcut: string, mac: boolean = isMac()): string {
  const parts = shortcut.split('-').map((part) => (part.length === 1 ? part.toUpperCase() : part));
  if (mac) {
    const order = ['Ctrl', 'Alt', 'Shift', 'Mod'];
    const modifiers = parts.slice(0, -1).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return [...modifiers, parts[parts.length - 1]].map((p) => macSymbols[p] ?? p).join('');
  }
  return parts.map((p) => pcNames[p] ?? p).join('+');
}

/// The shortcut in `aria-keyshortcuts` form: "Control+Shift+Enter" ("Meta+…" on a Mac).
export function ariaShortcut(shortcut: string, mac: boolean = isMac()): string {
  const names: Record<string, string> = { Mod: mac ? 'Meta' : 'Control', Ctrl: 'Control', Cmd: 'Meta' };
  return shortcut
    .split('-')
    .map((part) => names[part] ?? (part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}
