/// Reading an article out of a RecordIndex as it was right after any entry: the same text core's
/// outline gives for it (paragraphs on their lines, item labels, cross-reference labels), read from
/// the Y tree y-prosemirror writes (`article > paragraph > lead | item > lead | subitem > lead`)
/// with deleted content kept, so one tree answers for every moment.
// Y.AbstractType is invariant in its event type; the walks below read any type, hence `any`.
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as Y from 'yjs';
import { articleText, citationLabel, danglingLabel, label } from '../../core/index.ts';
import type { Language, OutlineItem, OutlineParagraph } from '../../core/index.ts';
import { bodyFragment } from '../document.ts';
import type { RecordIndex } from './record-index.ts';

/// Article numbers by article id, as the numbering stood at some moment.
export type ArticleNumbers = ReadonlyMap<string, number>;

/// Every item of `type`'s list, deleted ones included, in document order.
function* listItems(type: Y.AbstractType<any>): Generator<Y.Item> {
  for (let item = type._start; item; item = item.right) yield item;
}

/// The children of `type` that exist right after entry `seq`.
function* childrenAt(
  index: RecordIndex,
  type: Y.AbstractType<any>,
  seq: number,
): Generator<Y.AbstractType<any>> {
  for (const item of listItems(type)) {
    if (item.content instanceof Y.ContentType && index.existsAt(item, seq)) yield item.content.type;
  }
}

/// The value attribute `key` of `element` had right after entry `seq` (undefined when unset). Older
/// values of a map key stay in the chain to the left of the newest one.
export function attributeAt(index: RecordIndex, element: Y.XmlElement, key: string, seq: number): unknown {
  for (let item = element._map.get(key) ?? null; item; item = item.left) {
    if (!index.existsAt(item, seq)) continue;
    const content = item.content.getContent();
    return content[content.length - 1];
  }
  return undefined;
}

/// Every value attribute `key` of `element` ever had.
function attributeValues(element: Y.XmlElement, key: string): unknown[] {
  const values: unknown[] = [];
  for (let item = element._map.get(key) ?? null; item; item = item.left)
    values.push(...item.content.getContent());
  return values;
}

/// Every article element of the draft that carried id `articleId` at some moment, deleted or not,
/// in document order. (An article moved is deleted and written again: several elements share its id.)
export function articleElements(index: RecordIndex, articleId: string): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  const walk = (type: Y.AbstractType<any>) => {
    for (const item of listItems(type)) {
      if (!(item.content instanceof Y.ContentType)) continue;
      const child = item.content.type;
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'article') {
        if (attributeValues(child, 'id').includes(articleId)) found.push(child);
      } else if (child.nodeName === 'part' || child.nodeName === 'chapter' || child.nodeName === 'section') {
        walk(child);
      }
    }
  };
  walk(index.doc.getXmlFragment(bodyFragment));
  return found;
}

/// The element among `elements` that was article `articleId` right after entry `seq`, or undefined
/// when there was no such article then.
export function articleElementAt(
  index: RecordIndex,
  elements: readonly Y.XmlElement[],
  articleId: string,
  seq: number,
): Y.XmlElement | undefined {
  return elements.find(
    (element) =>
      element._item !== null &&
      index.existsAt(element._item, seq) &&
      attributeAt(index, element, 'id', seq) === articleId,
  );
}

/// The numbers of the articles right after entry `seq`: articles are numbered through the whole
/// draft, in document order (as core's outline numbers them).
export function articleNumbersAt(index: RecordIndex, seq: number): Map<string, number> {
  const numbers = new Map<string, number>();
  let count = 0;
  const walk = (type: Y.AbstractType<any>) => {
    for (const child of childrenAt(index, type, seq)) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'article') {
        count++;
        const id = attributeAt(index, child, 'id', seq);
        if (typeof id === 'string' && id) numbers.set(id, count);
      } else if (child.nodeName !== 'title' && child.nodeName !== 'heading') {
        walk(child);
      }
    }
  };
  walk(index.doc.getXmlFragment(bodyFragment));
  return numbers;
}

/// The text of `article` right after entry `seq`, exactly as core's outline writes it, with
/// cross-references labelled from `numbers` (pass the numbering of the same moment for the text as
/// it read then, or one fixed numbering to compare moments without renumbering noise).
export function articleTextAt(
  index: RecordIndex,
  article: Y.XmlElement,
  seq: number,
  language: Language,
  numbers: ArticleNumbers,
): string {
  const inline = (lead: Y.AbstractType<any> | undefined): string => {
    if (!lead) return '';
    let text = '';
    for (const child of childrenAt(index, lead, seq)) {
      if (child instanceof Y.XmlText) text += textAt(index, child, seq);
      else if (child instanceof Y.XmlElement && child.nodeName === 'ref') {
        const target = attributeAt(index, child, 'target', seq);
        const number = typeof target === 'string' ? numbers.get(target) : undefined;
        text +=
          number === undefined
            ? danglingLabel(language)
            : citationLabel(
                {
                  article: number,
                  paragraph: (attributeAt(index, child, 'paragraph', seq) as number | undefined) ?? null,
                  item: (attributeAt(index, child, 'item', seq) as number | undefined) ?? null,
                },
                language,
              );
      }
    }
    return text;
  };
  const items = (parent: Y.AbstractType<any>, kind: 'item' | 'subitem'): OutlineItem[] => {
    const list: OutlineItem[] = [];
    for (const child of childrenAt(index, parent, seq)) {
      if (!(child instanceof Y.XmlElement) || child.nodeName !== kind) continue;
      list.push({
        label: label(kind, list.length + 1, language),
        text: inline(first(childrenAt(index, child, seq))),
        subitems: kind === 'item' ? items(child, 'subitem') : [],
      });
    }
    return list;
  };
  const paragraphs: OutlineParagraph[] = [];
  for (const paragraph of childrenAt(index, article, seq)) {
    if (!(paragraph instanceof Y.XmlElement) || paragraph.nodeName !== 'paragraph') continue;
    paragraphs.push({
      text: inline(first(childrenAt(index, paragraph, seq))),
      items: items(paragraph, 'item'),
    });
  }
  return articleText(paragraphs);
}

/// Every entry that wrote, changed or removed anything inside `elements` (their nodes, attributes
/// and text), sorted.
export function touchingEntries(index: RecordIndex, elements: readonly Y.XmlElement[]): number[] {
  const seqs = new Set<number>();
  const visitType = (type: Y.AbstractType<any>) => {
    if (type._item) index.touching(type._item, seqs);
    for (const entry of type._map.values()) {
      for (let item: Y.Item | null = entry; item; item = item.left) index.touching(item, seqs);
    }
    for (const item of listItems(type)) {
      if (item.content instanceof Y.ContentType) visitType(item.content.type);
      else index.touching(item, seqs);
    }
  };
  for (const element of elements) visitType(element);
  return [...seqs].sort((a, b) => a - b);
}

function textAt(index: RecordIndex, text: Y.XmlText, seq: number): string {
  let out = '';
  for (const item of listItems(text)) {
    if (!(item.content instanceof Y.ContentString)) continue;
    const str = item.content.str;
    index.spans(item, (from, to, insertedBy, deletedBy) => {
      if (insertedBy <= seq && seq < deletedBy) out += str.slice(from, to);
    });
  }
  return out;
}

function first<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}
