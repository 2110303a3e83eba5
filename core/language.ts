/// The languages a draft can be written in. Numbering, labels and the plain-text format follow it.
export type Language = 'zh' | 'en';

/// Every supported language, in a stable order.
export const languages: readonly Language[] = ['zh', 'en'];

/// Whether `value` names a supported language.
export function isLanguage(value: unknown): value is Language {
  return value === 'zh' || value === 'en';
}

/// Guess the language of a text: Chinese when at least a tenth of its letters are CJK ideographs.
export function detectLanguage(text: string): Language {
  let cjk = 0;
  let latin = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x4e00 && code <= 0x9fff) cjk++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return cjk * 10 >= cjk + latin && cjk > 0 ? 'zh' : 'en';
}
