// Anchoring comments to passages without a browser: a Y.Doc bound to ProseMirror documents the way
// y-prosemirror binds them (a fresh document and mapping after every remote change), a passage
// captured from a selection, and the same words found again after edits around and inside them.
import { Plugin, EditorState, TextSelection } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { initProseMirrorDoc, prosemirrorToYXmlFragment, ySyncPluginKey } from 'y-prosemirror';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { article, chapter, doc, paragraph } from '../../core/index.ts';
import {
  articlePositions,
  articleText,
  captureSelection,
  findQuote,
  resolveAnchor,
} from '../../renderer/src/comments/anchors.ts';
import { DraftThreads, articleCounts, indexThreads } from '../../renderer/src/comments/threads.ts';
import type { CommentInfo } from '../../renderer/src/api/comments.ts';
import { CommentsApi, readEvents } from '../../renderer/src/api/comments.ts';
import type { AttachmentJson } from '../../core/index.ts';

/// A draft in a Y.Doc and an editor state over it, rebuilt from the Y.Doc as y-prosemirror does.
function bound(initial: PMNode) {
  const ydoc = new Y.Doc();
  const type = ydoc.getXmlFragment('body');
  prosemirrorToYXmlFragment(initial, type);
  const stateOf = () => {
    const { doc: pm, mapping } = initProseMirrorDoc(type, initial.type.schema);
    const binding = { doc: ydoc, type, mapping };
    const sync = new Plugin({
      key: ySyncPluginKey,
      state: { init: () => ({ binding }), apply: (_tr, v) => v },
    });
    return EditorState.create({ doc: pm, plugins: [sync] });
  };
  return { ydoc, type, stateOf };
}

/// The Y.XmlText of `type` holding `words`.
function textWith(type: Y.XmlFragment, words: string): Y.XmlText {
  const found = texts(type).find((text) => text.toString().includes(words));
  if (!found) throw new Error(`no text with ${words}`);
  return found;
}

/// Every Y.XmlText of `type`, in order.
function texts(type: Y.XmlFragment): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) found.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(type);
  return found;
}

function select(state: EditorState, words: string): EditorState {
  let from = -1;
  state.doc.descendants((node, pos) => {
    if (from < 0 && node.isText && node.text!.includes(words)) from = pos + node.text!.indexOf(words);
  });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, from + words.length)));
}

const draft = () =>
  doc(
    'Title',
    chapter(
      'General',
      article({ id: 'a1' }, 'Alpha provision text.'),
      article({ id: 'a2' }, 'Bravo provision text about network operators.', paragraph('Second paragraph.')),
    ),
  );

const shown = (state: EditorState, found: { from: number; to: number }) =>
  state.doc.textBetween(found.from, found.to, '\n');

describe('passage anchors', () => {
  it('capture the selected words of one article with their context', () => {
    const { stateOf } = bound(draft());
    const capture = captureSelection(select(stateOf(), 'provision text about'))!;
    expect(capture.articleId).toBe('a2');
    expect(capture.anchor).toMatchObject({
      quote: 'provision text about',
      prefix: 'Bravo ',
      // 32 characters, across the paragraph break.
      suffix: ' network operators.\nSecond parag',
    });
    expect(captureSelection(stateOf())).toBeNull();
  });

  it('find the same words after edits before, after and inside the passage', () => {
    const { ydoc, type, stateOf } = bound(draft());
    const { anchor } = captureSelection(select(stateOf(), 'provision text about'))!;
    const alpha = textWith(type, 'Alpha');
    const bravo = textWith(type, 'Bravo');
    ydoc.transact(() => {
      alpha.insert(0, 'Typed above. ');
      bravo.insert(0, 'In front, ');
      bravo.insert(bravo.length, ' Typed after.');
    });
    let state = stateOf();
    let found = resolveAnchor(state, anchor, articlePositions(state.doc, new Set(['a2'])).get('a2')!);
    expect(found.state).toBe('exact');
    expect(shown(state, found)).toBe('provision text about');

    // Typing right after the last quoted character does not grow the passage.
    const end = bravo.toString().indexOf(' network');
    bravo.insert(end, 'XYZ');
    state = stateOf();
    found = resolveAnchor(state, anchor, articlePositions(state.doc, new Set(['a2'])).get('a2')!);
    expect(shown(state, found)).toBe('provision text about');

    // An edit inside the passage stays inside it.
    bravo.insert(bravo.toString().indexOf('text'), 'long ');
    state = stateOf();
    found = resolveAnchor(state, anchor, articlePositions(state.doc, new Set(['a2'])).get('a2')!);
    expect(shown(state, found)).toBe('provision long text about');
  });

  it('fall back on the quote when the positions are lost, and report a deleted passage as lost', () => {
    const { type, stateOf } = bound(draft());
    const { anchor } = captureSelection(select(stateOf(), 'network operators'))!;
    // Positions from another document: the quote is found where its context says.
    const other = bound(draft());
    const foreign = captureSelection(select(other.stateOf(), 'network operators'))!.anchor;
    const state = stateOf();
    const at = articlePositions(state.doc, new Set(['a2'])).get('a2')!;
    const byQuote = resolveAnchor(state, { ...anchor, start: foreign.start, end: foreign.end }, at);
    expect(byQuote.state).toBe('quote');
    expect(shown(state, byQuote)).toBe('network operators');

    const bravo = textWith(type, 'Bravo');
    const at2 = bravo.toString().indexOf('network operators');
    bravo.delete(at2, 'network operators'.length);
    const after = stateOf();
    const lost = resolveAnchor(after, anchor, articlePositions(after.doc, new Set(['a2'])).get('a2')!);
    expect(lost.state).toBe('lost');
  });

  it('prefer the occurrence of a repeated quote that its context names', () => {
    const d = doc('T', article({ id: 'x' }, 'the operator shall; the operator may; the operator must'));
    let pos = -1;
    d.descendants((node, p) => {
      if (node.type.name === 'article') pos = p;
    });
    let node!: PMNode;
    d.descendants((n) => {
      if (n.type.name === 'article') node = n;
    });
    const text = articleText(node, pos);
    const found = findQuote(text, 'the operator', 'shall; ', ' may')!;
    expect(text.text.slice(text.positions.indexOf(found.from))).toMatch(/^the operator may/);
    expect(findQuote(text, 'nowhere')).toBeNull();
  });
});

const comment = (id: number, fields: Partial<CommentInfo> = {}): CommentInfo => ({
  id: String(id),
  draftId: 'd',
  kind: 'review',
  articleId: 'a1',
  versionId: null,
  parentId: null,
  body: `c${id}`,
  author: 'rita',
  mine: false,
  submitter: null,
  status: 'open',
  tags: [],
  anchor: null,
  withdrawn: false,
  externalId: null,
  edited: false,
  deleted: false,
  createdAt: '',
  updatedAt: '',
  attachments: [],
  ...fields,
});

describe('the thread index', () => {
  it('groups replies under their thread, keeps deleted first comments only while they have replies, and counts per article', () => {
    const index = indexThreads([
      comment(3, { parentId: '1' }),
      comment(1),
      comment(2, { articleId: 'a2', status: 'resolved' }),
      comment(4, { articleId: null }),
      comment(5, { deleted: true }),
      comment(6, { deleted: true, articleId: 'a2' }),
      comment(7, { parentId: '6' }),
      comment(8, { parentId: '1', deleted: true }),
    ]);
    expect(index.threads.map((t) => [t.root.id, t.replies.map((r) => r.id)])).toEqual([
      ['1', ['3']],
      ['2', []],
      ['4', []],
      ['6', ['7']],
    ]);
    expect([...articleCounts(index)]).toEqual([
      ['a1', { threads: 1, open: 1 }],
      ['a2', { threads: 2, open: 0 }],
    ]);
    expect(index.byArticle.get(null)?.map((t) => t.root.id)).toEqual(['4']);
  });
});

describe('a comment’s files, as the threads keep them', () => {
  const file = (state: AttachmentJson['state']): AttachmentJson => ({
    id: '9',
    commentId: '1',
    fileName: 'markup.pdf',
    size: 2048,
    type: 'pdf',
    mediaType: 'application/pdf',
    state,
    reason: null,
    pages: 1,
    published: false,
    text: null,
    excerpt: state === 'read' ? 'Article 1: say which operators.' : '',
    download: '/api/attachments/9/download',
  });
  const threadsOf = () =>
    new DraftThreads(
      new CommentsApi('http://lifa.test', 't', () => Promise.reject(new Error('no requests here'))),
      'd',
    );
  const rootFiles = (threads: DraftThreads) =>
    threads.index.get().threads[0].root.attachments.map((a) => a.state);

  it('take the news that a file was read, and never go back to waiting', () => {
    const threads = threadsOf();
    const sent = comment(1, { attachments: [file('pending')] });
    threads.apply(sent);
    threads.apply(comment(1, { attachments: [file('read')] }));
    expect(rootFiles(threads)).toEqual(['read']);
    // The answer to the request that sent it arrives after the event about its reading.
    threads.apply(sent);
    expect(rootFiles(threads)).toEqual(['read']);
    // A later change of the comment is taken whatever it says of the files.
    threads.apply(comment(1, { attachments: [], updatedAt: '2031-01-01T00:00:00.000Z', deleted: true }));
    expect(threads.index.get().threads).toEqual([]);
  });
});

describe('the event stream reader', () => {
  it('reads events split across chunks, with comments and multi-line data', async () => {
    const chunks = [
      'retry: 2000\nevent: ready\ndata: {}\n\n: keep-alive\n\nevent: comment.cr',
      'eated\ndata: {"a":\ndata: 1}\n\n',
    ];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const seen: [string, string][] = [];
    await readEvents(body, (type, data) => seen.push([type, data]));
    expect(seen).toEqual([
      ['ready', '{}'],
      ['comment.created', '{"a":\n1}'],
    ]);
  });
});
