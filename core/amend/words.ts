/// The fixed sentences of an instrument: its title, the sentence before the instructions and the
/// closing ones, in the wording of NPC decisions and 修正案 (zh) and of their official English
/// translations (en).
import type { Language } from '../language.ts';
import type { InstrumentStyle } from './model.ts';

/// The name of the law an instrument amends: the title without a draft's mark
/// (（草案）, （征求意见稿）, "(Draft for Comment)").
export function lawName(title: string, language: Language): string {
  const name = title
    .replace(/\s*[（(](?:[^（）()]*?草案[^（）()]*|征求意见稿|送审稿|Draft[^()]*)[）)]\s*$/iu, '')
    .trim();
  return name || (language === 'zh' ? '本法' : 'this Law');
}

/// The short name a 修正案 cites articles by: 刑法 for 中华人民共和国刑法, "the Criminal Law" for
/// "Criminal Law of the People's Republic of China".
export function shortLawName(law: string, language: Language): string {
  if (language === 'zh') return law.replace(/^中华人民共和国/u, '');
  const short = law.replace(/\s+of the People['’]s Republic of China\b/u, '').trim();
  return /^the\s/i.test(short) ? short : `the ${short}`;
}

/// Options of instrumentWords.
export interface WordsOptions {
  readonly title?: string;
  readonly effective?: string;
  readonly body?: string;
  readonly republish: boolean;
  /// Whether articles are renumbered (the closing formula then says so).
  readonly renumbers: boolean;
}

/// The title, the sentence before the instructions, and the closing sentences.
export function instrumentWords(
  language: Language,
  style: InstrumentStyle,
  law: string,
  options: WordsOptions,
): { title: string; preamble: string; closing: string[] } {
  const isLaw = language === 'zh' ? /法$/u.test(law) : /\bLaw\b/u.test(law);
  if (language === 'zh') {
    const body = options.body ?? (isLaw ? '全国人民代表大会常务委员会' : '国务院');
    const effective = options.effective ?? '公布之日';
    if (style === 'amendment') {
      return {
        title: options.title ?? `${law}修正案`,
        preamble: `${body}对《${law}》作如下修改：`,
        closing: [`本修正案自${effective}起施行。`],
      };
    }
    const closing: string[] = [];
    if (!options.republish && options.renumbers) closing.push('此外，对条文顺序作相应调整。');
    closing.push(`本决定自${effective}起施行。`);
    if (options.republish) {
      const order = options.renumbers ? '并对条文顺序作相应调整' : '';
      closing.push(`《${law}》根据本决定作相应修改${order}，重新公布。`);
    }
    return {
      title: options.title ?? `${body}关于修改《${law}》的决定`,
      preamble: `${body}决定对《${law}》作如下修改：`,
      closing,
    };
  }
  const body =
    options.body ??
    (isLaw ? "the Standing Committee of the National People's Congress" : 'the State Council');
  const the = /^the\s/i.test(law) ? law : `the ${law}`;
  const effective = options.effective ?? 'the date of promulgation';
  if (style === 'amendment') {
    return {
      title: options.title ?? `Amendment to ${the}`,
      preamble: `The following amendments are made to ${the}:`,
      closing: [`This Amendment shall come into force as of ${effective}.`],
    };
  }
  const closing: string[] = [];
  if (!options.republish && options.renumbers)
    closing.push('In addition, the order of the articles is adjusted accordingly.');
  closing.push(`This Decision shall come into force as of ${effective}.`);
  if (options.republish) {
    const order = options.renumbers ? ', with the order of its articles adjusted accordingly,' : '';
    closing.push(
      `${capital(the)} shall be revised correspondingly in accordance with this Decision${order} and be re-promulgated.`,
    );
  }
  return {
    title: options.title ?? `Decision of ${body} on Amending ${the}`,
    preamble: `It is decided by ${body} that ${the} shall be amended as follows:`,
    closing,
  };
}

function capital(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/// Whether a closing sentence carries the renumbering of articles (对条文顺序作相应调整, "the order of
/// the articles is adjusted accordingly").
export function closingRenumbers(sentence: string): boolean {
  return /条文顺序|条文的顺序|order of (?:its |the )?articles/iu.test(sentence);
}

/// Whether a line is the closing line of a 修正案 or decision that says when it takes effect.
export function isEffectiveLine(line: string): boolean {
  return (
    /^本(?:修正案|决定)自.*(?:施行|生效)[。.]?$/u.test(line) ||
    /^This (?:Amendment|Decision) shall (?:come into force|take effect)/iu.test(line)
  );
}

/// Whether a line is one of the closing sentences: when the instrument takes effect, the renumbering
/// formula, or the republication of the law.
export function isClosingLine(line: string): boolean {
  return isEffectiveLine(line) || closingRenumbers(line) || /重新公布|re-?promulgated/iu.test(line);
}
