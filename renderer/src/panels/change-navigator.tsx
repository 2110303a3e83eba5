/// Stepping through a comparison change by change: previous and next buttons with "Change 3 of 12",
/// and Alt+↓ / Alt+↑ from anywhere on the page. A change is any element marked `data-change` inside
/// `container` (a changed row of the table, a changed article of the redline); the current one is
/// scrolled into view, focused (so a screen reader reads it) and outlined.
import { useEffect, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { useT } from '../i18n/i18n.ts';

/// Props of ChangeNavigator.
export interface ChangeNavigatorProps {
  /// The element holding the changes.
  readonly container: RefObject<HTMLElement | null>;
  /// Changes when what is shown changes (another comparison, view or folding): starts again at none.
  readonly version: unknown;
}

/// The elements marked as changes in `root`, in document order.
export function changeElements(root: HTMLElement | null): HTMLElement[] {
  return root ? [...root.querySelectorAll<HTMLElement>('[data-change]')] : [];
}

/// The navigator.
export function ChangeNavigator({ container, version }: ChangeNavigatorProps) {
  const t = useT();
  const [current, setCurrent] = useState(-1);
  const [total, setTotal] = useState(0);

  useEffect(() => {
    setCurrent(-1);
    // The view renders its rows in the same commit: count them on the next frame.
    const frame = requestAnimationFrame(() => setTotal(changeElements(container.current).length));
    return () => cancelAnimationFrame(frame);
  }, [version]);

  const go = (direction: 1 | -1) => {
    const changes = changeElements(container.current);
    setTotal(changes.length);
    if (changes.length === 0) return;
    const at = changes.findIndex((element) => element.classList.contains('is-current-change'));
    const next =
      at < 0
        ? direction === 1
          ? 0
          : changes.length - 1
        : (at + direction + changes.length) % changes.length;
    changes[at]?.classList.remove('is-current-change');
    const target = changes[next];
    target.classList.add('is-current-change');
    target.tabIndex = -1;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    setCurrent(next);
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      go(event.key === 'ArrowDown' ? 1 : -1);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div class="change-navigator" role="group" aria-label={t('changes.navigation')}>
      <button
        type="button"
        class="button small"
        name="previous-change"
        aria-keyshortcuts="Alt+ArrowUp"
        title={`${t('changes.previous')} (Alt+↑)`}
        disabled={total === 0}
        onClick={() => go(-1)}
      >
        ↑ {t('changes.previous')}
      </button>
      <button
        type="button"
        class="button small"
        name="next-change"
        aria-keyshortcuts="Alt+ArrowDown"
        title={`${t('changes.next')} (Alt+↓)`}
        disabled={total === 0}
        onClick={() => go(1)}
      >
        ↓ {t('changes.next')}
      </button>
      <span class="change-position" role="status" aria-live="polite">
        {total === 0
          ? t('changes.none')
          : current < 0
            ? t('changes.positionNone', { total })
            : t('changes.position', { current: current + 1, total })}
      </span>
    </div>
  );
}
