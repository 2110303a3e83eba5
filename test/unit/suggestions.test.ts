// core/suggestions: an article's text and blocks, anchoring a new suggestion's words, finding a
// suggestion again (open or stale), reading Word's tracked changes and matching them to articles, and
// the redline the exports draw.
import { describe, expect, it } from 'vitest';
import {
  anchorQuote,
  article,
  articleTextOf,
  blockAt,
  chapter,
  doc,
  draftRedline,
  insertionIndex,
  item,
  locateSuggestion,
  matchTrackedChanges,
  offsetOfPosition,
  paragraph,
  placeBlock,
  positionOfOffset,
  readTrackedParagraphs,
  ref,
} from '../../core/index.ts';
import type { ArticleText, LocatableSuggestion, TrackedSuggestion } from '../../core/index.ts';

const draft = doc(
  'Rules',
  chapter(
    'General',
    article(
      { id: 'a1' },
      'Operators shall keep logs.',
      paragraph('The logs show:', item('who;'), item('when.')),
    ),
    article({ id: 'a2' }, paragraph(['As ', ref('a1', 2), ' says, logs are kept.'])),
  ),
);

function textOf(id: string) {
  let found: ReturnType<typeof articleTextOf> | null = null;
  draft.descendants((node, pos) => {
    if (node.type.name === 'article' && node.attrs.id === id) found = articleTextOf(node, pos);
    return !found;
  });
  return found!;
}

const text = (quote: string, prefix = '', suffix = ''): LocatableSuggestion => ({
  kind: 'text',
  quote,
  prefix,
  suffix,
  place: null,
});

describe('the text of an article', () => {
  it('joins its paragraphs and items by line breaks, with a cross-reference as one character', () => {
    const a1 = textOf('a1');
    expect(a1.text).toBe('Operators shall keep logs.\nThe logs show:\nwho;\nwhen.');
    expect(a1.blocks.map((b) => [b.kind, b.path.join('.')])).toEqual([
      ['paragraph', '0'],
      ['paragraph', '1'],
      ['item', '1.0'],
      ['item', '1.1'],
    ]);
    expect(textOf('a2').text).toBe('As \uFFFC says, logs are kept.');
  });

  it('turns offsets into document positions and back, inside blocks only', () => {
    const a1 = textOf('a1');
    const at = a1.text.indexOf('when');
    const pos = positionOfOffset(a1, at);
    expect(draft.textBetween(pos, pos + 4)).toBe('when');
    expect(offsetOfPosition(a1, pos)).toBe(at);
    expect(() => positionOfOffset(a1, a1.text.length + 5)).toThrow(RangeError);
    expect(blockAt(a1, at)?.path).toEqual([1, 1]);
  });
});

describe('anchoring a new suggestion', () => {
  const a1: ArticleText = textOf('a1');

  it('finds a quote that occurs once, and keeps 32 characters of context', () => {
    const found = anchorQuote(a1, 'keep logs');
    expect(found).toMatchObject({
      ok: true,
      prefix: 'Operators shall ',
      suffix: '.\nThe logs show:\nwho;\nwhen.',
    });
  });

  it('refuses a quote that is missing, repeated without context, or runs across blocks', () => {
    expect(anchorQuote(a1, 'sixteen')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(anchorQuote(a1, 'logs')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(anchorQuote(a1, 'logs.\nThe')).toMatchObject({ ok: false, reason: 'spans-blocks' });
    expect(anchorQuote(a1, '')).toMatchObject({ ok: false, reason: 'no-context' });
  });

  it('tells repeated words apart by their prefix or suffix, and places an insertion between them', () => {
    const second = anchorQuote(a1, 'logs', 'The ');
    expect(second.ok && a1.text.slice(second.from - 4, second.to)).toBe('The logs');
    const first = anchorQuote(a1, 'logs', '', '.');
    expect(first.ok && first.from).toBe(a1.text.indexOf('logs'));
    const insertion = anchorQuote(a1, '', 'keep ', 'logs');
    expect(insertion).toMatchObject({ ok: true, from: a1.text.indexOf('logs'), to: a1.text.indexOf('logs') });
  });
});

describe('finding a suggestion again', () => {
  const original = 'Operators shall keep logs for fifteen days.';
  const s = text('fifteen days', 'Operators shall keep logs for ', '.');
  const article = (t: string): ArticleText => ({
    text: t,
    blocks: [{ kind: 'paragraph', path: [0], from: 0, to: t.length }],
  });
  const at = (t: string, words: string) => ({ from: t.indexOf(words), to: t.indexOf(words) + words.length });

  it('is open where its positions say, however the text around it changed', () => {
    const now = 'All operators shall, without delay, keep logs for fifteen days here.';
    expect(locateSuggestion(article(now), s, at(now, 'fifteen days'))).toMatchObject({
      state: 'open',
      ...at(now, 'fifteen days'),
    });
  });

  it('is stale when other words stand between its positions', () => {
    const now = 'Operators shall keep logs for ten days.';
    expect(locateSuggestion(article(now), s, at(now, 'ten days'))).toEqual({
      state: 'stale',
      why: 'changed',
    });
  });

  it('is found by its quote with all its context when the positions are lost, else stale', () => {
    expect(locateSuggestion(article(original), s, null)).toMatchObject({
      state: 'open',
      ...at(original, 'fifteen days'),
    });
    const edited = 'Operators shall keep records for fifteen days.';
    expect(locateSuggestion(article(edited), s, null)).toEqual({ state: 'stale', why: 'gone' });
    // Words all deleted: the positions meet, and the quote is not there.
    const gone = 'Operators shall keep logs for.';
    expect(locateSuggestion(article(gone), s, { from: 29, to: 29 })).toEqual({ state: 'stale', why: 'gone' });
    expect(locateSuggestion(null, s, null)).toEqual({ state: 'stale', why: 'gone' });
  });

  it('keeps an insertion open while the characters on each side of its point are unchanged', () => {
    const insertion = text('', 'keep ', 'logs');
    const point = original.indexOf('logs');
    expect(locateSuggestion(article(original), insertion, { from: point, to: point })).toMatchObject({
      state: 'open',
      from: point,
    });
    // Someone typed at the very point: which comes first is no longer known.
    expect(locateSuggestion(article(original), insertion, { from: point, to: point + 3 })).toEqual({
      state: 'stale',
      why: 'changed',
    });
    const moved = 'Operators shall keep the logs.';
    expect(locateSuggestion(article(moved), insertion, { from: 21, to: 21 })).toEqual({
      state: 'stale',
      why: 'changed',
    });
  });

  it('is stale for an article deletion once the article text changed, and for anything on a missing article', () => {
    const deletion: LocatableSuggestion = {
      kind: 'delete-article',
      quote: original,
      prefix: '',
      suffix: '',
      place: null,
    };
    expect(locateSuggestion(article(original), deletion, null).state).toBe('open');
    expect(locateSuggestion(article(original + ' More.'), deletion, null)).toEqual({
      state: 'stale',
      why: 'changed',
    });
    const insertArticle: LocatableSuggestion = {
      kind: 'insert-article',
      quote: '',
      prefix: '',
      suffix: '',
      place: null,
    };
    expect(locateSuggestion(null, insertArticle, null).state).toBe('stale');
  });

  it('places a new item by the item it follows, found by position or, failing that, by its text', () => {
    const a1 = textOf('a1');
    const s: LocatableSuggestion = {
      kind: 'insert-item',
      quote: 'who;',
      prefix: '',
      suffix: '',
      place: { paragraph: 2, item: 1 },
    };
    const block = placeBlock(a1, 'insert-item', s.place!)!;
    expect(a1.text.slice(block.from, block.to)).toBe('who;');
    const byHint = locateSuggestion(a1, s, { from: block.from, to: block.from });
    expect(byHint).toMatchObject({ state: 'open', block: { path: [1, 0] } });
    expect(insertionIndex(s, block)).toEqual({ paragraph: 1, item: 1 });
    expect(locateSuggestion(a1, s, null)).toMatchObject({ state: 'open', block: { path: [1, 0] } });
    expect(locateSuggestion(a1, { ...s, quote: 'whom;' }, null)).toEqual({ state: 'stale', why: 'gone' });
    const first: LocatableSuggestion = {
      kind: 'insert-paragraph',
      quote: 'Operators shall keep logs.',
      prefix: '',
      suffix: '',
      place: { paragraph: 0 },
    };
    expect(insertionIndex(first, placeBlock(a1, 'insert-paragraph', first.place!)!)).toEqual({
      paragraph: 0,
    });
  });
});

const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const by = (author: string) => `w:id="1" w:author="${author}" w:date="2025-03-01T09:00:00Z"`;
const documentXml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document ${w}><w:body>${body}</w:body></w:document>`;
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const ins = (author: string, text: string) => `<w:ins ${by(author)}>${run(text)}</w:ins>`;
const del = (author: string, text: string) =>
  `<w:del ${by(author)}><w:r><w:delText>${text}</w:delText></w:r></w:del>`;

describe("reading Word's tracked changes", () => {
  it('reads unchanged, inserted and deleted runs with their authors, and inserted paragraph marks', () => {
    const paragraphs = readTrackedParagraphs(
      documentXml(
        `<w:p>${run('Operators shall keep ')}${del('Li', 'logs')}${ins('Li', 'records')}${run('.')}</w:p>` +
          `<w:p><w:pPr><w:rPr><w:ins ${by('Wang')}/></w:rPr></w:pPr>${ins('Wang', 'A new paragraph.')}</w:p>` +
          `<w:tbl><w:tr><w:tc><w:p>${run('In a table &amp; more')}</w:p></w:tc></w:tr></w:tbl>`,
      ),
    );
    expect(paragraphs[0].segments).toEqual([
      { kind: 'equal', text: 'Operators shall keep ', author: null, date: null },
      { kind: 'delete', text: 'logs', author: 'Li', date: '2025-03-01T09:00:00Z' },
      { kind: 'insert', text: 'records', author: 'Li', date: '2025-03-01T09:00:00Z' },
      { kind: 'equal', text: '.', author: null, date: null },
    ]);
    expect(paragraphs[1].inserted).toEqual({ author: 'Wang', date: '2025-03-01T09:00:00Z' });
    expect(paragraphs[2].segments[0].text).toBe('In a table & more');
    expect(() => readTrackedParagraphs('<w:document><w:body>')).toThrow(SyntaxError);
  });

  it('matches changed paragraphs to articles by their text, printed labels aside', () => {
    const articles = [
      { id: 'a1', text: textOf('a1') },
      { id: 'a2', text: textOf('a2') },
    ];
    const { proposals, unmatched } = matchTrackedChanges(
      readTrackedParagraphs(
        documentXml(
          `<w:p>${run('Article 1 Operators shall keep ')}${del('Li', 'logs')}${ins('Li', 'records')}${run('.')}</w:p>` +
            `<w:p>${run('(1) who')}${ins('Zhao', ' keeps them')}${run(';')}</w:p>` +
            `<w:p><w:pPr><w:rPr><w:ins ${by('Zhao')}/></w:rPr></w:pPr>${ins('Zhao', '(3) why.')}</w:p>` +
            `<w:p>${run('Article 9 Nothing like this ')}${ins('Li', 'at all')}</w:p>` +
            `<w:p><w:pPr><w:rPr><w:ins ${by('Zhao')}/></w:rPr></w:pPr>${ins('Zhao', 'Article 2a Logs are audited.')}</w:p>`,
        ),
      ),
      articles,
    );
    expect(proposals).toEqual([
      expect.objectContaining({
        kind: 'text',
        articleId: 'a1',
        quote: 'logs',
        replacement: 'records',
        prefix: 'Operators shall keep ',
        author: 'Li',
      }),
      expect.objectContaining({
        kind: 'text',
        articleId: 'a1',
        quote: '',
        replacement: ' keeps them',
        author: 'Zhao',
      }),
      expect.objectContaining({ kind: 'insert-item', articleId: 'a1', paragraph: 2, after: 1, text: 'why.' }),
      expect.objectContaining({ kind: 'insert-article', after: 'a1', text: 'Logs are audited.' }),
    ]);
    expect(unmatched).toEqual([
      expect.objectContaining({ author: 'Li', reason: expect.stringContaining('no paragraph') }),
    ]);
  });
  it('matches a paragraph holding a cross-reference by the label Word printed, and places changes around it', () => {
    const articles = [
      { id: 'a1', text: textOf('a1') },
      { id: 'a2', text: textOf('a2'), objects: ['Article 1(2)'] },
    ];
    const a2 = articles[1].text.text;
    const { proposals, unmatched } = matchTrackedChanges(
      readTrackedParagraphs(
        documentXml(
          `<w:p>${run('Article 2 As Article 1(2) says, ')}${del('Li', 'logs')}${ins('Li', 'records')}${run(' are kept.')}</w:p>` +
            `<w:p>${run('Article 2 As ')}${del('Wu', 'Article 1(2)')}${ins('Wu', 'the law')}${run(' says, logs are kept.')}</w:p>` +
            `<w:p>${run('Article 2 As Article ')}${del('Qi', '1')}${ins('Qi', '4')}${run('(2) says, logs are kept.')}</w:p>`,
        ),
      ),
      articles,
    );
    expect(proposals).toEqual([
      expect.objectContaining({
        kind: 'text',
        articleId: 'a2',
        quote: 'logs',
        replacement: 'records',
        prefix: a2.slice(0, a2.indexOf('logs')),
        author: 'Li',
      }),
      // Deleting the whole label deletes the reference itself.
      expect.objectContaining({
        kind: 'text',
        articleId: 'a2',
        quote: '\uFFFC',
        replacement: 'the law',
        author: 'Wu',
      }),
    ]);
    expect(unmatched).toEqual([
      expect.objectContaining({ author: 'Qi', reason: expect.stringContaining('inside a cross-reference') }),
    ]);
    // Without the labels, the paragraph matches nothing, and says so.
    const blind = matchTrackedChanges(
      readTrackedParagraphs(
        documentXml(
          `<w:p>${run('Article 2 As Article 1(2) says, ')}${ins('Li', 'all')}${run('logs are kept.')}</w:p>`,
        ),
      ),
      articles.map(({ id, text }) => ({ id, text })),
    );
    expect(blind.unmatched).toEqual([
      expect.objectContaining({ reason: expect.stringContaining('no paragraph') }),
    ]);
  });
});

describe('the redline of a draft', () => {
  it('cuts a changed block into runs, prints a cross-reference by its label, and places new blocks', () => {
    const a2 = textOf('a2');
    const a1 = textOf('a1');
    const revision = { author: 'rita', date: '2025-03-01T00:00:00.000Z' };
    const suggestions: TrackedSuggestion[] = [
      {
        ...revision,
        suggestionId: '1',
        kind: 'text',
        articleId: 'a2',
        from: a2.text.indexOf('logs are'),
        to: a2.text.indexOf('logs are') + 4,
        replacement: 'records',
        block: a2.blocks[0],
        place: null,
      },
      {
        ...revision,
        suggestionId: '2',
        kind: 'insert-item',
        articleId: 'a1',
        from: 0,
        to: 0,
        replacement: 'why.',
        block: a1.blocks[3],
        place: { paragraph: 2, item: 2 },
      },
      {
        ...revision,
        suggestionId: '3',
        kind: 'delete-article',
        articleId: 'a1',
        from: 0,
        to: 0,
        replacement: '',
        block: null,
        place: null,
      },
    ];
    const redline = draftRedline(draft, 'en', suggestions);
    expect(redline.articles.get('a2')!.runs.get('0')).toEqual([
      { kind: 'equal', text: 'As Article 1(2) says, ', revision: null },
      { kind: 'delete', text: 'logs', revision: { ...revision, suggestionId: '1' } },
      { kind: 'insert', text: 'records', revision: { ...revision, suggestionId: '1' } },
      { kind: 'equal', text: ' are kept.', revision: null },
    ]);
    expect(redline.articles.get('a1')!.inserted.get('i1.1')).toEqual([
      { kind: 'item', text: 'why.', revision: { ...revision, suggestionId: '2' } },
    ]);
    expect(redline.articles.get('a1')!.deleted).toMatchObject({ suggestionId: '3' });
  });
});
