/// The model of an amending instrument (DESIGN.md "Amending instruments"): what a legislature adopts
/// instead of the new text — 关于修改《…》的决定, a 修正案, or English amending instructions — as
/// numbered instructions, each a short list of operations on the law as in force.
///
/// Numbers follow one rule throughout: a provision that already exists is cited by its number in
/// the law as in force (its "old" number: 删去第十八条第二款); a place where something stands after
/// the amendment is named by its number in the amended law (增加一条，作为第二十条; 增加一款，作为第二款).
/// Items are quoted with their label (“（二）……”) and cited as 第二项.
import type { Language } from '../language.ts';
import type { DivisionLevel } from '../compare/structure.ts';

/// How the instrument is written: `decision` (修改决定: the law is renumbered and republished; an
/// amended article whose number changes says so, 将第十八条改为第十九条) or `amendment` (修正案: no
/// article changes its number, an article inserted after 第十七条 is 第十七条之一, the law is not
/// republished).
export type InstrumentStyle = 'decision' | 'amendment';

/// Every instrument style, in a stable order.
export const instrumentStyles: readonly InstrumentStyle[] = ['decision', 'amendment'];

/// Whether `value` names an instrument style.
export function isInstrumentStyle(value: unknown): value is InstrumentStyle {
  return value === 'decision' || value === 'amendment';
}

/// An existing provision, by its numbers in the law as in force: an article, optionally one of its
/// paragraphs (款), optionally one item (项) of that paragraph. An article of one paragraph is never
/// cited by paragraph: its items have `paragraph` 1 here and are cited as 第十二条第三项.
export interface ProvisionRef {
  readonly article: number;
  readonly paragraph?: number;
  readonly item?: number;
}

/// Where an article stands in the amended law: by its number (decision style: 作为第二十条), or as
/// the `index`th article inserted after the article numbered `after` in the law as in force (amendment
/// style: 第十七条之一 is `{after: 17, index: 1}`; `after` 0 is before the first article).
export type ArticlePosition =
  { readonly number: number } | { readonly after: number; readonly index: number };

/// A part, chapter or section by its numbers: chapters within their part, sections within their
/// chapter. A target (rename, delete) is numbered as in force; a place (add, placement) as amended.
export interface DivisionRef {
  readonly level: DivisionLevel;
  readonly part?: number;
  readonly chapter?: number;
  readonly section?: number;
}

/// The text of an item (项) and of its subitems (目), without labels.
export interface ItemText {
  readonly text: string;
  readonly subitems: readonly string[];
}

/// The text of a paragraph (款) and of its items, without labels.
export interface ParagraphText {
  readonly text: string;
  readonly items: readonly ItemText[];
}

/// One operation of an instruction. Word operations quote words of the provision as in force; they
/// must be found exactly once in it (spacing and the width of punctuation aside).
export type Operation =
  /// 增加一条，作为第X条：“…” (`into`: 在第N章中增加一条).
  | {
      readonly op: 'add-article';
      readonly at: ArticlePosition;
      readonly paragraphs: readonly ParagraphText[];
      readonly into?: DivisionRef;
    }
  /// 删去第X条 / 删去第X条、第Y条 / 删去第X条至第Y条.
  | { readonly op: 'delete-articles'; readonly articles: readonly number[] }
  /// 将第X条改为第Y条 (`into`: ，列入第N章).
  | {
      readonly op: 'renumber-article';
      readonly article: number;
      readonly at: ArticlePosition;
      readonly into?: DivisionRef;
    }
  /// 将第X条列入第N章 / 将第X条至第Y条列入第N章第M节.
  | { readonly op: 'place-articles'; readonly articles: readonly number[]; readonly into: DivisionRef }
  /// 将第X条[第K款[第M项]]修改为：“…”. An item's new text is `paragraphs[0].items[0]`, quoted with
  /// `label`, its number in the amended paragraph (defaults to `target.item`); a paragraph's is
  /// `paragraphs[0]`.
  | {
      readonly op: 'rewrite';
      readonly target: ProvisionRef;
      readonly paragraphs: readonly ParagraphText[];
      readonly label?: number;
    }
  /// 删去第X条第K款 / 删去第X条第K款第M项.
  | { readonly op: 'delete-provision'; readonly target: ProvisionRef }
  /// 第X条增加一款，作为第K款：“…”. `at` is the paragraph's number in the amended article.
  | {
      readonly op: 'add-paragraph';
      readonly article: number;
      readonly at: number;
      readonly paragraph: ParagraphText;
    }
  /// 第X条第K款增加一项，作为第M项：“（M）…”. `paragraph` as in force, `at` as amended.
  | {
      readonly op: 'add-item';
      readonly article: number;
      readonly paragraph: number;
      readonly at: number;
      readonly item: ItemText;
    }
  /// 将第X条中的“A”修改为“B”.
  | {
      readonly op: 'replace-words';
      readonly target: ProvisionRef;
      readonly from: string;
      readonly to: string;
    }
  /// 删去第X条中的“A”.
  | { readonly op: 'delete-words'; readonly target: ProvisionRef; readonly words: string }
  /// 在第X条中的“A”后增加“B” (or 前, `side` 'before').
  | {
      readonly op: 'insert-words';
      readonly target: ProvisionRef;
      readonly anchor: string;
      readonly side: 'after' | 'before';
      readonly words: string;
    }
  /// 将第X条、第Y条合并，作为第Z条[，修改为：“…”]. Without `paragraphs`, the merged article is the
  /// paragraphs of the articles in order.
  | {
      readonly op: 'merge-articles';
      readonly articles: readonly number[];
      readonly at: ArticlePosition;
      readonly paragraphs?: readonly ParagraphText[];
      readonly into?: DivisionRef;
    }
  /// 将第X条第K款[至第L款]改为第Y条[，修改为：“…”]: the paragraphs leave article X and become an
  /// article of their own.
  | {
      readonly op: 'split-article';
      readonly article: number;
      readonly from: number;
      readonly to: number;
      readonly at: ArticlePosition;
      readonly paragraphs?: readonly ParagraphText[];
      readonly into?: DivisionRef;
    }
  /// 将第N章的章名修改为“…”.
  | { readonly op: 'rename-division'; readonly division: DivisionRef; readonly heading: string }
  /// 增加一章，作为第N章“…”，包括第A条至第B条. `first` and `last` are places in the amended law.
  | {
      readonly op: 'add-division';
      readonly at: DivisionRef;
      readonly heading: string;
      readonly first: ArticlePosition;
      readonly last: ArticlePosition;
    }
  /// 删去第N章 (with `articles`: the chapter and every article in it) or 删去第N章的章名 (the heading
  /// only: its articles join the division before them).
  | { readonly op: 'delete-division'; readonly division: DivisionRef; readonly articles: boolean }
  /// 将名称修改为“…”.
  | { readonly op: 'rename-law'; readonly title: string };

/// What an instruction does, for lists and the JSON report.
export type InstructionKind =
  | 'add-article'
  | 'delete-article'
  | 'rewrite-article'
  | 'amend-article'
  | 'renumber-article'
  | 'place-article'
  | 'merge-articles'
  | 'split-article'
  | 'add-division'
  | 'rename-division'
  | 'delete-division'
  | 'rename-law';

/// One numbered instruction.
export interface Instruction {
  /// 1-based, as printed (一、二、… / 1. 2. …).
  readonly number: number;
  readonly kind: InstructionKind;
  /// The instruction as printed after its number; a quotation of several paragraphs spans several lines.
  readonly text: string;
  readonly operations: readonly Operation[];
  /// The provision it changes, by its numbers in the law as in force; null when it adds something new.
  readonly old: ProvisionRef | null;
  /// Where the result stands in the amended law (by article number); null when it deletes.
  readonly new: ProvisionRef | null;
  /// The rows of the comparison this instruction makes (indices into `Comparison.rows`); empty when
  /// the instrument was parsed rather than drafted.
  readonly rows: readonly number[];
}

/// A whole instrument.
export interface Instrument {
  readonly style: InstrumentStyle;
  readonly language: Language;
  /// The name of the amended law: 中华人民共和国网络安全法.
  readonly law: string;
  /// 全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定.
  readonly title: string;
  /// The sentence before the instructions: …决定对《…》作如下修改：
  readonly preamble: string;
  readonly instructions: readonly Instruction[];
  /// The closing sentences: 本决定自…起施行。 and the formula on renumbering and republication.
  readonly closing: readonly string[];
  /// Whether the closing formula carries the renumbering of the articles (对条文顺序作相应调整), so that
  /// citations of renumbered articles follow without instructions of their own.
  readonly renumbers: boolean;
}

/// One thing wrong with an instrument, or with applying it: the instruction (by its printed number;
/// null for the instrument as a whole) and why.
export interface InstrumentProblem {
  readonly instruction: number | null;
  readonly message: string;
}

/// The one exception type of core/amend for expected failures: an instrument that cannot be read or
/// applied. `problems` lists every problem found; nothing was applied.
export class InstrumentError extends Error {
  constructor(readonly problems: readonly InstrumentProblem[]) {
    super(problems.map(problemText).join('; ') || 'invalid instrument');
    this.name = 'InstrumentError';
  }
}

/// A problem as one line: "instruction 3: …", or the message alone for the whole instrument.
export function problemText(problem: InstrumentProblem): string {
  return problem.instruction === null
    ? problem.message
    : `instruction ${problem.instruction}: ${problem.message}`;
}
