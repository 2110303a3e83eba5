import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { article, doc } from '../../core/index.ts';
import { isRemoteChange, readOnly } from '../../renderer/src/editor/read-only.ts';

describe('read-only mode', () => {
  const state = EditorState.create({ doc: doc('T', article('Text.')), plugins: [readOnly()] });

  it('drops local changes to the document', () => {
    const next = state.apply(state.tr.insertText('x', 3));
    expect(next.doc).toBe(state.doc);
  });

  it('applies changes that came from the server', () => {
    const tr = state.tr.insertText('x', 3).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(isRemoteChange(tr)).toBe(true);
    expect(state.apply(tr).doc.textContent).toContain('x');
  });

  it('lets the selection move (readers select passages from the keyboard)', () => {
    const moved = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 4, 6)));
    expect([moved.selection.from, moved.selection.to]).toEqual([4, 6]);
  });
});
