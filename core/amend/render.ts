/// An instrument in each of its output formats, by name: the one entry point for the CLI, the server
/// and the editor. txt is the form applyInstrument reads back; md the same with the title as a
/// heading; html a self-contained page whose instructions link to the comparison's rows; json the
/// instrument for tools; docx a Word document set like an official document (see docx.ts).
import { escapeHtml } from '../export/escape.ts';
import { renderInstrumentDocx } from './docx.ts';
import type { Instrument, ProvisionRef } from './model.ts';
import { instrumentBlocks, instrumentText, instructionNumber } from './text.ts';

/// The formats an instrument can be written in.
export const instrumentFormats = ['txt', 'md', 'html', 'json', 'docx'] as const;

/// One of instrumentFormats.
export type InstrumentFormat = (typeof instrumentFormats)[number];

/// Whether `value` names an instrument format.
export function isInstrumentFormat(value: unknown): value is InstrumentFormat {
  return (instrumentFormats as readonly unknown[]).includes(value);
}

/// MIME type and file extension of each instrument format.
export const instrumentTypes: Readonly<Record<InstrumentFormat, { mime: string; extension: string }>> = {
  txt: { mime: 'text/plain; charset=utf-8', extension: 'txt' },
  md: { mime: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { mime: 'text/html; charset=utf-8', extension: 'html' },
  json: { mime: 'application/json; charset=utf-8', extension: 'json' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
};

/// One instruction of the JSON report.
export interface InstructionJson {
  readonly number: number;
  readonly kind: string;
  /// The instruction as printed after its number.
  readonly text: string;
  readonly old: ProvisionRef | null;
  readonly new: ProvisionRef | null;
  /// The rows of the comparison it makes (indices into the comparison's rows).
  readonly rows: readonly number[];
}

/// The JSON report of an instrument: `{title, preamble, instructions, closing}`.
export interface InstrumentJson {
  readonly title: string;
  readonly preamble: string;
  readonly instructions: readonly InstructionJson[];
  readonly closing: readonly string[];
}

/// The JSON report of `instrument`, keys in a fixed order.
export function instrumentJson(instrument: Instrument): InstrumentJson {
  return {
    title: instrument.title,
    preamble: instrument.preamble,
    instructions: instrument.instructions.map((i) => ({
      number: i.number,
      kind: i.kind,
      text: i.text,
      old: i.old,
      new: i.new,
      rows: i.rows,
    })),
    closing: instrument.closing,
  };
}

/// `instrument` in `format`: bytes (a Uint8Array) for docx, a string for every other format.
export async function renderInstrument(
  instrument: Instrument,
  format: InstrumentFormat,
): Promise<string | Uint8Array> {
  switch (format) {
    case 'txt':
      return instrumentText(instrument);
    case 'md': {
      const [title, ...rest] = instrumentBlocks(instrument);
      return [`# ${title}`, ...rest.flatMap((block) => block.split('\n'))].join('\n\n') + '\n';
    }
    case 'html':
      return renderInstrumentHtml(instrument);
    case 'json':
      return JSON.stringify(instrumentJson(instrument), null, 2) + '\n';
    case 'docx':
      return renderInstrumentDocx(instrument);
  }
}

/// A self-contained HTML page of the instrument. Each instruction is a `<section>` with the id
/// `instruction-N` and, in `data-rows`, the comparison rows it makes.
export function renderInstrumentHtml(instrument: Instrument): string {
  const zh = instrument.language === 'zh';
  const paragraphs = (text: string) =>
    text
      .split('\n')
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('');
  const instructions = instrument.instructions
    .map((i) => {
      const [first, ...rest] = i.text.split('\n');
      const head = `<p><span class="number">${escapeHtml(instructionNumber(i.number, instrument.language).trim())}</span>${zh ? '' : ' '}${escapeHtml(first)}</p>`;
      return `<section class="instruction" id="instruction-${i.number}" data-kind="${i.kind}" data-rows="${i.rows.join(' ')}">${head}${rest.map((line) => `<p class="quoted">${escapeHtml(line)}</p>`).join('')}</section>`;
    })
    .join('\n');
  const closingNumbered = instrument.style === 'amendment';
  const closing = instrument.closing
    .map((sentence, k) =>
      closingNumbered
        ? `<p>${escapeHtml(instructionNumber(instrument.instructions.length + k + 1, instrument.language))}${escapeHtml(sentence)}</p>`
        : `<p>${escapeHtml(sentence)}</p>`,
    )
    .join('');
  const font = zh ? "'FangSong', 'STFangsong', '仿宋', serif" : "'Times New Roman', serif";
  const titleFont = zh ? "'FZXiaoBiaoSong-B05S', 'STZhongsong', 'SimSun', serif" : "'Times New Roman', serif";
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(instrument.title)}</title>
<style>
body { margin: 0; background: #f4f1ea; color: #1a1a1a; }
main { max-width: 42em; margin: 2em auto; padding: 3em 3.5em; background: #fff; font: ${zh ? '16pt/28pt' : '12pt/1.6'} ${font}; }
h1 { font: ${zh ? '22pt/1.5' : 'bold 16pt/1.4'} ${titleFont}; text-align: center; margin: 0 0 1em; }
p { margin: 0; text-indent: ${zh ? '2em' : '0'}; text-align: justify; }
${zh ? '' : '.instruction, .preamble, .closing p { margin: 0 0 0.6em; }'}
.quoted { text-indent: 2em; }
.closing { margin-top: 1em; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(instrument.title)}</h1>
<div class="preamble">${paragraphs(instrument.preamble)}</div>
${instructions}
<div class="closing">${closing}</div>
</main>
</body>
</html>
`;
}
