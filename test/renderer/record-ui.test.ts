import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { article, chapter, doc, paragraph, item, ref } from '../../core/index.ts';
import { blameMarks, blameKey, tints } from '../../renderer/src/editor/blame-marks.ts';
import { foldKept, foldMark } from '../../renderer/src/panels/history-diff.ts';
import { i18n } from '../../renderer/src/i18n/i18n.ts';
import { resources } from '../../renderer/src/i18n/resources.ts';
import { eventText } from '../../renderer/src/record/timeline-page.tsx';

describe('the diff of a history session', () => {
  it('shows changes with some kept text around them and folds the rest', () => {
    const long = 'x'.repeat(100);
    const folded = foldKept(
      [
        { op: 'equal', text: long },
        { op: 'insert', text: 'NEW' },
        { op: 'equal', text: long },
        { op: 'delete', text: 'OLD' },
        { op: 'equal', text: 'short' },
      ],
      10,
    );
    expect(folded).toEqual([
      { op: 'equal', text: `${foldMark}${'x'.repeat(10)}` },
      { op: 'insert', text: 'NEW' },
      { op: 'equal', text: `${'x'.repeat(10)}${foldMark}${'x'.repeat(10)}` },
      { op: 'delete', text: 'OLD' },
      { op: 'equal', text: 'short' },
    ]);
  });

  it('keeps a short unchanged text whole and cuts a long one', () => {
    expect(foldKept([{ op: 'equal', text: 'abc' }], 10)).toEqual([{ op: 'equal', text: 'abc' }]);
    expect(foldKept([{ op: 'equal', text: 'y'.repeat(50) }], 10)).toEqual([
      { op: 'equal', text: `${'y'.repeat(20)}${foldMark}` },
    ]);
  });
});

describe('blame tints', () => {
  const draft = doc(
    '条例',
    chapter(
      '总则',
      article({ id: 'a1' }, paragraph('第一条文字')),
      article({ id: 'a2' }, paragraph(['依照', ref('a1'), '规定：'], item('甲项'))),
    ),
  );
  const runs = [
    { text: '依照第一条', color: 'red', title: 'alice' },
    { text: '规定：\n（一）甲', color: 'blue', title: 'bob' },
    { text: '项', color: 'green', title: 'carol' },
  ];

  it('tints each run where its characters stand, skipping line breaks and labels', () => {
    const decorations = tints(draft, { articleId: 'a2', language: 'zh', runs })!;
    const title = (d: (typeof decorations)[number]) =>
      (d as unknown as { type: { attrs: { title: string } } }).type.attrs.title;
    const spans = decorations.map((d) => [draft.textBetween(d.from, d.to, '', '§'), title(d)]);
    expect(spans).toEqual([
      ['依照§', 'alice'],
      ['规定：', 'bob'],
      ['甲', 'bob'],
      ['项', 'carol'],
    ]);
  });

  it('draws nothing when the editor text is not the text the runs were made for', () => {
    expect(tints(draft, { articleId: 'a2', language: 'zh', runs: runs.slice(1) })).toBeNull();
    expect(tints(draft, { articleId: 'gone', language: 'zh', runs })).toBeNull();
  });

  it('follows the text through changes and says when it no longer matches', () => {
    const marks = blameMarks();
    let state = EditorState.create({ doc: draft, plugins: [marks.plugin] });
    state = state.apply(state.tr.setMeta(blameKey, { shown: { articleId: 'a2', language: 'zh', runs } }));
    expect(blameKey.getState(state)!.decorations.find()).toHaveLength(4);
    expect(blameKey.getState(state)!.matched).toBe(true);
    state = state.apply(state.tr.insertText('！', 2)); // in the title: the article is unchanged
    expect(blameKey.getState(state)!.decorations.find()).toHaveLength(4);
    const inArticle = state.doc.textContent.indexOf('规定');
    let pos = -1;
    state.doc.descendants((node, at) => {
      if (pos < 0 && node.isText && node.text!.includes('规定')) pos = at + node.text!.indexOf('规定');
    });
    expect(inArticle).toBeGreaterThan(0);
    state = state.apply(state.tr.insertText('有关', pos));
    expect(blameKey.getState(state)!.matched).toBe(false);
    expect(blameKey.getState(state)!.decorations.find()).toHaveLength(0);
  });
});

describe('the timeline in words', () => {
  it('says every suggestion action the server records in plain words, in both languages', async () => {
    await i18n.init({ resources, lng: 'en', initAsync: false, interpolation: { escapeValue: false } });
    // The actions of server/suggestions (create, import, and each decision recordDecision writes).
    const actions = ['create', 'import', 'accepted', 'rejected', 'withdrawn', 'reopened'];
    const said = (language: 'zh' | 'en') => {
      void i18n.changeLanguage(language);
      return actions.map((verb) =>
        eventText(
          {
            at: '2026-01-01T00:00:00Z',
            kind: 'suggestion',
            action: `suggestion.${verb}`,
            user: 'alice',
            detail: { created: 3, unmatched: 0 },
          },
          i18n.t,
        ),
      );
    };
    expect(said('en')).toEqual([
      'Made a suggestion',
      'Imported a marked-up file: 3 suggestions',
      'Accepted a suggestion',
      'Rejected a suggestion',
      'Withdrew a suggestion',
      'Undid the decision on a suggestion',
    ]);
    for (const text of said('zh')) expect(text).not.toMatch(/suggestion/);
  });
});
