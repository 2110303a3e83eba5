/// The handle on a column header's right edge that resizes the column: drag it with the pointer, or
/// focus it and press ← / → (Shift for bigger steps); Home gives the column back its width by content.
/// A focusable separator with its width as value, so a screen reader says what it does and where it is.
import { useRef } from 'preact/hooks';

/// Props of ColumnResizer.
export interface ColumnResizerProps {
  /// Accessible name ("Resize the Comment column").
  readonly label: string;
  /// The column's width now, in pixels.
  readonly width: number;
  readonly onResize: (width: number) => void;
  /// Back to the width by content.
  readonly onReset: () => void;
}

/// The handle.
export function ColumnResizer({ label, width, onResize, onReset }: ColumnResizerProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const handle = useRef<HTMLSpanElement>(null);
  // The column as drawn (a growing column is wider than any width it was given).
  const drawn = () => handle.current?.parentElement?.getBoundingClientRect().width || width;
  return (
    <span
      ref={handle}
      class="column-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(width)}
      aria-valuemin={40}
      aria-valuemax={1200}
      tabIndex={0}
      title={label}
      onPointerDown={(event) => {
        event.preventDefault();
        event.stopPropagation();
        (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
        drag.current = { x: event.clientX, width: drawn() };
      }}
      onPointerMove={(event) => {
        if (drag.current) onResize(drag.current.width + event.clientX - drag.current.x);
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onClick={(event) => event.stopPropagation()}
      onDblClick={onReset}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 64 : 16;
        if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
          event.preventDefault();
          onResize(drawn() + (event.key === 'ArrowRight' ? step : -step));
        } else if (event.key === 'Home') {
          event.preventDefault();
          onReset();
        }
      }}
    />
  );
}
