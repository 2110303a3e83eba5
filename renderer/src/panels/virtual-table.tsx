/// A table of many rows of one fixed height, of which only those in view (and a few around them) are
/// in the DOM: the clerk's table of every comment of a draft scrolls through 100,000 rows as smoothly
/// as through 100. The header stays put; columns are a CSS grid template shared by header and rows.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { rowWindow, scrollToRow } from '../lib/windowing.ts';

/// Props of VirtualTable.
export interface VirtualTableProps {
  readonly rowCount: number;
  /// Height of every row, in pixels.
  readonly rowHeight: number;
  /// The CSS `grid-template-columns` of header and rows.
  readonly columns: string;
  /// The header cells.
  readonly header: ComponentChildren;
  /// The cells of row `index`.
  readonly renderRow: (index: number) => ComponentChildren;
  /// Attributes of row `index`'s element (class, data-*); optional.
  readonly rowProps?: (index: number) => Record<string, string | boolean | undefined>;
  /// The row with the keyboard focus, kept in view; null for none.
  readonly activeRow?: number | null;
  readonly onRowClick?: (index: number, event: MouseEvent) => void;
  readonly onKeyDown?: (event: KeyboardEvent) => void;
  /// Accessible name of the table.
  readonly label: string;
  /// Accessible name of the scrolling body (what the keyboard does there, say). Optional.
  readonly bodyLabel?: string;
  /// The columns' total width in pixels: a narrower table scrolls sideways. Defaults to 0 (never).
  readonly minWidth?: number;
  /// Rows rendered beyond the viewport on each side. Defaults to 8.
  readonly overscan?: number;
  readonly class?: string;
}

/// The table. Rows are `role=row` elements positioned in a spacer as tall as all rows together.
export function VirtualTable(props: VirtualTableProps) {
  const { rowCount, rowHeight, overscan = 8 } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [width, setWidth] = useState(0);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => {
      setHeight(element.clientHeight);
      setWidth(element.parentElement?.clientWidth ?? 0);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A shorter list may leave the viewport scrolled past its end: the browser clamps scrollTop.
  useEffect(() => {
    const element = viewport.current;
    if (element && element.scrollTop !== scrollTop) setScrollTop(element.scrollTop);
  }, [rowCount]);

  useEffect(() => {
    const element = viewport.current;
    if (!element || props.activeRow === null || props.activeRow === undefined) return;
    const top = scrollToRow(props.activeRow, element.scrollTop, element.clientHeight, rowHeight);
    if (top !== element.scrollTop) element.scrollTop = top;
  }, [props.activeRow]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onScroll = () => {
    // One state update per frame, however many scroll events arrive.
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (viewport.current) setScrollTop(viewport.current.scrollTop);
    });
  };

  const { start, end } = rowWindow(scrollTop, height, rowHeight, rowCount, overscan);
  // Wider than its place: the table scrolls sideways (only then, as a second scroller costs frames).
  const wide = !!props.minWidth && width > 0 && props.minWidth > width;
  const rows = [];
  for (let index = start; index < end; index++) {
    rows.push(
      <div
        key={index}
        role="row"
        aria-rowindex={index + 2}
        class="vt-row"
        style={{
          top: `${index * rowHeight}px`,
          height: `${rowHeight}px`,
          gridTemplateColumns: props.columns,
        }}
        onClick={props.onRowClick ? (event) => props.onRowClick!(index, event as MouseEvent) : undefined}
        {...(props.rowProps?.(index) ?? {})}
      >
        {props.renderRow(index)}
      </div>,
    );
  }

  return (
    <div
      class={`vt${props.class ? ` ${props.class}` : ''}${wide ? ' vt-wide' : ''}`}
      role="table"
      aria-label={props.label}
      aria-rowcount={rowCount + 1}
      style={props.minWidth ? { '--vt-min-width': `${props.minWidth}px` } : undefined}
    >
      <div class="vt-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: props.columns }}>
        {props.header}
      </div>
      {/* A row group that scrolls: the table's rows must be its rows or row groups' (ARIA), and the
          keyboard must be able to scroll it, hence the tab stop. */}
      <div
        class="vt-viewport"
        role="rowgroup"
        aria-label={props.bodyLabel}
        ref={viewport}
        onScroll={onScroll}
        tabIndex={0}
        onKeyDown={props.onKeyDown}
      >
        <div class="vt-spacer" style={{ height: `${rowCount * rowHeight}px` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
