// Driving a page with the keyboard alone: Tab (or Shift+Tab) until the focus reaches an element, a key
// pressed until something holds. Tests read where the focus is; they never click.
import type { Page } from 'playwright-core';

/// Whether the focused element matches `selector`.
export function focusIs(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
}

/// A short description of the focused element (for failure messages).
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active) return '(nothing)';
    const name =
      active.getAttribute('aria-label') ?? active.getAttribute('name') ?? active.innerText?.slice(0, 40);
    return `${active.tagName.toLowerCase()}.${active.className} "${name ?? ''}"`;
  });
}

/// Press Tab (Shift+Tab with `backwards`) until the focus is on an element matching `selector`.
/// Throws, saying where the focus went, when it is not reached within `limit` presses.
export async function tabTo(
  page: Page,
  selector: string,
  { backwards = false, limit = 80 } = {},
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await focusIs(page, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  if (await focusIs(page, selector)) return;
  throw new Error(
    `${selector} not reached by ${backwards ? 'Shift+Tab' : 'Tab'}; focus is on ${await focused(page)}`,
  );
}

/// Press `key` until `done()` holds (checked before each press). Throws after `limit` presses.
export async function pressUntil(
  page: Page,
  key: string,
  done: () => Promise<boolean>,
  limit = 120,
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await done()) return;
    await page.keyboard.press(key);
  }
  if (await done()) return;
  throw new Error(
    `${key} pressed ${limit} times without reaching the goal; focus is on ${await focused(page)}`,
  );
}
