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

  it('makes the citations of the pasted law live references and reports one it cannot resolve', () => {
    const pasted = `# 测试条例\n第一条 甲。\n第二条 依照本条例第一条和第五条的规定。\n`;
    const state = EditorState.create({ doc: doc('', article('')) });
    const result = importPastedLaw(state, pasted)!;
    expect(result.law.problems).toEqual([
      { line: 3, message: 'citation 第五条 names 第五条, but the draft has 2 articles: kept as text' },
    ]);
    const pastedDoc = state.apply(result.tr).doc;
    const outline = buildOutline(pastedDoc, 'zh');
    const refs: string[] = [];
    pastedDoc.descendants((node) => {
      if (node.type.name === 'ref') refs.push(node.attrs.target);
    });
    expect(refs).toEqual([outline.articles[0].id]);
    expect(outline.articles[1].text).toBe('依照本条例第一条和第五条的规定。');
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
