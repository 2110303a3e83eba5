/// The shortcuts of the page around the editor (find, replace, print, help, commenting on a selection),
/// in prosemirror-keymap notation like the editor's own (commands.ts), and how to tell whether a key
/// event is one of them. The help lists them from here.
import { isMac } from './shortcut-label.ts';

/// Comment on the selected passage.
export const commentShortcut = 'Mod-Alt-m';
/// Open the find bar.
export const findShortcut = 'Mod-f';
/// Open the find bar with replace: Ctrl+H, or ⌥⌘F on a Mac (where ⌘H hides the app).
export const replaceShortcut = isMac() ? 'Mod-Alt-f' : 'Mod-h';
/// Print the draft or the comparison.
export const printShortcut = 'Mod-p';
/// Open the help.
export const helpShortcut = 'F1';

/// Whether `event` is `shortcut` (`Mod` being ⌘ on a Mac, Ctrl elsewhere). Letters match either case;
/// Shift must be held exactly when the shortcut says so.
export function matchesShortcut(event: KeyboardEvent, shortcut: string, mac: boolean = isMac()): boolean {
  const parts = shortcut.split('-');
  const key = parts.pop()!;
  const want = new Set(parts);
  const mod = want.has('Mod');
  if ((mac ? event.metaKey : event.ctrlKey) !== (mod || want.has(mac ? 'Cmd' : 'Ctrl'))) return false;
  if (mac && event.ctrlKey !== want.has('Ctrl')) return false;
  if (!mac && event.metaKey) return false;
  if (event.altKey !== want.has('Alt')) return false;
  if (event.shiftKey !== want.has('Shift')) return false;
  // With Alt held, macOS types another character: compare the key's code for letters.
  if (key.length === 1 && /[a-z]/i.test(key)) {
    return event.key.toLowerCase() === key.toLowerCase() || event.code === `Key${key.toUpperCase()}`;
  }
  return event.key === key;
}
