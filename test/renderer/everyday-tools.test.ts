// The pure parts of the drafter's everyday tools: labels as a reader sees them, copying as it reads and
// pasting that back, find and replace, word and character counts, printing's page rule, shortcuts,
// and plain error messages.
import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import i18next from 'i18next';
import {
  article,
  buildOutline,
  chapter,
  doc,
  item,
  paragraph,
  preamble,
  ref,
  section,
} from '../../core/index.ts';
import type { Node as PMNode } from 'prosemirror-model';
import { ApiError } from '../../renderer/src/api/client.ts';
import { plainError } from '../../renderer/src/app/plain-error.ts';
import { cssString, pageRule } from '../../renderer/src/app/print.ts';
import {
  pastedStructure,
  pasteAfter,
  readingText,
  selectedLabels,
  wholeStructure,
  withoutLabels,
} from '../../renderer/src/editor/copy-as-read.ts';
import {
  findMatches,
  findNext,
  findPlugin,
  findState,
  replaceAll,
  replaceCurrent,
  scopeAt,
  setFindQuery,
} from '../../renderer/src/editor/find-replace.ts';
import type { FindQuery } from '../../renderer/src/editor/find-replace.ts';
import { labelGap, textblockLabels } from '../../renderer/src/editor/reading-labels.ts';
import { readOnly } from '../../renderer/src/editor/read-only.ts';
import { matchesShortcut } from '../../renderer/src/editor/shortcuts.ts';
import { countText, countedText } from '../../renderer/src/editor/text-count.ts';
import { resources } from '../../renderer/src/i18n/resources.ts';

const zhDraft = () =>
  doc(
    '测试条例',
    preamble('2024年1月1日通过', '<!-- INFO END -->'),
    chapter(
      { id: 'ch1' },
      '总则',
      article({ id: 'a1' }, '为了测试，制定本条例。'),
      article(
        { id: 'a2' },
        paragraph('处理者应当：', item('建立制度；'), item(['依照', ref('a1'), '办理。'])),
      ),
    ),
    chapter(
      { id: 'ch2' },
      '附则',
      section({ id: 's1' }, '一般规定', article({ id: 'a3' }, '网络数据，网络安全。', '第二款文字。')),
    ),
  );

const refText = (node: PMNode) => (node.attrs.target === 'a1' ? '第一条' : '【失效引用】');

/// Where `text` starts in `state`'s document.
function posOf(state: EditorState, text: string): number {
  let found = -1;
  state.doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text);
    return true;
  });
  if (found < 0) throw new Error(`no ${text}`);
  return found;
}

/// A stand-in for an EditorView: the find commands use only its state and dispatch.
function fakeView(state: EditorState): EditorView {
  const view = {
    state,
    dispatch(tr: Transaction) {
      view.state = view.state.apply(tr);
    },
  };
  return view as unknown as EditorView;
}

describe('labels as a reader sees them', () => {
  it('numbers chapters, sections, articles and items as the editor draws them', () => {
    const labels = [...textblockLabels(zhDraft(), 'zh').values()];
    expect(labels).toEqual(['第一章', '第一条', '第二条', '（一）', '（二）', '第二章', '第一节', '第三条']);
    expect([...textblockLabels(zhDraft(), 'en').values()]).toContain('Article 3');
    expect(labelGap('第一条', 'zh')).toBe('\u3000');
    expect(labelGap('（一）', 'zh')).toBe('');
    expect(labelGap('Article 1', 'en')).toBe(' ');
  });
});

describe('copying as it reads', () => {
  it('gives whole blocks with their labels, and a block cut at its start without its label', () => {
    const state = EditorState.create({ doc: zhDraft() });
    const from = posOf(state, '制定本条例');
    const to = posOf(state, '建立制度') + 2;
    const slice = state.doc.slice(from, to, true);
    const labels = selectedLabels(state, from, to, 'zh');
    expect(readingText(slice, labels, 'zh', refText)).toBe(
      '制定本条例。\n第二条\u3000处理者应当：\n（一）建立',
    );
  });

  it('writes a reference as its label, a block selected from its start with its label, a chapter with its heading', () => {
    const state = EditorState.create({ doc: zhDraft() });
    const from = posOf(state, '依照');
    const to = state.doc.content.size - 1;
    const text = readingText(
      state.doc.slice(from, to, true),
      selectedLabels(state, from, to, 'zh'),
      'zh',
      refText,
    );
    expect(text.split('\n')).toEqual([
      '（二）依照第一条办理。',
      '第二章\u3000附则',
      '第一节\u3000一般规定',
      '第三条\u3000网络数据，网络安全。',
      '第二款文字。',
    ]);
  });

  it('reads back what it copied as the same structure, in the text’s own language', () => {
    const state = EditorState.create({ doc: zhDraft() });
    const from = posOf(state, '处理者') - 1;
    const to = state.doc.content.size - 1;
    const text = readingText(
      state.doc.slice(from, to, true),
      selectedLabels(state, from, to, 'zh'),
      'zh',
      refText,
    );
    const slice = pastedStructure(text)!;
    const pasted = doc('T', ...(slice.content.content as PMNode[]));
    const outline = buildOutline(pasted, 'zh');
    expect(outline.articles.map((a) => a.text)).toEqual([
      '处理者应当：\n（一）建立制度；\n（二）依照第一条办理。',
      '网络数据，网络安全。\n第二款文字。',
    ]);
    expect(outline.divisions.map((d) => `${d.label} ${d.heading}`)).toEqual([
      '第一章 附则',
      '第一节 一般规定',
    ]);
    expect(
      buildOutline(
        doc('T', ...(pastedStructure('Article 7 Text.\nArticle 8 More.')!.content.content as PMNode[])),
        'en',
      ).articles.length,
    ).toBe(2);
  });

  it('copies whole articles as whole nodes when the selection covers their text exactly', () => {
    const base = EditorState.create({ doc: zhDraft() });
    const from = posOf(base, '为了');
    const to = posOf(base, '依照') + '依照'.length + 1 + '办理。'.length;
    const whole = wholeStructure(base.apply(base.tr.setSelection(TextSelection.create(base.doc, from, to))))!;
    expect([whole.openStart, whole.openEnd]).toEqual([0, 0]);
    expect(whole.content.childCount).toBe(2);
    expect(whole.content.firstChild!.attrs.id).toBe('a1');
    // One character short at either end is a passage, not whole articles.
    for (const [a, b] of [
      [from + 1, to],
      [from, to - 1],
    ])
      expect(
        wholeStructure(base.apply(base.tr.setSelection(TextSelection.create(base.doc, a, b)))),
      ).toBeNull();
  });

  it('pastes whole articles after the article holding the caret, not inside it', () => {
    const base = EditorState.create({ doc: zhDraft() });
    const slice = pastedStructure('第一条 新的一条。\n第二条 又一条。')!;
    const caret = base.apply(base.tr.setSelection(TextSelection.create(base.doc, posOf(base, '制定'))));
    const after = caret.apply(pasteAfter(caret, slice)!);
    expect(buildOutline(after.doc, 'zh').articles.map((a) => a.text)).toEqual([
      '为了测试，制定本条例。',
      '新的一条。',
      '又一条。',
      '处理者应当：\n（一）建立制度；\n（二）依照第一条办理。',
      '网络数据，网络安全。\n第二款文字。',
    ]);
    const chapters = pastedStructure('第一章 新章\n第一条 文字。')!;
    const inChapter = caret.apply(pasteAfter(caret, chapters)!);
    expect(buildOutline(inChapter.doc, 'zh').divisions.map((d) => d.heading)).toEqual([
      '总则',
      '新章',
      '附则',
      '一般规定',
    ]);
    expect(
      pasteAfter(base.apply(base.tr.setSelection(TextSelection.create(base.doc, 5, 7))), slice),
    ).toBeNull();
  });

  it('leaves a sentence, or text that does not start with structure, to an ordinary paste', () => {
    expect(pastedStructure('只是一句话。')).toBeNull();
    expect(pastedStructure('一句话。\n第三条 文字。')).toBeNull();
    expect(pastedStructure('  \n')).toBeNull();
  });

  it('drops the label spans of copied HTML before it is pasted', () => {
    const html =
      '<article data-id="a1" class="lifa-article"><div class="lifa-paragraph"><p class="lifa-lead"><span data-lifa-label="" class="lifa-label">第一条　</span>文字</p></div></article>';
    expect(withoutLabels(html)).toBe(
      '<article data-id="a1" class="lifa-article"><div class="lifa-paragraph"><p class="lifa-lead">文字</p></div></article>',
    );
  });
});

describe('find and replace', () => {
  const query = (text: string, options: Partial<FindQuery> = {}): FindQuery => ({
    text,
    matchCase: false,
    wholeWord: false,
    scope: 'all',
    ...options,
  });

  it('finds every match in document order, never across a reference', () => {
    const state = EditorState.create({ doc: zhDraft() });
    const matches = findMatches(state.doc, query('网络'));
    expect(matches.map((m) => state.doc.textBetween(m.from, m.to))).toEqual(['网络', '网络']);
    expect(findMatches(state.doc, query('依照第一条'))).toEqual([]);
  });

  it('matches case and whole words when asked', () => {
    const en = doc('T', article('Data and data, database; DATA.'));
    const text = (q: FindQuery) => findMatches(en, q).map((m) => en.textBetween(m.from, m.to));
    expect(text(query('data'))).toEqual(['Data', 'data', 'data', 'DATA']);
    expect(text(query('data', { matchCase: true }))).toEqual(['data', 'data']);
    expect(text(query('data', { wholeWord: true }))).toEqual(['Data', 'data', 'DATA']);
    // Chinese has no spaces between words: every match is a whole word.
    expect(findMatches(zhDraft(), query('网络', { wholeWord: true }))).toHaveLength(2);
  });

  it('looks only in the article or chapter the search started in', () => {
    const base = EditorState.create({ doc: zhDraft(), plugins: [findPlugin()] });
    const inA3 = posOf(base, '网络数据');
    expect(scopeAt(base.doc, inA3, 'article')).toBe('a3');
    expect(scopeAt(base.doc, inA3, 'chapter')).toBe('ch2');
    const state = base.apply(base.tr.setSelection(TextSelection.create(base.doc, posOf(base, '为了'))));
    const view = fakeView(state);
    setFindQuery(view, query('条例', { scope: 'chapter' }));
    expect(findState(view.state).matches).toHaveLength(1);
    setFindQuery(view, query('条例', { scope: 'all' }));
    expect(findState(view.state).matches).toHaveLength(2); // the title's too
    setFindQuery(view, query('文字', { scope: 'article' }));
    expect(findState(view.state).matches).toHaveLength(0);
  });

  it('steps through the matches, replaces one and then all in one step', () => {
    const view = fakeView(
      EditorState.create({ doc: doc('T', article('a cat, a cat, a cat.')), plugins: [findPlugin()] }),
    );
    setFindQuery(view, query('cat'));
    expect(findState(view.state)).toMatchObject({ current: 0 });
    expect(findState(view.state).matches).toHaveLength(3);
    findNext(view, -1);
    expect(findState(view.state).current).toBe(2); // wraps around
    findNext(view, 1);
    findNext(view, 1);
    expect(findState(view.state).current).toBe(1);
    expect(view.state.doc.textBetween(view.state.selection.from, view.state.selection.to)).toBe('cat');
    expect(replaceCurrent(view, 'dog')).toBe(true);
    expect(buildOutline(view.state.doc, 'en').articles[0].text).toBe('a cat, a dog, a cat.');
    expect(findState(view.state).matches).toHaveLength(2);
    expect(findState(view.state).current).toBe(1); // the cat after the dog
    expect(replaceAll(view, 'cow')).toBe(2);
    expect(buildOutline(view.state.doc, 'en').articles[0].text).toBe('a cow, a dog, a cow.');
    expect(findState(view.state).matches).toHaveLength(0);
  });

  it('replaces nothing in a read-only editor', () => {
    const view = fakeView(
      EditorState.create({ doc: doc('T', article('a cat.')), plugins: [findPlugin(), readOnly()] }),
    );
    setFindQuery(view, query('cat'));
    expect(findState(view.state).matches).toHaveLength(1);
    expect(replaceCurrent(view, 'dog')).toBe(false);
    expect(replaceAll(view, 'dog')).toBe(0);
    expect(view.state.doc.textContent).toContain('a cat.');
  });
});

describe('counting words and characters', () => {
  it('counts each Chinese character as a character and a word, other words as runs of letters', () => {
    expect(countText('为了保障网络安全，制定本法。')).toEqual({ words: 12, characters: 14 });
    expect(countText('This Law is enacted to safeguard cybersecurity.')).toEqual({
      words: 7,
      characters: 41,
    });
    expect(countText('依照GB/T 37668的规定')).toEqual({ words: 8, characters: 14 });
    expect(countText('  \n\u3000 ')).toEqual({ words: 0, characters: 0 });
  });

  it('counts what the drafter wrote: no labels, references as they read, no source comments', () => {
    const text = countedText(zhDraft(), refText);
    expect(text).not.toContain('INFO END');
    expect(text).not.toContain('第二条');
    expect(text).toContain('依照第一条办理。');
    const state = EditorState.create({ doc: zhDraft() });
    const from = posOf(state, '为了');
    expect(countText(countedText(state.doc, refText, from, from + 2))).toEqual({ words: 2, characters: 2 });
  });
});

describe('read-only editing', () => {
  type Handler = (...args: unknown[]) => unknown;
  const inputs = (takesInput?: () => boolean) => {
    const plugin = readOnly(takesInput);
    const view = { state: EditorState.create({ doc: zhDraft(), plugins: [plugin] }) };
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) } as unknown as InputEvent;
    const handlers = plugin.props.handleDOMEvents as { beforeinput: Handler };
    const call = (fn: unknown, ...args: unknown[]) => (fn as Handler).call(plugin, view, ...args);
    return {
      editable: plugin.props.editable,
      beforeinput: handlers.beforeinput(view, event),
      prevented: () => prevented,
      paste: call(plugin.props.handlePaste, null, null),
      text: call(plugin.props.handleTextInput, 0, 0, 'x'),
      attributes: call(plugin.props.attributes),
      state: view.state,
    };
  };

  it('refuses every input before it reaches the text, but keeps the view editable for the caret', () => {
    const refused = inputs();
    expect(refused.editable).toBeUndefined();
    expect(refused.beforeinput).toBe(true);
    expect(refused.prevented()).toBe(true);
    expect(refused.paste).toBe(true);
    expect(refused.text).toBe(true);
    expect(refused.attributes).toEqual({ 'aria-readonly': 'true' });
  });

  it('lets typing through to Suggesting mode, which turns it into suggestions: the text still never changes', () => {
    const suggesting = inputs(() => true);
    expect([suggesting.beforeinput, suggesting.prevented(), suggesting.paste, suggesting.text]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(suggesting.attributes).toEqual({});
    const { state } = suggesting;
    expect(state.apply(state.tr.insertText('x', 3)).doc).toBe(state.doc);
  });
});

describe('printing', () => {
  it('heads each page with the title and numbers pages the way each language does', () => {
    expect(pageRule('网络安全法', 'zh')).toContain('content: "网络安全法"');
    expect(pageRule('网络安全法', 'zh')).toContain('"— " counter(page) " —"');
    expect(pageRule('Law', 'en')).toContain('counter(page) " / " counter(pages)');
    expect(pageRule('', 'en')).not.toContain('@top-center');
    expect(cssString('a "quoted" \\ title\nline')).toBe('"a \\"quoted\\" \\\\ title line"');
  });
});

describe('shortcuts', () => {
  const key = (init: KeyboardEventInit & { key: string; code?: string }) =>
    ({ ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, code: '', ...init }) as KeyboardEvent;

  it('match the keys pressed, Mod being Ctrl on a PC and ⌘ on a Mac', () => {
    expect(matchesShortcut(key({ key: 'f', ctrlKey: true }), 'Mod-f', false)).toBe(true);
    expect(matchesShortcut(key({ key: 'F', ctrlKey: true, shiftKey: true }), 'Mod-f', false)).toBe(false);
    expect(matchesShortcut(key({ key: 'f', metaKey: true }), 'Mod-f', true)).toBe(true);
    expect(matchesShortcut(key({ key: 'f', ctrlKey: true }), 'Mod-f', true)).toBe(false);
    expect(
      matchesShortcut(key({ key: 'µ', code: 'KeyM', altKey: true, metaKey: true }), 'Mod-Alt-m', true),
    ).toBe(true);
    expect(matchesShortcut(key({ key: 'F1' }), 'F1', false)).toBe(true);
  });
});

describe('plain error messages', () => {
  const t = i18next.createInstance();
  void t.init({ resources, lng: 'en', initAsync: false });

  it('say what happened and what to do, not how the request failed', () => {
    expect(plainError(t.t, new ApiError(0, 'network', 'Failed to fetch'))).toMatch(
      /^Cannot reach the server/,
    );
    expect(plainError(t.t, new ApiError(403, 'forbidden', 'drafters only'))).toMatch(/role/);
    expect(plainError(t.t, new ApiError(500, 'internal error', 'see its log'))).toMatch(/server failed/);
    expect(plainError(t.t, new ApiError(400, 'bad request', 'body.label: must not be blank'))).toBe(
      'body.label: must not be blank',
    );
    expect(plainError(t.t, new TypeError('Failed to fetch'))).toMatch(/^Cannot reach the server/);
  });
});
