/// Keeps a long draft fast to type in. Chromium lays out, paints and edits a large editable document
/// in time that grows with its size, so chapters get `content-visibility: auto` (styles/editor.css):
/// the browser skips the work for chapters off screen. That implies style containment, under which an
/// increment inside a chapter no longer reaches a counter from outside it; and the chapter holding the
/// selection is not contained (current-article.ts). So this plugin starts each chapter's numbering
/// itself, in the one form that works both ways: the chapter and its heading both reset the counters
/// (`counter-reset: chapter C section article A`, A being the articles before the chapter). Contained,
/// the articles count on from the heading's; not contained, from the chapter's. A draft without
/// chapters (or articles between chapters) gets the same help one article at a time: every article
/// outside a chapter is marked `outside-chapter` (content-visibility: auto, with its estimated height)
/// and starts its own number (`counter-reset: article N-1`, which its increment makes N), contained or
/// not. The values are recomputed when the structure may have changed (never while typing inside a
/// paragraph), so labels stay live; the labels themselves are still drawn by CSS counters.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { AddMarkStep, AttrStep, RemoveMarkStep, ReplaceStep } from 'prosemirror-transform';
import { Decoration, DecorationSet } from 'prosemirror-view';

/// Key of the chapter-numbering plugin.
export const chapterNumberingKey = new PluginKey<DecorationSet>('lifa-chapter-numbering');

/// Estimated height of a chapter off screen, in CSS pixels, from its number of articles.
export function estimatedChapterHeight(articles: number): number {
  return 80 + articles * 110;
}

/// Characters in one line of an article's text, and the height of a line, in CSS pixels (about: the
/// browser keeps the real height once the article has been on screen).
const charactersPerLine = 40;
const lineHeight = 31;

/// Estimated height of an article off screen, in CSS pixels, from the length of its paragraphs.
export function estimatedArticleHeight(article: PMNode): number {
  let lines = 0;
  article.descendants((node) => {
    if (!node.isTextblock) return true;
    lines += Math.max(1, Math.ceil(node.textContent.length / charactersPerLine));
    return false;
  });
  return Math.max(1, lines) * lineHeight + 10;
}

/// The numbering decorations of `doc`: a counter start on every chapter and its heading, the
/// estimated height of every chapter, and on every article outside a chapter its counter start, its
/// estimated height and the class `outside-chapter`.
export function chapterNumbering(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  let articles = 0;
  let chapters = 0;
  const visit = (parent: PMNode, start: number, inChapter: boolean) => {
    parent.forEach((child, offset) => {
      const pos = start + offset;
      switch (child.type.name) {
        case 'part':
          chapters = 0;
          visit(child, pos + 1, false);
          break;
        case 'chapter': {
          const first = articles;
          chapters++;
          visit(child, pos + 1, true);
          const reset = `counter-reset: chapter ${chapters} section article ${first}`;
          decorations.push(
            Decoration.node(pos, pos + child.nodeSize, {
              style: `${reset}; contain-intrinsic-block-size: auto ${estimatedChapterHeight(articles - first)}px`,
            }),
          );
          const heading = child.firstChild!;
          decorations.push(Decoration.node(pos + 1, pos + 1 + heading.nodeSize, { style: reset }));
          break;
        }
        case 'section':
          visit(child, pos + 1, inChapter);
          break;
        case 'article':
          articles++;
          if (!inChapter) {
            decorations.push(
              Decoration.node(pos, pos + child.nodeSize, {
                class: 'outside-chapter',
                style: `counter-reset: article ${articles - 1}; contain-intrinsic-block-size: auto ${estimatedArticleHeight(child)}px`,
              }),
            );
          }
          break;
      }
    });
  };
  visit(doc, 0, false);
  return DecorationSet.create(doc, decorations);
}

/// Whether `tr` only edits text inside textblocks (typing, deleting, pasting inline content), which
/// never changes the numbering.
export function onlyEditsText(tr: Transaction): boolean {
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i];
    // Marks and attributes (ids) leave the structure alone.
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep || step instanceof AttrStep) continue;
    if (!(step instanceof ReplaceStep)) return false;
    const doc = tr.docs[i];
    const $from = doc.resolve(step.from);
    const $to = doc.resolve(step.to);
    if (!$from.sameParent($to) || !$from.parent.inlineContent) return false;
    const { slice } = step;
    if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
    for (let j = 0; j < slice.content.childCount; j++) if (!slice.content.child(j).isInline) return false;
  }
  return true;
}

/// The chapter-numbering plugin.
export function chapterNumberingPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: chapterNumberingKey,
    state: {
      init: (_config, state) => chapterNumbering(state.doc),
      apply: (tr, previous) => {
        if (!tr.docChanged) return previous;
        return onlyEditsText(tr) ? previous.map(tr.mapping, tr.doc) : chapterNumbering(tr.doc);
      },
    },
    props: {
      decorations: (state) => chapterNumberingKey.getState(state),
    },
  });
}
