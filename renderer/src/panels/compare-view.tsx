/// The comparison of two versions of a draft (or a version and the live draft), from core's comparison
/// via the server: as the comparison table (修改对照表: old text | new text | change) or as a redline
/// (one text, deletions struck through, insertions underlined). Either can be exported as HTML or DOCX.
import { useEffect, useRef, useState } from 'preact/hooks';
import { detectLanguage, sideSegments } from '../../../core/index.ts';
import type { InstrumentStyle, Language, Segment } from '../../../core/index.ts';
import type { Comparison, ComparisonRow, VersionInfo } from '../api/types.ts';
import { useApp } from '../app/context.ts';
import { navigate } from '../app/router.ts';
import { plainError } from '../app/plain-error.ts';
import { useT } from '../i18n/i18n.ts';
import { comparisonBlocks, runLabels } from './comparison-blocks.ts';
import type { ComparisonBlock } from './comparison-blocks.ts';
import { SegmentRuns } from './segment-runs.tsx';
import { liveSide } from './versions-panel.tsx';
import { ChangeNavigator } from './change-navigator.tsx';
import { MarkedSegments } from './marked-segments.tsx';
import { printPage } from '../app/print.ts';
import { InstructionLinks, InstrumentView, instructionsByRow, useInstrument } from './instrument-view.tsx';
import { CheckboxField } from './checkbox-field.tsx';

/// Props of CompareView.
export interface CompareViewProps {
  readonly draftId: string;
  readonly from: string | null;
  readonly to: string | null;
  /// Called before comparing with the live draft, so the server has every local change.
  readonly beforeCompare?: () => Promise<unknown>;
}

type Mode = 'table' | 'redline' | 'instrument';
const kinds = ['modified', 'inserted', 'deleted', 'moved', 'unchanged'] as const;

/// The comparison page.
export function CompareView({ draftId, from, to, beforeCompare }: CompareViewProps) {
  const t = useT();
  const { api, host, notify } = useApp();
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('table');
  const [showUnchanged, setShowUnchanged] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const fromId = from ?? versions[versions.length - 1]?.id ?? null;
  const toId = to ?? liveSide;
  // The third view, the amending instrument; a row of the table and an instruction link each other.
  const [style, setStyle] = useState<InstrumentStyle>('decision');
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const [focusInstruction, setFocusInstruction] = useState<number | null>(null);
  const { instrument, error: instrumentError } = useInstrument(
    api,
    draftId,
    fromId,
    toId,
    style,
    comparison !== null,
  );
  const language: Language = instrument ? detectLanguage(instrument.title) : 'zh';
  const showInstruction = (n: number) => {
    setFocusInstruction(n);
    setMode('instrument');
  };
  const showRow = (row: number) => {
    setFocusRow(row);
    setMode('table');
  };
  useEffect(() => {
    if (mode !== 'table' || focusRow === null) return;
    const element = document.getElementById(`compare-row-${focusRow}`);
    if (!element && !showUnchanged) return setShowUnchanged(true);
    element?.scrollIntoView({ block: 'center' });
    element?.focus();
  }, [mode, focusRow, showUnchanged, comparison]);

  useEffect(() => {
    api.listVersions(draftId).then(setVersions, (caught: unknown) => setError(plainError(t, caught)));
  }, [draftId]);

  useEffect(() => {
    if (!fromId) return;
    let live = true;
    setComparison(null);
    setError(null);
    (async () => {
      if (toId === liveSide || fromId === liveSide) await beforeCompare?.();
      return api.compare(draftId, fromId, toId);
    })().then(
      (result) => live && setComparison(result),
      (caught: unknown) => live && setError(plainError(t, caught)),
    );
    return () => {
      live = false;
    };
  }, [draftId, fromId, toId]);

  const sideName = (id: string) =>
    id === liveSide ? t('versions.live') : (versions.find((v) => v.id === id)?.label ?? id);
  const change = (side: 'from' | 'to', value: string) =>
    navigate(
      {
        name: 'compare',
        id: draftId,
        from: side === 'from' ? value : fromId,
        to: side === 'to' ? value : toId,
      },
      true,
    );
  const download = async (format: 'html' | 'docx') => {
    if (!fromId) return;
    try {
      if (toId === liveSide) await beforeCompare?.();
      const file = await api.compareFile(draftId, fromId, toId, format, showUnchanged);
      await host.saveFile(file);
    } catch (caught) {
      notify(t('export.failed', { detail: plainError(t, caught) }), 'error');
    }
  };

  const blocks = comparison ? comparisonBlocks(comparison.rows, showUnchanged) : [];
  const changed = blocks.some((block) => block.type === 'row');
  const sides = [...versions].reverse();

  return (
    <section class="compare" id="main" aria-labelledby="compare-title">
      <div class="compare-bar">
        <h2 id="compare-title">{t('compare.title')}</h2>
        <label class="row">
          <span>{t('versions.from')}</span>
          <select
            class="select"
            name="compare-from"
            value={fromId ?? ''}
            onChange={(e) => change('from', (e.currentTarget as HTMLSelectElement).value)}
          >
            {sides.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label class="row">
          <span>{t('versions.to')}</span>
          <select
            class="select"
            name="compare-to"
            value={toId}
            onChange={(e) => change('to', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value={liveSide}>{t('versions.live')}</option>
            {sides.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <div class="segmented" role="radiogroup" aria-label={t('compare.mode')}>
          {(['table', 'redline', 'instrument'] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={mode === value}
              class={`button small${mode === value ? ' selected' : ''}`}
              onClick={() => setMode(value)}
            >
              {value === 'instrument' ? t('amendment.mode') : t(`compare.${value}`)}
            </button>
          ))}
        </div>
        <CheckboxField name="show-unchanged" checked={showUnchanged} onChange={setShowUnchanged}>
          {t('compare.showUnchanged')}
        </CheckboxField>
        <span class="spacer" />
        <button type="button" class="button small" disabled={!comparison} onClick={printPage}>
          {t('print.button')}
        </button>
        <button type="button" class="button small" disabled={!comparison} onClick={() => download('html')}>
          {t('compare.exportHtml')}
        </button>
        <button type="button" class="button small" disabled={!comparison} onClick={() => download('docx')}>
          {t('compare.exportDocx')}
        </button>
        <button
          type="button"
          class="button small primary"
          onClick={() => navigate({ name: 'draft', id: draftId })}
        >
          {t('compare.back')}
        </button>
      </div>
      {comparison && (
        <ChangeNavigator
          container={body}
          version={`${fromId} ${toId} ${mode} ${showUnchanged} ${comparison.rows.length}`}
        />
      )}
      {/* A tab stop, so the keyboard scrolls the comparison even where it holds nothing focusable. */}
      <div class="compare-body" ref={body} tabIndex={0} role="region" aria-label={t('compare.title')}>
        {!fromId && versions.length === 0 && !error && <p class="empty-state">{t('compare.noVersions')}</p>}
        {error && (
          <p class="error-text" role="alert">
            {t('compare.failed', { detail: error })}
          </p>
        )}
        {fromId && !comparison && !error && <p class="loading">{t('common.loading')}</p>}
        {comparison && fromId && (
          <>
            <p class="compare-heading">
              {t('compare.between', { from: sideName(fromId), to: sideName(toId) })}
            </p>
            <ul class="compare-summary" aria-label={t('compare.summary')}>
              {kinds.map((kind) => (
                <li key={kind} class={`chip kind-${kind}`} data-kind={kind}>
                  {t(`compare.kind.${kind}`)} <strong>{comparison.summary[kind] ?? 0}</strong>
                </li>
              ))}
            </ul>
            {!changed && <p class="empty-state">{t('compare.noChanges')}</p>}
            {mode === 'table' && (
              <ComparisonTable
                blocks={blocks}
                rows={comparison.rows}
                instructions={instructionsByRow(instrument)}
                language={language}
                focusRow={focusRow}
                onShowInstruction={showInstruction}
              />
            )}
            {mode === 'redline' && <Redline blocks={blocks} />}
            {mode === 'instrument' && (
              <InstrumentView
                draftId={draftId}
                from={fromId}
                to={toId}
                language={language}
                style={style}
                onStyle={setStyle}
                instrument={instrument}
                error={instrumentError}
                onShowRow={showRow}
                focus={focusInstruction}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}

/// The line standing for a run of unchanged articles.
function UnchangedRun({ rows }: { rows: readonly ComparisonRow[] }) {
  const t = useT();
  const run = runLabels(rows);
  const key = run.count === 1 ? 'one' : run.count === 2 ? 'two' : 'many';
  return (
    <>
      {t(`compare.unchanged.${key}`, run)}
      {run.oldFrom && t(`compare.unchanged.${key}Formerly`, run)}
    </>
  );
}

interface TableLinks {
  readonly rows: readonly ComparisonRow[];
  readonly instructions: ReadonlyMap<number, number[]>;
  readonly language: Language;
  readonly focusRow: number | null;
  readonly onShowInstruction: (instruction: number) => void;
}

function ComparisonTable({ blocks, ...links }: { blocks: readonly ComparisonBlock[] } & TableLinks) {
  const t = useT();
  return (
    <table class="compare-table">
      <colgroup>
        <col class="col-text" />
        <col class="col-text" />
        <col class="col-change" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t('compare.old')}</th>
          <th scope="col">{t('compare.new')}</th>
          <th scope="col">{t('compare.change')}</th>
        </tr>
      </thead>
      <tbody>
        {blocks.map((block, index) =>
          block.type === 'unchanged' ? (
            <tr key={index} class="row-folded">
              <td colSpan={3}>
                <UnchangedRun rows={block.rows} />
              </td>
            </tr>
          ) : (
            <TableRow key={index} row={block.row} links={links} />
          ),
        )}
      </tbody>
    </table>
  );
}

function TableRow({ row, links }: { row: ComparisonRow; links: TableLinks }) {
  const t = useT();
  const index = links.rows.indexOf(row);
  return (
    <tr
      id={`compare-row-${index}`}
      tabIndex={-1}
      class={`row-${row.kind}${links.focusRow === index ? ' focused' : ''}`}
      data-kind={row.kind}
      data-change={row.kind === 'unchanged' && !row.moved ? undefined : ''}
    >
      <td class="old">
        {row.old && (
          <>
            <span class="article-label">{row.old.label}</span>
            <Segments row={row} side="old" />
          </>
        )}
      </td>
      <td class="new">
        {row.new && (
          <>
            <span class="article-label">{row.new.label}</span>
            <Segments row={row} side="new" />
          </>
        )}
      </td>
      <td class="change">
        <span class={`chip kind-${row.kind}`}>{t(`compare.kind.${row.kind}`)}</span>
        {row.moved && <span class="chip kind-moved">{t('compare.kind.moved')}</span>}
        {row.old && row.new && row.old.label !== row.new.label && (
          <span class="renumbered">
            {t('compare.renumbered', { from: row.old.label, to: row.new.label })}
          </span>
        )}
        <InstructionLinks
          numbers={links.instructions.get(index) ?? []}
          language={links.language}
          onShow={links.onShowInstruction}
        />
      </td>
    </tr>
  );
}

function Redline({ blocks }: { blocks: readonly ComparisonBlock[] }) {
  return (
    <div class="redline">
      {blocks.map((block, index) => {
        if (block.type === 'unchanged') {
          return (
            <p key={index} class="redline-folded">
              <UnchangedRun rows={block.rows} />
            </p>
          );
        }
        const row = block.row;
        return (
          <div
            key={index}
            class={`redline-article row-${row.kind}`}
            data-kind={row.kind}
            data-change={row.kind === 'unchanged' && !row.moved ? undefined : ''}
          >
            <span class="article-label">
              {row.old && row.new && row.old.label !== row.new.label ? (
                <MarkedSegments
                  segments={[
                    { op: 'delete', text: row.old.label },
                    { op: 'equal', text: ' ' },
                    { op: 'insert', text: row.new.label },
                  ]}
                />
              ) : row.kind === 'deleted' ? (
                <MarkedSegments segments={[{ op: 'delete', text: row.old?.label ?? '' }]} />
              ) : row.kind === 'inserted' ? (
                <MarkedSegments segments={[{ op: 'insert', text: row.new?.label ?? '' }]} />
              ) : (
                (row.new ?? row.old)?.label
              )}
            </span>
            <Segments row={row} side="both" />
          </div>
        );
      })}
    </div>
  );
}

/// The text of one side of a row (or both, for the redline), with its changes marked.
function Segments({ row, side }: { row: ComparisonRow; side: 'old' | 'new' | 'both' }) {
  const all: readonly Segment[] =
    row.segments.length > 0
      ? row.segments
      : row.kind === 'inserted'
        ? [{ op: 'insert', text: row.new?.text ?? '' }]
        : row.kind === 'deleted'
          ? [{ op: 'delete', text: row.old?.text ?? '' }]
          : [{ op: 'equal', text: (side === 'old' ? row.old?.text : row.new?.text) ?? row.old?.text ?? '' }];
  return <SegmentRuns segments={side === 'both' ? all : sideSegments(all, side)} />;
}
