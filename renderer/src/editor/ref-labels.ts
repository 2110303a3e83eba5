/// Cross-references in the editor. A `ref` node stores only the target article's id (and optionally a
/// paragraph and item); its text is computed from the current numbering: "第十二条第二款", "Article 12(2)".
/// The numbering comes from the outline, recomputed off the keystroke path; when it changes, every ref
/// on screen refreshes its own text. A ref whose target is gone is flagged (red wavy underline).
import type { Node as PMNode } from 'prosemirror-model';
import type { NodeView } from 'prosemirror-view';
import { citationLabel, danglingLabel } from '../../../core/index.ts';
import type { Language, Outline } from '../../../core/index.ts';

/// The text of a ref and whether its target is missing.
export interface RefLabel {
  readonly text: string;
  readonly dangling: boolean;
}

/// The attributes of a `ref` node (core/schema.ts).
export interface RefAttrs {
  readonly target: string | null;
  readonly paragraph: number | null;
  readonly item: number | null;
  readonly bare?: boolean;
}

/// The current article numbers and the refs on screen that show them.
export class RefLabels {
  private numbers = new Map<string, number>();
  private readonly views = new Set<RefView>();

  constructor(private language: Language) {}

  /// Take the numbers from a fresh outline and refresh every ref on screen whose text changed.
  update(outline: Outline): void {
    const numbers = new Map<string, number>();
    for (const article of outline.articles) if (article.id) numbers.set(article.id, article.number);
    this.numbers = numbers;
    this.language = outline.language;
    for (const view of this.views) view.render();
  }

  /// The label of a ref with these attributes, from the current numbers.
  labelFor(attrs: RefAttrs): RefLabel {
    const number = attrs.target ? this.numbers.get(attrs.target) : undefined;
    if (number === undefined) return { text: danglingLabel(this.language), dangling: true };
    const { paragraph, item, bare } = attrs;
    return {
      text: citationLabel({ article: number, paragraph, item, bare }, this.language),
      dangling: false,
    };
  }

  /// The node view constructor to register as `nodeViews.ref`.
  nodeView(): (node: PMNode) => NodeView {
    return (node) => new RefView(node, this);
  }

  /// Called by a ref view when it appears on screen.
  attach(view: RefView): void {
    this.views.add(view);
  }

  /// Called by a ref view when it leaves.
  detach(view: RefView): void {
    this.views.delete(view);
  }
}

/// The node view of one cross-reference: an inline, non-editable link-like span with the computed label.
export class RefView implements NodeView {
  readonly dom: HTMLElement;
  private shown: RefLabel | null = null;

  constructor(
    private node: PMNode,
    private readonly labels: RefLabels,
  ) {
    this.dom = document.createElement('a');
    this.dom.className = 'lifa-ref';
    this.setAttributes();
    labels.attach(this);
    this.render();
  }

  /// Show the label computed from the current numbers.
  render(): void {
    const label = this.labels.labelFor(this.node.attrs as RefAttrs);
    if (this.shown && this.shown.text === label.text && this.shown.dangling === label.dangling) return;
    this.shown = label;
    this.dom.textContent = label.text;
    this.dom.classList.toggle('lifa-ref-dangling', label.dangling);
    if (label.dangling) this.dom.setAttribute('aria-invalid', 'true');
    else this.dom.removeAttribute('aria-invalid');
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.setAttributes();
    this.render();
    return true;
  }

  ignoreMutation(): boolean {
    return true;
  }

  destroy(): void {
    this.labels.detach(this);
  }

  private setAttributes(): void {
    const { target, paragraph, item } = this.node.attrs;
    this.dom.setAttribute('data-target', target ?? '');
    if (paragraph) this.dom.setAttribute('data-paragraph', String(paragraph));
    else this.dom.removeAttribute('data-paragraph');
    if (item) this.dom.setAttribute('data-item', String(item));
    else this.dom.removeAttribute('data-item');
    this.dom.toggleAttribute('data-bare', this.node.attrs.bare === true);
  }
}
