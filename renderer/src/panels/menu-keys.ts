/// The keyboard of a drop-down menu (WAI-ARIA menu button pattern): ↓/↑ move through the items (wrapping),
/// Home and End go to the first and last, Escape closes the menu and returns to its button.

const itemSelector = '[role=menuitem]:not(:disabled), [role=menuitemcheckbox]:not(:disabled)';

/// Handle `event` inside the menu `root` (holding the button and, when open, the list). `close` shuts
/// the menu. Returns true when the key was the menu's.
export function menuKeyDown(event: KeyboardEvent, root: HTMLElement, close: () => void): boolean {
  const items = [...root.querySelectorAll<HTMLElement>(itemSelector)];
  if (event.key === 'Escape') {
    if (items.length === 0) return false;
    event.preventDefault();
    close();
    root.querySelector<HTMLElement>('[aria-haspopup]')?.focus();
    return true;
  }
  if (items.length === 0) return false;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const targets: Record<string, number> = {
    ArrowDown: (at + 1) % items.length,
    ArrowUp: (at - 1 + items.length) % items.length,
    Home: 0,
    End: items.length - 1,
  };
  const next = targets[event.key];
  if (next === undefined) return false;
  event.preventDefault();
  items[next].focus();
  return true;
}
