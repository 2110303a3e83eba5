/// The text of one article as suggestions see it: the text of each paragraph, item and subitem in
/// document order, joined by '\n', with every inline node that is not text (a cross-reference) as one
/// U+FFFC. Offsets into this text are what suggestions are located by; inside one block an offset
/// advances exactly as a ProseMirror position (and a Yjs index) does, so converting is a subtraction.
import type { Node as PMNode } from 'prosemirror-model';

/// Stands for a cross-reference (or any inline node that is not text) in an article's text.
export const objectReplacement = '\uFFFC';

/// What kind of block a textblock opens: a paragraph (款), an item (项) or a subitem (目).
export type BlockKind = 'paragraph' | 'item' | 'subitem';

/// One textblock of an article: the lead text of a paragraph, item or subitem.
export interface TextBlock {
  readonly kind: BlockKind;
  /// 0-based indices: the paragraph; then the item within it; then the subitem within that.
  readonly path: readonly number[];
  /// The block's characters are `text.slice(from, to)`.
  readonly from: number;
  readonly to: number;
}

/// An article's text and its blocks, in document order.
export interface ArticleText {
  readonly text: string;
  readonly blocks: readonly TextBlock[];
}

/// An article's text read from a ProseMirror document, with where each block's text starts.
export interface PositionedArticleText extends ArticleText {
  /// `starts[b]` is the document position of the start of block b's content.
  readonly starts: readonly number[];
}

/// The text of the article `node`, which starts at document position `pos`.
export function articleTextOf(node: PMNode, pos: number): PositionedArticleText {
  let text = '';
  const blocks: TextBlock[] = [];
  const starts: number[] = [];
  const lead = (leadNode: PMNode, leadPos: number, kind: BlockKind, path: number[]) => {
    if (blocks.length) text += '\n';
    const from = text.length;
    leadNode.forEach((child) => {
      text += child.isText ? child.text! : objectReplacement;
    });
    blocks.push({ kind, path, from, to: text.length });
    starts.push(leadPos + 1);
  };
  // paragraph > lead item*; item > lead subitem*; subitem > lead
  const walk = (container: PMNode, containerPos: number, kind: BlockKind, path: number[]) => {
    let sub = 0;
    container.forEach((child, offset) => {
      const at = containerPos + 1 + offset;
      if (child.type.name === 'lead') lead(child, at, kind, path);
      else if (child.type.name === 'item' || child.type.name === 'subitem')
        walk(child, at, child.type.name, [...path, sub++]);
    });
  };
  let paragraph = 0;
  node.forEach((child, offset) => {
    if (child.type.name === 'paragraph') walk(child, pos + 1 + offset, 'paragraph', [paragraph++]);
  });
  return { text, blocks, starts };
}

/// The block holding offset `offset` (a block's end counts as inside it), or null.
export function blockAt(article: ArticleText, offset: number): TextBlock | null {
  for (const block of article.blocks) if (offset >= block.from && offset <= block.to) return block;
  return null;
}

/// The document position of text offset `offset` of an article read by articleTextOf. Throws
/// RangeError for an offset outside every block (a '\n' between blocks is outside).
export function positionOfOffset(article: PositionedArticleText, offset: number): number {
  const block = blockAt(article, offset);
  if (!block) throw new RangeError(`Offset ${offset} is not inside a block of the article`);
  return article.starts[article.blocks.indexOf(block)] + (offset - block.from);
}

/// The text offset of document position `pos` in an article read by articleTextOf, or null when the
/// position is not inside one of its textblocks.
export function offsetOfPosition(article: PositionedArticleText, pos: number): number | null {
  for (let b = 0; b < article.blocks.length; b++) {
    const block = article.blocks[b];
    const start = article.starts[b];
    if (pos >= start && pos <= start + (block.to - block.from)) return block.from + (pos - start);
  }
  return null;
}

/// The block of `article` at `path` (0-based indices), or null.
export function blockByPath(article: ArticleText, path: readonly number[]): TextBlock | null {
  return (
    article.blocks.find(
      (block) => block.path.length === path.length && block.path.every((n, i) => n === path[i]),
    ) ?? null
  );
}
