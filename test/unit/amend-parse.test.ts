// Reading and applying instruments typed by people, in the real style (the 2025 decision on the
// Cybersecurity Law, typed with its quirks), each form of instruction, and bad instruments: every
// problem names its instruction and nothing is applied.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyInstrument,
  article,
  buildOutline,
  chapter,
  doc,
  InstrumentError,
  item,
  paragraph,
  parseInstrument,
  parseLaw,
  section,
  sequentialIds,
  tryApplyInstrument,
  withIds,
} from '../../core/index.ts';
import type { Outline } from '../../core/index.ts';
import type { Node as PMNode } from 'prosemirror-model';

const cybersecurity2016 = (() => {
  const text = readFileSync(
    new URL('../fixtures/laws/cybersecurity-law-2016.zh.md', import.meta.url),
    'utf8',
  );
  return buildOutline(parseLaw(text, { language: 'zh' }).doc, 'zh');
})();

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

const apply = (law: Outline, text: string) => buildOutline(applyInstrument(law, text).doc, law.language);
const problems = (law: Outline, text: string) => {
  const result = tryApplyInstrument(law, text);
  if (result.ok) throw new Error('the instrument was applied');
  return result.problems;
};

// Five instructions of the 2025 decision as a person types them: a straight-quoted quotation, a
// half-width comma, a multi-paragraph quotation, the title's adoption line.
const decision2025 = `全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定

（2025年10月28日第十四届全国人民代表大会常务委员会第十八次会议通过）

第十四届全国人民代表大会常务委员会第十八次会议决定对《中华人民共和国网络安全法》作如下修改：

一、增加一条，作为第三条："网络安全工作坚持中国共产党的领导，贯彻总体国家安全观，统筹发展和安全，推进网络强国建设。"

二、将第十八条改为第十九条,删去第二款。

三、增加一条，作为第二十条：“国家支持人工智能基础理论研究和算法等关键技术研发，推进训练数据资源、算力等基础设施建设，完善人工智能伦理规范，加强风险监测评估和安全监管，促进人工智能应用和健康发展。
“国家支持创新网络安全管理方式，运用人工智能等新技术，提升网络安全保护水平。”

四、将第四十条改为第四十二条，增加一款，作为第二款：“网络运营者处理个人信息，应当遵守本法和《中华人民共和国民法典》、《中华人民共和国个人信息保护法》等法律、行政法规的规定。”

五、删去第六十四条、第六十六条。

本决定自2026年1月1日起施行。

《中华人民共和国网络安全法》根据本决定作相应修改并对条文顺序作相应调整，重新公布。
`;

describe('an instrument typed in the real style', () => {
  it('reads the title, the preamble, five instructions and the closing', () => {
    const parsed = parseInstrument(decision2025);
    expect(parsed.problems).toEqual([]);
    expect(parsed.style).toBe('decision');
    expect(parsed.title).toBe('全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定');
    expect(parsed.instructions.map((i) => i.number)).toEqual([1, 2, 3, 4, 5]);
    expect(parsed.renumbers).toBe(true);
    expect(parsed.instructions[2].operations).toEqual([
      {
        op: 'add-article',
        at: { number: 20 },
        paragraphs: [
          { text: expect.stringMatching(/^国家支持人工智能基础理论研究/), items: [] },
          { text: '国家支持创新网络安全管理方式，运用人工智能等新技术，提升网络安全保护水平。', items: [] },
        ],
      },
    ]);
  });

  it('applies it: articles added and renumbered, paragraphs deleted and added, citations following', () => {
    const law = apply(cybersecurity2016, decision2025);
    expect(law.articles).toHaveLength(79 + 2 - 2);
    expect(law.articles[2].text).toBe(
      '网络安全工作坚持中国共产党的领导，贯彻总体国家安全观，统筹发展和安全，推进网络强国建设。',
    );
    expect(law.articles[18].paragraphs).toHaveLength(1);
    expect(law.articles[18].text).toMatch(/^国家鼓励开发网络数据安全保护和利用技术/);
    expect(law.articles[19].paragraphs).toHaveLength(2);
    expect(law.articles[41].paragraphs[1].text).toMatch(/^网络运营者处理个人信息/);
    // 本法第二十一条 follows its article, now 第二十三条 (the formula says so).
    expect(law.articles.find((a) => a.text.startsWith('除本法'))?.text).toMatch(/^除本法第二十三条的规定外/);
    expect(law.articles.some((a) => a.text.includes('侵害个人信息依法得到保护的权利'))).toBe(false);
  });

  it('adds the headnote when asked', () => {
    const result = applyInstrument(cybersecurity2016, decision2025, {
      headnote: '2025年10月28日第十四届全国人民代表大会常务委员会第十八次会议',
    });
    expect(buildOutline(result.doc, 'zh').preamble).toContain(
      '根据2025年10月28日第十四届全国人民代表大会常务委员会第十八次会议《关于修改〈中华人民共和国网络安全法〉的决定》修正',
    );
  });
});

describe('each form, typed', () => {
  const law = () =>
    zh(
      chapter(
        '总则',
        article('为了规范数据处理活动，制定本条例。'),
        article('国家网信部门负责统筹协调网络数据安全工作。', '有关部门在各自职责范围内负责监督管理工作。'),
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
        '监督管理',
        section(
          '一般规定',
          article('违反本条例第三条规定的，责令改正。'),
          article('本条例所称数据，是指任何记录。'),
        ),
      ),
      chapter('附则', article('本条例自公布之日起施行。')),
    );
  const typed = (...instructions: string[]) =>
    ['国务院关于修改《测试条例》的决定', '国务院决定对《测试条例》作如下修改：', ...instructions].join('\n');

  it('reads 1. numbering, half-width punctuation and straight quotes', () => {
    const result = apply(
      law(),
      typed(
        '1. 将第一条中的"规范"修改为"规范和促进";删去第二条第二款。',
        '2、在第五条中的"任何"后增加"以电子或者其他方式对信息的"。',
      ),
    );
    expect(result.articles[0].text).toBe('为了规范和促进数据处理活动，制定本条例。');
    expect(result.articles[1].paragraphs).toHaveLength(1);
    expect(result.articles[4].text).toBe('本条例所称数据，是指任何以电子或者其他方式对信息的记录。');
  });

  it('reads word deletions, paragraph and item rewrites, added paragraphs and items', () => {
    const result = apply(
      law(),
      typed(
        '一、删去第一条中的“数据”。',
        '二、将第二条第二款修改为：“有关部门在各自职责范围内负责网络数据安全监督管理工作。”',
        '三、将第三条第二项修改为：“（二）每年组织开展数据安全教育培训；”',
        '四、第三条增加一项，作为第四项：“（四）法律、行政法规规定的其他义务。”',
        '五、第四条增加一款，作为第二款：“情节严重的，依法给予处分。”',
      ),
    );
    expect(result.articles[0].text).toBe('为了规范处理活动，制定本条例。');
    expect(result.articles[1].paragraphs[1].text).toBe(
      '有关部门在各自职责范围内负责网络数据安全监督管理工作。',
    );
    expect(result.articles[2].paragraphs[0].items.map((i) => i.text)).toEqual([
      '建立健全数据安全管理制度；',
      '每年组织开展数据安全教育培训；',
      '采取相应的技术措施。',
      '法律、行政法规规定的其他义务。',
    ]);
    expect(result.articles[3].paragraphs.map((p) => p.text)).toEqual([
      '违反本条例第三条规定的，责令改正。',
      '情节严重的，依法给予处分。',
    ]);
  });

  it('reads splitting, renaming and adding chapters and sections', () => {
    const result = apply(
      law(),
      typed(
        '一、将第二条第二款改为第三条。',
        '二、将第二章第一节的节名修改为“监督检查”。',
        '三、将第二章的章名修改为“监督”。',
        '四、增加一章，作为第三章“法律责任”，包括第六条。',
        '此外，对条文顺序作相应调整。',
      ),
    );
    expect(result.articles.map((a) => a.text)).toEqual([
      '为了规范数据处理活动，制定本条例。',
      '国家网信部门负责统筹协调网络数据安全工作。',
      '有关部门在各自职责范围内负责监督管理工作。',
      expect.stringMatching(/^网络数据处理者应当履行下列义务：/),
      '违反本条例第四条规定的，责令改正。',
      '本条例所称数据，是指任何记录。',
      '本条例自公布之日起施行。',
    ]);
    expect(result.divisions.map((d) => `${d.label} ${d.heading}`)).toEqual([
      '第一章 总则',
      '第二章 监督',
      '第一节 监督检查',
      '第三章 法律责任',
      '第四章 附则',
    ]);
  });

  it('reads merging and moving articles', () => {
    const result = apply(
      law(),
      typed(
        '一、将第一条、第二条合并，作为第一条。',
        '二、将第五条改为第三条，列入第一章。',
        '此外，对条文顺序作相应调整。',
      ),
    );
    expect(result.articles.map((a) => a.text)).toEqual([
      '为了规范数据处理活动，制定本条例。\n国家网信部门负责统筹协调网络数据安全工作。\n有关部门在各自职责范围内负责监督管理工作。',
      expect.stringMatching(/^网络数据处理者应当履行下列义务：/),
      '本条例所称数据，是指任何记录。',
      '违反本条例第二条规定的，责令改正。',
      '本条例自公布之日起施行。',
    ]);
    expect(result.articles.map((a) => a.chapterId)).toEqual([
      result.divisions[0].id,
      result.divisions[0].id,
      result.divisions[0].id,
      result.divisions[1].id,
      result.divisions[3].id,
    ]);
  });

  it('reads whole rewrites, renumbered or not, quoting items over several paragraphs', () => {
    const result = apply(
      law(),
      typed(
        '一、删去第二条。',
        '二、将第三条改为第二条，修改为：“网络数据处理者应当履行下列义务：',
        '“（一）建立健全数据安全管理制度；',
        '“（二）采取相应的技术措施。”',
        '三、将第五条改为第四条，修改为：“本条例所称网络数据，是指通过网络处理和产生的各种电子数据。”',
        '此外，对条文顺序作相应调整。',
      ),
    );
    expect(result.articles.map((a) => a.text)).toEqual([
      '为了规范数据处理活动，制定本条例。',
      '网络数据处理者应当履行下列义务：\n（一）建立健全数据安全管理制度；\n（二）采取相应的技术措施。',
      // 本条例第三条 follows its article, now 第二条.
      '违反本条例第二条规定的，责令改正。',
      '本条例所称网络数据，是指通过网络处理和产生的各种电子数据。',
      '本条例自公布之日起施行。',
    ]);
    expect(result.articles[1].paragraphs[0].items.map((i) => i.text)).toEqual([
      '建立健全数据安全管理制度；',
      '采取相应的技术措施。',
    ]);
  });

  it('reads words deleted from and added before words of a paragraph, and an item added to one', () => {
    const result = apply(
      law(),
      typed(
        '一、删去第二条第二款中的“在各自职责范围内”。',
        '二、在第二条第一款中的“负责”前增加“会同有关部门”。',
        '三、第二条第一款增加一项，作为第一项：“（一）统筹协调网络数据安全工作；”',
      ),
    );
    expect(result.articles[1].paragraphs.map((p) => p.text)).toEqual([
      '国家网信部门会同有关部门负责统筹协调网络数据安全工作。',
      '有关部门负责监督管理工作。',
    ]);
    expect(result.articles[1].paragraphs[0].items.map((i) => i.text)).toEqual(['统筹协调网络数据安全工作；']);
  });

  it('reads a merge with the text of the merged article, and deletes a chapter with its articles', () => {
    const result = apply(
      law(),
      typed(
        '一、将第一条、第二条合并，作为第一条，修改为：“为了规范数据处理活动，制定本条例。国家网信部门负责统筹协调。”',
        '二、删去第三章。',
        '此外，对条文顺序作相应调整。',
      ),
    );
    expect(result.articles.map((a) => a.text)).toEqual([
      '为了规范数据处理活动，制定本条例。国家网信部门负责统筹协调。',
      expect.stringMatching(/^网络数据处理者应当履行下列义务：/),
      '违反本条例第二条规定的，责令改正。',
      '本条例所称数据，是指任何记录。',
    ]);
    expect(result.divisions.map((d) => d.label)).toEqual(['第一章', '第二章', '第一节']);
  });

  it('refuses to leave a chapter without articles', () => {
    expect(problems(law(), typed('一、将第六条改为第四条，列入第二章第一节。'))).toEqual([
      { instruction: 1, message: '第三章 would be left without articles' },
    ]);
  });

  it('reads a 修正案: labels 之一, articles cited by their labels', () => {
    const result = apply(
      law(),
      [
        '测试条例修正案',
        '一、在测试条例第一条后增加一条，作为第一条之一：“依照本条例第四条处罚。”',
        '二、在测试条例第一条后增加一条，作为第一条之二：“第一条之一的规定适用于外国人。”',
        '三、本修正案自2026年1月1日起施行。',
      ].join('\n'),
    );
    expect(result.articles.map((a) => a.text).slice(0, 4)).toEqual([
      '为了规范数据处理活动，制定本条例。',
      '依照本条例第六条处罚。',
      '第二条的规定适用于外国人。',
      '国家网信部门负责统筹协调网络数据安全工作。\n有关部门在各自职责范围内负责监督管理工作。',
    ]);
  });

  it('reads English instructions in the wording of the official translations', () => {
    const law = en(
      chapter(
        'General Provisions',
        article('These Regulations protect data.'),
        article('The national cyberspace administration coordinates.', 'Relevant departments supervise.'),
        article(paragraph('Operators shall:', item('keep logs;'), item('report incidents.'))),
      ),
    );
    const result = apply(
      law,
      [
        'Decision of the State Council on Amending the Test Regulations',
        'It is decided by the State Council that the Test Regulations shall be amended as follows:',
        '1. In Article 1, "protect" is replaced by "protect and promote".',
        '2. The second paragraph of Article 2 shall be deleted.',
        '3. One subparagraph is added to Article 3 as subparagraph (3): "(3) train their staff."',
        '4. One article is added as Article 4: "Operators shall appoint a security officer.',
        '"The officer shall report to the board."',
      ].join('\n'),
    );
    expect(result.articles.map((a) => a.text)).toEqual([
      'These Regulations protect and promote data.',
      'The national cyberspace administration coordinates.',
      'Operators shall:\n(1) keep logs;\n(2) report incidents.\n(3) train their staff.',
      'Operators shall appoint a security officer.\nThe officer shall report to the board.',
    ]);
  });
});

describe('bad instruments', () => {
  const law = () =>
    zh(
      chapter(
        '总则',
        article('数据处理者应当依法处理数据，保障数据安全。'),
        article('国家网信部门负责统筹协调。', '有关部门负责监督管理。'),
      ),
      chapter('附则', article('本条例自公布之日起施行。')),
    );
  const typed = (...instructions: string[]) =>
    ['国务院关于修改《测试条例》的决定', ...instructions].join('\n');

  it('names a target that does not exist', () => {
    expect(problems(law(), typed('一、删去第九条。'))).toEqual([
      { instruction: 1, message: '第九条 does not exist: the law has 3 articles' },
    ]);
    expect(problems(law(), typed('一、删去第二条第三款。'))).toEqual([
      { instruction: 1, message: '第二条 has no 第三款: it has 2' },
    ]);
    expect(problems(law(), typed('一、将第一条第二项修改为：“（二）……”'))).toEqual([
      { instruction: 1, message: '第一条 has no 第二项: it has 0' },
    ]);
  });

  it('names words not found, or found more than once', () => {
    expect(problems(law(), typed('一、将第一条中的“信息”修改为“数据”。'))).toEqual([
      { instruction: 1, message: '“信息” is not found in 第一条' },
    ]);
    expect(problems(law(), typed('一、将第一条中的“数据”修改为“信息”。'))).toEqual([
      {
        instruction: 1,
        message: '“数据” is found 3 times in 第一条: quote more words so that it is found once',
      },
    ]);
  });

  it('names wrong numbering: of instructions, of places, of quoted items', () => {
    expect(problems(law(), typed('一、删去第二条第二款。', '三、删去第三条。'))[0]).toEqual({
      instruction: 3,
      message: 'instructions are numbered out of order: 三、 where 二、 was expected',
    });
    expect(problems(law(), typed('一、增加一条，作为第五条：“新增。”'))).toEqual([
      { instruction: 1, message: '第五条 is beyond the 4 articles of the amended law' },
    ]);
    expect(problems(law(), typed('一、第二条增加一项，作为第一项：“（二）新增。”'))).toEqual([
      { instruction: 1, message: 'the quoted item is numbered （二） but is added as 第一项' },
    ]);
  });

  it('names instructions at odds with each other', () => {
    expect(problems(law(), typed('一、删去第二条。', '二、将第二条修改为：“新的。”'))).toEqual([
      { instruction: 2, message: '第二条 is deleted by instruction 1' },
    ]);
  });

  it('names a clause it cannot read, and applies nothing', () => {
    const text = typed('一、删去第二条第二款。', '二、将第一条变成新的样子。');
    expect(problems(law(), text)).toEqual([
      { instruction: 2, message: 'cannot read “将第一条变成新的样子。”' },
    ]);
    expect(() => applyInstrument(law(), text)).toThrow(InstrumentError);
    expect(() => applyInstrument(law(), text)).toThrow('instruction 2: cannot read');
  });

  it('names the instruction that would leave a section outside a chapter', () => {
    const law = zh(
      chapter('总则', article('一。')),
      chapter('监督管理', section('一般规定', article('二。'), article('三。'))),
    );
    expect(problems(law, typed('一、删去第一条。', '二、删去第二章的章名。'))).toEqual([
      { instruction: 2, message: 'the section 一般规定 would stand outside a chapter' },
    ]);
  });

  it('refuses a line after the instructions that is none of an instrument’s, rather than drop it', () => {
    // An unnumbered instruction: typed as one, it would otherwise be silently left unapplied.
    expect(
      problems(
        law(),
        typed('一、删去第二条第二款。', '删去第三条。', '本决定自公布之日起施行。', '附：说明'),
      ),
    ).toEqual([
      {
        instruction: null,
        message:
          'cannot read “删去第三条。” after instruction 1: it is neither an instruction, a quotation nor a closing sentence',
      },
      {
        instruction: null,
        message:
          'cannot read “附：说明” after instruction 1: it is neither an instruction, a quotation nor a closing sentence',
      },
    ]);
  });

  it('refuses an empty text and one without instructions', () => {
    expect(problems(law(), '')).toEqual([{ instruction: null, message: 'empty instrument' }]);
    expect(problems(law(), 'hello world\nnothing here')).toEqual([
      { instruction: null, message: 'no numbered instruction found' },
    ]);
    // Text that holds a closing sentence but no instruction (the JSON of an instrument) is no
    // instrument; only a drafted one between equal texts — title, preamble, closing — has none.
    const json = JSON.stringify(
      {
        title: '国务院关于修改《测试条例》的决定',
        closing: ['本决定自公布之日起施行。', '《测试条例》根据本决定作相应修改，重新公布。'],
      },
      null,
      1,
    );
    expect(problems(law(), json)[0]).toEqual({ instruction: null, message: 'no numbered instruction found' });
    const none = typed('本决定自公布之日起施行。');
    expect(apply(law(), none).articles.map((a) => a.text)).toEqual(law().articles.map((a) => a.text));
  });
});
