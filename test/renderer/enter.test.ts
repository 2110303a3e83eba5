import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { article, buildOutline, chapter, doc, item, paragraph, subitem } from '../../core/index.ts';
import { enterCommand } from '../../renderer/src/editor/enter.ts';

/// A state with the cursor just after the first occurrence of `marker`.
function stateAt(document: PMNode, marker: string): EditorState {
  let cursor = -1;
  document.descendants((node, pos) => {
    if (cursor >= 0) return false;
    if (node.isText && node.text!.includes(marker)) cursor = pos + node.text!.indexOf(marker) + marker.length;
    return true;
  });
  if (cursor < 0) throw new Error(`marker ${marker} not found`);
  const state = EditorState.create({ doc: document });
  return state.apply(state.tr.setSelection(TextSelection.create(document, cursor)));
}

function enter(state: EditorState): EditorState {
  let next: EditorState | null = null;
  expect(enterCommand(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next!;
}

const paragraphsOf = (state: EditorState) => buildOutline(state.doc, 'en').articles[0].paragraphs;

describe('Enter in a draft', () => {
  it('splits a paragraph at the cursor into two paragraphs', () => {
    const next = enter(stateAt(doc('R', article('First. Second.')), 'First.'));
    expect(paragraphsOf(next).map((p) => p.text)).toEqual(['First.', ' Second.']);
    expect(next.selection.$head.parent.textContent).toBe(' Second.');
  });

  it('starts the first item at the end of a text that introduces items', () => {
    const next = enter(stateAt(doc('R', article(paragraph('Lead:', item('one')))), 'Lead:'));
    expect(paragraphsOf(next)[0].items.map((i) => i.text)).toEqual(['', 'one']);
    expect(next.selection.$head.node(next.selection.$head.depth - 1).type.name).toBe('item');
  });

  it('splits an item into two items', () => {
    const next = enter(stateAt(doc('R', article(paragraph('Lead:', item('one two')))), 'one'));
    expect(paragraphsOf(next)[0].items.map((i) => i.text)).toEqual(['one', ' two']);
  });

  it('leaves the list for a new paragraph on an empty last item', () => {
    let state = enter(stateAt(doc('R', article(paragraph('Lead:', item('one')))), 'one'));
    state = enter(state);
    expect(paragraphsOf(state).map((p) => [p.text, p.items.length])).toEqual([
      ['Lead:', 1],
      ['', 0],
    ]);
  });

  it('leaves a list of subitems for a new item', () => {
    let state = enter(stateAt(doc('R', article(paragraph('Lead:', item('one', subitem('alpha'))))), 'alpha'));
    expect(paragraphsOf(state)[0].items[0].subitems).toHaveLength(2);
    state = enter(state);
    const items = paragraphsOf(state)[0].items;
    expect(items.map((i) => [i.text, i.subitems.length])).toEqual([
      ['one', 1],
      ['', 0],
    ]);
  });

  it('moves from a heading to the text below it', () => {
    const state = stateAt(doc('R', chapter('General', article('Body.'))), 'General');
    const next = enter(state);
    expect(next.selection.$head.parent.textContent).toBe('Body.');
    expect(next.doc).toBe(state.doc);
  });

  it('replaces a selection before splitting', () => {
    const start = stateAt(doc('R', article('Keep this, drop that.')), 'Keep this');
    const selected = start.apply(
      start.tr.setSelection(TextSelection.create(start.doc, start.selection.head, start.selection.head + 6)),
    );
    const next = enter(selected);
    expect(paragraphsOf(next).map((p) => p.text)).toEqual(['Keep this', ' that.']);
  });
});
