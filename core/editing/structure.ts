/// Structural editing commands (ProseMirror commands over core's schema): new article, paragraph,
/// item, chapter, section; move an article up or down, across chapter boundaries; split and merge
/// articles; delete an article. Each returns false, changing nothing, when it does not apply.
import { TextSelection } from 'prosemirror-state';
import type { Command, EditorState, Transaction } from 'prosemirror-state';
import { Fragment } from 'prosemirror-model';
import type { Node as PMNode, ResolvedPos } from 'prosemirror-model';
import { randomId } from '../ids.ts';
import type { IdGenerator } from '../ids.ts';
import { schema } from '../schema.ts';

const { article, paragraph, item, lead, chapter, section, heading } = schema.nodes;

/// Depth of the nearest ancestor of `$pos` of node type `name`, or -1.
export function ancestorDepth($pos: ResolvedPos, name: string): number {
  for (let d = $pos.depth; d > 0; d--) if ($pos.node(d).type.name === name) return d;
  return -1;
}

/// Position of the article around the selection's head, or null when the cursor is outside any article.
export function articleAt(state: EditorState): { node: PMNode; pos: number; depth: number } | null {
  const $head = state.selection.$head;
  const depth = ancestorDepth($head, 'article');
  if (depth < 0) return null;
  return { node: $head.node(depth), pos: $head.before(depth), depth };
}

function emptyArticle(ids: IdGenerator): PMNode {
  return article.create({ id: ids() }, paragraph.create(null, lead.create()));
}

// Put the cursor at the start of the first textblock at or after `pos`.
function cursorInto(tr: Transaction, pos: number): Transaction {
  return tr
    .setSelection(TextSelection.near(tr.doc.resolve(Math.min(pos, tr.doc.content.size)), 1))
    .scrollIntoView();
}

/// Insert an empty article after the one holding the cursor and move the cursor into it.
export function insertArticleAfter(ids: IdGenerator = randomId): Command {
  return (state, dispatch) => {
    const at = articleAt(state);
    if (!at) {
      // In the title or preamble: insert before the first article of the body.
      let firstArticle = -1;
      state.doc.descendants((node, pos) => {
        if (firstArticle >= 0) return false;
        if (node.type === article) firstArticle = pos;
        return !node.isTextblock;
      });
      if (firstArticle < 0) return false;
      if (dispatch) {
        const tr = state.tr.insert(firstArticle, emptyArticle(ids));
        dispatch(cursorInto(tr, firstArticle + 1));
      }
      return true;
    }
    if (dispatch) {
      const end = at.pos + at.node.nodeSize;
      dispatch(cursorInto(state.tr.insert(end, emptyArticle(ids)), end + 1));
    }
    return true;
  };
}

/// Insert a new paragraph (款) after the one holding the cursor, carrying over the text after the
/// cursor when the cursor is inside a paragraph's lead text: that text, and the items it introduces,
/// move into the new paragraph. At the end of the lead, or in an item, the new paragraph is empty.
export const insertParagraph: Command = (state, dispatch) => {
  const $head = state.selection.$head;
  const depth = ancestorDepth($head, 'paragraph');
  if (depth < 0) return false;
  if (dispatch) {
    const { $from, $to } = state.selection;
    if ($from.depth === depth + 1 && $from.sameParent($to) && $to.parentOffset < $to.parent.content.size) {
      // Split the lead and its paragraph at the cursor; the selection maps into the new paragraph.
      const tr = state.tr.delete($from.pos, $to.pos);
      dispatch(tr.split($from.pos, 2).scrollIntoView());
      return true;
    }
    const end = $head.after(depth);
    const tr = state.tr.insert(end, paragraph.create(null, lead.create()));
    dispatch(cursorInto(tr, end + 1));
  }
  return true;
};

/// Insert an item (项) after the item holding the cursor, or as the first item of the paragraph
/// holding the cursor.
export const insertItem: Command = (state, dispatch) => {
  const $head = state.selection.$head;
  const itemDepth = ancestorDepth($head, 'item');
  const paragraphDepth = ancestorDepth($head, 'paragraph');
  if (paragraphDepth < 0) return false;
  if (dispatch) {
    const newItem = item.create(null, lead.create());
    // After the current item, or after the paragraph's last child (its last item or its lead).
    const pos = itemDepth > 0 ? $head.after(itemDepth) : $head.end(paragraphDepth);
    dispatch(cursorInto(state.tr.insert(pos, newItem), pos + 1));
  }
  return true;
};

/// Insert a new chapter after the chapter holding the cursor: an empty heading (cursor there) and one
/// empty article. In a draft without chapters, the new chapter goes after the current article.
export function insertChapter(ids: IdGenerator = randomId): Command {
  return (state, dispatch) => {
    const $head = state.selection.$head;
    const chapterDepth = ancestorDepth($head, 'chapter');
    let pos: number;
    if (chapterDepth > 0) pos = $head.after(chapterDepth);
    else {
      const at = articleAt(state);
      if (!at || at.depth !== 1) return false;
      pos = at.pos + at.node.nodeSize;
    }
    if (dispatch) {
      const node = chapter.create({ id: ids() }, [heading.create(), emptyArticle(ids)]);
      dispatch(cursorInto(state.tr.insert(pos, node), pos + 1));
    }
    return true;
  };
}

/// Insert a new section after the section (or, in a chapter without sections, after the article)
/// holding the cursor: an empty heading and one empty article.
export function insertSection(ids: IdGenerator = randomId): Command {
  return (state, dispatch) => {
    const $head = state.selection.$head;
    const sectionDepth = ancestorDepth($head, 'section');
    let pos: number;
    if (sectionDepth > 0) pos = $head.after(sectionDepth);
    else {
      const at = articleAt(state);
      if (!at || at.depth < 2 || $head.node(at.depth - 1).type !== chapter) return false;
      pos = at.pos + at.node.nodeSize;
    }
    if (dispatch) {
      const node = section.create({ id: ids() }, [heading.create(), emptyArticle(ids)]);
      const tr = state.tr.insert(pos, node);
      dispatch(cursorInto(tr, pos + 1));
    }
    return true;
  };
}

/// Start positions of every article, in document order.
export function articlePositions(doc: PMNode): number[] {
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (node.type === article) {
      positions.push(pos);
      return false;
    }
    return !node.isTextblock;
  });
  return positions;
}

/// Move the article holding the cursor one place up (`dir` -1) or down (+1). At the edge of its
/// chapter or section it crosses into the neighbouring one (becoming its last or first article).
/// Refused when the article is the only one in its chapter or section, which may not be left empty.
export function moveArticle(dir: -1 | 1): Command {
  return (state, dispatch) => {
    const at = articleAt(state);
    if (!at) return false;
    const positions = articlePositions(state.doc);
    const index = positions.indexOf(at.pos);
    const neighbourPos = positions[index + dir];
    if (neighbourPos === undefined) return false;
    const $at = state.doc.resolve(at.pos);
    const parent = $at.parent;
    const $neighbour = state.doc.resolve(neighbourPos);
    const sameParent = $neighbour.parent === parent && $neighbour.start() === $at.start();
    if (!sameParent && parent.type !== schema.nodes.doc && articleCount(parent) === 1) return false;
    if (dispatch) {
      const neighbour = state.doc.nodeAt(neighbourPos)!;
      // Same parent: swap. Different parent: cross into the neighbour's container at the near end.
      const target = (sameParent ? dir < 0 : dir > 0) ? neighbourPos : neighbourPos + neighbour.nodeSize;
      const offset = state.selection.head - at.pos;
      const tr = state.tr.delete(at.pos, at.pos + at.node.nodeSize);
      const insertAt = tr.mapping.map(target, dir < 0 ? -1 : 1);
      tr.insert(insertAt, at.node);
      tr.setSelection(TextSelection.create(tr.doc, insertAt + offset)).scrollIntoView();
      dispatch(tr);
    }
    return true;
  };
}

function articleCount(node: PMNode): number {
  let n = 0;
  node.forEach((child) => {
    if (child.type === article) n++;
  });
  return n;
}

/// Split the article at the cursor, which must be in a paragraph's text (not in an item): the text
/// after the cursor, the rest of that paragraph and every later paragraph become a new article with a
/// fresh id; the first half keeps the id, so comments and references stay with it.
export function splitArticle(ids: IdGenerator = randomId): Command {
  return (state, dispatch) => {
    const $from = state.selection.$from;
    const at = articleAt(state);
    if (!at || !$from.parent.isTextblock) return false;
    // Only from a paragraph's own text: splitting inside an item would leave a paragraph that starts
    // with an item, which the schema does not allow.
    const depthBelowArticle = $from.depth - at.depth;
    if (depthBelowArticle !== 2 || $from.node(at.depth + 1).type !== paragraph) return false;
    if (dispatch) {
      const tr = state.tr.deleteSelection();
      // Split the lead, the paragraph and the article; only the article after the split changes type attrs.
      const depth = depthBelowArticle + 1;
      const typesAfter: Array<{ type: typeof article; attrs: Record<string, unknown> } | null> = new Array(
        depth,
      ).fill(null);
      typesAfter[0] = { type: article, attrs: { id: ids() } };
      tr.split(tr.selection.from, depth, typesAfter);
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/// Merge the next article into the one holding the cursor: its paragraphs are appended and its id
/// retired. Refused when the next article is in another chapter or section.
export const mergeWithNext: Command = (state, dispatch) => {
  const at = articleAt(state);
  if (!at) return false;
  const end = at.pos + at.node.nodeSize;
  const next = state.doc.resolve(end).nodeAfter;
  if (!next || next.type !== article) return false;
  if (dispatch) dispatch(state.tr.join(end).scrollIntoView());
  return true;
};

/// Delete the article holding the cursor. Refused when it is the only article of its chapter or
/// section, or of the draft. The UI asks for confirmation before running it.
export const deleteArticle: Command = (state, dispatch) => {
  const at = articleAt(state);
  if (!at) return false;
  const parent = state.doc.resolve(at.pos).parent;
  if (
    articleCount(parent) === 1 &&
    (parent.type !== schema.nodes.doc || articlePositions(state.doc).length === 1)
  ) {
    return false;
  }
  if (dispatch) {
    const tr = state.tr.delete(at.pos, at.pos + at.node.nodeSize);
    dispatch(cursorInto(tr, tr.mapping.map(at.pos)).scrollIntoView());
  }
  return true;
};

/// Replace the whole body of the draft (everything after the title) with `body`, keeping the title
/// unless `title` is given. Used when a plain-text law is pasted into an empty draft.
export function replaceBody(state: EditorState, body: Fragment, title?: string): Transaction {
  const doc = state.doc;
  const titleNode = doc.firstChild!;
  const tr = state.tr.replaceWith(titleNode.nodeSize, doc.content.size, body);
  if (title !== undefined) {
    tr.replaceWith(1, titleNode.nodeSize - 1, title ? schema.text(title) : Fragment.empty);
  }
  return tr;
}

/// Whether the draft is empty: an untitled-or-titled document whose body is a single article with no text.
export function isEmptyDraft(doc: PMNode): boolean {
  const body: PMNode[] = [];
  doc.forEach((child, _offset, index) => {
    if (index > 0) body.push(child);
  });
  return body.length === 1 && body[0].type === article && body[0].textContent.trim() === '';
}
