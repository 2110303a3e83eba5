/// Reading suggestions' articles straight from a draft's live Y.Doc, without converting the document
/// to ProseMirror: an article's text in core's form (suggestions/text.ts), Yjs positions turned into
/// offsets of that text and back, and the Y elements y-prosemirror would make for new paragraphs,
/// items and articles. y-prosemirror maps each node to a Y.XmlElement of the same name with its
/// non-null attributes, and each run of text to a Y.XmlText, so a lead's text is its children's in
/// order, a cross-reference counting one (U+FFFC), exactly as a ProseMirror position counts.
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { blockAt, objectReplacement } from '../../core/index.ts';
import type { ArticleText, BlockKind, Hint, TextBlock } from '../../core/index.ts';
import { bodyFragment } from '../document.ts';

const containers = new Set(['part', 'chapter', 'section']);

/// An article of the live document, read for suggestions.
export interface LiveArticle extends ArticleText {
  readonly id: string;
  readonly element: Y.XmlElement;
  /// The lead element of each block, in the order of `blocks`.
  readonly leads: readonly Y.XmlElement[];
  /// What each object (U+FFFC) of `text` is, in order: a cross-reference's attributes, or null for
  /// anything else.
  readonly objects: readonly (LiveReference | null)[];
}

/// A cross-reference as the live document stores it (core's `ref` node's attributes).
export interface LiveReference {
  readonly target: string | null;
  readonly paragraph: number | null;
  readonly item: number | null;
  readonly bare: boolean;
}

function referenceOf(element: Y.XmlElement): LiveReference | null {
  if (element.nodeName !== 'ref') return null;
  const target = element.getAttribute('target') as unknown;
  const paragraph = element.getAttribute('paragraph') as unknown;
  const item = element.getAttribute('item') as unknown;
  return {
    target: typeof target === 'string' ? target : null,
    paragraph: typeof paragraph === 'number' ? paragraph : null,
    item: typeof item === 'number' ? item : null,
    bare: (element.getAttribute('bare') as unknown) === true,
  };
}

/// The article element with `id` in `doc`'s body, or null. Walks only parts, chapters and sections.
export function findArticleElement(doc: Y.Doc, id: string): Y.XmlElement | null {
  const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlElement | null => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'article') {
        if (child.getAttribute('id') === id) return child;
      } else if (containers.has(child.nodeName)) {
        const found = walk(child);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(doc.getXmlFragment(bodyFragment));
}

/// The length of a lead's child in text characters: a Y.XmlText's length, one for anything else.
function childLength(child: unknown): number {
  return child instanceof Y.XmlText ? child.length : 1;
}

/// The plain text of a Y.XmlText (formatting dropped); each embedded object adds a null to `objects`.
function plainText(text: Y.XmlText, objects: (LiveReference | null)[]): string {
  let out = '';
  for (const op of text.toDelta() as { insert: unknown }[]) {
    if (typeof op.insert === 'string') out += op.insert;
    else {
      out += objectReplacement;
      objects.push(null);
    }
  }
  return out;
}

/// The text of article `element`, as core's articleTextOf reads the same article in ProseMirror.
export function readArticle(element: Y.XmlElement): LiveArticle {
  let text = '';
  const blocks: TextBlock[] = [];
  const leads: Y.XmlElement[] = [];
  const objects: (LiveReference | null)[] = [];
  const lead = (leadElement: Y.XmlElement, kind: BlockKind, path: number[]) => {
    if (blocks.length) text += '\n';
    const from = text.length;
    for (const child of leadElement.toArray()) {
      if (child instanceof Y.XmlText) text += plainText(child, objects);
      else {
        text += objectReplacement;
        objects.push(child instanceof Y.XmlElement ? referenceOf(child) : null);
      }
    }
    blocks.push({ kind, path, from, to: text.length });
    leads.push(leadElement);
  };
  const walk = (container: Y.XmlElement, kind: BlockKind, path: number[]) => {
    let sub = 0;
    for (const child of container.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'lead') lead(child, kind, path);
      else if (child.nodeName === 'item' || child.nodeName === 'subitem')
        walk(child, child.nodeName, [...path, sub++]);
    }
  };
  let paragraph = 0;
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlElement && child.nodeName === 'paragraph')
      walk(child, 'paragraph', [paragraph++]);
  }
  return { id: String(element.getAttribute('id')), element, text, blocks, leads, objects };
}

/// Every article of `doc`'s body in document order, read, in one walk.
export function liveArticles(doc: Y.Doc): LiveArticle[] {
  const articles: LiveArticle[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'article') {
        if (child.getAttribute('id')) articles.push(readArticle(child));
      } else if (containers.has(child.nodeName)) walk(child);
    }
  };
  walk(doc.getXmlFragment(bodyFragment));
  return articles;
}

/// The article with `id` in `doc`, read; null when there is none.
export function liveArticle(doc: Y.Doc, id: string): LiveArticle | null {
  const element = findArticleElement(doc, id);
  return element ? readArticle(element) : null;
}

function isDeleted(type: Y.AbstractType<unknown>): boolean {
  for (let t: Y.AbstractType<unknown> | null = type; t; t = t.parent as Y.AbstractType<unknown> | null) {
    if (t._item?.deleted) return true;
  }
  return false;
}

/// The text offset in `article` of the absolute Yjs position (`type`, `index`), or null when it is
/// not inside one of the article's leads (or sits in deleted content).
export function offsetAt(article: LiveArticle, type: Y.AbstractType<unknown>, index: number): number | null {
  if (isDeleted(type)) return null;
  let lead: Y.XmlElement;
  let before = 0;
  if (type instanceof Y.XmlText) {
    const parent = type.parent;
    if (!(parent instanceof Y.XmlElement)) return null;
    lead = parent;
    for (const child of lead.toArray()) {
      if (child === type) break;
      before += childLength(child);
    }
    before += index;
  } else if (type instanceof Y.XmlElement) {
    lead = type;
    const children = lead.toArray();
    for (let i = 0; i < index && i < children.length; i++) before += childLength(children[i]);
  } else return null;
  const b = article.leads.indexOf(lead);
  if (b < 0) return null;
  return article.blocks[b].from + Math.min(before, article.blocks[b].to - article.blocks[b].from);
}

/// The offset in `article` where the encoded relative position `value` resolves now in `doc`, or null.
export function resolveOffset(doc: Y.Doc, article: LiveArticle, value: string | null): number | null {
  if (!value) return null;
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(fromBase64(value)),
      doc,
    );
    return position ? offsetAt(article, position.type, position.index) : null;
  } catch {
    return null;
  }
}

/// Where an anchor's start and end resolve now in `article`, or null when either is lost.
export function resolveHint(
  doc: Y.Doc,
  article: LiveArticle,
  start: string | null,
  end: string | null,
): Hint | null {
  const from = resolveOffset(doc, article, start);
  const to = resolveOffset(doc, article, end);
  if (from === null || to === null || to < from) return null;
  return { from, to };
}

/// The encoded relative position of text offset `offset` of `article`: in the text run holding the
/// character after it (`assoc` 0) or before it (`assoc` -1), else between the lead's children. Throws
/// RangeError for an offset outside every block.
export function relativeAt(article: LiveArticle, offset: number, assoc: 0 | -1): string {
  const block = blockAt(article, offset);
  if (!block) throw new RangeError(`Offset ${offset} is outside the blocks of article ${article.id}`);
  const lead = article.leads[article.blocks.indexOf(block)];
  const local = offset - block.from;
  let start = 0;
  let index = 0;
  let atChild = -1;
  for (const child of lead.toArray()) {
    const length = childLength(child);
    if (child instanceof Y.XmlText) {
      const inside =
        assoc < 0 ? local > start && local <= start + length : local >= start && local < start + length;
      if (inside) return encode(Y.createRelativePositionFromTypeIndex(child, local - start, assoc));
    }
    if (start === local && atChild < 0) atChild = index;
    start += length;
    index++;
  }
  if (atChild < 0) atChild = index;
  return encode(Y.createRelativePositionFromTypeIndex(lead, atChild, assoc));
}

function encode(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/// The anchor of words `[from, to)` of `article`: the start sticks to the first word and the end to
/// the last, so typing next to them does not grow them; for an insertion point (from = to), the start
/// sticks to the character before and the end to the one after, so text typed there shows.
export function anchorOf(article: LiveArticle, from: number, to: number): { start: string; end: string } {
  if (from === to) return { start: relativeAt(article, from, -1), end: relativeAt(article, to, 0) };
  return { start: relativeAt(article, from, 0), end: relativeAt(article, to, -1) };
}

/// A Y element (or text) as JSON, to keep a deleted article so it can be put back.
export type YNodeJson =
  | {
      readonly name: string;
      readonly attrs: Readonly<Record<string, unknown>>;
      readonly children: readonly YNodeJson[];
    }
  | { readonly delta: readonly { insert: string; attributes?: Record<string, unknown> }[] };

/// `node` as JSON.
export function nodeToJson(node: Y.XmlElement | Y.XmlText): YNodeJson {
  if (node instanceof Y.XmlText)
    return { delta: node.toDelta() as { insert: string; attributes?: Record<string, unknown> }[] };
  return {
    name: node.nodeName,
    attrs: node.getAttributes() as Record<string, unknown>,
    children: node
      .toArray()
      .filter(
        (child): child is Y.XmlElement | Y.XmlText =>
          child instanceof Y.XmlElement || child instanceof Y.XmlText,
      )
      .map(nodeToJson),
  };
}

/// A new Y element (or text) from JSON made by nodeToJson, not yet in any document.
export function nodeFromJson(json: YNodeJson): Y.XmlElement | Y.XmlText {
  if ('delta' in json) {
    const text = new Y.XmlText();
    text.applyDelta(json.delta as never);
    return text;
  }
  const element = new Y.XmlElement(json.name);
  for (const [key, value] of Object.entries(json.attrs)) element.setAttribute(key, value as string);
  element.insert(0, json.children.map(nodeFromJson));
  return element;
}

/// A new lead holding `text` (no Y.XmlText when empty, as y-prosemirror makes an empty textblock).
export function newLead(text: string): Y.XmlElement {
  const lead = new Y.XmlElement('lead');
  if (text) {
    const run = new Y.XmlText();
    run.insert(0, text);
    lead.insert(0, [run]);
  }
  return lead;
}

/// A new paragraph (or item, or subitem) whose text is `text`.
export function newBlock(kind: BlockKind, text: string): Y.XmlElement {
  const block = new Y.XmlElement(kind);
  block.insert(0, [newLead(text)]);
  return block;
}

/// A new article with `id` whose paragraphs are `paragraphs` (at least one, empty when none given).
export function newArticle(id: string, paragraphs: readonly string[]): Y.XmlElement {
  const article = new Y.XmlElement('article');
  article.setAttribute('id', id);
  article.insert(
    0,
    (paragraphs.length ? paragraphs : ['']).map((text) => newBlock('paragraph', text)),
  );
  return article;
}

/// The index of `child` among `parent`'s children, or -1.
export function indexIn(parent: Y.XmlElement | Y.XmlFragment, child: Y.XmlElement): number {
  return parent.toArray().indexOf(child);
}
