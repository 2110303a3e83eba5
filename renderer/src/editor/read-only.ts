/// Read-only mode for reviewers, clerks and viewers: the view is not editable, and any transaction
/// that would change the document locally is dropped. Changes arriving from the server (y-prosemirror
/// marks them as change-origin) still apply. The server refuses read-only updates anyway; this keeps
/// the client from ever sending one.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';

/// Key of the read-only plugin.
export const readOnlyKey = new PluginKey('lifa-read-only');

/// Whether `tr` replays a change that came from Yjs (another person, the server, the offline copy).
export function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/// The read-only plugin. `takesInput` may let the view take typing all the same (a reviewer in
/// Suggesting mode, whose typing another plugin turns into suggestions); no local change to the
/// document passes either way. Defaults to never.
export function readOnly(takesInput: (state: EditorState) => boolean = () => false): Plugin {
  return new Plugin({
    key: readOnlyKey,
    props: { editable: takesInput },
    filterTransaction: (tr) => !tr.docChanged || isRemoteChange(tr),
  });
}
