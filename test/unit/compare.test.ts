import { describe, expect, it } from 'vitest';
import type { Node as PMNode } from 'prosemirror-model';
import {
  alignArticles,
  article,
  buildOutline,
  chapter,
  cleanupSegments,
  compareDrafts,
  comparisonJson,
  diffTexts,
  displayWidth,
  doc,
  inlineDiff,
  paragraph,
  item,
  renderComparison,
  renderComparisonHtml,
  renderComparisonMarkdown,
  renderComparisonTable,
  section,
  sequentialIds,
  withIds,
} from '../../core/index.ts';
import type { Comparison, Segment } from '../../core/index.ts';

// Articles on distinct subjects, long enough for similarity to mean something.
const texts = {
  purpose:
    '为了保障网络安全，维护网络空间主权和国家安全、社会公共利益，保护公民、法人和其他组织的合法权益，制定本法。',
  scope: '在中华人民共和国境内建设、运营、维护和使用网络，以及网络安全的监督管理，适用本法。',
  duty: '网络运营者开展经营和服务活动，必须遵守法律、行政法规，尊重社会公德，遵守商业道德，诚实信用。',
  data: '网络运营者应当对其收集的用户信息严格保密，并建立健全用户信息保护制度，防止信息泄露、毁损、丢失。',
  report:
    '任何个人和组织有权对危害网络安全的行为向网信、电信、公安等部门举报。收到举报的部门应当及时依法作出处理。',
  minors:
    '国家支持研究开发有利于未成年人健康成长的网络产品和服务，依法惩治利用网络从事危害未成年人身心健康的活动。',
  critical:
    '国家对公共通信和信息服务、能源、交通、水利、金融等重要行业和领域的关键信息基础设施实行重点保护。',
  emergency:
    '国家网信部门协调有关部门建立健全网络安全风险评估和应急工作机制，制定网络安全事件应急预案，并定期组织演练。',
  effect: '本法自二〇一七年六月一日起施行。',
};

const old = (...body: PMNode[]) => withIds(sequentialIds('o'), () => doc('网络安全法', ...body));
const revised = (...body: PMNode[]) => withIds(sequentialIds('n'), () => doc('网络安全法', ...body));
const compare = (a: PMNode, b: PMNode) => compareDrafts(a, b, 'zh', { matchIds: false });

// Old text, new text read back from a row's segments.
const oldOf = (segments: readonly Segment[]) =>
  segments
    .filter((s) => s.op !== 'insert')
    .map((s) => s.text)
    .join('');
const newOf = (segments: readonly Segment[]) =>
  segments
    .filter((s) => s.op !== 'delete')
    .map((s) => s.text)
    .join('');

// Which old and new article numbers each row pairs: "3>4", "3>-", "->5".
const pairs = (c: Comparison) => c.rows.map((r) => `${r.old?.number ?? '-'}>${r.new?.number ?? '-'}`);

describe('alignArticles', () => {
  it('reports identical drafts as unchanged, one row per article', () => {
    const a = old(chapter('总则', article(texts.purpose), article(texts.scope), article(texts.duty)));
    const c = compare(a, a);
    expect(c.summary).toEqual({ unchanged: 3, modified: 0, inserted: 0, deleted: 0, moved: 0 });
    expect(c.rows.every((r) => r.similarity === 1 && r.note === '')).toBe(true);
  });

  it('recognises renumbered articles after an insertion as unchanged and not moved', () => {
    const a = old(article(texts.purpose), article(texts.scope), article(texts.duty));
    const b = revised(
      article(texts.minors),
      article(texts.purpose),
      article(texts.scope),
      article(texts.duty),
    );
    const c = compare(a, b);
    expect(pairs(c)).toEqual(['->1', '1>2', '2>3', '3>4']);
    expect(c.rows.map((r) => r.kind)).toEqual(['inserted', 'unchanged', 'unchanged', 'unchanged']);
    expect(c.summary.moved).toBe(0);
  });

  it('marks an article moved far as unchanged and moved, and only that one', () => {
    const a = old(
      article(texts.purpose),
      article(texts.scope),
      article(texts.duty),
      article(texts.data),
      article(texts.report),
    );
    const b = revised(
      article(texts.purpose),
      article(texts.duty),
      article(texts.data),
      article(texts.report),
      article(texts.scope),
    );
    const c = compare(a, b);
    expect(pairs(c)).toEqual(['1>1', '3>2', '4>3', '5>4', '2>5']);
    expect(c.rows.filter((r) => r.moved).map((r) => r.old!.number)).toEqual([2]);
    expect(c.summary).toMatchObject({ unchanged: 5, moved: 1 });
  });

  it('pairs a moved and edited article by similarity', () => {
    const edited = texts.scope.replace('适用本法', '适用本法；法律另有规定的，依照其规定');
    const a = old(article(texts.purpose), article(texts.scope), article(texts.duty), article(texts.data));
    const b = revised(article(texts.purpose), article(texts.duty), article(texts.data), article(edited));
    const c = compare(a, b);
    const row = c.rows.find((r) => r.old?.number === 2)!;
    expect(row).toMatchObject({ kind: 'modified', moved: true, new: { number: 4 } });
    expect(newOf(row.segments)).toBe(edited);
    expect(row.note).toBe('修改；移动');
  });

  it('places a deletion where it stood, before the insertions that follow', () => {
    const a = old(article(texts.purpose), article(texts.scope), article(texts.duty));
    const b = revised(article(texts.purpose), article(texts.minors), article(texts.duty));
    const c = compare(a, b);
    expect(c.rows.map((r) => r.kind)).toEqual(['unchanged', 'deleted', 'inserted', 'unchanged']);
    expect(pairs(c)).toEqual(['1>1', '2>-', '->2', '3>3']);
  });

  it('finds a split: one old article spread over two new ones, one row per new article', () => {
    const a = old(article(texts.purpose), article(`${texts.data}${texts.report}`), article(texts.effect));
    const b = revised(
      article(texts.purpose),
      article(texts.data),
      article(texts.report),
      article(texts.effect),
    );
    const c = compare(a, b);
    expect(c.alignment.groups.map((g) => g.kind)).toEqual(['unchanged', 'split', 'unchanged']);
    const parts = c.rows.filter((r) => r.relation === 'split');
    expect(parts.map((r) => [r.old!.number, r.new!.number])).toEqual([
      [2, 2],
      [2, 3],
    ]);
    expect(parts.every((r) => r.kind === 'modified' && r.note === '由原第二条拆分')).toBe(true);
    // Each row holds its share of the old article, and together they hold all of it.
    expect(parts.map((r) => newOf(r.segments))).toEqual([texts.data, texts.report]);
    expect(parts.map((r) => oldOf(r.segments)).join('')).toBe(`${texts.data}${texts.report}`);
    expect(parts.map((r) => r.similarity)).toEqual([1, 1]);
  });

  it('finds a merge: two old articles joined into one new one, one row per old article', () => {
    const a = old(
      article(texts.purpose),
      article(texts.critical),
      article(texts.emergency),
      article(texts.effect),
    );
    const merged = `${texts.critical}${texts.emergency.replace('并定期组织演练', '并定期组织演练和评估')}`;
    const b = revised(article(texts.purpose), article(merged), article(texts.effect));
    const c = compare(a, b);
    expect(c.alignment.groups.map((g) => g.kind)).toEqual(['unchanged', 'merged', 'unchanged']);
    const parts = c.rows.filter((r) => r.relation === 'merged');
    expect(parts.map((r) => [r.old!.number, r.new!.number])).toEqual([
      [2, 2],
      [3, 2],
    ]);
    expect(parts.map((r) => newOf(r.segments)).join('')).toBe(merged);
    expect(parts[0].note).toBe('原第二条、第三条合并');
    expect(parts[1].segments).toContainEqual({ op: 'insert', text: '和评估' });
  });

  it('pairs the copies of a repeated text where they stand, so deleting one copy moves nothing', () => {
    const a = old(
      article(texts.purpose),
      article(texts.effect),
      article(texts.scope),
      article(texts.effect),
      article(texts.duty),
    );
    const b = revised(
      article(texts.purpose),
      article(texts.scope),
      article(texts.effect),
      article(texts.duty),
    );
    const c = compare(a, b);
    expect(pairs(c)).toEqual(['1>1', '2>-', '3>2', '4>3', '5>4']);
    expect(c.summary).toMatchObject({ unchanged: 4, deleted: 1, moved: 0 });
  });

  it('aligns against an empty side', () => {
    const one = [{ id: null, text: texts.purpose }];
    expect(alignArticles([], one).groups).toMatchObject([{ kind: 'inserted', old: [], new: [0] }]);
    expect(alignArticles(one, []).groups).toMatchObject([{ kind: 'deleted', old: [0], new: [] }]);
    expect(alignArticles([], []).groups).toEqual([]);
  });

  it('puts every article of each side in exactly one group', () => {
    const a = old(
      article(texts.purpose),
      article(`${texts.data}${texts.report}`),
      article(texts.critical),
      article(texts.emergency),
      article(texts.minors),
      article(texts.effect),
    );
    const b = revised(
      article(texts.effect),
      article(texts.purpose),
      article(texts.data),
      article(texts.report),
      article(`${texts.critical}${texts.emergency}`),
      article(texts.scope),
    );
    const outlineA = buildOutline(a, 'zh');
    const outlineB = buildOutline(b, 'zh');
    const alignment = alignArticles(outlineA.articles, outlineB.articles, { matchIds: false });
    const olds = alignment.groups.flatMap((g) => g.old).sort((x, y) => x - y);
    const news = alignment.groups.flatMap((g) => g.new).sort((x, y) => x - y);
    expect(olds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(news).toEqual([0, 1, 2, 3, 4, 5]);
    alignment.groups.forEach((g, k) => {
      for (const i of g.old) expect(alignment.groupOfOld[i]).toBe(k);
      for (const j of g.new) expect(alignment.groupOfNew[j]).toBe(k);
    });
  });

  it('pairs by id when both sides carry the same ids, however much the text changed', () => {
    const a = doc('法', article({ id: 'x1' }, texts.purpose), article({ id: 'x2' }, texts.scope));
    const b = doc('法', article({ id: 'x1' }, texts.purpose), article({ id: 'x2' }, texts.minors));
    const byId = compareDrafts(a, b, 'zh');
    expect(byId.rows.map((r) => r.kind)).toEqual(['unchanged', 'modified']);
    expect(byId.alignment.groups[1].matchedBy).toBe('id');
    const byText = compareDrafts(a, b, 'zh', { matchIds: false });
    expect(byText.rows.map((r) => r.kind)).toEqual(['unchanged', 'deleted', 'inserted']);
  });

  it('keeps the id on the first half of a split and still finds the second half', () => {
    const a = doc(
      '法',
      article({ id: 'x1' }, `${texts.data}${texts.report}`),
      article({ id: 'x2' }, texts.effect),
    );
    const b = doc(
      '法',
      article({ id: 'x1' }, texts.data),
      article({ id: 'x9' }, texts.report),
      article({ id: 'x2' }, texts.effect),
    );
    const c = compareDrafts(a, b, 'zh');
    expect(c.alignment.groups[0]).toMatchObject({ kind: 'split', old: [0], new: [0, 1], matchedBy: 'id' });
  });

  it('counts texts that differ only in spacing as unchanged', () => {
    const a = old(article(texts.purpose), article(texts.scope));
    const b = revised(article(texts.purpose.replace('制定本法', '制定 本法')), article(texts.scope));
    expect(compare(a, b).summary.unchanged).toBe(2);
  });

  it('is deterministic: the same inputs give byte-identical output', async () => {
    const build = () => [
      old(
        chapter('总则', article(texts.purpose), article(`${texts.data}${texts.report}`)),
        chapter('附则', article(texts.effect)),
      ),
      revised(
        chapter('总 则', article(texts.purpose), article(texts.data), article(texts.report)),
        chapter('附则', article(texts.minors), article(texts.effect)),
      ),
    ];
    const [a1, b1] = build();
    const [a2, b2] = build();
    const first = compare(a1, b1);
    const second = compare(a2, b2);
    expect(JSON.stringify(comparisonJson(first))).toBe(JSON.stringify(comparisonJson(second)));
    for (const format of ['table', 'json', 'html', 'md'] as const) {
      expect(await renderComparison(first, format)).toBe(await renderComparison(second, format));
    }
  });
});

describe('chapters and sections', () => {
  it('reports a renamed chapter heading with its inline changes', () => {
    const a = old(chapter('一般规定', article(texts.purpose)), chapter('法律责任', article(texts.effect)));
    const b = revised(chapter('总则', article(texts.purpose)), chapter('法律责任', article(texts.effect)));
    const c = compare(a, b);
    expect(c.divisions.map((d) => d.kind)).toEqual(['renamed', 'unchanged']);
    expect(c.divisions[0].segments).toEqual([
      { op: 'delete', text: '一般规定' },
      { op: 'insert', text: '总则' },
    ]);
    expect(c.rows[0].headings.map((h) => h.kind)).toEqual(['renamed']);
  });

  it('reports an inserted chapter, the renumbering after it, and articles moved into it', () => {
    const a = old(
      chapter('总则', article(texts.purpose), article(texts.scope)),
      chapter(
        '网络安全',
        article(texts.duty),
        article(texts.data),
        article(texts.critical),
        article(texts.emergency),
      ),
      chapter('附则', article(texts.effect)),
    );
    const b = revised(
      chapter('总则', article(texts.purpose), article(texts.scope)),
      chapter('网络运行安全', article(texts.duty), article(texts.critical), article(texts.emergency)),
      chapter('网络信息安全', article(texts.data), article(texts.report)),
      chapter('附则', article(texts.effect)),
    );
    const c = compare(a, b);
    expect(c.divisions.map((d) => `${d.kind}:${d.old?.label ?? ''}>${d.new?.label ?? ''}`)).toEqual([
      'unchanged:第一章>第一章',
      'renamed:第二章>第二章',
      'inserted:>第三章',
      'renumbered:第三章>第四章',
    ]);
    const moved = c.rows.find((r) => r.old?.number === 4)!;
    expect(moved).toMatchObject({ kind: 'unchanged', moved: true });
    expect(moved.note).toBe('移动；由第二章移至第三章');
  });

  it('notes an article that moves to the next chapter without leaving document order', () => {
    const a = old(
      chapter('总则', article(texts.purpose), article(texts.scope)),
      chapter('附则', article(texts.effect)),
    );
    const b = revised(
      chapter('总则', article(texts.purpose)),
      chapter('附则', article(texts.scope), article(texts.effect)),
    );
    const row = compare(a, b).rows[1];
    expect(row).toMatchObject({ kind: 'unchanged', moved: false, note: '由第一章移至第二章' });
  });

  it('opens each section in the rows', () => {
    const a = old(
      chapter('总则', section('一般规定', article(texts.purpose)), section('特别规定', article(texts.scope))),
    );
    const c = compare(a, a);
    expect(c.rows.map((r) => r.headings.map((h) => h.new!.label))).toEqual([
      ['第一章', '第一节'],
      ['第二节'],
    ]);
  });
});

describe('inline diffs', () => {
  it('diffs Chinese per character', () => {
    expect(
      inlineDiff('应当采取措施，保障网络安全。', '应当及时采取必要措施，保障网络安全稳定运行。', 'zh'),
    ).toEqual([
      { op: 'equal', text: '应当' },
      { op: 'insert', text: '及时' },
      { op: 'equal', text: '采取' },
      { op: 'insert', text: '必要' },
      { op: 'equal', text: '措施，保障网络安全' },
      { op: 'insert', text: '稳定运行' },
      { op: 'equal', text: '。' },
    ]);
  });

  it('diffs English per word, never cutting a word', () => {
    const segments = inlineDiff(
      'Operators shall report incidents to the competent authority within 30 days.',
      'Operators shall promptly report incidents to the competent departments.',
      'en',
    );
    expect(segments).toEqual([
      { op: 'equal', text: 'Operators shall' },
      { op: 'insert', text: ' promptly' },
      { op: 'equal', text: ' report incidents to the competent ' },
      { op: 'delete', text: 'authority within 30 days' },
      { op: 'insert', text: 'departments' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('folds characters a rewritten sentence happens to share into one replacement', () => {
    const oldText = '县级以上人民政府应当建立协调机制，统筹、协调、督促和指导有关部门做好工作。';
    const newText = '各级人民政府应当重视和加强保护工作，负责组织、协调、指导、督促有关部门做好相关工作。';
    const raw = diffTexts(oldText, newText, 'zh').segments;
    const clean = cleanupSegments(raw, 'zh');
    expect(clean.length).toBeLessThan(raw.length);
    // No kept run of one character squeezed between two long changes.
    for (let k = 1; k + 1 < clean.length; k++) {
      if (clean[k].op === 'equal' && clean[k - 1].op !== 'equal' && clean[k + 1].op !== 'equal') {
        expect(clean[k].text.length > 1 || clean[k - 1].text.length < 3 || clean[k + 1].text.length < 3).toBe(
          true,
        );
      }
    }
    expect(oldOf(clean)).toBe(oldText);
    expect(newOf(clean)).toBe(newText);
  });

  it('gives up beyond maxEditLength with one replacement between the common prefix and suffix', () => {
    const diff = diffTexts('前文甲乙丙丁戊己后文', '前文子丑寅卯辰巳后文', 'zh', { maxEditLength: 2 });
    expect(diff.complete).toBe(false);
    expect(diff.segments).toEqual([
      { op: 'equal', text: '前文' },
      { op: 'delete', text: '甲乙丙丁戊己' },
      { op: 'insert', text: '子丑寅卯辰巳' },
      { op: 'equal', text: '后文' },
    ]);
  });

  it('reads back both texts from the raw segments of long articles', () => {
    const a = Object.values(texts).join('\n');
    const b = Object.values(texts).reverse().join('\n');
    const { segments, similarity } = diffTexts(a, b, 'zh');
    expect(oldOf(segments)).toBe(a);
    expect(newOf(segments)).toBe(b);
    expect(similarity).toBeGreaterThan(0);
    expect(similarity).toBeLessThan(1);
  });
});

describe('comparison renderers', () => {
  const a = old(
    chapter('总则', article(texts.purpose), article(texts.scope), article(texts.duty), article(texts.data)),
    chapter('附则', article(texts.effect)),
  );
  const b = revised(
    chapter(
      '总则',
      article(texts.purpose),
      article(texts.scope),
      article(texts.duty.replace('诚实信用', '诚实信用，承担社会责任')),
    ),
    chapter(
      '附则',
      article(texts.minors),
      article(texts.effect.replace('二〇一七年六月一日', '二〇二六年一月一日')),
    ),
  );
  const c = compare(a, b);

  it('writes the JSON report in exactly the documented shape', () => {
    const json = comparisonJson(c);
    expect(Object.keys(json)).toEqual(['summary', 'rows']);
    expect(Object.keys(json.summary)).toEqual(['unchanged', 'modified', 'inserted', 'deleted', 'moved']);
    for (const row of json.rows) {
      expect(Object.keys(row)).toEqual(['kind', 'old', 'new', 'moved', 'similarity', 'segments']);
      for (const side of [row.old, row.new])
        if (side) expect(Object.keys(side)).toEqual(['number', 'label', 'text']);
      for (const s of row.segments) expect(Object.keys(s)).toEqual(['op', 'text']);
    }
    expect(json.rows.map((r) => r.kind)).toEqual([
      'unchanged',
      'unchanged',
      'modified',
      'deleted',
      'inserted',
      'modified',
    ]);
  });

  it('fits the terminal table to its width, counting CJK characters as two columns', () => {
    for (const width of [40, 60, 100]) {
      const lines = renderComparisonTable(c, { width }).trimEnd().split('\n');
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
    const text = renderComparisonTable(c, { width: 120 });
    expect(text).toContain('{+，承担社会责任+}');
    expect(text).toContain('第一条、第二条未修改');
  });

  it('colours changes in the terminal when asked, without changing the layout', () => {
    const plain = renderComparisonTable(c, { width: 80, color: true });
    expect(plain).toContain('\x1b[32;4m');
    expect(plain).toContain('\x1b[31;9m');
    for (const line of plain.trimEnd().split('\n')) {
      // eslint-disable-next-line no-control-regex -- ANSI colour codes
      expect(displayWidth(line.replace(/\x1b\[[0-9;]*m/g, ''))).toBeLessThanOrEqual(80);
    }
  });

  it('writes a self-contained HTML page with the table, sticky headers, a contents list and a redline', () => {
    const html = renderComparisonHtml(c);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(script|link)\b/);
    expect(html).toContain('position: sticky');
    expect(html).toContain('<ins>，承担社会责任</ins>');
    expect(html).toContain('本法自二〇<del>一七年六</del>月一日起施行');
    expect(html).toContain('<nav class="toc">');
    expect(html).toContain('id="redline"');
    expect(html.match(/<li><a href="#row-\d+">/g)).toHaveLength(4);
  });

  it('escapes what it shows', () => {
    const x = compareDrafts(
      doc('T', article('a <b> & "c" | d')),
      doc('T', article('a <b> & "c" | e')),
      'en',
      { matchIds: false },
    );
    expect(renderComparisonHtml(x)).toContain('a &lt;b&gt; &amp; &quot;c&quot; | <del>d</del><ins>e</ins>');
    expect(renderComparisonMarkdown(x)).toContain('| **Article 1** a &lt;b&gt; &amp; "c" \\| <del>d</del> |');
  });

  it('writes a Markdown table with one line per row', () => {
    const md = renderComparisonMarkdown(c, { showUnchanged: true });
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    // Header and its rule, two chapter headings, six article rows.
    expect(rows).toHaveLength(2 + 2 + 6);
    expect(md).toContain('<ins>，承担社会责任</ins>');
  });

  it('shows items on their own lines and English labels in English', () => {
    const x = compareDrafts(
      doc('Law', article(paragraph('Operators shall:', item('keep logs;'), item('report incidents.')))),
      doc(
        'Law',
        article(paragraph('Operators shall:', item('keep logs for six months;'), item('report incidents.'))),
      ),
      'en',
      { matchIds: false },
    );
    expect(x.rows[0].note).toBe('Amended');
    const md = renderComparisonMarkdown(x);
    expect(md).toContain(
      '**Article 1** Operators shall:<br>(1) keep logs<ins> for six months</ins>;<br>(2) report incidents.',
    );
  });
});
