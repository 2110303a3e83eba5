// The summary report model (core/report/summary.ts) and its four renderers, on a small draft with two
// versions, a form-letter cluster, a stub, a general comment and dispositions of every kind.
import { unzipSync, strFromU8 } from 'fflate';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  article,
  articleChanges,
  buildOutline,
  buildSummary,
  compareOutlines,
  csvField,
  csvRecord,
  doc,
  excerpt,
  commentPlainText,
  renderSummary,
  renderSummaryCsv,
  summaryCsvChunks,
  renderSummaryHtml,
  renderSummaryMarkdown,
  spreadsheetSafe,
} from '../../core/index.ts';
import type { Disposition, SummaryComment, SummaryInput } from '../../core/index.ts';

const older = doc(
  '数据条例',
  article({ id: 'a1' }, '为了保护数据安全，制定本条例。'),
  article({ id: 'a2' }, '处理者应当采取必要措施。'),
  article({ id: 'a3' }, '本条例自公布之日起施行。'),
);
const newer = doc(
  '数据条例',
  article({ id: 'a1' }, '为了保护数据安全，制定本条例。'),
  article({ id: 'n9' }, '新增的条文。'),
  article({ id: 'a2' }, '处理者应当采取必要的技术措施和管理措施。'),
  article({ id: 'a3' }, '本条例自公布之日起施行。'),
);
const oldOutline = buildOutline(older, 'zh');
const newOutline = buildOutline(newer, 'zh');
const changes = articleChanges(
  compareOutlines(oldOutline, newOutline),
  oldOutline.articles,
  newOutline.articles,
);

const letter = '尊敬的起草组：\n建议明确必要措施的具体内容，包括技术措施和管理措施。';
const comments: SummaryComment[] = [
  ...['1', '2', '3', '4'].map((id) => ({
    id,
    externalId: `x${id}`,
    articleId: 'a2',
    text: letter + (id === '4' ? '谢谢。' : ''),
    submitterType: id === '1' ? 'enterprise' : 'individual',
    submitter: `意见人${id}`,
  })),
  {
    id: '5',
    externalId: null,
    articleId: 'a2',
    text: '详见附件',
    submitterType: null,
    submitter: '意见人5',
    attachments: [
      { fileName: '意见.pdf', state: 'read', reason: null },
      { fileName: '扫描件.png', state: 'not-read', reason: null },
      { fileName: '旧稿.pdf', state: 'unreadable', reason: 'encrypted' },
    ],
  },
  {
    id: '6',
    externalId: null,
    articleId: 'a1',
    text: '=建议删除本条',
    submitterType: 'expert',
    submitter: '意见人6',
  },
  {
    id: '7',
    externalId: null,
    articleId: null,
    text: '总体上支持。',
    submitterType: 'individual',
    submitter: '意见人7',
  },
  {
    id: '8',
    externalId: null,
    articleId: 'a1',
    text: '撤回的意见',
    submitterType: null,
    submitter: '意见人8',
    withdrawn: true,
  },
];
const decided = (over: Partial<Disposition>): Disposition => ({
  target: 'comment',
  targetId: '',
  kind: 'noted',
  reason: '',
  templateId: null,
  linkedArticleId: null,
  linkedVersionId: null,
  decidedBy: 'clerk',
  decidedAt: Date.UTC(2026, 0, 5),
  ...over,
});
const input: SummaryInput = {
  draft: { id: 'd1', title: '数据条例', language: 'zh' },
  articles: oldOutline.articles,
  comments,
  clusters: [
    { id: 'c1', kind: 'text', members: ['1', '2', '3', '4'], representative: '2' },
    { id: '5', kind: 'stub', members: ['5'], representative: '5' },
    { id: '6', kind: 'text', members: ['6'], representative: '6' },
    { id: '7', kind: 'text', members: ['7'], representative: '7' },
  ],
  dispositions: [
    decided({
      target: 'cluster',
      targetId: 'c1',
      kind: 'adopted',
      reason: '已在第三条中明确。',
      linkedArticleId: 'a2',
    }),
    decided({ targetId: '4', kind: 'partly-adopted', reason: '部分采纳。' }),
    decided({ targetId: '6', kind: 'not-adopted', reason: '本条为立法目的，不宜删除。' }),
  ],
  changes,
  versions: { from: '征求意见稿', to: '修改稿' },
  generatedAt: Date.UTC(2026, 0, 6),
};

describe('the summary report model', () => {
  const report = buildSummary(input);

  it('counts the draft: comments, withdrawn, unique after clustering, articles, dispositions', () => {
    expect(report.totals).toMatchObject({
      comments: 7,
      withdrawn: 1,
      unique: 4,
      clustersOfMany: 1,
      commentsInClustersOfMany: 4,
      articlesCommented: 2,
    });
    expect(report.totals.dispositions).toMatchObject({
      adopted: 3,
      'partly-adopted': 1,
      'not-adopted': 1,
      pending: 2,
    });
    expect(report.totals.bySubmitterType[0]).toEqual({ type: 'individual', count: 4 });
  });

  it('has a section per commented article in order, then the general comments', () => {
    expect(report.sections.map((s) => s.article?.label ?? null)).toEqual(['第一条', '第二条', null]);
    const second = report.sections[1];
    expect(second).toMatchObject({ comments: 5, unique: 2 });
    expect(second.mainPoints[0]).toMatchObject({ clusterId: 'c1', count: 4, commentId: '2', stub: false });
    // The greeting line is not part of the point.
    expect(second.mainPoints[0].text).toBe('建议明确必要措施的具体内容，包括技术措施和管理措施。');
    expect(second.mainPoints[1]).toMatchObject({ clusterId: '5', stub: true });
  });

  it('groups an article’s comments by disposition and reason, with the change they caused', () => {
    const groups = report.sections[1].groups;
    expect(groups.map((g) => [g.kind, g.count])).toEqual([
      ['adopted', 3],
      ['partly-adopted', 1],
      ['pending', 1],
    ]);
    expect(groups[0].changes).toHaveLength(1);
    expect(groups[0].changes[0]).toMatchObject({
      kind: 'modified',
      old: { id: 'a2', label: '第二条' },
      new: { label: '第三条' },
    });
    // An adopted decision without a link shows the article's own change; a pending one none.
    expect(groups[1].changes).toEqual(groups[0].changes);
    expect(groups[2].changes).toEqual([]);
  });

  it('lists every counted comment in the register, by number, with its cluster and disposition', () => {
    expect(report.register.map((e) => e.comment.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(report.register[0]).toMatchObject({
      clusterId: 'c1',
      clusterSize: 4,
      disposition: { kind: 'adopted', source: 'cluster' },
    });
  });

  it('treats a comment the clustering left out as a cluster of its own', () => {
    const partial = buildSummary({ ...input, clusters: input.clusters.slice(0, 1) });
    expect(partial.totals.unique).toBe(4);
  });
});

describe('the summary renderers', () => {
  const report = buildSummary(input);

  it('writes Markdown with the totals, the points and the change marked', () => {
    const md = renderSummaryMarkdown(report);
    expect(md).toContain('# 《数据条例》征求意见采纳情况');
    expect(md).toContain('共收到意见7条（另有1条已撤回，不计入），合并同类意见后为4条');
    expect(md).toContain('| 意见摘要 | 意见数 | 处理意见 | 理由 | 修改情况 |');
    expect(md).toContain('<ins>的技术措施和管理</ins>');
    expect(md).toContain('（同类意见4条）');
  });

  it('writes a self-contained HTML page with a bar chart linking to the articles', () => {
    const html = renderSummaryHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('<svg');
    expect(html.match(/<a href="#article-\d+">/g)).toHaveLength(2);
    expect(html).toContain('<a href="#general">');
    expect(html).toContain('id="article-2"');
  });

  it('writes the register as CSV that a CSV parser reads back, formulas defused', () => {
    const csv = renderSummaryCsv(report);
    expect(csv.startsWith('\ufeffcomment_id,')).toBe(true);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    expect(rows[5]).toMatchObject({
      comment_id: '6',
      disposition: 'not-adopted',
      disposition_label: '不予采纳',
    });
    expect(rows[5].text).toBe("'=建议删除本条");
    // Which comments carried files, each with where its reading stands.
    expect(rows[4].attachments).toBe(
      '意见.pdf (read); 扫描件.png (not read); 旧稿.pdf (unreadable: encrypted)',
    );
    expect(rows.filter((r) => r.attachments !== '').map((r) => r.comment_id)).toEqual(['5']);
    // Whole: the greeting too, as the submitter wrote it.
    expect(rows[0].text).toBe('尊敬的起草组：\n建议明确必要措施的具体内容，包括技术措施和管理措施。');
    expect(Object.keys(rows[0])).not.toContain('contact');
    const personal = parse(renderSummaryCsv({ ...report, personalData: true }), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(Object.keys(personal[0])).toContain('contact');
  });

  it('carries every comment whole and sorts the register by number, not as text', () => {
    const long = '第一段意见，'.repeat(120) + '完。';
    const many = buildSummary({
      ...input,
      clusters: [],
      dispositions: [],
      comments: ['10', '2', '100', '1', '20'].map((id) => ({
        id,
        externalId: null,
        articleId: id === '2' ? 'a2' : null,
        text: id === '100' ? `<p>${long}</p><p>第二段。</p>` : `意见${id}`,
        submitterType: null,
        submitter: null,
        withdrawn: false,
      })),
    });
    const rows = parse(renderSummaryCsv(many), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.comment_id)).toEqual(['1', '2', '10', '20', '100']);
    expect(rows[4].text).toBe(`${long}\n\n第二段。`);
    expect(rows[4].text.length).toBeGreaterThan(700);
  });

  it('streams the register in chunks, reading each text and its files only when its chunk is made', () => {
    const read: string[] = [];
    const filesRead: string[] = [];
    const textless = {
      ...report,
      register: report.register.map((e) => ({
        ...e,
        comment: { ...e.comment, text: null, attachments: undefined },
      })),
    };
    const chunks = summaryCsvChunks(textless, {
      chunkRecords: 3,
      readText: (c) => {
        read.push(c.id);
        return `全文${c.id}`;
      },
      readAttachments: (c) => {
        filesRead.push(c.id);
        return c.id === '3' ? [{ fileName: `letter ${c.id}.docx`, state: 'pending', reason: null }] : [];
      },
    });
    const first = chunks.next();
    expect(first.done).toBe(false);
    expect(read).toEqual(['1', '2', '3']);
    expect(filesRead).toEqual(['1', '2', '3']);
    const rest = [...chunks];
    expect(rest).toHaveLength(2);
    expect(read).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(filesRead).toEqual(read);
    const rows = parse([first.value, ...rest].join(''), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.text)).toEqual(['1', '2', '3', '4', '5', '6', '7'].map((id) => `全文${id}`));
    expect(rows.map((r) => r.attachments)).toEqual([
      '',
      '',
      'letter 3.docx (waiting to be read)',
      '',
      '',
      '',
      '',
    ]);
  });

  it('defuses a file name that a spreadsheet would run as a formula', () => {
    const named = buildSummary({
      ...input,
      comments: [
        {
          ...comments[0],
          attachments: [{ fileName: '=HYPERLINK("http://evil.example").pdf', state: 'read', reason: null }],
        },
      ],
      clusters: [],
      dispositions: [],
    });
    const rows = parse(renderSummaryCsv(named), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0].attachments).toBe(`'=HYPERLINK("http://evil.example").pdf (read)`);
  });

  it('writes a DOCX whose table has the six columns of a published report', async () => {
    const bytes = (await renderSummary(report, 'docx')) as Uint8Array;
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
    for (const heading of ['条文', '意见摘要', '意见数', '处理意见', '理由', '修改情况'])
      expect(xml).toContain(`>${heading}<`);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('不予采纳');
    expect(xml).toContain('landscape');
  });

  it('says so when the report holds personal data', () => {
    const personal = buildSummary({ ...input, personalData: true });
    expect(renderSummaryMarkdown(personal)).toContain('仅供内部工作使用');
    expect(renderSummaryHtml(personal)).toContain('class="notice"');
  });

  it('uses English words for an English draft', () => {
    const en = buildSummary({
      ...input,
      draft: { ...input.draft, title: 'Data Regulations', language: 'en' },
    });
    const md = renderSummaryMarkdown(en);
    expect(md).toContain('# Public comments on Data Regulations: how they were handled');
    expect(md).toContain('7 comments received (1 withdrawn, not counted), 4 after merging near-duplicates');
    expect(md).toContain('| Summary of comments | Comments | Disposition | Reason | Change made |');
  });
});

describe('CSV fields and excerpts', () => {
  it('quotes fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
    expect(csvRecord(['a', null, 'b,c'])).toBe('a,,"b,c"\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(spreadsheetSafe('=1+1')).toBe("'=1+1");
    expect(spreadsheetSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('fine')).toBe('fine');
    expect(spreadsheetSafe(null)).toBe(null);
  });

  it('cuts excerpts at a sentence or word end, greeting and sign-off left out', () => {
    expect(
      commentPlainText('Dear CMS,<br/>We support the rule.<br/>It helps.<br/>Sincerely,<br/>Jane Roe'),
    ).toBe('We support the rule. It helps.');
    expect(commentPlainText('尊敬的起草组：\n建议删除本条。\n此致敬礼')).toBe('建议删除本条。');
    expect(commentPlainText('Thanks for the draft. It is good.')).toBe('Thanks for the draft. It is good.');
    expect(excerpt('One sentence here. Another sentence that goes on and on.', 22)).toBe(
      'One sentence here.…',
    );
    expect(excerpt('words without any sentence end go on and on and on', 20)).toBe('words without any…');
    expect(excerpt('short', 20)).toBe('short');
  });
});
