import { describe, expect, it } from 'vitest';
import { Slice } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import type { ReplaceStep } from 'prosemirror-transform';
import {
  initProseMirrorDoc,
  prosemirrorToYXmlFragment,
  ySyncPluginKey,
  yXmlFragmentToProseMirrorRootNode,
} from 'y-prosemirror';
import * as Y from 'yjs';
import { article, chapter, doc, schema } from '../../core/index.ts';
import { narrowed } from '../../renderer/src/editor/narrow-remote-changes.ts';
import type { Binding } from '../../renderer/src/editor/narrow-remote-changes.ts';

/// Two Y.Docs on one draft; `local` bound to an editor state as y-prosemirror binds it.
function setup() {
  const remote = new Y.Doc();
  prosemirrorToYXmlFragment(
    doc(
      'Title',
      chapter('A', article('Alpha provision text about data.'), article('Bravo provision.')),
      chapter('B', article('Charlie provision text about logs.')),
    ),
    remote.getXmlFragment('body'),
  );
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
  remote.on('update', (update: Uint8Array) => Y.applyUpdate(local, update, 'remote'));
  const type = local.getXmlFragment('body');
  const { doc: pmDoc, mapping } = initProseMirrorDoc(type, schema);
  const binding = {
    type,
    mapping,
    prosemirrorView: null,
    mux: (fn: () => void) => fn(),
  } as unknown as Binding;
  const state = EditorState.create({ schema, doc: pmDoc });
  return { remote, state, binding, mapping, type };
}

/// The text node holding `words` in `fragment`.
function textWith(fragment: Y.XmlFragment, words: string): Y.XmlText {
  let found: Y.XmlText | null = null;
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText && child.toString().includes(words)) found = child;
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(fragment);
  return found!;
}

/// y-prosemirror's whole-document transaction for the state of `type` now.
function wholeReplacement(state: EditorState, type: Y.XmlFragment) {
  const rebuilt = yXmlFragmentToProseMirrorRootNode(type, schema);
  return state.tr
    .replace(0, state.doc.content.size, new Slice(rebuilt.content, 0, 0))
    .setMeta(ySyncPluginKey, { isChangeOrigin: true });
}

describe('remote changes as narrow replacements', () => {
  it('replaces only the inserted characters and gives the same document', () => {
    const { remote, state, binding, type } = setup();
    const text = textWith(remote.getXmlFragment('body'), 'Bravo');
    text.insert(5, ' (new)');
    const full = wholeReplacement(state, type);
    const tr = narrowed(state, full, binding);
    expect(tr).not.toBe(full);
    expect(tr.doc.eq(full.doc)).toBe(true);
    const step = tr.steps[0] as ReplaceStep;
    expect(step.to - step.from).toBe(0);
    expect(step.slice.content.textBetween(0, step.slice.content.size)).toHaveLength(' (new)'.length);
  });

  it('replaces only the deleted words', () => {
    const { remote, state, binding, type } = setup();
    const text = textWith(remote.getXmlFragment('body'), 'Charlie');
    text.delete(0, 'Charlie provision text about'.length);
    const full = wholeReplacement(state, type);
    const tr = narrowed(state, full, binding);
    expect(tr.doc.eq(full.doc)).toBe(true);
    expect(tr.doc.textContent).not.toContain('Charlie provision');
    const step = tr.steps[0] as ReplaceStep;
    expect(step.to - step.from).toBe('Charlie provision text about'.length);
  });

  it('points the node cache at the nodes now in the document', () => {
    const { remote, state, binding, type, mapping } = setup();
    textWith(remote.getXmlFragment('body'), 'Alpha').insert(0, 'x');
    const tr = narrowed(state, wholeReplacement(state, type), binding);
    const chapterType = type.get(1) as Y.XmlElement;
    expect(mapping.get(chapterType)).toBe(tr.doc.child(1));
    expect(mapping.get(chapterType.get(1))).toBe(tr.doc.child(1).child(1));
  });
});
