/// The keys every page answers, whatever has the focus: F1 (and ? outside a text field) opens the
/// help, Ctrl/⌘+P prints through the app's print stylesheet. The desktop's menus send the same as
/// commands (host-commands.ts) and take the keys before the page sees them.
import { useEffect } from 'preact/hooks';
import { helpShortcut, matchesShortcut, printShortcut } from '../editor/shortcuts.ts';
import { helpRequest } from './host-commands.ts';
import { printPage } from './print.ts';

/// Whether `target` takes typed text (so ? there is a question mark).
export function isTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  if (element.isContentEditable) return true;
  if (element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  if (element.tagName !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(
    (element as HTMLInputElement).type,
  );
}

/// Install the page-wide keys for the life of the calling component.
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const help =
        matchesShortcut(event, helpShortcut) ||
        (event.key === '?' &&
          !event.ctrlKey &&
          !event.metaKey &&
          !event.altKey &&
          !isTextField(event.target));
      if (help) {
        event.preventDefault();
        helpRequest.set(true);
      } else if (matchesShortcut(event, printShortcut)) {
        event.preventDefault();
        printPage();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
