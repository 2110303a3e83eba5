import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { article, buildOutline, doc } from '../../core/index.ts';
import { importPastedLaw } from '../../renderer/src/editor/paste-import.ts';

const law = `# 测试条例
## 第一章 总则
第一条 为了测试，制定本条例。
第二条 本条例适用于：
（一）第一项；
（二）第二项。
## 第二章 附则
第三条 本条例自公布之日起施行。
`;

describe('pasting a plain-text law', () => {
  it('imports the structure into an empty draft, numbers dropped, title taken from the text', () => {
    const state = EditorState.create({ doc: doc('', article('')) });
    const result = importPastedLaw(state, law)!;
    expect(result.law).toMatchObject({ language: 'zh', articles: 3, problems: [] });
    const outline = buildOutline(state.apply(result.tr).doc, 'zh');
    expect(outline.title).toBe('测试条例');
    expect(outline.divisions.map((d) => d.label)).toEqual(['第一章', '第二章']);
    expect(outline.articles.map((a) => a.text.split('\n')[0])).toEqual([
      '为了测试，制定本条例。',
      '本条例适用于：',
      '本条例自公布之日起施行。',
    ]);
    expect(outline.articles[1].paragraphs[0].items.map((i) => i.text)).toEqual(['第一项；', '第二项。']);
  });

  it('keeps the title the draft already has', () => {
    const state = EditorState.create({ doc: doc('已有标题', article('')) });
    expect(buildOutline(state.apply(importPastedLaw(state, law)!.tr).doc, 'zh').title).toBe('已有标题');
  });

  it('is an ordinary paste into a draft with text, or of text without articles', () => {
    expect(importPastedLaw(EditorState.create({ doc: doc('T', article('有文字')) }), law)).toBeNull();
    expect(importPastedLaw(EditorState.create({ doc: doc('T', article('')) }), '只是一句话。')).toBeNull();
    expect(importPastedLaw(EditorState.create({ doc: doc('T', article('')) }), '  ')).toBeNull();
  });
});
