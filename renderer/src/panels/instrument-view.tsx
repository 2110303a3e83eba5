/// The comparison view's third view: the amending instrument between the two sides (修改决定, 修正案
/// or English instructions), drafted by the server from the same comparison as the table. Each
/// instruction links to the row of the table it makes, and each changed row of the table names the
/// instruction that makes it. The instrument exports as DOCX (set like an official document) and
/// copies as text.
import { useEffect, useState } from 'preact/hooks';
import { chineseNumeral, instructionNumber } from '../../../core/index.ts';
import type { InstrumentJson, InstrumentStyle, Language } from '../../../core/index.ts';
import type { ApiClient } from '../api/client.ts';
import type { ComparisonSide } from '../api/types.ts';
import { useApp } from '../app/context.ts';
import { useT } from '../i18n/i18n.ts';
import '../styles/instrument.css';

/// The instrument between `from` and `to` in `style`, fetched once `ready` (the comparison is there,
/// so the live draft has been sent), and again when any of them changes.
export function useInstrument(
  api: ApiClient,
  draftId: string,
  from: ComparisonSide | null,
  to: ComparisonSide,
  style: InstrumentStyle,
  ready: boolean,
): { instrument: InstrumentJson | null; error: string | null } {
  const [instrument, setInstrument] = useState<InstrumentJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!from || !ready) return;
    let live = true;
    setInstrument(null);
    setError(null);
    api.amendment(draftId, from, to, style).then(
      (result) => live && setInstrument(result),
      (caught: Error) => live && setError(caught.message),
    );
    return () => {
      live = false;
    };
  }, [draftId, from, to, style, ready]);
  return { instrument, error };
}

/// For each row of the comparison (by index), the numbers of the instructions that make it.
export function instructionsByRow(instrument: InstrumentJson | null): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const instruction of instrument?.instructions ?? []) {
    for (const row of instruction.rows) {
      const list = map.get(row) ?? [];
      if (!list.includes(instruction.number)) list.push(instruction.number);
      map.set(row, list);
    }
  }
  return map;
}

// An instruction's number as words name it: 三 (第三项), 3 ("Instruction 3").
const numberWord = (n: number, language: Language) => (language === 'zh' ? chineseNumeral(n) : String(n));

/// An instruction's number as the UI names it: 第三项, "Instruction 3".
function useInstructionName(language: Language) {
  const t = useT();
  return (n: number) => t('amendment.instruction', { number: numberWord(n, language) });
}

/// The 说明 column's links to the instructions that make a row.
export function InstructionLinks({
  numbers,
  language,
  onShow,
}: {
  numbers: readonly number[];
  language: Language;
  onShow: (instruction: number) => void;
}) {
  const t = useT();
  const name = useInstructionName(language);
  return (
    <>
      {numbers.map((n) => (
        <button
          key={n}
          type="button"
          class="link instruction-link"
          aria-label={t('amendment.showInstructionLabel', { number: numberWord(n, language) })}
          onClick={() => onShow(n)}
        >
          {name(n)}
        </button>
      ))}
    </>
  );
}

/// Props of InstrumentView.
export interface InstrumentViewProps {
  readonly draftId: string;
  readonly from: ComparisonSide;
  readonly to: ComparisonSide;
  readonly language: Language;
  readonly style: InstrumentStyle;
  readonly onStyle: (style: InstrumentStyle) => void;
  readonly instrument: InstrumentJson | null;
  readonly error: string | null;
  /// Show row `row` of the table (the one instruction `instruction` makes).
  readonly onShowRow: (row: number) => void;
  /// The instruction to bring into view, when the table asked for it.
  readonly focus: number | null;
}

/// The instrument: its form, its text, and its exports.
export function InstrumentView(props: InstrumentViewProps) {
  const { draftId, from, to, language, style, instrument, error, focus } = props;
  const t = useT();
  const { api, host, notify } = useApp();

  useEffect(() => {
    if (focus === null || !instrument) return;
    const element = document.getElementById(`instruction-${focus}`);
    element?.scrollIntoView({ block: 'center' });
    element?.focus();
  }, [focus, instrument]);

  const failure = (key: string, caught: unknown) =>
    notify(t(key, { detail: caught instanceof Error ? caught.message : String(caught) }), 'error');
  const exportDocx = async () => {
    try {
      await host.saveFile(await api.amendmentFile(draftId, from, to, style, 'docx'));
    } catch (caught) {
      failure('export.failed', caught);
    }
  };
  const copy = async () => {
    try {
      const file = await api.amendmentFile(draftId, from, to, style, 'txt');
      await navigator.clipboard.writeText(new TextDecoder().decode(file.data));
      notify(t('amendment.copied'));
    } catch (caught) {
      failure('amendment.copyFailed', caught);
    }
  };

  const numbered = (n: number) => instructionNumber(n, language).trim();
  return (
    <div class="instrument-view">
      <div class="instrument-tools">
        <div class="segmented" role="radiogroup" aria-label={t('amendment.style')}>
          {(['decision', 'amendment'] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={style === value}
              class={`button small${style === value ? ' selected' : ''}`}
              onClick={() => props.onStyle(value)}
            >
              {t(`amendment.${value}`)}
            </button>
          ))}
        </div>
        <span class="spacer" />
        <button type="button" class="button small" disabled={!instrument} onClick={copy}>
          {t('amendment.copy')}
        </button>
        <button type="button" class="button small" disabled={!instrument} onClick={exportDocx}>
          {t('amendment.exportDocx')}
        </button>
      </div>
      {error && (
        <p class="error-text" role="alert">
          {t('amendment.failed', { detail: error })}
        </p>
      )}
      {!instrument && !error && <p class="loading">{t('common.loading')}</p>}
      {instrument && (
        <article class={`instrument lang-${language}`} lang={language === 'zh' ? 'zh-CN' : 'en'}>
          <h3 class="instrument-title">{instrument.title}</h3>
          {instrument.preamble.split('\n').map((line, k) => (
            <p key={k} class="instrument-preamble">
              {line}
            </p>
          ))}
          {instrument.instructions.length === 0 && <p class="empty-state">{t('amendment.none')}</p>}
          <ol class="instructions" aria-label={t('amendment.list')}>
            {instrument.instructions.map((instruction) => {
              const [first, ...rest] = instruction.text.split('\n');
              return (
                <li
                  key={instruction.number}
                  id={`instruction-${instruction.number}`}
                  class={`instruction kind-${instruction.kind}${focus === instruction.number ? ' focused' : ''}`}
                  data-kind={instruction.kind}
                  tabIndex={-1}
                >
                  <p>
                    <span class="instruction-number">{numbered(instruction.number)}</span>
                    {language === 'zh' ? '' : ' '}
                    {first}
                  </p>
                  {rest.map((line, k) => (
                    <p key={k} class="quoted">
                      {line}
                    </p>
                  ))}
                  {instruction.rows.length > 0 && (
                    <button
                      type="button"
                      class="link show-row"
                      aria-label={t('amendment.showRowLabel', {
                        number: numberWord(instruction.number, language),
                      })}
                      onClick={() => props.onShowRow(instruction.rows[0])}
                    >
                      {t('amendment.showRow')}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          {instrument.closing.map((sentence, k) => (
            <p key={k} class="instrument-closing">
              {style === 'amendment' ? numbered(instrument.instructions.length + k + 1) : ''}
              {sentence}
            </p>
          ))}
        </article>
      )}
    </div>
  );
}
