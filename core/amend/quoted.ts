/// Quoted content as an instruction's grammar receives it: lines read into paragraphs, items and
/// subitems, with the checks that do not need the law (one paragraph where one is added, items
/// numbered from （一）, a quoted item numbered as the place it is added at).
import { label } from '../numbering.ts';
import type { Language } from '../language.ts';
import { readContent } from './content.ts';
import type { ItemText, ParagraphText } from './model.ts';

/// Lines quoted for an article (any number of paragraphs) or a paragraph (exactly one).
export function quotedParagraphs(
  lines: readonly string[],
  language: Language,
  problems: string[],
  one = false,
): ParagraphText[] {
  const read = readContent(lines, language);
  problems.push(...read.problems);
  read.itemNumbers.forEach((numbers) =>
    numbers.forEach((n, k) => {
      if (n !== null && n !== k + 1)
        problems.push(
          `the quoted item ${label('item', n, language)} should be ${label('item', k + 1, language)}`,
        );
    }),
  );
  if (one && read.paragraphs.length !== 1)
    problems.push(`one paragraph is added or rewritten but ${read.paragraphs.length} are quoted`);
  return [...read.paragraphs];
}

/// Lines quoted for one item, and the number written on it (null when it has no label).
export function quotedItem(
  lines: readonly string[],
  language: Language,
  problems: string[],
): { item: ItemText; written: number | null } {
  const read = readContent(lines, language, true);
  problems.push(...read.problems);
  const item = read.paragraphs[0]?.items[0] ?? { text: '', subitems: [] };
  return { item, written: read.itemNumbers[0]?.[0] ?? null };
}
