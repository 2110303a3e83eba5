// What the editor's comment margin costs per change on a code-sized draft (≥ 1,300 articles, the
// corpus laws concatenated), with 0, 25, 100 and 400 open threads anchored to passages spread over the
// draft (DESIGN.md budget: typing stays under one 16 ms frame per keystroke).
//
// Measured in Node on the editor state, without a browser: the comment plugin (renderer/src/comments/
// comment-marks.ts) recomputing every highlight and badge after a remote change — y-prosemirror
// rebuilds the document then, so each anchor is resolved again from its Yjs relative positions — and
// mapping them through a local keystroke. The document is bound to a Y.Doc as y-prosemirror binds it
// (initProseMirrorDoc's mapping). Baseline, in the same run: applying the same transaction to the same
// state without the comment plugin. Budget: with up to 100 open threads, a remote change costs at most
// a quarter of a frame (4 ms) at p95.
//
// Run: node --import tsx bench/comment-marks.bench.ts   (or npm run bench comment-marks)
import { Slice } from 'prosemirror-model';
import { EditorState, Plugin, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { initProseMirrorDoc, prosemirrorToYXmlFragment, ySyncPluginKey } from 'y-prosemirror';
import * as Y from 'yjs';
import { schema } from '../core/index.ts';
import type { CommentInfo } from '../renderer/src/api/comments.ts';
import { codeSizedDraft } from './code-sized-draft.ts';
import { captureSelection } from '../renderer/src/comments/anchors.ts';
import { commentMarks, commentMarksKey } from '../renderer/src/comments/comment-marks.ts';
import { indexThreads } from '../renderer/src/comments/threads.ts';
import { Store } from '../renderer/src/lib/store.ts';

const frameBudgetMs = 16;
const runs = Number(process.env.LIFA_BENCH_RUNS ?? 200);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function time(fn: () => void): number[] {
  for (let i = 0; i < 20; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

const draft = codeSizedDraft().doc;
const ydoc = new Y.Doc();
const type = ydoc.getXmlFragment('body');
prosemirrorToYXmlFragment(draft, type);
const { doc, mapping } = initProseMirrorDoc(type, schema);
const binding = { doc: ydoc, type, mapping };
const sync = new Plugin({ key: ySyncPluginKey, state: { init: () => ({ binding }), apply: (_tr, v) => v } });

// Passages: the first eight characters of articles spread evenly over the draft.
const articlePositions: number[] = [];
doc.descendants((node, pos) => {
  if (node.type.name === 'article') articlePositions.push(pos);
  return node.type.name !== 'article';
});
const plain = EditorState.create({ doc, plugins: [sync] });
function threadsOn(count: number): CommentInfo[] {
  const threads: CommentInfo[] = [];
  const step = Math.max(1, Math.floor(articlePositions.length / count));
  for (let i = 0; i < count; i++) {
    const at = articlePositions[(i * step) % articlePositions.length] + 3;
    const $at = plain.doc.resolve(at);
    const end = Math.min(at + 8, $at.end());
    const state = plain.apply(plain.tr.setSelection(TextSelection.create(plain.doc, at, end)));
    const capture = captureSelection(state);
    if (!capture) continue;
    threads.push({
      id: String(i + 1),
      draftId: 'bench',
      kind: 'review',
      articleId: capture.articleId,
      versionId: null,
      parentId: null,
      body: 'comment',
      author: 'rita',
      mine: false,
      submitter: null,
      status: 'open',
      tags: [],
      anchor: capture.anchor,
      withdrawn: false,
      externalId: null,
      edited: false,
      deleted: false,
      createdAt: '',
      updatedAt: '',
      attachments: [],
    });
  }
  return threads;
}

const middle = articlePositions[Math.floor(articlePositions.length / 2)] + 4;
// A remote change as y-prosemirror dispatches it: the whole body replaced by the rebuilt one.
const remote = (state: EditorState): Transaction =>
  state.tr
    .replace(0, state.doc.content.size, new Slice(state.doc.content, 0, 0))
    .setMeta(ySyncPluginKey, { isChangeOrigin: true });
const keystroke = (state: EditorState): Transaction => state.tr.insertText('字', middle);

console.log(
  `draft: ${articlePositions.length} articles, ${doc.textContent.length} characters; ${runs} runs each`,
);
const baseRemote = time(() => plain.apply(remote(plain)));
const baseKey = time(() => plain.apply(keystroke(plain)));
console.log(
  `baseline (no comment plugin): remote change p50 ${percentile(baseRemote, 50).toFixed(3)} ms, keystroke p50 ${percentile(baseKey, 50).toFixed(3)} ms`,
);
let over = false;
for (const count of [0, 25, 100, 400]) {
  const threads = threadsOn(count);
  const marks = commentMarks({
    threads: new Store(indexThreads(threads)),
    active: new Store<string | null>(null),
    canComment: () => true,
    words: { comment: () => 'Comment', badge: (n, open) => `${n}, ${open} open` },
    onComment: () => {},
    onOpen: () => {},
  });
  const state = EditorState.create({ doc, plugins: [sync, marks.plugin] });
  const anchors = commentMarksKey.getState(state)!.anchors;
  const exact = [...anchors.values()].filter((s) => s === 'exact').length;
  const remoteTimes = time(() => state.apply(remote(state)));
  const keyTimes = time(() => state.apply(keystroke(state)));
  const p95 = percentile(remoteTimes, 95);
  if (count <= 100 && p95 > frameBudgetMs / 4) over = true;
  console.log(
    `${String(count).padStart(3)} threads (${exact} found by position): remote change p50 ${percentile(remoteTimes, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms ` +
      `(${(percentile(remoteTimes, 50) / percentile(baseRemote, 50)).toFixed(1)}× baseline, ${((p95 / frameBudgetMs) * 100).toFixed(0)}% of a frame); ` +
      `keystroke p50 ${percentile(keyTimes, 50).toFixed(3)} ms (${(percentile(keyTimes, 50) / percentile(baseKey, 50)).toFixed(1)}× baseline)`,
  );
}
if (over) {
  console.log(`over budget: with up to 100 threads, at most a quarter of a ${frameBudgetMs} ms frame`);
  process.exitCode = 1;
}
