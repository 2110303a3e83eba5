// Drafting amending instruments (core/amend): the forms a drafter uses, citation form, consequential
// renumbering, the styles, and the round trip — applying the drafted instrument to the old text gives
// the new one, article for article — on every pair of corpus texts that are versions of one law.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyInstrument,
  article,
  buildOutline,
  chapter,
  doc,
  draftInstrument,
  instrumentText,
  item,
  lawDifferences,
  paragraph,
  parseLaw,
  section,
  sequentialIds,
  withIds,
} from '../../core/index.ts';
import type { DraftOptions, Instrument, Outline } from '../../core/index.ts';
import type { Node as PMNode } from 'prosemirror-model';

const outlineOf = (file: string): Outline => {
  const parsed = parseLaw(readFileSync(new URL(`../fixtures/laws/${file}`, import.meta.url), 'utf8'), {
    language: 'zh',
  });
  return buildOutline(parsed.doc, 'zh');
};

// Draft, print, read back, apply: what the instrument makes of the old text.
function roundTrip(oldOutline: Outline, newOutline: Outline, options: DraftOptions = {}) {
  const instrument = draftInstrument(oldOutline, newOutline, { matchIds: false, ...options });
  const text = instrumentText(instrument);
  const applied = applyInstrument(oldOutline, text);
  const result = buildOutline(applied.doc, newOutline.language);
  return { instrument, text, result, differences: lawDifferences(result, newOutline) };
}

const zh = (...body: PMNode[]) =>
  buildOutline(
    withIds(sequentialIds('x'), () => doc('测试条例', ...body)),
    'zh',
  );
const en = (...body: PMNode[]) =>
  buildOutline(
    withIds(sequentialIds('x'), () => doc('Test Regulations', ...body)),
    'en',
  );
const texts = (instrument: Instrument) => instrument.instructions.map((i) => i.text);

describe('round trip on the corpus', () => {
  const pairs = [
    ['cybersecurity-law-2016.zh.md', 'cybersecurity-law-2025-amended.zh.md'],
    ['minors-protection-law-2020.zh.md', 'minors-protection-law-2024.zh.md'],
    ['legislation-law-2015.zh.md', 'legislation-law-2023.zh.md'],
    ['state-secrets-law-2010.zh.md', 'state-secrets-law-2024.zh.md'],
    ['counter-espionage-law-2014.zh.md', 'counter-espionage-law-2023.zh.md'],
  ] as const;
  for (const [from, to] of pairs) {
    for (const style of ['decision', 'amendment'] as const) {
      it(`turns ${from} into ${to} (${style})`, () => {
        const { instrument, differences } = roundTrip(outlineOf(from), outlineOf(to), { style });
        expect(differences).toEqual([]);
        expect(instrument.instructions.length).toBeGreaterThan(0);
      });
    }
  }
});

describe('the Cybersecurity Law 2016 → 2025', () => {
  const { instrument, differences } = roundTrip(
    outlineOf('cybersecurity-law-2016.zh.md'),
    outlineOf('cybersecurity-law-2025-amended.zh.md'),
    { effective: '2026年1月1日' },
  );

  it('writes the instructions of the decision the Standing Committee adopted', () => {
    expect(differences).toEqual([]);
    expect(instrument.title).toBe('全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定');
    const all = texts(instrument);
    expect(all[0]).toBe(
      '增加一条，作为第三条：“网络安全工作坚持中国共产党的领导，贯彻总体国家安全观，统筹发展和安全，推进网络强国建设。”',
    );
    expect(all[1]).toBe('将第十八条改为第十九条，删去第二款。');
    expect(all[2]).toMatch(
      /^增加一条，作为第二十条：“国家支持人工智能基础理论研究[^]*\n“国家支持创新网络安全管理方式，运用人工智能等新技术，提升网络安全保护水平。”$/,
    );
    expect(all[3]).toMatch(/^将第四十条改为第四十二条，增加一款，作为第二款：“网络运营者处理个人信息/);
    expect(all[4]).toMatch(
      /^将第五十九条改为第六十一条，修改为：“网络运营者不履行本法第二十三条、第二十七条规定/,
    );
    expect(all).toContain('删去第六十四条。');
    expect(all).toContain('删去第六十六条。');
  });

  it('amends no typography: half-width colons of 2016 are not instructions', () => {
    // 第二十一条 (now 第二十三条) differs only by ":" → "：".
    expect(texts(instrument).some((t) => t.includes('第二十一条'))).toBe(false);
    expect(texts(instrument).join('').includes('“:”')).toBe(false);
  });

  it('leaves consequential renumbering to the closing formula', () => {
    // 本法第二十一条 became 本法第二十三条 in 第三十四条 (now 第三十六条) only because articles moved.
    expect(texts(instrument).some((t) => t.startsWith('将第三十四条'))).toBe(false);
    expect(instrument.renumbers).toBe(true);
    expect(instrument.closing).toEqual([
      '本决定自2026年1月1日起施行。',
      '《中华人民共和国网络安全法》根据本决定作相应修改并对条文顺序作相应调整，重新公布。',
    ]);
  });
});

describe('the Minors Protection Law 2020 → 2024', () => {
  it('gives exactly one instruction, on 第九条, and no renumbering', () => {
    const { instrument, differences } = roundTrip(
      outlineOf('minors-protection-law-2020.zh.md'),
      outlineOf('minors-protection-law-2024.zh.md'),
    );
    expect(differences).toEqual([]);
    expect(instrument.instructions).toHaveLength(1);
    const [only] = instrument.instructions;
    expect(only.kind).toBe('rewrite-article');
    expect(only.old).toEqual({ article: 9 });
    expect(only.new).toEqual({ article: 9 });
    expect(only.text).toMatch(/^将第九条修改为：“各级人民政府应当重视和加强未成年人保护工作。/);
    expect(instrument.renumbers).toBe(false);
    expect(instrument.closing.join('')).not.toContain('条文顺序');
  });
});

describe('forms and citation', () => {
  const base = () =>
    zh(
      chapter(
        '总则',
        article('为了规范数据处理活动，制定本条例。'),
        article(
          '国家网信部门负责统筹协调网络数据安全工作。',
          '有关部门在各自职责范围内负责网络数据安全监督管理工作。',
        ),
        article(
          paragraph(
            '网络数据处理者应当履行下列义务：',
            item('建立健全数据安全管理制度；'),
            item('组织开展数据安全教育培训；'),
            item('采取相应的技术措施。'),
          ),
        ),
      ),
      chapter(
        '法律责任',
        article('违反本条例第三条规定的，由有关主管部门责令改正，给予警告。'),
        article('本条例自公布之日起施行。'),
      ),
    );

  it('never cites an article of one paragraph as 第一款, and cites items as 第一项', () => {
    const next = zh(
      chapter(
        '总则',
        article('为了规范数据处理活动，保障数据安全，制定本条例。'),
        article(
          '国家网信部门负责统筹协调网络数据安全工作。',
          '有关部门在各自职责范围内负责网络数据安全监督管理工作。',
        ),
        article(
          paragraph(
            '网络数据处理者应当履行下列义务：',
            item('建立健全数据安全管理制度；'),
            item('采取相应的技术措施。'),
          ),
        ),
      ),
      chapter(
        '法律责任',
        article('违反本条例第三条规定的，由有关主管部门责令改正，给予警告。'),
        article('本条例自公布之日起施行。'),
      ),
    );
    const { instrument, differences } = roundTrip(base(), next);
    expect(differences).toEqual([]);
    const all = texts(instrument);
    expect(all).toContain('在第一条中的“活动，”后增加“保障数据安全，”。');
    expect(all).toContain('删去第三条第二项。');
    expect(all.join('')).not.toContain('第一款');
  });

  it('quotes an added item with its label, and cites its paragraph when the article has several', () => {
    const next = zh(
      chapter(
        '总则',
        article('为了规范数据处理活动，制定本条例。'),
        article(
          '国家网信部门负责统筹协调网络数据安全工作。',
          paragraph(
            '有关部门在各自职责范围内负责网络数据安全监督管理工作。',
            item('工业和信息化部门负责工业领域；'),
          ),
        ),
        article(
          paragraph(
            '网络数据处理者应当履行下列义务：',
            item('建立健全数据安全管理制度；'),
            item('组织开展数据安全教育培训；'),
            item('采取相应的技术措施。'),
          ),
        ),
      ),
      chapter(
        '法律责任',
        article('违反本条例第三条规定的，由有关主管部门责令改正，给予警告。'),
        article('本条例自公布之日起施行。'),
      ),
    );
    const { instrument, differences } = roundTrip(base(), next);
    expect(differences).toEqual([]);
    expect(texts(instrument)).toEqual([
      '第二条第二款增加一项，作为第一项：“（一）工业和信息化部门负责工业领域；”',
    ]);
  });

  it('opens each quoted paragraph with “ and closes only the last', () => {
    const next = zh(
      chapter(
        '总则',
        article('为了规范数据处理活动，制定本条例。'),
        article(
          '国家网信部门负责统筹协调网络数据安全工作。',
          '有关部门在各自职责范围内负责网络数据安全监督管理工作。',
        ),
        article(
          paragraph(
            '网络数据处理者应当履行下列义务：',
            item('建立健全数据安全管理制度；'),
            item('组织开展数据安全教育培训；'),
            item('采取相应的技术措施。'),
          ),
        ),
        article('网络数据处理者应当定期开展风险评估。', '风险评估报告应当报送有关主管部门。'),
      ),
      chapter(
        '法律责任',
        article('违反本条例第三条规定的，由有关主管部门责令改正，给予警告。'),
        article('本条例自公布之日起施行。'),
      ),
    );
    const { instrument, differences } = roundTrip(base(), next);
    expect(differences).toEqual([]);
    expect(texts(instrument)).toEqual([
      '增加一条，作为第四条：“网络数据处理者应当定期开展风险评估。\n“风险评估报告应当报送有关主管部门。”',
    ]);
    // 本条例第三条 keeps its number, so no citation changes; the articles after the new one move down,
    // which the closing formula carries.
    expect(instrument.renumbers).toBe(true);
  });

  it('carries a citation renumbered by an insertion with the closing formula, and lists one changed otherwise', () => {
    const inserted = (citation: string) =>
      zh(
        chapter(
          '总则',
          article('新增的第一条。'),
          article('为了规范数据处理活动，制定本条例。'),
          article(
            '国家网信部门负责统筹协调网络数据安全工作。',
            '有关部门在各自职责范围内负责网络数据安全监督管理工作。',
          ),
          article(
            paragraph(
              '网络数据处理者应当履行下列义务：',
              item('建立健全数据安全管理制度；'),
              item('组织开展数据安全教育培训；'),
              item('采取相应的技术措施。'),
            ),
          ),
        ),
        chapter(
          '法律责任',
          article(`违反本条例${citation}规定的，由有关主管部门责令改正，给予警告。`),
          article('本条例自公布之日起施行。'),
        ),
      );
    const consequential = roundTrip(base(), inserted('第四条'));
    expect(consequential.differences).toEqual([]);
    expect(texts(consequential.instrument)).toEqual(['增加一条，作为第一条：“新增的第一条。”']);
    const real = roundTrip(base(), inserted('第三条'));
    expect(real.differences).toEqual([]);
    expect(texts(real.instrument)).toEqual([
      '增加一条，作为第一条：“新增的第一条。”',
      '将第四条改为第五条，将该条中的“本条例第三条”修改为“本条例第三条”。',
    ]);
  });

  it('merges and places articles; renames, adds and deletes chapters', () => {
    const old = zh(
      chapter(
        '总则',
        article('国家建立数据分类分级保护制度。'),
        article('数据处理者应当建立数据安全管理制度。', '数据处理者应当每年开展一次风险评估。'),
        article('重要数据目录由国家网信部门会同有关部门制定。'),
        article('重要数据的处理者应当明确数据安全负责人。'),
      ),
      chapter(
        '监督',
        article('网信部门依法开展监督检查。'),
        article('有关部门发现违法行为的，应当依法处理。'),
      ),
      chapter('附则', article('本条例自公布之日起施行。')),
    );
    const next = zh(
      chapter(
        '一般规定',
        article('国家建立数据分类分级保护制度。'),
        article('数据处理者应当建立数据安全管理制度。'),
        article('重要数据目录由国家网信部门会同有关部门制定。重要数据的处理者应当明确数据安全负责人。'),
      ),
      chapter(
        '风险评估',
        article('数据处理者应当每年开展一次风险评估。'),
        article('风险评估报告应当报送有关主管部门。'),
      ),
      chapter('附则', article('有关部门发现违法行为的，应当依法处理。'), article('本条例自公布之日起施行。')),
    );
    const { instrument, differences } = roundTrip(old, next);
    expect(differences).toEqual([]);
    expect(texts(instrument)).toEqual([
      '将第一章的章名修改为“一般规定”。',
      '删去第二条第二款。',
      '将第三条、第四条合并，作为第三条，修改为：“重要数据目录由国家网信部门会同有关部门制定。重要数据的处理者应当明确数据安全负责人。”',
      '删去第二章的章名。',
      '删去第五条。',
      '增加一章，作为第二章“风险评估”，包括第四条至第五条。',
      '增加一条，作为第四条：“数据处理者应当每年开展一次风险评估。”',
      '增加一条，作为第五条：“风险评估报告应当报送有关主管部门。”',
      '将第六条列入第三章。',
    ]);
    expect(instrument.instructions.map((i) => i.kind)).toEqual([
      'rename-division',
      'amend-article',
      'merge-articles',
      'delete-division',
      'delete-article',
      'add-division',
      'add-article',
      'add-article',
      'place-article',
    ]);
  });

  it('rewrites one paragraph, deletes words of another, adds an item; 此外 when the law is not republished', () => {
    const old = zh(
      chapter(
        '总则',
        article('为了规范数据处理活动，制定本条例。'),
        article(
          '国家网信部门负责统筹协调网络数据安全工作和相关监督管理工作。',
          '有关部门在各自职责范围内负责网络数据安全监督管理工作，依法查处违法行为。',
        ),
        article(
          paragraph(
            '网络数据处理者应当履行下列义务：',
            item('建立健全数据安全管理制度；'),
            item('采取相应的技术措施。'),
          ),
        ),
        article('本条例自公布之日起施行。'),
      ),
    );
    const next = zh(
      chapter(
        '总则',
        article('为了规范数据处理活动，制定本条例。'),
        article('新增的条文。'),
        article(
          '网信部门应当会同公安、国家安全等部门建立协调机制，统筹全国数据安全工作。',
          '有关部门负责网络数据安全监督管理工作，依法查处违法行为。',
        ),
        article(
          paragraph(
            '网络数据处理者应当履行下列义务：',
            item('建立健全数据安全管理制度；'),
            item('开展风险评估；'),
            item('采取相应的技术措施。'),
          ),
        ),
        article('本条例自公布之日起施行。'),
      ),
    );
    const { instrument, differences } = roundTrip(old, next, { republish: false });
    expect(differences).toEqual([]);
    // A quotation of content ends its instruction, so the paragraph rewrite comes last.
    expect(texts(instrument)).toEqual([
      '增加一条，作为第二条：“新增的条文。”',
      '将第二条改为第三条，删去该条中的“在各自职责范围内”；将第一款修改为：“网信部门应当会同公安、国家安全等部门建立协调机制，统筹全国数据安全工作。”',
      '将第三条改为第四条，增加一项，作为第二项：“（二）开展风险评估；”',
    ]);
    expect(instrument.instructions.map((i) => [i.kind, i.old, i.new])).toEqual([
      ['add-article', null, { article: 2 }],
      ['amend-article', { article: 2 }, { article: 3 }],
      ['amend-article', { article: 3 }, { article: 4 }],
    ]);
    expect(instrument.closing).toEqual(['此外，对条文顺序作相应调整。', '本决定自公布之日起施行。']);
  });

  it('splits off a paragraph as an article of its own', () => {
    const old = zh(
      chapter(
        '总则',
        article('国家建立数据分类分级保护制度。'),
        article(
          '数据处理者应当建立数据安全管理制度，落实数据安全保护责任。',
          '数据处理者应当每年开展一次数据安全风险评估。',
        ),
        article('本条例自公布之日起施行。'),
      ),
    );
    const next = zh(
      chapter(
        '总则',
        article('国家建立数据分类分级保护制度。'),
        article('数据处理者应当建立数据安全管理制度，落实数据安全保护责任。'),
        article('数据处理者应当每年开展一次数据安全风险评估。'),
        article('本条例自公布之日起施行。'),
      ),
    );
    const { instrument, differences } = roundTrip(old, next);
    expect(differences).toEqual([]);
    expect(texts(instrument)).toEqual(['将第二条第二款改为第三条。']);
  });

  it('writes the English forms of the official translations', () => {
    const old = en(
      chapter(
        'General Provisions',
        article('These Regulations are formulated to protect data.'),
        article(
          'The national cyberspace administration coordinates the work.',
          'Relevant departments supervise within their duties.',
        ),
        article('Network operators shall keep logs for six months.'),
      ),
    );
    const next = en(
      chapter(
        'General Provisions',
        article('These Regulations are formulated to protect data.'),
        article('Cybersecurity work shall follow the overall approach to national security.'),
        article('The national cyberspace administration coordinates the work.'),
        article('Network operators shall keep logs for twelve months.'),
      ),
    );
    const { instrument, differences } = roundTrip(old, next);
    expect(differences).toEqual([]);
    expect(instrument.title).toBe('Decision of the State Council on Amending the Test Regulations');
    expect(texts(instrument)).toEqual([
      'One article is added as Article 2: “Cybersecurity work shall follow the overall approach to national security.”',
      'Article 2 is renumbered as Article 3, and its second paragraph is deleted.',
      'Article 3 is renumbered as Article 4, and in it, “six” is replaced with “twelve”.',
    ]);
    expect(instrument.closing).toEqual([
      'This Decision shall come into force as of the date of promulgation.',
      'The Test Regulations shall be revised correspondingly in accordance with this Decision, with the order of its articles adjusted accordingly, and be re-promulgated.',
    ]);
  });
});

describe('the amendment style (修正案)', () => {
  const old = zh(
    chapter('总则', article('甲一。'), article('甲二。'), article('违反本条例第二条规定的，予以处罚。')),
    chapter('附则', article('本条例自公布之日起施行。')),
  );
  const next = zh(
    chapter(
      '总则',
      article('甲一。'),
      article('甲二。'),
      article('新增，适用本条例第五条。'),
      article('违反本条例第二条、第三条规定的，予以处罚。'),
    ),
    chapter('附则', article('本条例自公布之日起施行。')),
  );

  it('renumbers nothing: an article added after 第二条 is 第二条之一, and citations use that label', () => {
    const { instrument, differences, text } = roundTrip(old, next, {
      style: 'amendment',
      effective: '2026年3月1日',
    });
    expect(differences).toEqual([]);
    expect(instrument.title).toBe('测试条例修正案');
    expect(texts(instrument)).toEqual([
      '在测试条例第二条后增加一条，作为第二条之一：“新增，适用本条例第四条。”',
      '在测试条例第三条中的“规定的”前增加“、第二条之一”。',
    ]);
    expect(text).toContain('三、本修正案自2026年3月1日起施行。');
    expect(instrument.renumbers).toBe(false);
  });

  it('writes English labels with letters', () => {
    const oldEn = en(
      chapter('General Provisions', article('Rule one.'), article('Rule two.'), article('Rule three.')),
    );
    const nextEn = en(
      chapter(
        'General Provisions',
        article('Rule one.'),
        article('Rule two.'),
        article('A new rule.'),
        article('Rule three.'),
      ),
    );
    const { instrument, differences } = roundTrip(oldEn, nextEn, { style: 'amendment' });
    expect(differences).toEqual([]);
    expect(texts(instrument)).toEqual([
      'One article is added after Article 2 of the Test Regulations as Article 2A: “A new rule.”',
    ]);
  });
});

describe('sections and parts', () => {
  it('places an article added at the start of a section', () => {
    const old = zh(
      chapter('总则', article('一。')),
      chapter(
        '运行安全',
        section('一般规定', article('二。'), article('三。')),
        section('关键设施', article('四。')),
      ),
    );
    const next = zh(
      chapter('总则', article('一。')),
      chapter(
        '运行安全',
        section('一般规定', article('二。'), article('三。')),
        section('关键设施', article('新增。'), article('四。')),
      ),
    );
    const { instrument, differences } = roundTrip(old, next);
    expect(differences).toEqual([]);
    expect(texts(instrument)).toEqual(['在第二章第二节中增加一条，作为第四条：“新增。”']);
  });
});
