/// Read-only mode for reviewers, clerks and viewers: the text cannot change, yet a reader can put the
/// caret in it and select with the keyboard alone (Shift+arrows), as they must to quote a passage in a
/// comment. So the view stays editable to the browser, every input is refused before it reaches the
/// text (typing, Enter, deleting, pasting, dropping), and any transaction that would still
/// change the document locally is dropped (an IME composition, say, which cannot be cancelled: the view
/// then redraws the text it had). Changes arriving from the server (y-prosemirror marks them as
/// change-origin) still apply. The server refuses read-only updates anyway; this keeps the client from
/// ever sending one. The editor root says `aria-readonly="true"`.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';

/// Key of the read-only plugin.
export const readOnlyKey = new PluginKey('lifa-read-only');

/// Whether `tr` replays a change that came from Yjs (another person, the server, the offline copy).
export function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

const refuse = (event: Event) => {
  event.preventDefault();
  return true;
};

/// The read-only plugin.
export function readOnly(): Plugin {
  return new Plugin({
    key: readOnlyKey,
    props: {
      // Cut stays ProseMirror's: it copies, and its deletion is filtered out below.
      handleDOMEvents: { beforeinput: (_view, event) => refuse(event) },
      handlePaste: () => true,
      handleDrop: () => true,
      handleTextInput: () => true,
    },
    filterTransaction: (tr) => !tr.docChanged || isRemoteChange(tr),
  });
}
