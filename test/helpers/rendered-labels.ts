// What the browser actually draws as numbering labels: CSS-generated content (::before) read from
// Chromium's layout through the DevTools protocol (DOMSnapshot), since the DOM does not hold it.
import type { Page } from 'playwright-core';

/// Which structure a label numbers, from the element carrying the ::before.
export type LabelOwner = 'part' | 'chapter' | 'section' | 'article' | 'item' | 'subitem' | 'other';

/// One drawn label.
export interface RenderedLabel {
  readonly owner: LabelOwner;
  readonly text: string;
}

interface Snapshot {
  strings: string[];
  documents: Array<{
    nodes: {
      parentIndex: number[];
      nodeName: number[];
      attributes: number[][];
      pseudoType?: { index: number[]; value: number[] };
    };
    layout: { nodeIndex: number[]; text: number[] };
  }>;
}

/// Every ::before label drawn inside `.lifa-doc` (or inside `root`), in document order. Chapters the
/// browser skipped (off screen) are laid out for the snapshot unless `asDisplayed`, in which case only
/// what is rendered now is read.
export async function renderedLabels(
  page: Page,
  root = '.lifa-doc',
  asDisplayed = false,
): Promise<RenderedLabel[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    // Chapters off screen are skipped by layout (content-visibility: auto): lay everything out for the
    // snapshot, keeping the style containment that content-visibility implies (it scopes counters).
    await page.evaluate(
      ({ selector, asDisplayed }) => {
        document.querySelector(selector)?.setAttribute('data-labels-root', '');
        if (asDisplayed) return;
        // A constructed style sheet: the page's Content-Security-Policy refuses <style> elements.
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(
          '.lifa-chapter { content-visibility: visible !important; contain: style !important; }',
        );
        (window as unknown as { __lifaLabelsSheet?: CSSStyleSheet }).__lifaLabelsSheet = sheet;
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      },
      { selector: root, asDisplayed },
    );
    const snapshot = (await cdp.send('DOMSnapshot.captureSnapshot', {
      computedStyles: [],
    })) as unknown as Snapshot;
    const { strings } = snapshot;
    const { nodes, layout } = snapshot.documents[0];
    const classOf = (index: number): string => {
      const attrs = nodes.attributes[index] ?? [];
      for (let i = 0; i < attrs.length; i += 2)
        if (strings[attrs[i]] === 'class') return strings[attrs[i + 1]];
      return '';
    };
    const hasAttr = (index: number, name: string) => {
      const attrs = nodes.attributes[index] ?? [];
      for (let i = 0; i < attrs.length; i += 2) if (strings[attrs[i]] === name) return true;
      return false;
    };
    const inRoot = (index: number) => {
      for (let i = index; i >= 0; i = nodes.parentIndex[i]) if (hasAttr(i, 'data-labels-root')) return true;
      return false;
    };
    const text = new Map<number, string>();
    for (let i = 0; i < layout.nodeIndex.length; i++) {
      const node = layout.nodeIndex[i];
      if (strings[nodes.nodeName[node]] !== '::before' || layout.text[i] < 0) continue;
      text.set(node, (text.get(node) ?? '') + strings[layout.text[i]]);
    }
    const labels: RenderedLabel[] = [];
    for (const [node, label] of [...text].sort((a, b) => a[0] - b[0])) {
      const element = nodes.parentIndex[node];
      if (!inRoot(element)) continue;
      const holder = classOf(nodes.parentIndex[element]);
      const own = classOf(element);
      const owner: LabelOwner = own.includes('lifa-heading')
        ? holder.includes('lifa-part')
          ? 'part'
          : holder.includes('lifa-chapter')
            ? 'chapter'
            : holder.includes('lifa-section')
              ? 'section'
              : 'other'
        : own.includes('lifa-lead')
          ? holder.includes('lifa-paragraph')
            ? 'article'
            : holder.includes('lifa-subitem')
              ? 'subitem'
              : holder.includes('lifa-item')
                ? 'item'
                : 'other'
          : 'other';
      labels.push({ owner, text: label.trim().replace(/\u3000$/, '') });
    }
    return labels;
  } finally {
    await page.evaluate(() => {
      const sheet = (window as unknown as { __lifaLabelsSheet?: CSSStyleSheet }).__lifaLabelsSheet;
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
    });
    await cdp.detach();
  }
}

/// The drawn labels of one kind, e.g. every article label.
export async function renderedLabelsOf(
  page: Page,
  owner: LabelOwner,
  root?: string,
  asDisplayed = false,
): Promise<string[]> {
  return (await renderedLabels(page, root, asDisplayed))
    .filter((label) => label.owner === owner)
    .map((label) => label.text);
}
