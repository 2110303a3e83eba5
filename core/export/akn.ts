/// A whole draft as Akoma Ntoso 3.0 XML (OASIS LegalDocML): `akomaNtoso > act > meta, preface,
/// preamble?, body`, and in the body `part > chapter > section > article > paragraph > point > point`
/// as the draft nests them, each with its `eId` after the AKN naming convention (`chp_2`,
/// `chp_2__sec_1`, `art_12`, `art_12__para_2`, `art_12__para_2__point_3`) and its computed
/// number in `num`. Cross-references become `<ref href="#art_12__para_2">`, emphasis `<i>`.
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from '../language.ts';
import { citationLabel, label } from '../numbering.ts';
import { danglingLabel, isSourceComment } from '../outline.ts';
import { xmlSafe } from '../text.ts';
import { preambleRoles } from './preamble.ts';

/// The Akoma Ntoso 3.0 namespace.
export const akomaNtosoNamespace = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/// Options of renderAkomaNtoso. Dates are YYYY-MM-DD.
export interface AkomaNtosoOptions {
  /// The date of this version of the draft (when the version was cut, or the draft last changed): the
  /// expression's date when the document's enactment history names none.
  readonly date?: string;
  /// The date of the work (when the draft was begun) when the document's enactment history names none.
  /// Defaults to `date`.
  readonly workDate?: string;
  /// The work's number or name in its URI (`/akn/cn/act/DATE/NAME`). Defaults to a slug of the title.
  readonly name?: string;
  /// The day used when neither the document nor the options give a date (then named "export" in the
  /// metadata). Defaults to today (UTC); give it for output that does not change from day to day.
  readonly today?: string;
}

/// `doc` (a document of core's schema) as an Akoma Ntoso 3.0 document, numbered in `language`. Its
/// FRBR identification is built from the law (see aknIdentity). Throws RangeError for a date option
/// that is not YYYY-MM-DD.
export function renderAkomaNtoso(doc: PMNode, language: Language, options: AkomaNtosoOptions = {}): string {
  for (const key of ['date', 'workDate', 'today'] as const) {
    const value = options[key];
    if (value !== undefined && !isIsoDate(value))
      throw new RangeError(`Akoma Ntoso ${key} must be YYYY-MM-DD, not "${value}"`);
  }
  const writer = new AknWriter(doc, language);
  let title = '';
  const notes: string[] = [];
  const preamble: string[] = [];
  const body: string[] = [];
  doc.forEach((child) => {
    if (child.type.name === 'title') title = child.textContent;
    else if (child.type.name === 'preamble')
      child.forEach((note) => {
        if (isSourceComment(note.textContent)) return;
        notes.push(note.textContent);
        preamble.push(`<p>${writer.inline(note)}</p>`);
      });
    else body.push(writer.block(child, ''));
  });

  const id = aknIdentity(title, notes, language, options);
  const date = (d: AknDate) => `<FRBRdate date="${d.date}" name="${d.name}"/>`;
  const author = '<FRBRauthor href="#lifa"/>';
  const attr = escapeXml;
  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="${akomaNtosoNamespace}">
<act name="${attr(id.subtype ?? 'act')}">
<meta>
<identification source="#lifa">
<FRBRWork><FRBRthis value="${attr(id.work)}/!main"/><FRBRuri value="${attr(id.work)}"/>${date(id.workDate)}${author}<FRBRcountry value="${id.country}"/>${id.subtype ? `<FRBRsubtype value="${id.subtype}"/>` : ''}<FRBRname value="${attr(title)}"/></FRBRWork>
<FRBRExpression><FRBRthis value="${attr(id.expression)}/!main"/><FRBRuri value="${attr(id.expression)}"/>${date(id.expressionDate)}${author}<FRBRlanguage language="${id.language}"/></FRBRExpression>
<FRBRManifestation><FRBRthis value="${attr(id.expression)}/!main.xml"/><FRBRuri value="${attr(id.expression)}.akn"/>${date(id.expressionDate)}${author}</FRBRManifestation>
</identification>
<references source="#lifa"><TLCOrganization eId="lifa" href="/ontology/organization/lifa" showAs="Lifa"/></references>
</meta>
<preface><longTitle><p><docTitle>${escapeXml(title)}</docTitle></p></longTitle></preface>
${preamble.length ? `<preamble>${preamble.join('')}</preamble>\n` : ''}<body>
${body.join('\n')}
</body>
</act>
</akomaNtoso>
`;
}

/// A dated event of a work or expression: the date and what happened then (FRBRdate's `name`).
export interface AknDate {
  readonly date: string;
  /// "enactment" (adopted), "amendment" (the latest amendment or revision), "draft" (the draft was
  /// begun), "version" (this version was cut), or "export" when nothing says.
  readonly name: 'enactment' | 'amendment' | 'draft' | 'version' | 'export';
}

/// The FRBR identification of a law: work and expression URIs after the AKN naming convention,
/// `/akn/cn/act[/SUBTYPE]/WORKDATE/NUMBER` and `…/LANG@EXPRESSIONDATE`.
export interface AknIdentity {
  readonly country: 'cn';
  /// regulations (条例, "Regulations"), provisions (规定), measures (办法), decision (决定); none for a law.
  readonly subtype: string | null;
  /// The work's name in its URI: a slug of the title without its draft marks and country name.
  readonly number: string;
  /// ISO 639-2: zho or eng.
  readonly language: 'zho' | 'eng';
  readonly workDate: AknDate;
  readonly expressionDate: AknDate;
  readonly work: string;
  readonly expression: string;
}

/// The FRBR identification of the law titled `title` with preamble `notes` (source comments left out)
/// in `language`. Dates come from the enactment history in the notes (the first line's date is the
/// work's, the last line's the expression's), else from the options (see AkomaNtosoOptions).
export function aknIdentity(
  title: string,
  notes: readonly string[],
  language: Language,
  options: AkomaNtosoOptions = {},
): AknIdentity {
  const roles = preambleRoles(notes);
  const history = notes
    .filter((_, i) => roles[i] === 'enactment')
    .map(historyDate)
    .filter((d): d is string => d !== null);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const workDate: AknDate =
    history.length > 0
      ? { date: history[0], name: 'enactment' }
      : options.workDate
        ? { date: options.workDate, name: 'draft' }
        : options.date
          ? { date: options.date, name: 'version' }
          : { date: today, name: 'export' };
  const expressionDate: AknDate =
    history.length > 1
      ? { date: history[history.length - 1], name: 'amendment' }
      : history.length === 1
        ? workDate
        : options.date
          ? { date: options.date, name: 'version' }
          : workDate;
  const subtype = lawSubtype(title);
  const number = options.name?.trim() ? slug(options.name) : slug(title) || 'untitled';
  const lang = language === 'zh' ? 'zho' : 'eng';
  const work = `/akn/cn/act/${subtype ? `${subtype}/` : ''}${workDate.date}/${number}`;
  return {
    country: 'cn',
    subtype,
    number,
    language: lang,
    workDate,
    expressionDate,
    work,
    expression: `${work}/${lang}@${expressionDate.date}`,
  };
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

// The date in a line of enactment history: 2016年11月7日, "November 7, 2016", "7 November 2016".
function historyDate(line: string): string | null {
  const iso = (y: number, m: number, d: number) => {
    const value = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return isIsoDate(value) ? value : null;
  };
  let m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(line);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /\b([A-Z][a-z]+)\s+(\d{1,2}),?\s+(\d{4})\b/.exec(line);
  if (m && months.includes(m[1].toLowerCase()))
    return iso(Number(m[3]), months.indexOf(m[1].toLowerCase()) + 1, Number(m[2]));
  m = /\b(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b/.exec(line);
  if (m && months.includes(m[2].toLowerCase()))
    return iso(Number(m[3]), months.indexOf(m[2].toLowerCase()) + 1, Number(m[1]));
  return null;
}

// The kind of instrument a title names, as the URI's subtype; null for a law (法, "Law").
function lawSubtype(title: string): string | null {
  const bare = stripDraftMarks(title);
  // Chinese names end in the kind; English ones start with it ("Regulations on …") or end in it.
  if (/条例$|^Regulations?\b|\bRegulations?$/i.test(bare)) return 'regulations';
  if (/规定$|^Provisions\b|\bProvisions$/i.test(bare)) return 'provisions';
  if (/办法$|^Measures\b|\bMeasures$/i.test(bare)) return 'measures';
  if (/决定$|^Decision\b|\bDecision$/i.test(bare)) return 'decision';
  return null;
}

// A title as a name: without remarks in brackets ("（征求意见稿）", "（草案）", "(Draft for Comment)",
// "(2021)", "(State Council Order No. 790, 2024)"), without what follows a dash ("— NPC English
// translation"), and without book-title marks around it.
function stripDraftMarks(title: string): string {
  return title
    .trim()
    .replace(/^《(.*)》$/, '$1')
    .split(/\s+[—–-]+\s+/)[0]
    .replace(/\s*[（(][^（）()]*[）)]/g, '')
    .trim();
}

// The work's name in its URI: the title without draft marks or the country's name, in lower case
// words joined by hyphens (Latin letters and digits) or as written (Chinese characters).
function slug(text: string): string {
  const bare = stripDraftMarks(text)
    .replace(/^中华人民共和国/, '')
    .replace(/\s+of the People['’]s Republic of China\b/i, '');
  return bare
    .toLowerCase()
    .normalize('NFKC')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
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
// xmlSafe: a character XML cannot hold (stored before input refused it) becomes U+FFFD, so the
// document stays well-formed.
function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;',
  );
}
