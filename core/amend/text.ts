/// An instrument as plain text: the title, the sentence before the instructions, each instruction on
/// its own lines after its number (一、二、… in Chinese, 1. 2. … in English), then the closing
/// sentences. A 修正案 numbers its closing sentence as the last instruction. This is the form
/// parseInstrument reads back.
import { chineseNumeral } from '../numerals.ts';
import type { Language } from '../language.ts';
import type { Instrument } from './model.ts';

/// The number of an instruction as printed: 一、 / 1.
export function instructionNumber(n: number, language: Language): string {
  return language === 'zh' ? `${chineseNumeral(n)}、` : `${n}. `;
}

/// The blocks of the plain text of `instrument`, in order: title, preamble, instructions (each with
/// its number), closing sentences.
export function instrumentBlocks(instrument: Instrument): string[] {
  const blocks = [instrument.title, instrument.preamble];
  for (const instruction of instrument.instructions) {
    blocks.push(instructionNumber(instruction.number, instrument.language) + instruction.text);
  }
  instrument.closing.forEach((sentence, k) => {
    const numbered = instrument.style === 'amendment';
    const n = instrument.instructions.length + k + 1;
    blocks.push(numbered ? instructionNumber(n, instrument.language) + sentence : sentence);
  });
  return blocks;
}

/// The plain text of `instrument`: its blocks separated by blank lines, ending in a newline.
export function instrumentText(instrument: Instrument): string {
  return instrumentBlocks(instrument).join('\n\n') + '\n';
}
