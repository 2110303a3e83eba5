/// Reading an instrument: the text of a decision, a 修正案 or English amending instructions, drafted
/// by Lifa or typed by a person, turned into operations.
///
/// What is read: a title line (Markdown `#` allowed), the sentences before the first instruction,
/// numbered instructions (一、二、… or 1. 2. … or 1、), and closing sentences. Punctuation may be
/// full- or half-width, quotations “” or "", and a quotation of several paragraphs opens each with a
/// quotation mark and closes only the last. Every instruction is read clause by clause (see
/// clauses-zh.ts and clauses-en.ts); what cannot be read is a problem naming the instruction.
import type { Language } from '../language.ts';
import { detectLanguage } from '../language.ts';
import { parseChineseNumeral } from '../numerals.ts';
import { readClausesEn } from './clauses-en.ts';
import { readClausesZh } from './clauses-zh.ts';
import type { InstrumentProblem, InstrumentStyle, Operation } from './model.ts';
import { toAscii } from './renumber.ts';
import { closingRenumbers, isClosingLine, isEffectiveLine } from './words.ts';

/// One instruction as read.
export interface ParsedInstruction {
  readonly number: number;
  /// The text after the number, lines joined by "\n".
  readonly text: string;
  readonly operations: readonly Operation[];
}

/// An instrument as read: what it says, and what could not be read.
export interface ParsedInstrument {
  readonly language: Language;
  readonly style: InstrumentStyle;
  readonly title: string;
  readonly preamble: string;
  readonly instructions: readonly ParsedInstruction[];
  readonly closing: readonly string[];
  readonly renumbers: boolean;
  readonly problems: readonly InstrumentProblem[];
}

const zhNumber = /^([零〇一二两三四五六七八九十百]+)[、，,]\s*/u;
const digitNumber = /^([0-9０-９]+)(?:[.．、]\s*|\s+(?=\S))/u;

/// Read an instrument. Never throws: problems are listed, each with the number of its instruction.
/// `language` defaults to the language detected from the text.
export function parseInstrument(text: string, language: Language = detectLanguage(text)): ParsedInstrument {
  const lines = text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .map((line) => line.replace(/^[\s\u200b]+|[\s\u200b]+$/gu, ''))
    .filter((line) => line.length > 0);
  const problems: InstrumentProblem[] = [];
  let title = '';
  const preamble: string[] = [];
  const closing: string[] = [];
  const blocks: Array<{ number: number; written: string; lines: string[] }> = [];
  const stray: InstrumentProblem[] = [];
  let open = false;
  for (const raw of lines) {
    const line = raw.replace(/^#+\s*/u, '');
    const current = blocks[blocks.length - 1];
    if (open && current) {
      current.lines.push(line);
      open = !closesBlock(line);
      continue;
    }
    const numbered = readNumber(line);
    if (numbered && !/^[“"「]/u.test(line)) {
      if (isEffectiveLine(numbered.rest)) {
        closing.push(numbered.rest);
        continue;
      }
      blocks.push({ number: numbered.value, written: numbered.written, lines: [numbered.rest] });
      open = opensBlock(numbered.rest);
      continue;
    }
    if (current && closing.length === 0 && /^[“"「]/u.test(line)) {
      current.lines.push(line);
      open = !closesBlock(line);
      continue;
    }
    if (!title) title = line;
    else if (blocks.length === 0 && closing.length === 0 && !isClosingLine(line)) preamble.push(line);
    else if (isClosingLine(line)) closing.push(line);
    // A line after the instructions that is none of them — an unnumbered instruction, a wrapped line,
    // stray text — would otherwise be dropped unread.
    else
      stray.push({
        instruction: null,
        message: `cannot read “${excerpt(line)}”${current ? ` after instruction ${current.number}` : ''}: it is neither an instruction, a quotation nor a closing sentence`,
      });
  }
  if (!title) problems.push({ instruction: null, message: 'empty instrument' });
  // A drafted instrument between two equal texts has no instruction but its preamble and closing
  // sentences; any other text without an instruction is not an instrument.
  else if (blocks.length === 0 && (closing.length === 0 || !preamble.every(isPreambleLine)))
    problems.push({ instruction: null, message: 'no numbered instruction found' });

  const instructions: ParsedInstruction[] = [];
  blocks.forEach((block, k) => {
    if (block.number !== k + 1) {
      problems.push({
        instruction: block.number,
        message: `instructions are numbered out of order: ${block.written} where ${expected(k + 1, block.written)} was expected`,
      });
    }
    const body = block.lines.join('\n');
    const read = language === 'zh' ? readClausesZh(body) : readClausesEn(body, lawOfTitle(title));
    for (const message of read.problems) problems.push({ instruction: block.number, message });
    instructions.push({ number: block.number, text: body, operations: read.operations });
  });
  problems.push(...stray);
  const amendment =
    /修正案|\bAmendment\b/u.test(title) ||
    instructions.some((i) =>
      i.operations.some((op) => 'at' in op && typeof op.at === 'object' && 'after' in op.at),
    );
  return {
    language,
    style: amendment ? 'amendment' : 'decision',
    title,
    preamble: preamble.join('\n'),
    instructions,
    closing,
    renumbers: closing.some(closingRenumbers),
    problems,
  };
}

// The name of the amended law in an English title: "… on Amending the X", "Amendment to the X".
function lawOfTitle(title: string): string {
  const m = /(?:on\s+Amending|Amendment\s+(?:\([IVXLC]+\)\s+)?to)\s+(.+)$/iu.exec(title);
  return m ? m[1].trim() : '';
}

// The sentences that may stand before the instructions: the adoption line (（…通过）) and the
// enacting sentence (…作如下修改： / "… amended as follows:").
function isPreambleLine(line: string): boolean {
  return /^[（(].*[）)]$|作如下修改[：:]$|as follows[:：]$/iu.test(line);
}

// A line as quoted in a problem: at most 30 characters.
function excerpt(line: string): string {
  return line.length > 30 ? `${line.slice(0, 30)}…` : line;
}

function readNumber(line: string): { value: number; written: string; rest: string } | null {
  const zh = zhNumber.exec(line);
  if (zh) {
    const value = parseChineseNumeral(zh[1]);
    return value === null ? null : { value, written: zh[0].trim(), rest: line.slice(zh[0].length) };
  }
  const digits = digitNumber.exec(line);
  if (digits) {
    const value = Number(toAscii(digits[1]));
    return { value, written: digits[0].trim(), rest: line.slice(digits[0].length) };
  }
  return null;
}

function expected(n: number, written: string): string {
  return /^[0-9０-９]/u.test(written) ? `${n}.` : `${chineseNumber(n)}、`;
}

function chineseNumber(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

// A line that opens a quotation of content (after a colon) and does not close it.
function opensBlock(line: string): boolean {
  const at = line.search(/[：:]\s*[“"「]/u);
  if (at < 0) return false;
  const quoted = line.slice(at).replace(/^[：:]\s*/u, '');
  return !closesQuote(quoted.slice(1));
}

// Whether a continuation line of a quotation closes it: it ends with a closing mark that no
// opening mark on the line answers.
function closesBlock(line: string): boolean {
  const body = line.replace(/^[“"「]/u, '');
  return closesQuote(body);
}

function closesQuote(body: string): boolean {
  const trimmed = body.replace(/[。.；;]$/u, '');
  if (!/[”"」]$/u.test(trimmed)) return false;
  if (trimmed.endsWith('"') && !/[“”]/u.test(trimmed)) {
    return (trimmed.match(/"/g) ?? []).length % 2 === 1;
  }
  let depth = 0;
  for (const ch of trimmed) {
    if (ch === '“' || ch === '「') depth++;
    else if (ch === '”' || ch === '」') depth--;
  }
  return depth < 0;
}
