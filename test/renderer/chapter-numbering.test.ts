import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { article, chapter, doc, part, schema, section } from '../../core/index.ts';
import {
  chapterNumbering,
  chapterNumberingKey,
  chapterNumberingPlugin,
  onlyEditsText,
} from '../../renderer/src/editor/chapter-numbering.ts';

/// The counter styles of `document`'s decorations, in document order, as "node: style".
const styles = (document: PMNode) =>
  chapterNumbering(document)
    .find()
    .sort((a, b) => a.from - b.from)
    .map((decoration) => {
      const node = document.nodeAt(decoration.from)!;
      const style = (decoration as unknown as { type: { attrs: { style: string } } }).type.attrs.style;
      return `${node.type.name}: ${style.replace(/; contain-intrinsic.*$/, '')}`;
    });

describe('chapter numbering starts', () => {
  it('starts each chapter’s numbering, on the chapter and its heading: its number, and the articles before it', () => {
    const d = doc(
      'R',
      chapter('A', article('1'), article('2')),
      chapter('B', section('S', article('3'))),
      chapter('C', article('4')),
    );
    expect(styles(d)).toEqual([
      'chapter: counter-reset: chapter 1 section article 0',
      'heading: counter-reset: chapter 1 section article 0',
      'chapter: counter-reset: chapter 2 section article 2',
      'heading: counter-reset: chapter 2 section article 2',
      'chapter: counter-reset: chapter 3 section article 3',
      'heading: counter-reset: chapter 3 section article 3',
    ]);
  });

  it('restarts chapters in each part and starts every article outside a chapter itself', () => {
    const d = doc(
      'R',
      article('1'),
      part('P1', chapter('A', article('2')), article('3')),
      part('P2', chapter('B', article('4'))),
      article('5'),
    );
    expect(styles(d)).toEqual([
      'article: counter-reset: article 0',
      'chapter: counter-reset: chapter 1 section article 1',
      'heading: counter-reset: chapter 1 section article 1',
      'article: counter-reset: article 2',
      'chapter: counter-reset: chapter 1 section article 3',
      'heading: counter-reset: chapter 1 section article 3',
      'article: counter-reset: article 4',
    ]);
  });

  it('marks articles outside chapters to be skipped off screen, with their estimated height', () => {
    const long = 'x'.repeat(100); // three lines
    const d = doc('R', article('1'), article(long));
    const marks = chapterNumbering(d)
      .find()
      .map(
        (decoration) =>
          (decoration as unknown as { type: { attrs: { class: string; style: string } } }).type.attrs,
      );
    expect(marks.map((attrs) => attrs.class)).toEqual(['outside-chapter', 'outside-chapter']);
    expect(marks[0].style).toContain('contain-intrinsic-block-size: auto 41px');
    expect(marks[1].style).toContain('contain-intrinsic-block-size: auto 103px');
  });

  it('estimates each chapter’s height from its articles', () => {
    const d = doc('R', chapter('A', article('1'), article('2')));
    const style = (chapterNumbering(d).find()[0] as unknown as { type: { attrs: { style: string } } }).type
      .attrs.style;
    expect(style).toContain('contain-intrinsic-block-size: auto 300px');
  });
});

describe('recomputing only when the structure may change', () => {
  const d = doc('R', chapter('A', article('One.'), article('Two.')), chapter('B', article('Three.')));
  const state = EditorState.create({ doc: d, plugins: [chapterNumberingPlugin()] });
  const at = (text: string) => {
    let found = -1;
    state.doc.descendants((node, pos) => {
      if (node.isText && node.text === text) found = pos;
    });
    return found;
  };

  it('treats typing, deleting and marking text as text edits', () => {
    expect(onlyEditsText(state.tr.insertText('x', at('One.') + 1))).toBe(true);
    expect(onlyEditsText(state.tr.delete(at('One.'), at('One.') + 2))).toBe(true);
    expect(onlyEditsText(state.tr.addMark(at('One.'), at('One.') + 2, schema.marks.em.create()))).toBe(true);
  });

  it('treats inserting an article or splitting a paragraph as structural', () => {
    const end = at('One.') + 4;
    expect(onlyEditsText(state.tr.split(end, 2))).toBe(false);
    expect(onlyEditsText(state.tr.insert(at('Two.') - 3, article('New')))).toBe(false);
  });

  it('keeps the decorations while typing and renumbers after an article is inserted', () => {
    const typed = state.apply(state.tr.insertText('x', at('One.') + 1));
    expect(chapterNumberingKey.getState(typed)!.find()).toHaveLength(4);
    const inserted = state.apply(state.tr.insert(at('One.') - 3, article('Zero')));
    const styles = chapterNumberingKey
      .getState(inserted)!
      .find()
      .map((d) => (d as unknown as { type: { attrs: { style: string } } }).type.attrs.style);
    expect(styles).toContain('counter-reset: chapter 2 section article 3');
  });
});
