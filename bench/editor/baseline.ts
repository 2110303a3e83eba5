// The baseline of bench/editor.bench.ts: the same draft in a plain ProseMirror view on core's schema,
// with the renderer's styles (CSS-counter numbering included) but no Yjs, no sync, no panels. It fetches
// the document as ProseMirror JSON from the file the address names (`?doc=NAME` reads ./NAME.json,
// default ./doc.json) and marks `baseline:ready` when it is on screen.
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap } from 'prosemirror-commands';
import { history } from 'prosemirror-history';
import { schema } from '../../core/index.ts';
import '../../renderer/src/styles/app.css';
import '../../renderer/src/styles/editor.css';
import '../../renderer/src/styles/numbering.css';

const name = new URLSearchParams(location.search).get('doc') ?? 'doc';
const response = await fetch(`./${encodeURIComponent(name)}.json`);
const { doc: json, language } = (await response.json()) as { doc: unknown; language: string };
const view = new EditorView(document.getElementById('editor')!, {
  state: EditorState.create({
    doc: schema.nodeFromJSON(json),
    plugins: [history(), keymap(baseKeymap)],
  }),
  attributes: { class: `lifa-doc lang-${language}`, spellcheck: 'false' },
});
(window as unknown as { baselineView: EditorView }).baselineView = view;
requestAnimationFrame(() => performance.mark('baseline:ready'));
