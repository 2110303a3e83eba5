/// Read-only mode for reviewers, clerks and viewers: the text cannot change, yet a reader can put the
/// caret in it and select with the keyboard alone (Shift+arrows), as they must to quote a passage in a
/// comment. So the view stays editable to the browser, every input is refused before it reaches the
/// text (typing, Enter, deleting, pasting, dropping), and any transaction that would still
/// change the document locally is dropped (an IME composition, say, which cannot be cancelled: the view
/// then redraws the text it had). Changes arriving from the server (y-prosemirror marks them as
/// change-origin) still apply. The server refuses read-only updates anyway; this keeps the client from
/// ever sending one. The editor root says `aria-readonly="true"` while input is refused.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { EditorState, Transaction } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';

/// Key of the read-only plugin.
export const readOnlyKey = new PluginKey('lifa-read-only');

/// Whether `tr` replays a change that came from Yjs (another person, the server, the offline copy).
export function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/// Editor props that refuse every input while `refusing(state)`, leaving the caret and the selection
/// free. Cut stays ProseMirror's: it copies, and its deletion is dropped by the caller's filter.
export function refuseInput(refusing: (state: EditorState) => boolean) {
  return {
    beforeinput: (view: EditorView, event: Event): boolean => {
      if (!refusing(view.state)) return false;
      event.preventDefault();
      return true;
    },
    handlePaste: (view: EditorView): boolean => refusing(view.state),
    handleDrop: (view: EditorView): boolean => refusing(view.state),
    handleTextInput: (view: EditorView): boolean => refusing(view.state),
    attributes: (state: EditorState): Record<string, string> =>
      refusing(state) ? { 'aria-readonly': 'true' } : {},
  };
}

/// The read-only plugin. `takesInput` may let the view take typing all the same (a reviewer in
/// Suggesting mode, whose typing another plugin, placed before this one, turns into suggestions); no
/// local change to the document passes either way. Defaults to never.
export function readOnly(takesInput: (state: EditorState) => boolean = () => false): Plugin {
  const { beforeinput, ...refusals } = refuseInput((state) => !takesInput(state));
  return new Plugin({
    key: readOnlyKey,
    props: { ...refusals, handleDOMEvents: { beforeinput } },
    filterTransaction: (tr) => !tr.docChanged || isRemoteChange(tr),
  });
}
