/// Reading the tracked changes of a Word document (`word/document.xml`): each paragraph as runs of
/// unchanged, inserted (`w:ins`, `w:moveTo`) and deleted (`w:del`, `w:moveFrom`) text with the author
/// and date Word recorded, and whether the paragraph mark itself was inserted or deleted (a whole
/// paragraph added or removed). Word, WPS and LibreOffice write these the same way (ECMA-376 §17.13.5).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/// Whether text is unchanged, inserted or deleted.
export type TrackedKind = 'equal' | 'insert' | 'delete';

/// A revision's author and date, as the document gives them.
export interface Revision {
  readonly author: string | null;
  /// ISO 8601, or null when the document gives none.
  readonly date: string | null;
}

/// A run of text with one kind and one revision.
export interface TrackedSegment extends Revision {
  readonly kind: TrackedKind;
  readonly text: string;
}

/// One paragraph of the document.
export interface TrackedParagraph {
  readonly segments: readonly TrackedSegment[];
  /// The paragraph mark was inserted (a new paragraph) or deleted (joined with the next, or removed).
  readonly inserted: Revision | null;
  readonly deleted: Revision | null;
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
});

function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return null;
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const value = tag ? node[tag] : null;
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function revisionOf(node: XmlNode): Revision {
  const attrs = node[':@'] ?? {};
  return { author: attrs['w:author'] ?? null, date: attrs['w:date'] ?? null };
}

function textOf(node: XmlNode): string {
  let text = '';
  for (const child of childrenOf(node)) if ('#text' in child) text += String(child['#text']);
  return text;
}

/// The paragraphs of `documentXml` (the text of `word/document.xml`) with their tracked changes, in
/// document order, tables and content controls included. Throws SyntaxError when it is not XML.
export function readTrackedParagraphs(documentXml: string): TrackedParagraph[] {
  const valid = XMLValidator.validate(documentXml);
  if (valid !== true)
    throw new SyntaxError(
      `word/document.xml is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`,
    );
  const tree = parser.parse(documentXml) as XmlNode[];
  const paragraphs: TrackedParagraph[] = [];
  const visit = (nodes: readonly XmlNode[]) => {
    for (const node of nodes) {
      if (tagOf(node) === 'w:p') paragraphs.push(readParagraph(node));
      else visit(childrenOf(node));
    }
  };
  visit(tree);
  return paragraphs;
}

function readParagraph(paragraph: XmlNode): TrackedParagraph {
  const segments: TrackedSegment[] = [];
  let inserted: Revision | null = null;
  let deleted: Revision | null = null;
  const push = (kind: TrackedKind, text: string, revision: Revision) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.kind === kind && last.author === revision.author && last.date === revision.date) {
      segments[segments.length - 1] = { ...last, text: last.text + text };
    } else segments.push({ kind, text, ...revision });
  };
  const none: Revision = { author: null, date: null };
  const run = (node: XmlNode, kind: TrackedKind, revision: Revision) => {
    for (const child of childrenOf(node)) {
      switch (tagOf(child)) {
        case 'w:t':
        case 'w:delText':
          push(kind, textOf(child), revision);
          break;
        case 'w:tab':
          push(kind, '\t', revision);
          break;
        case 'w:br':
        case 'w:cr':
          push(kind, ' ', revision);
          break;
        case 'w:noBreakHyphen':
          push(kind, '-', revision);
          break;
      }
    }
  };
  const content = (nodes: readonly XmlNode[], kind: TrackedKind, revision: Revision) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      switch (tag) {
        case 'w:pPr': {
          const runProperties = childrenOf(node).find((c) => tagOf(c) === 'w:rPr');
          for (const mark of runProperties ? childrenOf(runProperties) : []) {
            if (tagOf(mark) === 'w:ins') inserted = revisionOf(mark);
            if (tagOf(mark) === 'w:del') deleted = revisionOf(mark);
          }
          break;
        }
        case 'w:r':
          run(node, kind, revision);
          break;
        case 'w:ins':
        case 'w:moveTo':
          content(childrenOf(node), 'insert', revisionOf(node));
          break;
        case 'w:del':
        case 'w:moveFrom':
          content(childrenOf(node), 'delete', revisionOf(node));
          break;
        case 'w:hyperlink':
        case 'w:smartTag':
        case 'w:fldSimple':
        case 'w:customXml':
        case 'w:sdt':
        case 'w:sdtContent':
          content(childrenOf(node), kind, revision);
          break;
      }
    }
  };
  content(childrenOf(paragraph), 'equal', none);
  return { segments, inserted, deleted };
}

/// A paragraph's text before the changes (unchanged and deleted runs) and after (unchanged and inserted).
export function paragraphTexts(paragraph: TrackedParagraph): { before: string; after: string } {
  let before = '';
  let after = '';
  for (const segment of paragraph.segments) {
    if (segment.kind !== 'insert') before += segment.text;
    if (segment.kind !== 'delete') after += segment.text;
  }
  return { before, after };
}
