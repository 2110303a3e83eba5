/// Where each character of an article's text (as the outline writes it) stands in the ProseMirror
/// document, so that something said about the text — blame runs, a quoted passage — can be drawn on
/// the editor. Characters the outline adds (line breaks between paragraphs and items, item labels)
/// stand nowhere.
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from '../language.ts';
import { citationLabel, label } from '../numbering.ts';
import { danglingLabel, joinLabel } from '../outline.ts';

/// An article's text and, for each of its characters, the document position of the character (a
/// text character's own position; for a cross-reference label, the reference node's), or -1.
export interface TextPositions {
  readonly text: string;
  readonly positions: Int32Array;
}

/// The text of `article` (a node of core's schema at document position `pos`) exactly as the outline
/// gives it — cross-references labelled with `numberOf(articleId)` (undefined: dangling) — with the
/// position of every character.
export function articleTextPositions(
  article: PMNode,
  pos: number,
  language: Language,
  numberOf: (articleId: string) => number | undefined,
): TextPositions {
  let text = '';
  const positions: number[] = [];
  const add = (chars: string, at: number) => {
    text += chars;
    for (let i = 0; i < chars.length; i++) positions.push(at);
  };
  // The inline content of a lead, as chunks to add: [text, position or -1, one position per char?]
  const inline = (lead: PMNode | null, leadPos: number): Array<[string, number, boolean]> => {
    const chunks: Array<[string, number, boolean]> = [];
    lead?.forEach((child, offset) => {
      const at = leadPos + 1 + offset;
      if (child.isText) chunks.push([child.text!, at, true]);
      else if (child.type.name === 'ref') {
        const target = child.attrs.target as string | null;
        const number = target ? numberOf(target) : undefined;
        const refLabel =
          number === undefined
            ? danglingLabel(language)
            : citationLabel(
                { article: number, paragraph: child.attrs.paragraph, item: child.attrs.item },
                language,
              );
        chunks.push([refLabel, at, false]);
      }
    });
    return chunks;
  };
  const addChunks = (chunks: Array<[string, number, boolean]>) => {
    for (const [chars, at, each] of chunks) {
      if (!each) add(chars, at);
      else {
        text += chars;
        for (let i = 0; i < chars.length; i++) positions.push(at + i);
      }
    }
  };
  let lines = 0;
  const newLine = () => {
    if (lines++ > 0) add('\n', -1);
  };
  const items = (parent: PMNode, parentPos: number, kind: 'item' | 'subitem') => {
    let n = 0;
    parent.forEach((child, offset) => {
      if (child.type.name !== kind) return;
      const childPos = parentPos + 1 + offset;
      const chunks = inline(child.firstChild, childPos + 1);
      const itemText = chunks.map((chunk) => chunk[0]).join('');
      const labelText = label(kind, ++n, language);
      newLine();
      // What joinLabel puts before the text: the label, and a space in English.
      add(itemText ? joinLabel(labelText, itemText).slice(0, -itemText.length) : labelText, -1);
      addChunks(chunks);
      if (kind === 'item') items(child, childPos, 'subitem');
    });
  };
  article.forEach((paragraph, offset) => {
    const paragraphPos = pos + 1 + offset;
    newLine();
    addChunks(inline(paragraph.firstChild, paragraphPos + 1));
    items(paragraph, paragraphPos, 'item');
  });
  return { text, positions: Int32Array.from(positions) };
}
