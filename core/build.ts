/// A small builder for drafts, used by the parser, the seed tools and tests:
///
///     doc('网络安全法', chapter('总则', article('第一款文字', paragraph('第二款：', item('第一项')))))
///
/// Strings become text; an article, chapter, section or part built without `{id}` gets a random id.
import type { Node as PMNode } from 'prosemirror-model';
import { randomId } from './ids.ts';
import type { IdGenerator } from './ids.ts';
import { schema } from './schema.ts';

/// Inline content: plain text or inline nodes (text, `ref`).
export type InlineContent = string | PMNode | ReadonlyArray<string | PMNode>;

/// Options accepted in first position by the structural builders.
export interface BuildAttrs {
  readonly id?: string;
}

function inline(content: InlineContent): PMNode[] {
  const parts =
    typeof content === 'string' || !Array.isArray(content) ? [content as string | PMNode] : content;
  const nodes: PMNode[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part) nodes.push(schema.text(part));
    } else nodes.push(part);
  }
  return nodes;
}

function splitAttrs<T>(args: readonly unknown[]): [BuildAttrs, T[]] {
  const first = args[0];
  if (first && typeof first === 'object' && !Array.isArray(first) && !('type' in first)) {
    return [first as BuildAttrs, args.slice(1) as T[]];
  }
  return [{}, args as T[]];
}

let nextId: IdGenerator = randomId;

/// Use `generator` for ids the builder invents while `fn` runs (for reproducible documents).
export function withIds<T>(generator: IdGenerator, fn: () => T): T {
  const saved = nextId;
  nextId = generator;
  try {
    return fn();
  } finally {
    nextId = saved;
  }
}

/// A `lead` textblock.
export function lead(content: InlineContent = ''): PMNode {
  return schema.nodes.lead.create(null, inline(content));
}

/// A subitem (目).
export function subitem(content: InlineContent): PMNode {
  return schema.nodes.subitem.create(null, lead(content));
}

/// An item (项) with optional subitems.
export function item(content: InlineContent, ...subitems: PMNode[]): PMNode {
  return schema.nodes.item.create(null, [lead(content), ...subitems]);
}

/// A paragraph (款) with optional items.
export function paragraph(content: InlineContent, ...items: PMNode[]): PMNode {
  return schema.nodes.paragraph.create(null, [lead(content), ...items]);
}

/// An article. Each argument is a paragraph node or a string (a paragraph without items).
export function article(...args: Array<BuildAttrs | string | PMNode>): PMNode {
  const [attrs, children] = splitAttrs<string | PMNode>(args);
  const paragraphs = children.map((c) => (typeof c === 'string' ? paragraph(c) : c));
  if (paragraphs.length === 0) paragraphs.push(paragraph(''));
  return schema.nodes.article.create({ id: attrs.id ?? nextId() }, paragraphs);
}

function division(type: 'part' | 'chapter' | 'section', args: readonly unknown[]): PMNode {
  const [attrs, rest] = splitAttrs<string | PMNode>(args);
  const [heading, ...children] = rest;
  return schema.nodes[type].create({ id: attrs.id ?? nextId() }, [
    schema.nodes.heading.create(null, inline(heading as string)),
    ...(children as PMNode[]),
  ]);
}

/// A part (编): heading, then chapters or articles.
export function part(...args: Array<BuildAttrs | string | PMNode>): PMNode {
  return division('part', args);
}

/// A chapter (章): heading, then sections or articles.
export function chapter(...args: Array<BuildAttrs | string | PMNode>): PMNode {
  return division('chapter', args);
}

/// A section (节): heading, then articles.
export function section(...args: Array<BuildAttrs | string | PMNode>): PMNode {
  return division('section', args);
}

/// A preamble of notes, one per string.
export function preamble(...notes: InlineContent[]): PMNode {
  return schema.nodes.preamble.create(
    null,
    notes.map((n) => schema.nodes.note.create(null, inline(n))),
  );
}

/// A cross-reference to the article with id `target`, optionally to a paragraph and item of it; `bare`
/// shows the article number alone, as in a list after "Articles" (see numbering.ts).
export function ref(
  target: string,
  paragraph: number | null = null,
  itemNumber: number | null = null,
  bare = false,
): PMNode {
  return schema.nodes.ref.create({ target, paragraph, item: itemNumber, bare });
}

/// A whole draft: its title, then an optional preamble and the body. Throws RangeError when the
/// content does not fit the schema (for example a draft without any article).
export function doc(title: string, ...body: PMNode[]): PMNode {
  const node = schema.nodes.doc.create(null, [schema.nodes.title.create(null, inline(title)), ...body]);
  node.check();
  return node;
}
