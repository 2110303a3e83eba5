/// The labels a reader sees in front of each textblock of a draft — 第一章 before a chapter's heading,
/// 第三条 before an article's first words, （一） before an item — which the editor draws with CSS
/// counters and so never holds as text. Copying and counting need them as strings. Pure.
import type { Node as PMNode } from 'prosemirror-model';
import { label } from '../../../core/index.ts';
import type { Language } from '../../../core/index.ts';

/// The label of every labelled textblock of `doc`, by the textblock's position, numbered as the editor
/// numbers them (articles through the whole draft, chapters per part, sections per chapter, items per
/// paragraph, subitems per item).
export function textblockLabels(doc: PMNode, language: Language): Map<number, string> {
  const labels = new Map<number, string>();
  let part = 0;
  let chapter = 0;
  let section = 0;
  let article = 0;
  const items = (node: PMNode, start: number, kind: 'item' | 'subitem') => {
    let n = 0;
    node.forEach((child, offset) => {
      if (child.type.name !== kind) return;
      const pos = start + 1 + offset;
      labels.set(pos + 1, label(kind, ++n, language));
      if (kind === 'item') items(child, pos, 'subitem');
    });
  };
  const walk = (node: PMNode, start: number) => {
    node.forEach((child, offset) => {
      const pos = start + offset;
      switch (child.type.name) {
        case 'part':
          labels.set(pos + 1, label('part', ++part, language));
          chapter = 0;
          walk(child, pos + 1);
          break;
        case 'chapter':
          labels.set(pos + 1, label('chapter', ++chapter, language));
          section = 0;
          walk(child, pos + 1);
          break;
        case 'section':
          labels.set(pos + 1, label('section', ++section, language));
          walk(child, pos + 1);
          break;
        case 'article':
          article++;
          child.forEach((paragraph, paragraphOffset) => {
            const paragraphPos = pos + 1 + paragraphOffset;
            if (paragraphOffset === 0) labels.set(paragraphPos + 1, label('article', article, language));
            items(paragraph, paragraphPos, 'item');
          });
          break;
      }
    });
  };
  walk(doc, 0);
  return labels;
}

/// The text between a label and what follows it, as the editor shows it: a full-width space after 第…条
/// and the headings in Chinese, nothing after （一）; one space in English and after `1.`.
export function labelGap(labelText: string, language: Language): string {
  if (language === 'zh') {
    if (labelText.endsWith('）')) return '';
    return /^第/.test(labelText) ? '\u3000' : ' ';
  }
  return ' ';
}
