/// The ProseMirror schema of a draft (DESIGN.md "The document").
///
///     doc       > title preamble? (part | chapter | article)+
///     part      > heading (chapter | article)+          编 (rare: codes)
///     chapter   > heading (section | article)+          章
///     section   > heading article+                      节
///     article   > paragraph+                            条, carries a stable `id`
///     paragraph > lead item*                            款
///     item      > lead subitem*                         项
///     subitem   > lead                                  目
///     preamble  > note+                                 explanatory note, enactment history
///
/// ProseMirror does not let a node mix inline and block children, so the text of a paragraph or item
/// before its sub-list lives in a `lead` textblock. Numbers are never stored: see numbering.ts.
import { Schema } from 'prosemirror-model';
import type { Node as PMNode, NodeSpec, MarkSpec } from 'prosemirror-model';

const structural = (tag: string, content: string): NodeSpec => ({
  content,
  attrs: { id: { default: null } },
  defining: true,
  parseDOM: [
    { tag: `${tag}[data-id]`, getAttrs: (dom) => ({ id: (dom as HTMLElement).getAttribute('data-id') }) },
  ],
  toDOM: (node) => [tag, { 'data-id': node.attrs.id, class: `lifa-${tag}` }, 0],
});

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'title preamble? (part | chapter | article)+' },
  title: {
    content: 'text*',
    marks: '',
    defining: true,
    parseDOM: [{ tag: 'h1' }],
    toDOM: () => ['h1', { class: 'lifa-title' }, 0],
  },
  preamble: {
    content: 'note+',
    parseDOM: [{ tag: 'header.lifa-preamble' }],
    toDOM: () => ['header', { class: 'lifa-preamble' }, 0],
  },
  note: {
    content: 'inline*',
    parseDOM: [{ tag: 'p.lifa-note' }],
    toDOM: () => ['p', { class: 'lifa-note' }, 0],
  },
  part: structural('part', 'heading (chapter | article)+'),
  chapter: structural('chapter', 'heading (section | article)+'),
  section: structural('section', 'heading article+'),
  heading: {
    content: 'text*',
    marks: '',
    defining: true,
    parseDOM: [{ tag: 'h2' }],
    toDOM: () => ['h2', { class: 'lifa-heading' }, 0],
  },
  article: structural('article', 'paragraph+'),
  paragraph: {
    content: 'lead item*',
    parseDOM: [{ tag: 'div.lifa-paragraph' }],
    toDOM: () => ['div', { class: 'lifa-paragraph' }, 0],
  },
  item: {
    content: 'lead subitem*',
    parseDOM: [{ tag: 'div.lifa-item' }],
    toDOM: () => ['div', { class: 'lifa-item' }, 0],
  },
  subitem: {
    content: 'lead',
    parseDOM: [{ tag: 'div.lifa-subitem' }],
    toDOM: () => ['div', { class: 'lifa-subitem' }, 0],
  },
  lead: {
    content: 'inline*',
    parseDOM: [{ tag: 'p' }],
    toDOM: () => ['p', { class: 'lifa-lead' }, 0],
  },
  text: { group: 'inline' },
  ref: {
    group: 'inline',
    inline: true,
    atom: true,
    selectable: true,
    // `bare`: the article number alone, in a list whose "Articles" is written once as text (numbering.ts).
    attrs: {
      target: { default: null },
      paragraph: { default: null },
      item: { default: null },
      bare: { default: false },
    },
    parseDOM: [
      {
        tag: 'a.lifa-ref[data-target]',
        getAttrs: (dom) => {
          const el = dom as HTMLElement;
          const num = (name: string) => (el.getAttribute(name) ? Number(el.getAttribute(name)) : null);
          return {
            target: el.getAttribute('data-target'),
            paragraph: num('data-paragraph'),
            item: num('data-item'),
            bare: el.hasAttribute('data-bare'),
          };
        },
      },
    ],
    toDOM: (node) => [
      'a',
      {
        class: 'lifa-ref',
        'data-target': node.attrs.target,
        'data-paragraph': node.attrs.paragraph ?? undefined,
        'data-item': node.attrs.item ?? undefined,
        'data-bare': node.attrs.bare ? '' : undefined,
      },
    ],
  },
};

const marks: Record<string, MarkSpec> = {
  em: {
    parseDOM: [{ tag: 'em' }, { tag: 'i' }],
    toDOM: () => ['em', 0],
  },
};

/// The one schema every draft uses, in the editor, on the server and in the CLI.
export const schema = new Schema({ nodes, marks });

/// Node types that carry a stable `id` attribute.
export const identifiedTypes: ReadonlySet<string> = new Set(['part', 'chapter', 'section', 'article']);

/// Whether `node` is a part, chapter, section or article (the nodes with stable ids).
export function isIdentified(node: PMNode): boolean {
  return identifiedTypes.has(node.type.name);
}
