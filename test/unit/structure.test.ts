import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import {
  article,
  buildOutline,
  chapter,
  deleteArticle,
  doc,
  findIdConflicts,
  insertArticleAfter,
  insertChapter,
  insertItem,
  insertParagraph,
  insertSection,
  isEmptyDraft,
  item,
  mergeWithNext,
  moveArticle,
  paragraph,
  section,
  sequentialIds,
  splitArticle,
  uniqueIds,
} from '../../core/index.ts';

/// A state with the cursor placed just after the first occurrence of `marker` in the text.
function stateAt(document: PMNode, marker: string): EditorState {
  let cursor = -1;
  document.descendants((node, pos) => {
    if (cursor >= 0) return false;
    if (node.isText && node.text!.includes(marker)) cursor = pos + node.text!.indexOf(marker) + marker.length;
    return true;
  });
  if (cursor < 0) throw new Error(`marker ${marker} not found`);
  const state = EditorState.create({ doc: document, plugins: [uniqueIds(sequentialIds('n'))] });
  return state.apply(state.tr.setSelection(TextSelection.create(document, cursor)));
}

function run(state: EditorState, command: Command): EditorState | null {
  let next: EditorState | null = null;
  const ok = command(state, (tr) => {
    next = state.apply(tr);
  });
  return ok ? next : null;
}

const texts = (state: EditorState) => buildOutline(state.doc, 'en').articles.map((a) => a.text);
const ids = (state: EditorState) => buildOutline(state.doc, 'en').articles.map((a) => a.id);

const sample = () =>
  doc(
    'Regulations',
    chapter({ id: 'c1' }, 'General', article({ id: 'a1' }, 'One.'), article({ id: 'a2' }, 'Two.')),
    chapter({ id: 'c2' }, 'Duties', article({ id: 'a3' }, 'Three.'), article({ id: 'a4' }, 'Four.')),
  );

describe('structural commands', () => {
  it('inserts an article after the current one, renumbering the rest', () => {
    const next = run(stateAt(sample(), 'One'), insertArticleAfter(sequentialIds('x')))!;
    expect(texts(next)).toEqual(['One.', '', 'Two.', 'Three.', 'Four.']);
    expect(ids(next)[1]).toBe('x1');
    expect(next.selection.$head.parent.type.name).toBe('lead');
  });

  it('inserts a paragraph and an item', () => {
    let state = run(stateAt(sample(), 'One'), insertParagraph)!;
    expect(buildOutline(state.doc, 'en').articles[0].paragraphs).toHaveLength(2);
    state = run(state, insertItem)!;
    const first = buildOutline(state.doc, 'en').articles[0];
    expect(first.paragraphs[1].items).toHaveLength(1);
    expect(first.paragraphs[1].items[0].label).toBe('(1)');
  });

  it('carries the text after the cursor, and the items it introduces, into the new paragraph', () => {
    const d = doc('R', article({ id: 'a1' }, paragraph('Before. After:', item('first'))));
    const next = run(stateAt(d, 'Before.'), insertParagraph)!;
    const [first, second] = buildOutline(next.doc, 'en').articles[0].paragraphs;
    expect(first).toEqual({ text: 'Before.', items: [] });
    expect(second.text).toBe(' After:');
    expect(second.items.map((i) => i.text)).toEqual(['first']);
    expect(next.selection.$head.parentOffset).toBe(0);
    expect(next.selection.$head.parent.textContent).toBe(' After:');
  });

  it('inserts an empty paragraph after the current one at the end of its text', () => {
    const d = doc('R', article({ id: 'a1' }, paragraph('Lead:', item('first')), 'Last.'));
    const next = run(stateAt(d, 'Lead:'), insertParagraph)!;
    expect(buildOutline(next.doc, 'en').articles[0].paragraphs.map((p) => p.text)).toEqual([
      'Lead:',
      '',
      'Last.',
    ]);
    expect(buildOutline(next.doc, 'en').articles[0].paragraphs[0].items).toHaveLength(1);
    expect(next.selection.$head.parent.textContent).toBe('');
  });

  it('inserts a chapter after the current chapter with one empty article', () => {
    const next = run(stateAt(sample(), 'Two'), insertChapter(sequentialIds('x')))!;
    const outline = buildOutline(next.doc, 'en');
    expect(outline.divisions.map((d) => d.label)).toEqual(['Chapter I', 'Chapter II', 'Chapter III']);
    expect(outline.articles).toHaveLength(5);
    expect(outline.articles[2].chapterId).toBe('x1');
  });

  it('inserts a section in a chapter', () => {
    const next = run(stateAt(sample(), 'One'), insertSection(sequentialIds('s')))!;
    const outline = buildOutline(next.doc, 'en');
    expect(outline.divisions.filter((d) => d.kind === 'section')).toHaveLength(1);
  });

  it('moves an article down within its chapter', () => {
    const next = run(stateAt(sample(), 'One'), moveArticle(1))!;
    expect(texts(next)).toEqual(['Two.', 'One.', 'Three.', 'Four.']);
    expect(next.selection.$head.parent.textContent).toBe('One.');
  });

  it('moves the last article of a chapter down into the next chapter', () => {
    const next = run(stateAt(sample(), 'Two'), moveArticle(1))!;
    const outline = buildOutline(next.doc, 'en');
    expect(outline.articles.map((a) => [a.text, a.chapterId])).toEqual([
      ['One.', 'c1'],
      ['Two.', 'c2'],
      ['Three.', 'c2'],
      ['Four.', 'c2'],
    ]);
  });

  it('moves the first article of a chapter up into the previous chapter', () => {
    const next = run(stateAt(sample(), 'Three'), moveArticle(-1))!;
    const outline = buildOutline(next.doc, 'en');
    expect(outline.articles.map((a) => a.chapterId)).toEqual(['c1', 'c1', 'c1', 'c2']);
    expect(texts(next)).toEqual(['One.', 'Two.', 'Three.', 'Four.']);
  });

  it('refuses to move the only article out of its chapter', () => {
    const d = doc('R', chapter('A', article('Only.')), chapter('B', article('Other.')));
    expect(run(stateAt(d, 'Only'), moveArticle(1))).toBeNull();
  });

  it('refuses to move the first article up', () => {
    expect(run(stateAt(sample(), 'One'), moveArticle(-1))).toBeNull();
  });

  it('splits an article at the cursor, keeping the id on the first half', () => {
    const d = doc('R', article({ id: 'a1' }, 'First half. Second half.', 'Next paragraph.'));
    const next = run(stateAt(d, 'First half.'), splitArticle(sequentialIds('x')))!;
    expect(texts(next)).toEqual(['First half.', ' Second half.\nNext paragraph.']);
    expect(ids(next)).toEqual(['a1', 'x1']);
  });

  it('refuses to split inside an item', () => {
    const d = doc('R', article(paragraph('Lead:', item('first item'), item('second'))));
    expect(run(stateAt(d, 'first'), splitArticle())).toBeNull();
  });

  it('merges the next article into the current one', () => {
    const next = run(stateAt(sample(), 'One'), mergeWithNext)!;
    expect(texts(next)).toEqual(['One.\nTwo.', 'Three.', 'Four.']);
    expect(ids(next)).toEqual(['a1', 'a3', 'a4']);
  });

  it('refuses to merge across a chapter boundary', () => {
    expect(run(stateAt(sample(), 'Two'), mergeWithNext)).toBeNull();
  });

  it('deletes an article, but never the only one of a chapter', () => {
    const next = run(stateAt(sample(), 'One'), deleteArticle)!;
    expect(texts(next)).toEqual(['Two.', 'Three.', 'Four.']);
    expect(run(stateAt(next.doc, 'Two'), deleteArticle)).toBeNull();
  });

  it('gives pasted duplicates a fresh id and keeps the first', () => {
    const d = doc(
      'R',
      article({ id: 'same' }, 'A'),
      article({ id: 'same' }, 'B'),
      chapter({ id: 'c' }, 'h', section({ id: 's' }, 'h', article({ id: 'same' }, 'C'))),
    );
    expect(findIdConflicts(d)).toHaveLength(2);
    const state = stateAt(d, 'A');
    const next = state.apply(state.tr.insertText('!'));
    expect(ids(next)[0]).toBe('same');
    expect(new Set(ids(next)).size).toBe(3);
    expect(findIdConflicts(next.doc)).toHaveLength(0);
  });

  it('still fixes ids after typing has been seen: a pasted article, an id set to another’s', () => {
    const state = stateAt(sample(), 'One');
    const once = state.apply(state.tr.insertText('x'));
    const typed = once.apply(once.tr.insertText('y'));
    const pasted = typed.apply(typed.tr.insert(typed.doc.content.size - 1, article({ id: 'a1' }, 'Pasted.')));
    expect(findIdConflicts(pasted.doc)).toHaveLength(0);
    const positions: number[] = [];
    pasted.doc.descendants((node, pos) => {
      if (node.type.name === 'article') positions.push(pos);
    });
    const first = pasted.doc.nodeAt(positions[0])!.attrs.id as string;
    const renamed = pasted.apply(pasted.tr.setNodeAttribute(positions[1], 'id', first));
    expect(findIdConflicts(renamed.doc)).toHaveLength(0);
    expect(ids(renamed)[0]).toBe(first);
  });

  it('puts the id fix in the history with the change that caused it, and out of it with a replayed one', () => {
    const state = stateAt(sample(), 'One');
    const paste = state.tr.insert(state.doc.content.size - 1, article({ id: 'a1' }, 'Pasted.'));
    const pasted = state.applyTransaction(paste);
    expect(pasted.transactions).toHaveLength(2);
    expect(pasted.transactions[1].getMeta('addToHistory')).toBeUndefined();
    const replayed = state.applyTransaction(
      state.tr
        .insert(state.doc.content.size - 1, article({ id: 'a1' }, 'Remote.'))
        .setMeta('addToHistory', false),
    );
    expect(replayed.transactions[1].getMeta('addToHistory')).toBe(false);
    expect(findIdConflicts(replayed.state.doc)).toHaveLength(0);
  });

  it('recognises an empty draft', () => {
    expect(isEmptyDraft(doc('Untitled', article('')))).toBe(true);
    expect(isEmptyDraft(sample())).toBe(false);
  });
});
