/// What the editor shows where the draft has nothing to show: a placeholder to type into on an empty
/// title ("Title of the draft"), and source comments (`<!-- INFO END -->`, a translation's licence)
/// folded into a small note that says what they are, instead of standing in the preamble as if the
/// drafter had written them. The comment's text stays in the document (exports for readers leave it
/// out); the note opens to show it.
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { NodeView } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { isSourceComment } from '../../../core/index.ts';

/// Key of the title placeholder plugin.
export const titlePlaceholderKey = new PluginKey('lifa-title-placeholder');

/// The placeholder plugin: an empty title gets the class `is-empty` and `data-placeholder` (drawn by
/// CSS, so it is never text of the draft).
export function titlePlaceholder(placeholder: () => string): Plugin {
  return new Plugin({
    key: titlePlaceholderKey,
    props: {
      decorations: (state) => {
        const title = state.doc.firstChild;
        if (!title || title.type.name !== 'title' || title.content.size > 0) return null;
        return DecorationSet.create(state.doc, [
          Decoration.node(0, title.nodeSize, { class: 'is-empty', 'data-placeholder': placeholder() }),
        ]);
      },
    },
  });
}

/// The node view of a preamble note: as usual for text the drafter wrote; folded, and not editable as
/// text, for a source comment. `summary` gives the folded note's words.
export function noteView(summary: () => string): (node: PMNode) => NodeView {
  return (node) =>
    isSourceComment(node.textContent) ? new SourceNoteView(node, summary()) : new PlainNoteView();
}

class PlainNoteView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;

  constructor() {
    this.dom = this.contentDOM = document.createElement('p');
    this.dom.className = 'lifa-note';
  }

  update(node: PMNode): boolean {
    return node.type.name === 'note' && !isSourceComment(node.textContent);
  }
}

class SourceNoteView implements NodeView {
  readonly dom: HTMLElement;

  constructor(
    private node: PMNode,
    summaryText: string,
  ) {
    this.dom = document.createElement('div');
    this.dom.className = 'lifa-note lifa-source-note';
    this.dom.contentEditable = 'false';
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = summaryText;
    const text = document.createElement('code');
    text.textContent = node.textContent;
    details.append(summary, text);
    this.dom.append(details);
  }

  update(node: PMNode): boolean {
    return node.type.name === 'note' && node.textContent === this.node.textContent;
  }

  // Opening and closing the note is the browser's, not an edit.
  stopEvent(event: Event): boolean {
    return event.type !== 'dragstart' && (event.target as Node | null) !== this.dom;
  }

  ignoreMutation(): boolean {
    return true;
  }
}
