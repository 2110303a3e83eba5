import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
// fflate is what docx zips with; reading the package back with it needs no other dependency.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Node as PMNode } from 'prosemirror-model';
import {
  akomaNtosoNamespace,
  article,
  buildOutline,
  chapter,
  compareDrafts,
  doc,
  exportDraft,
  item,
  paragraph,
  parseLaw,
  preamble,
  readerPreamble,
  ref,
  renderAkomaNtoso,
  renderComparison,
  schema,
  section,
  sequentialIds,
  subitem,
  withIds,
} from '../../core/index.ts';
import type { Language, Outline } from '../../core/index.ts';

// What the test compares: divisions and articles as labels and text, read from an outline or
// from Akoma Ntoso.
interface ShapeItem {
  label: string;
  text: string;
  subitems: ShapeItem[];
}
interface Shape {
  title: string;
  preamble: string[];
  divisions: Array<{ kind: string; label: string; heading: string }>;
  articles: Array<{ label: string; paragraphs: Array<{ text: string; items: ShapeItem[] }> }>;
}

function shapeOfOutline(outline: Outline): Shape {
  const items = (list: Outline['articles'][number]['paragraphs'][number]['items']): ShapeItem[] =>
    list.map((i) => ({ label: i.label, text: i.text, subitems: items(i.subitems) }));
  return {
    title: outline.title,
    preamble: [...readerPreamble(outline)],
    divisions: outline.divisions.map((d) => ({ kind: d.kind, label: d.label, heading: d.heading })),
    articles: outline.articles.map((a) => ({
      label: a.label,
      paragraphs: a.paragraphs.map((p) => ({ text: p.text, items: items(p.items) })),
    })),
  };
}

// fast-xml-parser with preserveOrder: each node is {tag: children, ':@'?: attributes}, text {'#text'}.
type XNode = Record<string, unknown>;
const tagOf = (node: XNode) => Object.keys(node).find((k) => k !== ':@')!;
const childrenOf = (node: XNode) => (node[tagOf(node)] as XNode[]) ?? [];
const attr = (node: XNode, name: string) => (node[':@'] as Record<string, string> | undefined)?.[`@_${name}`];
const child = (node: XNode, tag: string) => childrenOf(node).find((c) => tagOf(c) === tag);
const textOf = (node: XNode): string =>
  tagOf(node) === '#text' ? String(node['#text']) : childrenOf(node).map(textOf).join('');

function shapeOfAkn(xml: string): { shape: Shape; eIds: string[]; hrefs: string[] } {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    trimValues: false,
    parseTagValue: false,
  });
  const root = (parser.parse(xml) as XNode[]).find((n) => tagOf(n) === 'akomaNtoso')!;
  expect(attr(root, 'xmlns')).toBe(akomaNtosoNamespace);
  const act = child(root, 'act')!;
  const shape: Shape = { title: '', preamble: [], divisions: [], articles: [] };
  const eIds: string[] = [];
  const hrefs: string[] = [];
  const collect = (node: XNode) => {
    const id = attr(node, 'eId');
    if (id) eIds.push(id);
    const href = attr(node, 'href');
    if (tagOf(node) === 'ref' && href) hrefs.push(href);
    if (tagOf(node) !== '#text') childrenOf(node).forEach(collect);
  };
  collect(act);

  shape.title = textOf(child(child(child(child(act, 'preface')!, 'longTitle')!, 'p')!, 'docTitle')!);
  const pre = child(act, 'preamble');
  if (pre)
    shape.preamble = childrenOf(pre)
      .filter((n) => tagOf(n) === 'p')
      .map(textOf);

  const paragraphText = (node: XNode) => {
    const box = child(node, 'content') ?? child(node, 'intro');
    return box ? textOf(child(box, 'p')!) : '';
  };
  const points = (node: XNode): ShapeItem[] =>
    childrenOf(node)
      .filter((n) => tagOf(n) === 'point')
      .map((p) => ({ label: textOf(child(p, 'num')!), text: paragraphText(p), subitems: points(p) }));
  const walk = (node: XNode) => {
    for (const c of childrenOf(node)) {
      const tag = tagOf(c);
      if (tag === 'part' || tag === 'chapter' || tag === 'section') {
        shape.divisions.push({
          kind: tag,
          label: textOf(child(c, 'num')!),
          heading: textOf(child(c, 'heading')!),
        });
        walk(c);
      } else if (tag === 'article') {
        shape.articles.push({
          label: textOf(child(c, 'num')!),
          paragraphs: childrenOf(c)
            .filter((n) => tagOf(n) === 'paragraph')
            .map((p) => ({ text: paragraphText(p), items: points(p) })),
        });
      }
    }
  };
  walk(child(act, 'body')!);
  return { shape, eIds, hrefs };
}

const sample = (): PMNode =>
  withIds(sequentialIds('s'), () =>
    doc(
      '网络数据安全条例（草案）',
      preamble('（2025年1月1日公布征求意见稿）'),
      chapter(
        '总则',
        article({ id: 'first' }, '为了规范网络数据处理活动，制定本条例。'),
        article(
          paragraph(
            '网络数据处理者应当履行下列义务：',
            item('建立数据安全管理制度；'),
            item('采取下列措施：', subitem('加密；'), subitem('备份。')),
          ),
          paragraph(['违反', ref('first'), '规定的，依照', ref('first', 1), '处理。']),
        ),
      ),
      chapter(
        '数据安全',
        section(
          '一般规定',
          article(
            paragraph([
              schema.text('重要数据', [schema.marks.em.create()]),
              '的目录由国家制定 <不得> 泄露 & 篡改。',
            ]),
          ),
        ),
        section('特别规定', article('本条例自公布之日起施行。')),
      ),
    ),
  );

describe('Akoma Ntoso export', () => {
  const checkRoundTrip = (d: PMNode, language: Language) => {
    const xml = renderAkomaNtoso(d, language, { date: '2025-01-01' });
    const { shape, eIds, hrefs } = shapeOfAkn(xml);
    expect(shape).toEqual(shapeOfOutline(buildOutline(d, language)));
    expect(new Set(eIds).size).toBe(eIds.length);
    for (const href of hrefs) expect(eIds).toContain(href.slice(1));
    return { xml, eIds };
  };

  it('reads back to the same outline: divisions, articles, paragraphs, items, subitems', () => {
    const { xml, eIds } = checkRoundTrip(sample(), 'zh');
    expect(eIds).toEqual(
      expect.arrayContaining([
        'chp_1',
        'art_1',
        'art_2__para_1__point_2__point_1',
        'chp_2__sec_2',
        'art_2__para_2',
      ]),
    );
    expect(xml).toContain('<ref href="#art_1">第一条</ref>');
    expect(xml).toContain('<ref href="#art_1__para_1">第一条第一款</ref>');
    expect(xml).toContain('<i>重要数据</i>的目录由国家制定 &lt;不得&gt; 泄露 &amp; 篡改。');
    // No enactment history in the text: the version's date given.
    expect(xml).toContain('<FRBRdate date="2025-01-01" name="version"/>');
  });

  it('reads back real laws, with sections, in both languages', () => {
    for (const file of ['legislation-law-2023.zh.md', 'cybersecurity-law-2025-amended.en.md']) {
      const parsed = parseLaw(readFileSync(new URL(`../fixtures/laws/${file}`, import.meta.url), 'utf8'));
      checkRoundTrip(parsed.doc, parsed.language);
    }
  });

  it('is one of the draft export formats', async () => {
    const xml = await exportDraft(sample(), 'zh', 'akn');
    expect(typeof xml).toBe('string');
    expect(xml as string).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<akomaNtoso /);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => renderAkomaNtoso(sample(), 'zh', { date: '1 Jan 2025' })).toThrow(RangeError);
  });
});

const unzip = (bytes: Uint8Array) => {
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(strFromU8(bytes.subarray(0, 2))).toBe('PK');
  const files = unzipSync(bytes);
  return (name: string) => strFromU8(files[name]);
};

describe('Word export of a draft', () => {
  it('sets a Chinese draft: centred title and headings, labels in 黑体, 仿宋 text, page numbers', async () => {
    const bytes = (await exportDraft(sample(), 'zh', 'docx')) as Uint8Array;
    const read = unzip(bytes);
    const body = read('word/document.xml');
    const outline = buildOutline(sample(), 'zh');
    for (const a of outline.articles)
      expect(body).toContain(`<w:t xml:space="preserve">${a.label}\u3000</w:t>`);
    expect(body).toContain('网络数据安全条例（草案）');
    expect(body).toContain('第一章\u3000总则');
    expect(body).toContain('第二节\u3000特别规定');
    expect(body).toContain('<w:jc w:val="center"/>');
    expect(body).toMatch(/w:eastAsia="仿宋"/);
    expect(body).toMatch(/w:eastAsia="黑体"/);
    expect(body).toContain('（一）建立数据安全管理制度；');
    expect(body).toContain('1. 加密；');
    const footer = Object.keys(unzipSync(bytes)).find((name) => /^word\/footer\d*\.xml$/.test(name))!;
    expect(read(footer)).toContain('PAGE');
  });

  it('sets an English draft in a serif face', async () => {
    const parsed = parseLaw(
      readFileSync(new URL('../fixtures/laws/cybersecurity-law-2025-amended.en.md', import.meta.url), 'utf8'),
    );
    const body = unzip((await exportDraft(parsed.doc, 'en', 'docx')) as Uint8Array)('word/document.xml');
    expect(body).toContain('w:ascii="Times New Roman"');
    expect(body).toContain('Chapter I General Provisions');
    expect(body).toContain('Article 81 ');
  });
});

describe('Word comparison table', () => {
  it('is landscape, with three columns, a repeated header row, and the changes marked', async () => {
    const a = doc(
      '法',
      article('网络运营者应当采取技术措施，保障网络安全。'),
      article('本法自公布之日起施行。'),
    );
    const b = doc(
      '法',
      article('网络运营者应当采取技术措施和其他必要措施，保障网络安全稳定运行。'),
      article('本法自二〇二六年一月一日起施行。'),
    );
    const comparison = compareDrafts(a, b, 'zh', { matchIds: false });
    const body = unzip((await renderComparison(comparison, 'docx')) as Uint8Array)('word/document.xml');
    expect(body).toContain('w:orient="landscape"');
    expect(body).toContain('<w:tblHeader/>');
    expect(body.match(/<w:gridCol /g)).toHaveLength(3);
    for (const heading of ['原条文', '修改后条文', '说明']) expect(body).toContain(heading);
    expect(body).toMatch(/<w:strike\/>.*?<w:t xml:space="preserve">公布之<\/w:t>/s);
    expect(body).toMatch(/<w:u w:val="single"\/>.*?<w:t xml:space="preserve">和其他必要措施<\/w:t>/s);
  });
});
