/// The document as import reads it, before it becomes ProseMirror nodes: plain objects that the
/// reader can still change (a heading found on the next line, stray text moved into an article).
/// Private to core/format.
import type { Node as PMNode } from 'prosemirror-model';
import type { IdGenerator } from '../ids.ts';
import { schema } from '../schema.ts';
import type { DivisionKind } from './labels.ts';

/// Anything with a lead textblock: a paragraph, an item, a subitem.
export interface LeadDraft {
  lead: string;
  /// The 1-based line of the text the lead was read from; none for one the reader made up.
  line?: number;
}

/// An item (项) and its subitems.
export interface ItemDraft extends LeadDraft {
  readonly subitems: LeadDraft[];
}

/// A paragraph (款) and its items.
export interface ParagraphDraft extends LeadDraft {
  readonly items: ItemDraft[];
}

/// An article (条).
export interface ArticleDraft {
  readonly type: 'article';
  readonly paragraphs: ParagraphDraft[];
}

/// A part, chapter or section.
export interface DivisionDraft {
  readonly type: DivisionKind;
  heading: string;
  readonly line: number;
  /// The lines that made the heading, to keep when the division turns out to have no articles.
  readonly sources: Array<{ line: number; text: string }>;
  readonly children: Array<DivisionDraft | ArticleDraft>;
  hasArticle: boolean;
}

/// What a division or the body holds.
export type BodyDraft = DivisionDraft | ArticleDraft;

/// An article with one empty paragraph: the one the schema needs when the text has none.
export function emptyArticle(): ArticleDraft {
  return { type: 'article', paragraphs: [{ lead: '', items: [] }] };
}

function inline(text: string): PMNode[] {
  return text ? [schema.text(text)] : [];
}

/// The document of core's schema for a title, preamble notes (none: no preamble) and body. Ids are
/// drawn from `ids` in document order, a division's before those of its children. `lines`, when given,
/// receives the line of each lead and note textblock made from a draft that has one.
export function buildDoc(
  title: string,
  notes: readonly LeadDraft[],
  body: readonly BodyDraft[],
  ids: IdGenerator,
  lines?: Map<PMNode, number>,
): PMNode {
  const textblock = (type: 'lead' | 'note', draft: LeadDraft): PMNode => {
    const node = schema.nodes[type].create(null, inline(draft.lead));
    if (lines && draft.line !== undefined) lines.set(node, draft.line);
    return node;
  };
  const lead = (draft: LeadDraft) => textblock('lead', draft);
  const build = (draft: BodyDraft): PMNode => {
    const id = ids();
    if (draft.type === 'article') {
      const paragraphs = draft.paragraphs.map((p) =>
        schema.nodes.paragraph.create(null, [
          lead(p),
          ...p.items.map((item) =>
            schema.nodes.item.create(null, [
              lead(item),
              ...item.subitems.map((s) => schema.nodes.subitem.create(null, lead(s))),
            ]),
          ),
        ]),
      );
      return schema.nodes.article.create({ id }, paragraphs);
    }
    const heading = schema.nodes.heading.create(null, inline(draft.heading));
    return schema.nodes[draft.type].create({ id }, [heading, ...draft.children.map(build)]);
  };
  const content: PMNode[] = [schema.nodes.title.create(null, inline(title))];
  if (notes.length > 0) {
    content.push(
      schema.nodes.preamble.create(
        null,
        notes.map((n) => textblock('note', n)),
      ),
    );
  }
  for (const draft of body) content.push(build(draft)); // a loop: a spread of 100k+ arguments overflows the stack
  return schema.nodes.doc.create(null, content);
}
