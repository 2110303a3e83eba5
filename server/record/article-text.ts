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
/// The draft is walked once per state of the index; later calls look the id up.
export function articleElements(index: RecordIndex, articleId: string): Y.XmlElement[] {
  let cached = elementsByIndex.get(index);
  if (!cached || cached.seq !== index.lastSeq) {
    cached = { seq: index.lastSeq, byId: allArticleElements(index) };
    elementsByIndex.set(index, cached);
  }
  return cached.byId.get(articleId) ?? [];
}

const elementsByIndex = new WeakMap<RecordIndex, { seq: number; byId: Map<string, Y.XmlElement[]> }>();

function allArticleElements(index: RecordIndex): Map<string, Y.XmlElement[]> {
  const byId = new Map<string, Y.XmlElement[]>();
  const walk = (type: Y.AbstractType<any>) => {
    for (const item of listItems(type)) {
      if (!(item.content instanceof Y.ContentType)) continue;
      const child = item.content.type;
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'article') {
        for (const id of new Set(attributeValues(child, 'id'))) {
          if (typeof id !== 'string') continue;
          const list = byId.get(id);
          if (list) list.push(child);
          else byId.set(id, [child]);
        }
      } else if (child.nodeName === 'part' || child.nodeName === 'chapter' || child.nodeName === 'section') {
        walk(child);
      }
    }
  };
  walk(index.doc.getXmlFragment(bodyFragment));
  return byId;
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
/// draft, in document order (as core's outline numbers them). The numbering after the index's last
/// entry is remembered until the index moves on.
export function articleNumbersAt(index: RecordIndex, seq: number): ReadonlyMap<string, number> {
  if (seq === index.lastSeq) {
    const cached = numbersByIndex.get(index);
    if (cached?.seq === seq) return cached.numbers;
    const numbers = countArticles(index, seq);
    numbersByIndex.set(index, { seq, numbers });
    return numbers;
  }
  return countArticles(index, seq);
}

const numbersByIndex = new WeakMap<RecordIndex, { seq: number; numbers: Map<string, number> }>();

function countArticles(index: RecordIndex, seq: number): Map<string, number> {
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

/// Remembers the text of each lead (a paragraph's or item's line) between the entries that touch it,
/// for reading one article at many moments with one numbering: a session usually changes one line,
/// and the others are not read again.
export class LeadMemo {
  private readonly leads = new Map<Y.AbstractType<any>, { seqs: number[]; texts: Map<number, string> }>();

  constructor(private readonly index: RecordIndex) {}

  /// The text of `lead` right after entry `seq`: remembered, or `read()` and remembered.
  text(lead: Y.AbstractType<any>, seq: number, read: () => string): string {
    let memo = this.leads.get(lead);
    if (!memo) {
      memo = { seqs: touchingEntries(this.index, [lead]), texts: new Map() };
      this.leads.set(lead, memo);
    }
    const slot = countAtMost(memo.seqs, seq);
    let text = memo.texts.get(slot);
    if (text === undefined) {
      text = read();
      memo.texts.set(slot, text);
    }
    return text;
  }
}

/// The text of `article` right after entry `seq`, exactly as core's outline writes it, with
/// cross-references labelled from `numbers` (pass the numbering of the same moment for the text as
/// it read then, or one fixed numbering to compare moments without renumbering noise). With `memo`
/// (for one fixed numbering), lines not changed since an earlier call are not read again.
export function articleTextAt(
  index: RecordIndex,
  article: Y.XmlElement,
  seq: number,
  language: Language,
  numbers: ArticleNumbers,
  memo?: LeadMemo,
): string {
  const inline = (lead: Y.AbstractType<any> | undefined): string => {
    if (!lead) return '';
    return memo ? memo.text(lead, seq, () => readLead(lead)) : readLead(lead);
  };
  const readLead = (lead: Y.AbstractType<any>): string => {
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
export function touchingEntries(index: RecordIndex, elements: readonly Y.AbstractType<any>[]): number[] {
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
  for (let item = text._start; item; item = item.right) {
    if (item.content instanceof Y.ContentString) out += index.visibleText(item, item.content.str, seq);
  }
  return out;
}

// How many of the sorted `values` are at most `value`.
function countAtMost(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function first<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}
