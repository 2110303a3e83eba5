/// The widths of the clerk's table columns: each sized by its content (the widest value it holds, as
/// measured, between a floor and a ceiling), the comment text taking what is left; and any width the
/// clerk set by dragging or with the keyboard, remembered in this browser. Pure but for the stored
/// widths (local storage).

/// One column.
export interface ColumnSpec {
  readonly key: string;
  /// Narrowest and widest it is sized to by content, in pixels.
  readonly min: number;
  readonly max: number;
  /// The column that takes the remaining width (`minmax(min, 1fr)`) unless the clerk sized it.
  readonly grow?: boolean;
  /// Fixed width (a checkbox column): never sized or resized.
  readonly fixed?: number;
}

/// Widths by column key, in pixels.
export type ColumnWidths = Readonly<Record<string, number>>;

/// Padding of a cell (left and right) plus room for a sort arrow, in pixels.
export const cellPadding = 20;

/// The widest of `values` as `measure` measures them (only the longest few by length are measured:
/// width follows length closely enough to pick the widest, and measuring 100,000 values is slow).
export function widestValue(
  values: Iterable<string>,
  measure: (text: string) => number,
  sample = 24,
): number {
  const longest: string[] = [];
  for (const value of values) {
    if (longest.length < sample) longest.push(value);
    else {
      let shortest = 0;
      for (let i = 1; i < longest.length; i++) if (longest[i].length < longest[shortest].length) shortest = i;
      if (value.length > longest[shortest].length) longest[shortest] = value;
    }
  }
  return longest.reduce((widest, value) => Math.max(widest, measure(value)), 0);
}

/// The width of each column from its header and its values (`values(key)`), within its floor and
/// ceiling.
export function contentWidths(
  specs: readonly ColumnSpec[],
  header: (key: string) => string,
  values: (key: string) => Iterable<string>,
  measure: (text: string) => number,
): ColumnWidths {
  const widths: Record<string, number> = {};
  for (const spec of specs) {
    if (spec.fixed !== undefined) {
      widths[spec.key] = spec.fixed;
      continue;
    }
    const widest = Math.max(measure(header(spec.key)), widestValue(values(spec.key), measure)) + cellPadding;
    widths[spec.key] = Math.round(Math.min(spec.max, Math.max(spec.min, widest)));
  }
  return widths;
}

/// The CSS grid template of the columns: sized ones in pixels, the growing one (unless the clerk sized
/// it) as `minmax(width, 1fr)`.
export function gridTemplate(
  specs: readonly ColumnSpec[],
  widths: ColumnWidths,
  chosen: ColumnWidths,
): string {
  return specs
    .map((spec) => {
      const width = chosen[spec.key] ?? widths[spec.key] ?? spec.min;
      return spec.grow && chosen[spec.key] === undefined ? `minmax(${spec.min}px, 1fr)` : `${width}px`;
    })
    .join(' ');
}

/// The smallest width a column may be given by hand.
export const minimumWidth = 40;

/// `chosen` with column `key` set to `width` (never below minimumWidth, nor above 1,200 px).
export function resizeColumn(chosen: ColumnWidths, key: string, width: number): ColumnWidths {
  return { ...chosen, [key]: Math.round(Math.min(1200, Math.max(minimumWidth, width))) };
}

const storageKey = 'lifa.clerk.columns';

/// The widths the clerk chose before, in this browser.
export function storedWidths(): ColumnWidths {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(([, width]) => typeof width === 'number' && Number.isFinite(width)),
    ) as ColumnWidths;
  } catch {
    return {};
  }
}

/// Remember the widths the clerk chose.
export function storeWidths(chosen: ColumnWidths): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(chosen));
  } catch {
    // Private mode: the widths last for this page.
  }
}
