/// What each note of a preamble is, so that documents for readers can set it as printed laws do:
/// the enactment history under the title ("2016年11月7日 第十二届全国人民代表大会常务委员会第二十四次会议通过",
/// "(Adopted at the 30th Session … on August 20, 2021)"), the heading of an explanatory note (起草说明,
/// "Explanatory Note"), or text (the explanatory note's paragraphs, and anything else).
/// The role of one preamble note.
export type PreambleRole = 'enactment' | 'heading' | 'text';

// A line of enactment history: a date, then who did what (通过, 修正, 修订, 公布, 施行 …), in brackets
// or not; "根据2025年…修正" too. One clause, so no full stop inside.
const zhEnactment =
  /^(?:根据)?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。]{4,200}(?:通过|修正|修订|公布|施行|批准|发布)$/;
const enEnactment =
  /^(?:Adopted|Amended|Revised|Promulgated|Passed|Issued|Approved|Effective|Entered into force)\b[^\n]{0,400}\b(?:1[89]|20)\d{2}\b[^\n]{0,200}$/i;
// The heading of an explanatory note: a short line, no sentence punctuation.
const zhHeading = /^(?:关于[^。，]{2,60}的)?(?:起草|编制|修订|修改)?说明$/;
const enHeading =
  /^(?:Explanatory (?:Note|Notes|Memorandum|Statement)|Explanation|Drafting Notes?|Notes? on the Draft)$/i;

/// The role of each of `notes` (a draft's preamble, source comments already left out). Both
/// languages' forms are recognised whatever the draft's language (translations mix them); everything
/// not a history line or a heading is text.
export function preambleRoles(notes: readonly string[]): PreambleRole[] {
  return notes.map((note) => {
    const bare = note
      .trim()
      .replace(/^[（(]\s*/, '')
      .replace(/\s*[）)]\s*[。.]?$/, '')
      .trim();
    if (zhEnactment.test(bare) || enEnactment.test(bare)) return 'enactment';
    if (zhHeading.test(bare) || enHeading.test(bare)) return 'heading';
    return 'text';
  });
}
