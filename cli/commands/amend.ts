/// `lifa amend OLD NEW [--style decision|amendment] [--lang zh|en] [--format txt|md|html|docx|json]
/// [--out FILE] [--title T] [--effective DATE]`: draft the instrument that turns one plain-text law
/// into another.
///
/// `lifa amend apply OLD INSTRUMENT [--out FILE] [--lang zh|en] [--headnote [ADOPTION]]`: apply an
/// instrument (as drafted, or typed) to a plain-text law and write the amended law in the plain-text
/// format. A problem exits 2 with one line naming the instruction.
import type { Command } from 'commander';
import {
  buildOutline,
  decodeLawBytes,
  draftInstrument,
  instrumentFormats,
  instrumentStyles,
  isInstrumentStyle,
  problemText,
  renderInstrument,
  serializeLaw,
  tryApplyInstrument,
} from '../../core/index.ts';
import type { InstrumentFormat } from '../../core/index.ts';
import { CliError } from '../errors.ts';
import { formatOption, languageOption, readBytes, readLaw, writeOutput } from '../io.ts';

interface DraftFlags {
  style?: string;
  lang?: string;
  format?: string;
  out?: string;
  title?: string;
  effective?: string;
}

/// Register `lifa amend` and `lifa amend apply` on `program`.
export function registerAmend(program: Command): void {
  const amend = program
    .command('amend')
    .description(
      'draft the amending instrument (修改决定, 修正案 or English instructions) between two plain-text laws',
    )
    .argument('<old>', 'the law in force (plain-text law)')
    .argument('<new>', 'the law as amended (plain-text law)')
    .option('--style <style>', `${instrumentStyles.join('|')} (default: decision)`)
    .option('--lang <lang>', 'language of both texts and of the instrument: zh or en (default: detected)')
    .option(
      '--format <format>',
      `output format: ${instrumentFormats.join('|')} (default: from --out, else txt)`,
    )
    .option('--out <file>', 'write to FILE instead of standard output (required for docx)')
    .option('--title <title>', 'the title of the instrument (default: from the law and the style)')
    .option('--effective <date>', 'when it takes effect, as written: 2026年1月1日 (default: 公布之日)')
    .action(async (oldFile: string, newFile: string, flags: DraftFlags) => {
      if (flags.style !== undefined && !isInstrumentStyle(flags.style))
        throw new CliError(`--style must be one of ${instrumentStyles.join('|')}, not "${flags.style}"`);
      const fromOut = flags.out?.match(/\.([a-z]+)$/i)?.[1]?.toLowerCase();
      const fallback: InstrumentFormat = (instrumentFormats as readonly string[]).includes(fromOut ?? '')
        ? (fromOut as InstrumentFormat)
        : 'txt';
      const format = formatOption(flags.format, instrumentFormats, fallback);
      const language = languageOption(flags.lang);
      const title = lineOption('--title', flags.title);
      const effective = lineOption('--effective', flags.effective);
      const oldLaw = readLaw(oldFile, language);
      const newLaw = readLaw(newFile, language);
      // Two texts of one law are in one language; an instrument between a Chinese and an English
      // text would only list every word as changed.
      if (oldLaw.language !== newLaw.language)
        throw new CliError(
          `${oldFile} is ${oldLaw.language} but ${newFile} is ${newLaw.language}: give two texts of one law, or --lang`,
        );
      const lang = newLaw.language;
      const instrument = draftInstrument(buildOutline(oldLaw.doc, lang), buildOutline(newLaw.doc, lang), {
        // The parser invents the ids of a plain-text law: they say nothing across two files.
        matchIds: false,
        style: flags.style as 'decision' | 'amendment' | undefined,
        ...(title !== undefined && { title }),
        ...(effective !== undefined && { effective }),
      });
      writeOutput(await renderInstrument(instrument, format), flags.out, `${format} instrument`);
    });

  amend
    .command('apply')
    .description('apply an amending instrument to a plain-text law; write the amended law')
    .argument('<old>', 'the law in force (plain-text law)')
    .argument('<instrument>', 'the instrument (text or Markdown, as lifa amend writes it or as typed)')
    .option('--out <file>', 'write to FILE instead of standard output')
    .option('--lang <lang>', 'language of the law and the instrument: zh or en (default: detected)')
    .option(
      '--headnote [adoption]',
      'add the headnote 根据…《关于修改〈…〉的决定》修正, naming the adoption if given',
    )
    .action(
      (
        oldFile: string,
        instrumentFile: string,
        flags: { out?: string; lang?: string; headnote?: string | boolean },
      ) => {
        const language = languageOption(flags.lang);
        const law = readLaw(oldFile, language);
        const decoded = decodeLawBytes(readBytes(instrumentFile));
        if (!decoded.ok)
          throw new CliError(
            `cannot read ${instrumentFile}: line ${decoded.problem.line}: ${decoded.problem.message}`,
          );
        const result = tryApplyInstrument(buildOutline(law.doc, law.language), decoded.text, {
          language: law.language,
          ...(flags.headnote !== undefined && { headnote: flags.headnote }),
        });
        if (!result.ok) {
          const [first, ...rest] = result.problems;
          const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
          throw new CliError(`${instrumentFile}: ${problemText(first)}${more}`);
        }
        writeOutput(serializeLaw(result.value.doc, law.language), flags.out, 'amended law');
      },
    );
}

// A flag printed into the instrument as written: one line of text, not empty.
function lineOption(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!trimmed) throw new CliError(`${flag} must not be empty`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/u.test(trimmed)) throw new CliError(`${flag} must be one line of text`);
  return trimmed;
}
