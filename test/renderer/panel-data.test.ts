import { describe, expect, it } from 'vitest';
import { article, buildOutline, chapter, doc, item, paragraph, section } from '../../core/index.ts';
import { comparisonBlocks, runLabels } from '../../renderer/src/panels/comparison-blocks.ts';
import {
  filterEntries,
  firstWords,
  matchWords,
  outlineEntries,
} from '../../renderer/src/panels/outline-entries.ts';
import { searchArticles } from '../../renderer/src/panels/reference-search.ts';
import type { ComparisonRow } from '../../renderer/src/api/types.ts';

const draft = doc(
  '测试',
  chapter(
    { id: 'c1' },
    '总则',
    article(
      { id: 'a1' },
      '第一条的文字，足够长以便截断显示在目录中，这里还有更多文字，再多一些文字，让它超过四十个字符的长度。',
    ),
    article({ id: 'a2' }, '数据处理者应当履行义务。'),
  ),
  chapter(
    { id: 'c2' },
    '分则',
    section({ id: 's1' }, '一般规定', article({ id: 'a3' }, paragraph('有下列情形之一的：', item('第一项')))),
  ),
);
const outline = buildOutline(draft, 'zh');

describe('the outline pane’s rows', () => {
  it('lists divisions and articles in document order, indented by depth', () => {
    expect(outlineEntries(outline).map((e) => [e.kind, e.label, e.depth])).toEqual([
      ['chapter', '第一章', 0],
      ['article', '第一条', 1],
      ['article', '第二条', 1],
      ['chapter', '第二章', 0],
      ['section', '第一节', 1],
      ['article', '第三条', 2],
    ]);
  });

  it('shows the first words of an article, cut with an ellipsis', () => {
    expect(firstWords('一二三四五六', 4)).toBe('一二三四…');
    expect(firstWords('短\n第二行', 4)).toBe('短');
    expect(outlineEntries(outline)[1].text.endsWith('…')).toBe(true);
  });

  it('filters by label or words', () => {
    const entries = outlineEntries(outline);
    expect(filterEntries(entries, '第二条').map((e) => e.id)).toEqual(['a2']);
    expect(filterEntries(entries, '数据').map((e) => e.id)).toEqual(['a2']);
    expect(filterEntries(entries, '  ')).toBe(entries);
  });

  it('filters by any words of an article, and shows the words around a match past its first words', () => {
    const entries = outlineEntries(outline);
    const found = filterEntries(entries, '超过四十个字符');
    expect(found.map((e) => e.id)).toEqual(['a1']);
    const words = matchWords(found[0], '超过四十个字符');
    expect(words).toContain('超过四十个字符');
    expect(words.startsWith('…')).toBe(true);
    expect(filterEntries(entries, '第一项').map((e) => e.id)).toEqual(['a3']);
    expect(matchWords(entries[2], '数据')).toBe(entries[2].text);
  });
});

describe('finding an article to cite', () => {
  it('puts the article with that number first, then others matching', () => {
    expect(searchArticles(outline.articles, '3').map((a) => a.id)).toEqual(['a3']);
    expect(searchArticles(outline.articles, '第二条').map((a) => a.id)).toEqual(['a2']);
    expect(searchArticles(outline.articles, '义务').map((a) => a.id)).toEqual(['a2']);
    expect(searchArticles(outline.articles, '', 2)).toHaveLength(2);
  });
});

describe('the comparison view’s blocks', () => {
  const row = (
    kind: string,
    oldNumber: number | null,
    newNumber: number | null,
    moved = false,
  ): ComparisonRow => ({
    kind: kind as ComparisonRow['kind'],
    old: oldNumber === null ? null : { number: oldNumber, label: `Article ${oldNumber}`, text: 'x' },
    new: newNumber === null ? null : { number: newNumber, label: `Article ${newNumber}`, text: 'x' },
    moved,
    similarity: 1,
    segments: [],
  });
  const rows = [
    row('unchanged', 1, 1),
    row('unchanged', 2, 2),
    row('inserted', null, 3),
    row('unchanged', 3, 4),
    row('unchanged', 4, 5),
    row('modified', 5, 6),
  ];

  it('folds runs of unchanged articles, unless asked to show them', () => {
    const blocks = comparisonBlocks(rows, false);
    expect(blocks.map((b) => (b.type === 'row' ? b.row.kind : `run of ${b.rows.length}`))).toEqual([
      'run of 2',
      'inserted',
      'run of 2',
      'modified',
    ]);
    expect(comparisonBlocks(rows, true)).toHaveLength(6);
  });

  it('names a run by its articles now and, when renumbered, before', () => {
    const [, , run] = comparisonBlocks(rows, false);
    expect(run.type === 'unchanged' && runLabels(run.rows)).toEqual({
      from: 'Article 4',
      to: 'Article 5',
      oldFrom: 'Article 3',
      oldTo: 'Article 4',
      count: 2,
    });
  });

  it('keeps a moved article out of a run', () => {
    const blocks = comparisonBlocks(
      [row('unchanged', 1, 1), row('unchanged', 3, 2, true), row('unchanged', 2, 3)],
      false,
    );
    expect(blocks.map((b) => b.type)).toEqual(['unchanged', 'row', 'unchanged']);
  });
});
