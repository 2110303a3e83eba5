/// Printing instructions: the operations of one instruction as the sentence a drafter writes, in the
/// forms of NPC decisions (zh) and of their official English translations (en):
///
///     增加一条，作为第三条：“……”                    One article is added as Article 3: “…”
///     将第十八条改为第十九条，删去第二款。            Article 18 is renumbered as Article 19, and its
///                                                     second paragraph is deleted.
///     将第二十一条中的“A”修改为“B”。                In Article 21, “A” is replaced with “B”.
///
/// The first clause of an instruction names its article; the clauses after it (and after
/// 将第X条改为第Y条) leave it implied: 删去第二款 / its second paragraph. A quotation of several
/// paragraphs opens each with “ and closes only the last with ”; a quotation inside quoted text is
/// written with single quotation marks (‘’) in Chinese, as GB/T 15834 has it.
import type { Language } from '../language.ts';
import { citationLabel, label } from '../numbering.ts';
import { chineseNumeral, ordinalWord, romanNumeral } from '../numerals.ts';
import { contentLines, itemLines } from './content.ts';
import type {
  ArticlePosition,
  DivisionRef,
  InstrumentStyle,
  ItemText,
  Operation,
  ParagraphText,
  ProvisionRef,
} from './model.ts';
import { enLabel, zhLabel } from './renumber.ts';

/// What printing needs to know of the law besides the operations.
export interface PrintContext {
  readonly language: Language;
  readonly style: InstrumentStyle;
  /// The short name of the law, written before the first article a 修正案 names (刑法第十七条, "Article 17
  /// of the Criminal Law"); empty for none.
  readonly lawName: string;
  /// How many paragraphs article `n` of the law as in force has (an article of one paragraph is
  /// never cited by paragraph).
  readonly paragraphCount: (article: number) => number;
  /// Whether the law as in force, and the amended law, are divided into parts (编): then chapters are
  /// named with their part (第二编第五章).
  readonly oldHasParts: boolean;
  readonly newHasParts: boolean;
}

/// The text of an instruction made of `operations` (without its number).
export function printInstruction(operations: readonly Operation[], ctx: PrintContext): string {
  const zh = ctx.language === 'zh';
  const [first, ...rest] = operations;
  let subject: number | null = null;
  let text: string;
  const parts: string[] = [];
  if (first.op === 'renumber-article' && rest.length > 0) {
    subject = first.article;
    text = zh ? renumberZh(first, ctx) : renumberEn(first, ctx);
    for (const op of rest) parts.push(clause(op, ctx, subject, true));
    const joined = zh ? joinZh(text, parts) : joinEn(text, parts);
    return finish(joined, operations[operations.length - 1], ctx.language);
  }
  text = clause(first, ctx, null, false);
  subject = subjectOf(first);
  for (const op of rest) parts.push(clause(op, ctx, subject, true));
  const sentence =
    parts.length === 0 ? text : zh ? `${text}；${parts.join('；')}` : `${text}; ${parts.join('; ')}`;
  return finish(sentence, operations[operations.length - 1], ctx.language);
}

function joinZh(head: string, clauses: readonly string[]): string {
  return clauses.length === 0 ? head : `${head}，${clauses.join('；')}`;
}

function joinEn(head: string, clauses: readonly string[]): string {
  return clauses.length === 0 ? head : `${head}, and ${clauses.join('; ')}`;
}

// A sentence ends with 。 / . unless it ends with a quotation of content.
function finish(sentence: string, last: Operation, language: Language): string {
  return carriesContent(last) ? sentence : sentence + (language === 'zh' ? '。' : '.');
}

/// The article an operation is about, when it is about one existing article.
export function subjectOf(op: Operation): number | null {
  switch (op.op) {
    case 'rewrite':
    case 'delete-provision':
    case 'replace-words':
    case 'delete-words':
    case 'insert-words':
      return op.target.article;
    case 'add-paragraph':
    case 'add-item':
    case 'renumber-article':
      return op.article;
    case 'place-articles':
      return op.articles.length === 1 ? op.articles[0] : null;
    default:
      return null;
  }
}

// One clause; `implied` when the instruction's article was already named.
function clause(op: Operation, ctx: PrintContext, subject: number | null, implied: boolean): string {
  return ctx.language === 'zh' ? clauseZh(op, ctx, subject, implied) : clauseEn(op, ctx, subject, implied);
}

/// Whether an operation carries a quotation of content (which must end its instruction).
export function carriesContent(op: Operation): boolean {
  switch (op.op) {
    case 'add-article':
    case 'rewrite':
    case 'add-paragraph':
    case 'add-item':
      return true;
    case 'merge-articles':
    case 'split-article':
      return op.paragraphs !== undefined;
    default:
      return false;
  }
}

// --- Quotations -----------------------------------------------------------------------------------

/// A block quotation of `lines`: “first / “second … last” (each line opens, only the last closes).
export function blockQuote(lines: readonly string[], language: Language): string {
  const quoted = lines.map((line) => nested(line, language));
  return `“${quoted.join('\n“')}”`;
}

/// An inline quotation: “words”.
export function inlineQuote(words: string, language: Language): string {
  return `“${nested(words, language)}”`;
}

// In Chinese, quotation marks inside a quotation become single ones (unless the text already uses
// single ones, which could not be told apart again).
function nested(text: string, language: Language): string {
  if (language !== 'zh' || /[‘’]/.test(text)) return text;
  return text.replace(/“/g, '‘').replace(/”/g, '’');
}

function content(paragraphs: readonly ParagraphText[], language: Language): string {
  return blockQuote(contentLines(paragraphs, language), language);
}

function itemContent(item: ItemText, number: number, language: Language): string {
  return blockQuote(itemLines(item, number, language), language);
}

// --- Chinese ----------------------------------------------------------------------------------------

function zhArticle(n: number, ctx: PrintContext, named: boolean): string {
  const law = named && ctx.style === 'amendment' ? ctx.lawName : '';
  return law + label('article', n, 'zh');
}

// 第X条第K款第M项, leaving out 第一款 of an article of one paragraph; without the article when implied.
function zhProvision(target: ProvisionRef, ctx: PrintContext, implied: boolean): string {
  const single = ctx.paragraphCount(target.article) <= 1;
  const paragraph = single ? null : (target.paragraph ?? null);
  const full = citationLabel({ article: target.article, paragraph, item: target.item ?? null }, 'zh');
  if (!implied) return ctx.style === 'amendment' ? ctx.lawName + full : full;
  return full.slice(label('article', target.article, 'zh').length);
}

/// 第十七条 / 第十七条之一 for a position.
export function zhPosition(at: ArticlePosition): string {
  return 'number' in at ? label('article', at.number, 'zh') : zhLabel({ number: at.after, suffix: at.index });
}

/// 第二编第五章第一节 (the part only when the law has parts).
export function zhDivision(ref: DivisionRef, hasParts: boolean): string {
  let text = '';
  if (ref.part !== undefined && (hasParts || ref.level === 'part')) text += `第${chineseNumeral(ref.part)}编`;
  if (ref.chapter !== undefined) text += `第${chineseNumeral(ref.chapter)}章`;
  if (ref.section !== undefined) text += `第${chineseNumeral(ref.section)}节`;
  return text;
}

const zhHeadingName = { part: '编名', chapter: '章名', section: '节名' } as const;
const zhLevelName = { part: '编', chapter: '章', section: '节' } as const;

function zhArticleList(articles: readonly number[], ctx: PrintContext): string {
  const labels = articles.map((n, k) => zhArticle(n, ctx, k === 0));
  const consecutive = articles.every((n, k) => k === 0 || n === articles[k - 1] + 1);
  if (articles.length >= 3 && consecutive)
    return `${labels[0]}至${label('article', articles[articles.length - 1], 'zh')}`;
  return labels.join('、');
}

function renumberZh(op: Extract<Operation, { op: 'renumber-article' }>, ctx: PrintContext): string {
  const into = op.into ? `，列入${zhDivision(op.into, ctx.newHasParts)}` : '';
  return `将${zhArticle(op.article, ctx, true)}改为${zhPosition(op.at)}${into}`;
}

function clauseZh(op: Operation, ctx: PrintContext, subject: number | null, implied: boolean): string {
  const same = (article: number) => implied && subject === article;
  switch (op.op) {
    case 'add-article': {
      const quote = content(op.paragraphs, 'zh');
      if ('number' in op.at) {
        const where = op.into ? `在${zhDivision(op.into, ctx.newHasParts)}中` : '';
        return `${where}增加一条，作为${zhPosition(op.at)}：${quote}`;
      }
      const into = op.into ? `，列入${zhDivision(op.into, ctx.newHasParts)}` : '';
      const anchor =
        op.at.after === 0 ? `在${zhArticle(1, ctx, true)}前` : `在${zhArticle(op.at.after, ctx, true)}后`;
      return `${anchor}增加一条，作为${zhPosition(op.at)}${into}：${quote}`;
    }
    case 'delete-articles':
      return `删去${zhArticleList(op.articles, ctx)}`;
    case 'renumber-article':
      return renumberZh(op, ctx);
    case 'place-articles': {
      const into = zhDivision(op.into, ctx.newHasParts);
      if (op.articles.length === 1 && same(op.articles[0])) return `列入${into}`;
      return `将${zhArticleList(op.articles, ctx)}列入${into}`;
    }
    case 'rewrite': {
      const quote =
        op.target.item !== undefined
          ? itemContent(op.paragraphs[0].items[0], rewrittenItemNumber(op), 'zh')
          : content(op.paragraphs, 'zh');
      const whole = op.target.paragraph === undefined && op.target.item === undefined;
      if (same(op.target.article)) {
        return whole ? `修改为：${quote}` : `将${zhProvision(op.target, ctx, true)}修改为：${quote}`;
      }
      return `将${zhProvision(op.target, ctx, false)}修改为：${quote}`;
    }
    case 'delete-provision':
      return `删去${zhProvision(op.target, ctx, same(op.target.article))}`;
    case 'add-paragraph': {
      const head = same(op.article) ? '' : zhArticle(op.article, ctx, true);
      return `${head}增加一款，作为第${chineseNumeral(op.at)}款：${content([op.paragraph], 'zh')}`;
    }
    case 'add-item': {
      const where = zhProvision({ article: op.article, paragraph: op.paragraph }, ctx, same(op.article));
      return `${where}增加一项，作为第${chineseNumeral(op.at)}项：${itemContent(op.item, op.at, 'zh')}`;
    }
    case 'replace-words':
    case 'delete-words':
    case 'insert-words': {
      const scope = same(op.target.article)
        ? op.target.paragraph === undefined
          ? '该条'
          : zhProvision(op.target, ctx, true)
        : zhProvision(op.target, ctx, false);
      if (op.op === 'replace-words')
        return `将${scope}中的${inlineQuote(op.from, 'zh')}修改为${inlineQuote(op.to, 'zh')}`;
      if (op.op === 'delete-words') return `删去${scope}中的${inlineQuote(op.words, 'zh')}`;
      const side = op.side === 'after' ? '后' : '前';
      return `在${scope}中的${inlineQuote(op.anchor, 'zh')}${side}增加${inlineQuote(op.words, 'zh')}`;
    }
    case 'merge-articles': {
      const list = op.articles.map((n, k) => zhArticle(n, ctx, k === 0)).join('、');
      const into = op.into ? `，列入${zhDivision(op.into, ctx.newHasParts)}` : '';
      const rewrite = op.paragraphs ? `，修改为：${content(op.paragraphs, 'zh')}` : '';
      return `将${list}合并，作为${zhPosition(op.at)}${into}${rewrite}`;
    }
    case 'split-article': {
      const range =
        op.from === op.to
          ? `第${chineseNumeral(op.from)}款`
          : `第${chineseNumeral(op.from)}款至第${chineseNumeral(op.to)}款`;
      const into = op.into ? `，列入${zhDivision(op.into, ctx.newHasParts)}` : '';
      const rewrite = op.paragraphs ? `，修改为：${content(op.paragraphs, 'zh')}` : '';
      return `将${zhArticle(op.article, ctx, true)}${range}改为${zhPosition(op.at)}${into}${rewrite}`;
    }
    case 'rename-division':
      return `将${zhDivision(op.division, ctx.oldHasParts)}的${zhHeadingName[op.division.level]}修改为${inlineQuote(op.heading, 'zh')}`;
    case 'add-division': {
      const range =
        zhPosition(op.first) === zhPosition(op.last)
          ? zhPosition(op.first)
          : `${zhPosition(op.first)}至${zhPosition(op.last)}`;
      return `增加一${zhLevelName[op.at.level]}，作为${zhDivision(op.at, ctx.newHasParts)}${inlineQuote(op.heading, 'zh')}，包括${range}`;
    }
    case 'delete-division':
      return op.articles
        ? `删去${zhDivision(op.division, ctx.oldHasParts)}`
        : `删去${zhDivision(op.division, ctx.oldHasParts)}的${zhHeadingName[op.division.level]}`;
    case 'rename-law':
      return `将名称修改为${inlineQuote(op.title, 'zh')}`;
  }
}

// The label a rewritten item is quoted with: its number in the amended paragraph.
function rewrittenItemNumber(op: Extract<Operation, { op: 'rewrite' }>): number {
  return op.label ?? op.target.item!;
}

// --- English ----------------------------------------------------------------------------------------

function capital(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

function enArticle(n: number, ctx: PrintContext, named: boolean): string {
  const law = named && ctx.style === 'amendment' && ctx.lawName ? ` of ${ctx.lawName}` : '';
  return `Article ${n}${law}`;
}

/// "Article 17", "Article 17A".
export function enPosition(at: ArticlePosition): string {
  return 'number' in at
    ? `Article ${at.number}`
    : `Article ${enLabel({ number: at.after, suffix: at.index })}`;
}

/// "Chapter V", "Section 2 of Chapter V", "Chapter V of Part 2".
export function enDivision(ref: DivisionRef, hasParts: boolean): string {
  const parts: string[] = [];
  if (ref.section !== undefined) parts.push(`Section ${ref.section}`);
  if (ref.chapter !== undefined) parts.push(`Chapter ${romanNumeral(ref.chapter)}`);
  if (ref.part !== undefined && (hasParts || ref.level === 'part')) parts.push(`Part ${ref.part}`);
  return parts.join(' of ');
}

// "the second paragraph of Article 12", "subparagraph (3) of Article 12"; implied: "its second
// paragraph", "its subparagraph (3)", "it".
function enProvision(target: ProvisionRef, ctx: PrintContext, implied: boolean): string {
  const single = ctx.paragraphCount(target.article) <= 1;
  const paragraph = single || target.paragraph === undefined ? null : target.paragraph;
  const article = enArticle(target.article, ctx, true);
  const item = target.item !== undefined ? `subparagraph (${target.item})` : null;
  if (implied) {
    if (item && paragraph) return `${item} of its ${ordinalWord(paragraph)} paragraph`;
    if (item) return `its ${item}`;
    if (paragraph) return `its ${ordinalWord(paragraph)} paragraph`;
    return 'it';
  }
  if (item && paragraph) return `${item} of the ${ordinalWord(paragraph)} paragraph of ${article}`;
  if (item) return `${item} of ${article}`;
  if (paragraph) return `the ${ordinalWord(paragraph)} paragraph of ${article}`;
  return article;
}

function enArticleList(articles: readonly number[], ctx: PrintContext): string {
  const law = ctx.style === 'amendment' && ctx.lawName ? ` of ${ctx.lawName}` : '';
  if (articles.length === 1) return `Article ${articles[0]}${law}`;
  const consecutive = articles.every((n, k) => k === 0 || n === articles[k - 1] + 1);
  if (articles.length >= 3 && consecutive)
    return `Articles ${articles[0]} to ${articles[articles.length - 1]}${law}`;
  const head = articles.slice(0, -1).join(', ');
  return `Articles ${head} and ${articles[articles.length - 1]}${law}`;
}

function renumberEn(op: Extract<Operation, { op: 'renumber-article' }>, ctx: PrintContext): string {
  const into = op.into ? ` and placed in ${enDivision(op.into, ctx.newHasParts)}` : '';
  return `${enArticle(op.article, ctx, true)} is renumbered as ${enPosition(op.at)}${into}`;
}

function clauseEn(op: Operation, ctx: PrintContext, subject: number | null, implied: boolean): string {
  const same = (article: number) => implied && subject === article;
  const sentence = (text: string) => (implied ? text : capital(text));
  switch (op.op) {
    case 'add-article': {
      const quote = content(op.paragraphs, 'en');
      if ('number' in op.at) {
        const where = op.into ? ` to ${enDivision(op.into, ctx.newHasParts)}` : '';
        return sentence(`one article is added${where} as ${enPosition(op.at)}: ${quote}`);
      }
      const into = op.into ? `, and placed in ${enDivision(op.into, ctx.newHasParts)}` : '';
      const anchor =
        op.at.after === 0
          ? `before ${enArticle(1, ctx, true)}`
          : `after ${enArticle(op.at.after, ctx, true)}`;
      return sentence(`one article is added ${anchor} as ${enPosition(op.at)}${into}: ${quote}`);
    }
    case 'delete-articles':
      return sentence(
        `${enArticleList(op.articles, ctx)} ${op.articles.length === 1 ? 'is' : 'are'} deleted`,
      );
    case 'renumber-article':
      return sentence(renumberEn(op, ctx));
    case 'place-articles': {
      const into = enDivision(op.into, ctx.newHasParts);
      if (op.articles.length === 1 && same(op.articles[0])) return `placed in ${into}`;
      const verb = op.articles.length === 1 ? 'is' : 'are';
      return sentence(`${enArticleList(op.articles, ctx)} ${verb} placed in ${into}`);
    }
    case 'rewrite': {
      const quote =
        op.target.item !== undefined
          ? itemContent(op.paragraphs[0].items[0], rewrittenItemNumber(op), 'en')
          : content(op.paragraphs, 'en');
      const whole = op.target.paragraph === undefined && op.target.item === undefined;
      if (same(op.target.article) && whole) return `amended to read: ${quote}`;
      return sentence(`${enProvision(op.target, ctx, same(op.target.article))} is amended to read: ${quote}`);
    }
    case 'delete-provision':
      return sentence(`${enProvision(op.target, ctx, same(op.target.article))} is deleted`);
    case 'add-paragraph': {
      const to = same(op.article) ? 'it' : enArticle(op.article, ctx, true);
      return sentence(
        `one paragraph is added to ${to} as the ${ordinalWord(op.at)} paragraph: ${content([op.paragraph], 'en')}`,
      );
    }
    case 'add-item': {
      const to = enProvision({ article: op.article, paragraph: op.paragraph }, ctx, same(op.article));
      return sentence(
        `one subparagraph is added to ${to} as subparagraph (${op.at}): ${itemContent(op.item, op.at, 'en')}`,
      );
    }
    case 'replace-words':
    case 'delete-words':
    case 'insert-words': {
      const scope = enProvision(op.target, ctx, same(op.target.article));
      const head = `in ${scope}, `;
      if (op.op === 'replace-words')
        return sentence(`${head}${inlineQuote(op.from, 'en')} is replaced with ${inlineQuote(op.to, 'en')}`);
      if (op.op === 'delete-words') return sentence(`${head}${inlineQuote(op.words, 'en')} is deleted`);
      return sentence(
        `${head}${inlineQuote(op.words, 'en')} is added ${op.side} ${inlineQuote(op.anchor, 'en')}`,
      );
    }
    case 'merge-articles': {
      const into = op.into ? `, and placed in ${enDivision(op.into, ctx.newHasParts)}` : '';
      const rewrite = op.paragraphs ? `, and amended to read: ${content(op.paragraphs, 'en')}` : '';
      return sentence(
        `${enArticleList(op.articles, ctx)} are merged into ${enPosition(op.at)}${into}${rewrite}`,
      );
    }
    case 'split-article': {
      const article = enArticle(op.article, ctx, true);
      const range =
        op.from === op.to
          ? `the ${ordinalWord(op.from)} paragraph of ${article} becomes`
          : `the ${ordinalWord(op.from)} to ${ordinalWord(op.to)} paragraphs of ${article} become`;
      const into = op.into ? `, and placed in ${enDivision(op.into, ctx.newHasParts)}` : '';
      const rewrite = op.paragraphs ? `, and amended to read: ${content(op.paragraphs, 'en')}` : '';
      return sentence(`${range} ${enPosition(op.at)}${into}${rewrite}`);
    }
    case 'rename-division':
      return sentence(
        `the title of ${enDivision(op.division, ctx.oldHasParts)} is amended to read ${inlineQuote(op.heading, 'en')}`,
      );
    case 'add-division': {
      const single = enPosition(op.first) === enPosition(op.last);
      const range = single
        ? enPosition(op.first)
        : `Articles ${enPosition(op.first).slice(8)} to ${enPosition(op.last).slice(8)}`;
      return sentence(
        `one ${op.at.level} is added as ${enDivision(op.at, ctx.newHasParts)}, entitled ${inlineQuote(op.heading, 'en')}, comprising ${range}`,
      );
    }
    case 'delete-division':
      return sentence(
        op.articles
          ? `${enDivision(op.division, ctx.oldHasParts)} is deleted`
          : `the title of ${enDivision(op.division, ctx.oldHasParts)} is deleted`,
      );
    case 'rename-law':
      return sentence(`the title is amended to read ${inlineQuote(op.title, 'en')}`);
  }
}
