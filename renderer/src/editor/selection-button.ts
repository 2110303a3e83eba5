/// A button shown beside a non-empty selection in the text of the draft (Comment, Suggest): placed
/// below the selection's end or above its start, hidden while typing, when the selection collapses or
/// leaves the editor, or when the user may not use it. Read-only views cannot take the focus, so the
/// document's selection is what counts.
import type { EditorView } from 'prosemirror-view';

/// Options of selectionButton.
export interface SelectionButtonOptions {
  /// Classes of the button (besides `button`).
  readonly className: string;
  /// Its words, read each time it is shown (they follow the UI language).
  readonly label: () => string;
  /// Whether it may be shown now (asked each time).
  readonly enabled: () => boolean;
  /// Below the selection's end (the default), or above its start.
  readonly placement?: 'below-end' | 'above-start';
  /// The user clicked it (it is hidden first).
  readonly onClick: (view: EditorView) => void;
}

/// A selection button in `view`'s parent: call `update` from the plugin view's update, `destroy` from its destroy.
export function selectionButton(
  view: EditorView,
  options: SelectionButtonOptions,
): { update(): void; destroy(): void } {
  const host = view.dom.parentElement;
  const button = view.dom.ownerDocument.createElement('button');
  button.type = 'button';
  button.className = `${options.className} button`;
  button.hidden = true;
  button.addEventListener('mousedown', (event) => event.preventDefault());
  // Hidden only when shown: writing the attribute restyles the page even when it does not change,
  // and this runs on every keystroke.
  const hide = () => {
    if (!button.hidden) button.hidden = true;
  };
  button.addEventListener('click', () => {
    hide();
    options.onClick(view);
  });
  host?.appendChild(button);
  let frame = 0;
  const place = () => {
    frame = 0;
    if (view.isDestroyed || !host) return;
    const { empty, from, to } = view.state.selection;
    const inArticle = !empty && view.state.doc.resolve(from).parent.inlineContent;
    const selection = view.dom.ownerDocument.getSelection();
    const selected = !!selection && !selection.isCollapsed && view.dom.contains(selection.anchorNode);
    if (!inArticle || !selected || !options.enabled()) {
      hide();
      return;
    }
    const box = host.getBoundingClientRect();
    button.textContent = options.label();
    if (options.placement === 'above-start') {
      const start = view.coordsAtPos(from, 1);
      button.style.top = `${Math.max(0, start.top - box.top - 34)}px`;
      button.style.left = `${Math.max(0, Math.min(start.left - box.left, box.width - 120))}px`;
    } else {
      const end = view.coordsAtPos(to, -1);
      button.style.top = `${end.bottom - box.top + 6}px`;
      button.style.left = `${Math.max(0, Math.min(end.left - box.left, box.width - 120))}px`;
    }
    button.hidden = false;
  };
  // The selection can leave the editor without a transaction (a click elsewhere). While the caret
  // moves (typing) with the button hidden there is nothing to place: a selection that grows in the
  // editor arrives as a transaction (update).
  const onSelectionChange = () => {
    if (!frame && !(button.hidden && view.state.selection.empty)) frame = requestAnimationFrame(place);
  };
  view.dom.ownerDocument.addEventListener('selectionchange', onSelectionChange);
  view.dom.addEventListener('keydown', hide);
  return {
    update: () => {
      if (view.state.selection.empty) hide();
      else if (!frame) frame = requestAnimationFrame(place);
    },
    destroy: () => {
      if (frame) cancelAnimationFrame(frame);
      view.dom.ownerDocument.removeEventListener('selectionchange', onSelectionChange);
      view.dom.removeEventListener('keydown', hide);
      button.remove();
    },
  };
}
