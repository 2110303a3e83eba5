/// A whole draft as Akoma Ntoso 3.0 XML (OASIS LegalDocML): `akomaNtoso > act > meta, preface,
/// preamble?, body`, and in the body `part > chapter > section > article > paragraph > point > point`
/// as the draft nests them, each with its `eId` after the AKN naming convention (`chp_2`,
/// `chp_2__sec_1`, `art_12`, `art_12__para_2`, `art_12__para_2__point_3`) and its computed
/// number in `num`. Cross-references become `<ref href="#art_12__para_2">`, emphasis `<i>`.
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from '../language.ts';
import { citationLabel, label } from '../numbering.ts';
import { danglingLabel, isSourceComment } from '../outline.ts';

/// The Akoma Ntoso 3.0 namespace.
export const akomaNtosoNamespace = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/// Options of renderAkomaNtoso.
export interface AkomaNtosoOptions {
  /// The date of this version of the draft, YYYY-MM-DD, written in the FRBR metadata. Defaults
  /// to today (UTC); give it for output that does not change from day to day.
  readonly date?: string;
  /// The last part of the work's URI (`/akn/cn/act/draft/NAME`). Defaults to "draft".
  readonly name?: string;
}

/// `doc` (a document of core's schema) as an Akoma Ntoso 3.0 document, numbered in `language`.
/// Throws RangeError for a `date` that is not YYYY-MM-DD.
export function renderAkomaNtoso(doc: PMNode, language: Language, options: AkomaNtosoOptions = {}): string {
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new RangeError(`Akoma Ntoso date must be YYYY-MM-DD, not "${date}"`);
  const name = (options.name ?? 'draft').replace(/[^A-Za-z0-9_-]/g, '-');
  const writer = new AknWriter(doc, language);
  const lang = language === 'zh' ? 'zho' : 'eng';
  const work = `/akn/cn/act/draft/${name}`;
  const frbr = (tag: string, self: string, uri: string, extra: string) =>
    `<${tag}><FRBRthis value="${self}"/><FRBRuri value="${uri}"/><FRBRdate date="${date}" name="draft"/><FRBRauthor href="#lifa"/>${extra}</${tag}>`;

  let title = '';
  const preamble: string[] = [];
  const body: string[] = [];
  doc.forEach((child) => {
    if (child.type.name === 'title') title = escapeXml(child.textContent);
    else if (child.type.name === 'preamble')
      child.forEach((note) => {
        if (!isSourceComment(note.textContent)) preamble.push(`<p>${writer.inline(note)}</p>`);
      });
    else body.push(writer.block(child, ''));
  });

  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="${akomaNtosoNamespace}">
<act name="act">
<meta>
<identification source="#lifa">
${frbr('FRBRWork', `${work}/!main`, work, '<FRBRcountry value="cn"/>')}
${frbr('FRBRExpression', `${work}/${lang}@/!main`, `${work}/${lang}@`, `<FRBRlanguage language="${lang}"/>`)}
${frbr('FRBRManifestation', `${work}/${lang}@/!main.xml`, `${work}/${lang}@.akn`, '')}
</identification>
<references source="#lifa"><TLCOrganization eId="lifa" href="/ontology/organization/lifa" showAs="Lifa"/></references>
</meta>
<preface><longTitle><p><docTitle>${title}</docTitle></p></longTitle></preface>
${preamble.length ? `<preamble>${preamble.join('')}</preamble>\n` : ''}<body>
${body.join('\n')}
</body>
</act>
</akomaNtoso>
`;
}

class AknWriter {
  private readonly articleNumbers = new Map<string, number>();
  private partNumber = 0;
  private chapterNumber = 0;
  private sectionNumber = 0;
  private articleNumber = 0;

  constructor(
    doc: PMNode,
    private readonly language: Language,
  ) {
    let n = 0;
    doc.descendants((node) => {
      if (node.type.name === 'article') {
        n++;
        if (node.attrs.id) this.articleNumbers.set(node.attrs.id as string, n);
        return false;
      }
      return node.isBlock && !node.isTextblock;
    });
  }

  // A part, chapter, section or article, under the eId prefix of its parent division.
  block(node: PMNode, prefix: string): string {
    switch (node.type.name) {
      case 'part': {
        const number = ++this.partNumber;
        this.chapterNumber = 0;
        return this.division(node, 'part', `part_${number}`, number);
      }
      case 'chapter':
        this.sectionNumber = 0;
        return this.division(node, 'chapter', `${prefix}chp_${++this.chapterNumber}`, this.chapterNumber);
      case 'section':
        return this.division(node, 'section', `${prefix}sec_${++this.sectionNumber}`, this.sectionNumber);
      case 'article':
        return this.article(node);
      default:
        return '';
    }
  }

  private division(node: PMNode, kind: 'part' | 'chapter' | 'section', eId: string, number: number): string {
    const children: string[] = [];
    node.forEach((child) => {
      if (child.type.name !== 'heading') children.push(this.block(child, `${eId}__`));
    });
    return `<${kind} eId="${eId}"><num>${escapeXml(label(kind, number, this.language))}</num><heading>${escapeXml(node.firstChild!.textContent)}</heading>\n${children.join('\n')}\n</${kind}>`;
  }

  private article(node: PMNode): string {
    const number = ++this.articleNumber;
    const eId = `art_${number}`;
    const paragraphs: string[] = [];
    let p = 0;
    node.forEach((paragraph) => {
      const paraId = `${eId}__para_${++p}`;
      const lead = this.inline(paragraph.firstChild!);
      const points = this.points(paragraph, paraId, 'item');
      paragraphs.push(
        points
          ? `<paragraph eId="${paraId}">${lead ? `<intro><p>${lead}</p></intro>` : ''}${points}</paragraph>`
          : `<paragraph eId="${paraId}"><content><p>${lead}</p></content></paragraph>`,
      );
    });
    return `<article eId="${eId}"><num>${escapeXml(label('article', number, this.language))}</num>\n${paragraphs.join('\n')}\n</article>`;
  }

  // The items (or subitems) of `node` as points; empty when it has none.
  private points(node: PMNode, parentId: string, kind: 'item' | 'subitem'): string {
    const out: string[] = [];
    let k = 0;
    node.forEach((child) => {
      if (child.type.name !== kind) return;
      const eId = `${parentId}__point_${++k}`;
      const num = `<num>${escapeXml(label(kind, k, this.language))}</num>`;
      const text = this.inline(child.firstChild!);
      const inner = kind === 'item' ? this.points(child, eId, 'subitem') : '';
      out.push(
        inner
          ? `<point eId="${eId}">${num}${text ? `<intro><p>${text}</p></intro>` : ''}${inner}</point>`
          : `<point eId="${eId}">${num}<content><p>${text}</p></content></point>`,
      );
    });
    return out.join('');
  }

  // Inline content as AKN: text escaped, emphasis in <i>, references as <ref> to the eId they cite.
  inline(node: PMNode): string {
    let out = '';
    node.forEach((child) => {
      if (child.isText) {
        const text = escapeXml(child.text!);
        out += child.marks.some((m) => m.type.name === 'em') ? `<i>${text}</i>` : text;
        return;
      }
      if (child.type.name !== 'ref') return;
      const target = child.attrs.target as string | null;
      const number = target ? this.articleNumbers.get(target) : undefined;
      if (number === undefined) {
        out += `<span class="dangling">${escapeXml(danglingLabel(this.language))}</span>`;
        return;
      }
      const bare = child.attrs.bare as boolean;
      const paragraph = bare ? null : (child.attrs.paragraph as number | null);
      const item = bare ? null : (child.attrs.item as number | null);
      let href = `#art_${number}`;
      if (paragraph || item) href += `__para_${paragraph ?? 1}`;
      if (item) href += `__point_${item}`;
      const text = citationLabel({ article: number, paragraph, item, bare }, this.language);
      out += `<ref href="${href}">${escapeXml(text)}</ref>`;
    });
    return out;
  }
}

// Text safe in XML element content and double-quoted attributes, with the five predefined
// entities only (so any XML reader decodes it).
function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;',
  );
}
