/// The arithmetic of a virtualised list of fixed-height rows: which rows a scroll position shows,
/// so that only those (and a few around them) are in the DOM, whatever the number of rows.

/// A range of row indices, `start` included, `end` excluded.
export interface RowWindow {
  readonly start: number;
  readonly end: number;
}

/// The rows to render for a viewport of `viewportHeight` pixels scrolled to `scrollTop`, with
/// `overscan` extra rows above and below (so fast scrolling shows no gap before the next frame).
/// Every argument is clamped to sense: negative or non-finite values count as 0, and the window never
/// reaches past `count`. Throws RangeError when `rowHeight` is not positive.
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): RowWindow {
  if (!(rowHeight > 0)) throw new RangeError(`Row height ${rowHeight} is not positive`);
  const total = Math.max(0, Math.floor(count));
  const top = Number.isFinite(scrollTop) ? Math.max(0, scrollTop) : 0;
  const height = Number.isFinite(viewportHeight) ? Math.max(0, viewportHeight) : 0;
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + height) / rowHeight);
  const start = Math.min(total, Math.max(0, first - overscan));
  const end = Math.min(total, Math.max(start, last + overscan));
  return { start, end };
}

/// The scroll position that brings row `index` into a viewport of `viewportHeight` scrolled to
/// `scrollTop`, moving as little as possible (unchanged when the row is already in full view).
export function scrollToRow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}
