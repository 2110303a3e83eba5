/// The changes a suggestion makes to the text, as plain Yjs operations on the live document — the
/// same operations the editor's binding makes when someone types, so an accepted suggestion is an
/// ordinary edit. Each returns its reversal: what takes it back (for undo), itself located like a
/// suggestion, so an undo after someone changed the same words is refused rather than applied blindly.
import * as Y from 'yjs';
import { randomId } from '../../core/index.ts';
import type { BlockKind } from '../../core/index.ts';
import { liveArticleIds } from '../comments/articles.ts';
import { bodyFragment } from '../document.ts';
import type { LiveArticle, YNodeJson } from './ydoc.ts';
import {
  anchorOf,
  findArticleElement,
  indexIn,
  liveArticle,
  newArticle,
  newBlock,
  nodeFromJson,
  nodeToJson,
  readArticle,
  relativeAt,
} from './ydoc.ts';
import { contextAround } from '../../core/index.ts';

/// A change to the live text, located.
export type DocumentEdit =
  /// Replace characters `[from, to)` of the article's text (inside one block) by `replacement`.
  | {
      readonly kind: 'text';
      readonly articleId: string;
      readonly from: number;
      readonly to: number;
      readonly replacement: string;
    }
  /// A new article after `after`, its paragraphs `paragraphs`; `id` defaults to a fresh one.
  | {
      readonly kind: 'insert-article';
      readonly after: string;
      readonly paragraphs: readonly string[];
      readonly id?: string;
    }
  | { readonly kind: 'delete-article'; readonly articleId: string }
  /// Put a deleted article back where it was.
  | {
      readonly kind: 'restore-article';
      readonly article: YNodeJson;
      /// The part, chapter or section it was in (null: the body), and the article it followed (null: first).
      readonly container: string | null;
      readonly after: string | null;
    }
  /// A new paragraph at index `paragraph` of the article, or a new item at index `item` of paragraph `paragraph`.
  | {
      readonly kind: 'insert-block';
      readonly articleId: string;
      readonly block: 'paragraph' | 'item';
      readonly paragraph: number;
      readonly item?: number;
      readonly text: string;
    }
  /// Remove the paragraph or item whose lead is block `block` of the article.
  | { readonly kind: 'remove-block'; readonly articleId: string; readonly block: number };

/// What takes an applied edit back, stored with the accepted suggestion: a located-like description
/// (kind, article, quote and anchor) that the undo finds again before applying it.
export interface Reversal {
  readonly kind: 'text' | 'delete-article' | 'restore-article' | 'remove-block';
  readonly articleId: string;
  readonly quote: string;
  readonly replacement: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly anchorStart: string | null;
  readonly anchorEnd: string | null;
  /// For restore-article: the article as it was, where it was.
  readonly article?: YNodeJson;
  readonly container?: string | null;
  readonly after?: string | null;
  /// For remove-block: the kind of the block to remove.
  readonly block?: BlockKind;
}

/// Thrown when an edit cannot be made to the document as it is (its article is gone, it would leave
/// a chapter without articles…). Nothing was changed.
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

function articleOrThrow(doc: Y.Doc, id: string): LiveArticle {
  const article = liveArticle(doc, id);
  if (!article) throw new EditError(`the draft has no article ${id}`);
  return article;
}

/// Make `edit` to `doc` (call inside one transaction) and return its reversal (null for removing a
/// block, which only ever undoes an insertion). Throws EditError when it cannot be made; the document
/// is then unchanged.
export function performEdit(doc: Y.Doc, edit: DocumentEdit): Reversal | null {
  switch (edit.kind) {
    case 'text':
      return replaceText(doc, edit.articleId, edit.from, edit.to, edit.replacement);
    case 'insert-article':
      return insertArticle(doc, edit.after, edit.paragraphs, edit.id ?? randomId());
    case 'delete-article':
      return deleteArticle(doc, edit.articleId);
    case 'restore-article':
      return restoreArticle(doc, edit.article, edit.container, edit.after);
    case 'insert-block':
      return insertBlock(doc, edit);
    case 'remove-block':
      return removeBlock(doc, edit.articleId, edit.block);
  }
}

function replaceText(doc: Y.Doc, articleId: string, from: number, to: number, replacement: string): Reversal {
  const article = articleOrThrow(doc, articleId);
  const b = article.blocks.findIndex((block) => from >= block.from && to <= block.to);
  if (b < 0 || from > to) throw new EditError('the words to replace are not inside one paragraph or item');
  const block = article.blocks[b];
  const lead = article.leads[b];
  const quote = article.text.slice(from, to);
  const localFrom = from - block.from;
  const localTo = to - block.from;

  // Delete from the end, so earlier children keep their indices.
  const children = lead.toArray();
  const starts: number[] = [];
  let at = 0;
  for (const child of children) {
    starts.push(at);
    at += child instanceof Y.XmlText ? child.length : 1;
  }
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    const start = starts[i];
    const length = child instanceof Y.XmlText ? child.length : 1;
    const cutFrom = Math.max(localFrom, start);
    const cutTo = Math.min(localTo, start + length);
    if (cutFrom >= cutTo) continue;
    if (child instanceof Y.XmlText) child.delete(cutFrom - start, cutTo - cutFrom);
    else lead.delete(i, 1);
  }

  if (replacement) {
    // Into the text run ending at the point (it takes that run's formatting), else the one starting
    // there, else a new run between the lead's children.
    let placed = false;
    let start = 0;
    const now = lead.toArray();
    for (const child of now) {
      const length = child instanceof Y.XmlText ? child.length : 1;
      if (child instanceof Y.XmlText && localFrom > start && localFrom <= start + length) {
        child.insert(localFrom - start, replacement);
        placed = true;
        break;
      }
      start += length;
    }
    if (!placed) {
      start = 0;
      let index = 0;
      for (const child of now) {
        const length = child instanceof Y.XmlText ? child.length : 1;
        if (start === localFrom && child instanceof Y.XmlText) {
          child.insert(0, replacement);
          placed = true;
          break;
        }
        if (start >= localFrom) break;
        start += length;
        index++;
      }
      if (!placed) {
        const run = new Y.XmlText();
        run.insert(0, replacement);
        lead.insert(index, [run]);
      }
    }
  }

  const after = readArticle(article.element);
  const end = from + replacement.length;
  return {
    kind: 'text',
    articleId,
    quote: replacement,
    replacement: quote,
    ...contextAround(after.text, from, end),
    ...anchorPair(after, from, end),
  };
}

function anchorPair(article: LiveArticle, from: number, to: number) {
  const anchor = anchorOf(article, from, to);
  return { anchorStart: anchor.start, anchorEnd: anchor.end };
}

function insertArticle(doc: Y.Doc, afterId: string, paragraphs: readonly string[], id: string): Reversal {
  const after = findArticleElement(doc, afterId);
  if (!after) throw new EditError(`the draft has no article ${afterId}`);
  const parent = after.parent as Y.XmlElement | Y.XmlFragment;
  const created = newArticle(id, paragraphs);
  parent.insert(indexIn(parent, after) + 1, [created]);
  const text = readArticle(created).text;
  return {
    kind: 'delete-article',
    articleId: id,
    quote: text,
    replacement: '',
    prefix: '',
    suffix: '',
    anchorStart: null,
    anchorEnd: null,
  };
}

/// How many articles `parent` holds directly.
function articleCount(parent: Y.XmlElement | Y.XmlFragment): number {
  return parent.toArray().filter((child) => child instanceof Y.XmlElement && child.nodeName === 'article')
    .length;
}

function deleteArticle(doc: Y.Doc, articleId: string): Reversal {
  const element = findArticleElement(doc, articleId);
  if (!element) throw new EditError(`the draft has no article ${articleId}`);
  const parent = element.parent as Y.XmlElement | Y.XmlFragment;
  // As the editor's delete command: never the only article of a chapter or section, or of the draft.
  if (articleCount(parent) === 1 && (parent instanceof Y.XmlElement || liveArticleIds(doc).length === 1)) {
    throw new EditError('an article that is the only one of its chapter, section or draft cannot be deleted');
  }
  const index = indexIn(parent, element);
  let previous: string | null = null;
  for (let i = index - 1; i >= 0 && previous === null; i--) {
    const sibling = parent.get(i);
    if (sibling instanceof Y.XmlElement && sibling.nodeName === 'article')
      previous = String(sibling.getAttribute('id'));
  }
  const json = nodeToJson(element);
  const text = readArticle(element).text;
  parent.delete(index, 1);
  return {
    kind: 'restore-article',
    articleId,
    quote: '',
    replacement: text,
    prefix: '',
    suffix: '',
    anchorStart: null,
    anchorEnd: null,
    article: json,
    container: parent instanceof Y.XmlElement ? String(parent.getAttribute('id')) : null,
    after: previous,
  };
}

function findContainer(doc: Y.Doc, id: string | null): Y.XmlElement | Y.XmlFragment | null {
  const body = doc.getXmlFragment(bodyFragment);
  if (id === null) return body;
  const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlElement | null => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement) || !['part', 'chapter', 'section'].includes(child.nodeName))
        continue;
      if (child.getAttribute('id') === id) return child;
      const found = walk(child);
      if (found) return found;
    }
    return null;
  };
  return walk(body);
}

function restoreArticle(
  doc: Y.Doc,
  json: YNodeJson,
  containerId: string | null,
  afterId: string | null,
): Reversal {
  if (!('name' in json) || json.name !== 'article') throw new EditError('not an article');
  const id = String(json.attrs.id);
  if (findArticleElement(doc, id)) throw new EditError(`article ${id} is in the draft already`);
  const container = findContainer(doc, containerId);
  if (!container) throw new EditError('the chapter or section the article was in is gone');
  let index: number;
  if (afterId === null) {
    // First article: after the heading, if the container has one.
    const first = container.get(0);
    index =
      first instanceof Y.XmlElement && first.nodeName === 'heading'
        ? 1
        : container instanceof Y.XmlFragment
          ? firstBodyIndex(container)
          : 0;
  } else {
    const after = findArticleElement(doc, afterId);
    if (!after || after.parent !== container)
      throw new EditError('the article it followed has moved or is gone');
    index = indexIn(container, after) + 1;
  }
  const element = nodeFromJson(json) as Y.XmlElement;
  container.insert(index, [element]);
  return {
    kind: 'delete-article',
    articleId: id,
    quote: readArticle(element).text,
    replacement: '',
    prefix: '',
    suffix: '',
    anchorStart: null,
    anchorEnd: null,
  };
}

/// The first index of the body after its title and preamble.
function firstBodyIndex(body: Y.XmlFragment): number {
  let index = 0;
  for (const child of body.toArray()) {
    if (child instanceof Y.XmlElement && (child.nodeName === 'title' || child.nodeName === 'preamble'))
      index++;
    else break;
  }
  return index;
}

function insertBlock(doc: Y.Doc, edit: Extract<DocumentEdit, { kind: 'insert-block' }>): Reversal {
  const article = articleOrThrow(doc, edit.articleId);
  const paragraphs = article.element
    .toArray()
    .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === 'paragraph');
  const created = newBlock(edit.block, edit.text);
  if (edit.block === 'paragraph') {
    if (edit.paragraph < 0 || edit.paragraph > paragraphs.length) throw new EditError('no such paragraph');
    const index =
      edit.paragraph === paragraphs.length
        ? article.element.length
        : indexIn(article.element, paragraphs[edit.paragraph]);
    article.element.insert(index, [created]);
  } else {
    const paragraph = paragraphs[edit.paragraph];
    if (!paragraph) throw new EditError('no such paragraph');
    const items = paragraph
      .toArray()
      .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === 'item');
    const item = edit.item ?? items.length;
    if (item < 0 || item > items.length) throw new EditError('no such item');
    const index = item === items.length ? paragraph.length : indexIn(paragraph, items[item]);
    paragraph.insert(index, [created]);
  }
  const after = readArticle(article.element);
  const lead = created.get(0) as Y.XmlElement;
  const b = after.leads.indexOf(lead);
  const block = after.blocks[b];
  return {
    kind: 'remove-block',
    articleId: edit.articleId,
    quote: edit.text,
    replacement: '',
    prefix: '',
    suffix: '',
    anchorStart: relativeAt(after, block.from, 0),
    anchorEnd: relativeAt(after, block.from, 0),
    block: edit.block,
  };
}

function removeBlock(doc: Y.Doc, articleId: string, b: number): null {
  const article = articleOrThrow(doc, articleId);
  const lead = article.leads[b];
  const block = article.blocks[b];
  if (!lead || !block) throw new EditError('no such paragraph or item');
  const element = lead.parent as Y.XmlElement;
  const parent = element.parent as Y.XmlElement;
  if (block.kind === 'paragraph') {
    const count = parent
      .toArray()
      .filter((c) => c instanceof Y.XmlElement && c.nodeName === 'paragraph').length;
    if (count === 1) throw new EditError('the only paragraph of an article cannot be removed');
  }
  parent.delete(indexIn(parent, element), 1);
  return null;
}
