/// Copying from the editor gives the text as it reads: the labels the editor draws with CSS (第三条,
/// （一）, Article 3, Chapter II) become text, in the plain text (one block per line, as the plain-text
/// format writes a law) and in the HTML (in `span[data-lifa-label]`), and cross-references carry their
/// current label. A selection covering whole articles (or chapters…) copies them as whole nodes. Pasting
/// that HTML back drops the label spans, so ProseMirror rebuilds the structure from the elements and the
/// numbers are computed again; plain text with labelled articles pasted into a draft that already has
/// text is read by core's parser. Whole articles (chapters…) pasted with the caret in the text go after
/// the article (chapter…) holding it, rather than splitting it.
import { DOMSerializer, Slice } from 'prosemirror-model';
import type { Node as PMNode, Fragment } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { buildOutline, isIdentified, parseLaw, schema } from '../../../core/index.ts';
import type { Language } from '../../../core/index.ts';
import { labelGap, textblockLabels } from './reading-labels.ts';

/// Key of the copy-as-read plugin.
export const copyAsReadKey = new PluginKey('lifa-copy-as-read');

/// Options of copyAsRead.
export interface CopyAsReadOptions {
  /// The draft's language, asked at each copy.
  readonly language: () => Language;
  /// The text a cross-reference shows now ("第十二条第二款", "Article 12(2)").
  readonly refText: (ref: PMNode) => string;
}

/// Attribute marking a label in copied HTML.
export const labelAttribute = 'data-lifa-label';

/// For each textblock the range `from`–`to` of `state` touches, in order: its label when the range
/// holds its start (so its label is part of what was selected), else null.
export function selectedLabels(
  state: EditorState,
  from: number,
  to: number,
  language: Language,
): (string | null)[] {
  const labels = textblockLabels(state.doc, language);
  const out: (string | null)[] = [];
  state.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isTextblock) return true;
    out.push(pos + 1 >= from ? (labels.get(pos) ?? null) : null);
    return false;
  });
  return out;
}

/// The textblocks of `fragment`, in order.
function textblocksOf(fragment: Fragment): PMNode[] {
  const blocks: PMNode[] = [];
  fragment.descendants((node) => {
    if (node.isTextblock) {
      blocks.push(node);
      return false;
    }
    return true;
  });
  return blocks;
}

/// The plain text of `slice` as it reads, given the labels of its textblocks (in order; null for none).
export function readingText(
  slice: Slice,
  labels: readonly (string | null)[] | null,
  language: Language,
  refText: (ref: PMNode) => string,
): string {
  const blocks = textblocksOf(slice.content);
  const usable = labels && labels.length === blocks.length ? labels : null;
  const lines: string[] = [];
  blocks.forEach((block, index) => {
    const text = block.textBetween(0, block.content.size, '', (leaf) =>
      leaf.type.name === 'ref' ? refText(leaf) : '',
    );
    const label = usable?.[index] ?? null;
    // The empty block a selection ending at the start of the next line drags along is no line at all.
    if (!label && !text && index === blocks.length - 1 && index > 0) return;
    lines.push(label ? `${label}${text ? labelGap(label, language) : ''}${text}` : text);
  });
  return lines.join('\n');
}

// Serialises like the schema's own serializer, then writes the labels and the references' text into
// the result. ProseMirror calls serializeFragment again for every node's content: only the outermost
// call adds them.
class ReadingSerializer extends DOMSerializer {
  private depth = 0;

  constructor(private readonly decorate: (fragment: Fragment, dom: DocumentFragment | HTMLElement) => void) {
    const base = DOMSerializer.fromSchema(schema);
    super(base.nodes, base.marks);
  }

  override serializeFragment(
    fragment: Fragment,
    options: { document?: Document } = {},
    target?: HTMLElement | DocumentFragment,
  ): HTMLElement | DocumentFragment {
    this.depth++;
    try {
      const dom = super.serializeFragment(fragment, options, target);
      if (this.depth === 1) this.decorate(fragment, dom);
      return dom;
    } finally {
      this.depth--;
    }
  }
}

/// Insert the label spans and the references' text into `dom`, the serialisation of `fragment`.
function decorateCopy(
  fragment: Fragment,
  dom: DocumentFragment | HTMLElement,
  labels: readonly (string | null)[] | null,
  language: Language,
  refText: (ref: PMNode) => string,
): void {
  const refs: PMNode[] = [];
  fragment.descendants((node) => {
    if (node.type.name === 'ref') refs.push(node);
  });
  dom.querySelectorAll('a.lifa-ref').forEach((element, index) => {
    if (refs[index]) element.textContent = refText(refs[index]);
  });
  const blocks = textblocksOf(fragment);
  const elements = dom.querySelectorAll('h1.lifa-title, h2.lifa-heading, p.lifa-lead, p.lifa-note');
  if (!labels || labels.length !== blocks.length || elements.length !== blocks.length) return;
  elements.forEach((element, index) => {
    const label = labels[index];
    if (!label) return;
    const span = element.ownerDocument.createElement('span');
    span.setAttribute(labelAttribute, '');
    span.className = 'lifa-label';
    span.textContent = label + labelGap(label, language);
    element.insertBefore(span, element.firstChild);
  });
}

/// `html` without the label spans a copy from Lifa put in.
export function withoutLabels(html: string): string {
  return html.replace(/<span\b[^>]*\bdata-lifa-label\b[^>]*>[^<]*<\/span>/g, '');
}

/// The structure of a plain-text law pasted into a draft: the parts, chapters, sections and articles
/// core's parser reads from `text`, or null when `text` does not start with one (a sentence, a
/// heading-less fragment), which stays an ordinary paste.
export function pastedStructure(text: string): Slice | null {
  if (!/\S/.test(text)) return null;
  // Read in the text's own language (an English law pasted into a Chinese draft is still a law).
  const parsed = parseLaw(text);
  const outline = buildOutline(parsed.doc, parsed.language);
  // A first line that is not structure became the title: not a law's articles, so not ours to read.
  if (outline.title || outline.articles.length === 0 || outline.preamble.length) return null;
  const body = parsed.doc.content.cut(parsed.doc.firstChild!.nodeSize);
  return new Slice(body, 0, 0);
}

// Where the text of `node` (at `pos`) begins: the start of its first textblock's content.
function firstTextStart(node: PMNode, pos: number): number {
  let at = pos + 1;
  for (let n = node; !n.isTextblock; n = n.firstChild!) at++;
  return at;
}

// Where the text of `node` (ending at `end`, after its closing token) ends: the end of its last
// textblock's content.
function lastTextEnd(node: PMNode, end: number): number {
  let at = end - 1;
  for (let n = node; !n.isTextblock; n = n.lastChild!) at--;
  return at;
}

/// When the selection of `state` runs from the very start of an article's (chapter's, section's, part's)
/// text to the very end of a sibling's, the slice of those whole nodes; else null.
export function wholeStructure(state: EditorState): Slice | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const $from = state.doc.resolve(from);
  const $to = state.doc.resolve(to);
  for (let depth = $from.depth; depth > 0; depth--) {
    const first = $from.node(depth);
    if (!isIdentified(first) || $to.depth < depth) continue;
    const last = $to.node(depth);
    if (!isIdentified(last) || $to.start(depth - 1) !== $from.start(depth - 1)) continue;
    if (firstTextStart(first, $from.before(depth)) !== from) continue;
    if (lastTextEnd(last, $to.after(depth)) !== to) continue;
    return state.doc.slice($from.before(depth), $to.after(depth));
  }
  return null;
}

/// Pasting whole nodes (`slice` closed at both ends: articles, chapters…) with the caret in the text of
/// `state`: the transaction inserting them after the innermost node holding the caret they may follow
/// (after the article for articles, after the chapter for chapters); null when the selection is not a
/// caret or nothing there can take them (then ProseMirror pastes as usual).
export function pasteAfter(state: EditorState, slice: Slice): Transaction | null {
  if (
    !state.selection.empty ||
    slice.openStart !== 0 ||
    slice.openEnd !== 0 ||
    slice.content.childCount === 0
  )
    return null;
  if (!slice.content.firstChild!.isBlock || slice.content.firstChild!.isTextblock) return null;
  const $at = state.selection.$from;
  for (let depth = $at.depth; depth > 0; depth--) {
    const parent = $at.node(depth - 1);
    const index = $at.index(depth - 1) + 1;
    if (parent.canReplace(index, index, slice.content)) {
      const pos = $at.after(depth);
      return state.tr.insert(pos, slice.content);
    }
  }
  return null;
}

/// The copy-as-read plugin.
export function copyAsRead(options: CopyAsReadOptions): Plugin {
  let current: EditorView | null = null;
  const labelsNow = (): (string | null)[] | null => {
    if (!current) return null;
    const { from, to } = current.state.selection;
    return selectedLabels(current.state, from, to, options.language());
  };
  const serializer = new ReadingSerializer((fragment, dom) =>
    decorateCopy(fragment, dom, labelsNow(), options.language(), options.refText),
  );
  return new Plugin({
    key: copyAsReadKey,
    view: (view) => {
      current = view;
      return { destroy: () => void (current = null) };
    },
    props: {
      transformCopied: (slice, view) => wholeStructure(view.state) ?? slice,
      handlePaste: (view, event, slice) => {
        // Plain text alone (from another program) is read here, not by clipboardTextParser: ProseMirror
        // opens a parsed slice at both ends, which would merge its first article into the caret's.
        const data = event.clipboardData;
        const text = data && !data.getData('text/html') ? data.getData('text/plain') : '';
        const structure = text ? pastedStructure(text) : null;
        const whole = structure ?? slice;
        const tr =
          pasteAfter(view.state, whole) ?? (structure ? view.state.tr.replaceSelection(structure) : null);
        if (!tr) return false;
        view.dispatch(tr.scrollIntoView());
        return true;
      },
      clipboardSerializer: serializer,
      clipboardTextSerializer: (slice, view) => {
        const { from, to } = view.state.selection;
        const labels = selectedLabels(view.state, from, to, options.language());
        return readingText(slice, labels, options.language(), options.refText);
      },
      transformPastedHTML: (html) => withoutLabels(html),
    },
  });
}
