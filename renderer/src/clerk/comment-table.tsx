/// The clerk's table of comments: a virtualised table (only the rows in view are in the DOM) with a
/// checkbox per row for bulk actions, sortable columns sized by their content and resizable by the
/// clerk, and the keyboard: ↑/↓ move, Space selects, Ctrl/⌘+A selects every row shown.
import { useMemo, useState } from 'preact/hooks';
import { dispositionKinds } from '../../../core/index.ts';
import { i18n, useT } from '../i18n/i18n.ts';
import { ColumnResizer } from '../panels/column-resizer.tsx';
import { VirtualTable } from '../panels/virtual-table.tsx';
import { contentWidths, gridTemplate, resizeColumn, storedWidths, storeWidths } from './column-widths.ts';
import type { ColumnSpec, ColumnWidths } from './column-widths.ts';
import { articleShown } from './table-model.ts';
import type { ArticleShown, ClerkData, SortKey } from './table-model.ts';

/// Height of a row, in pixels.
export const clerkRowHeight = 34;

/// The columns, in order: the comment text takes the room the others leave.
const columnSpecs: readonly ColumnSpec[] = [
  { key: 'select', min: 32, max: 32, fixed: 32 },
  { key: 'id', min: 52, max: 96 },
  { key: 'article', min: 64, max: 130 },
  { key: 'text', min: 150, max: 1200, grow: true },
  { key: 'submitter', min: 96, max: 200 },
  { key: 'type', min: 56, max: 150 },
  { key: 'cluster', min: 60, max: 96 },
  { key: 'disposition', min: 96, max: 150 },
  { key: 'reason', min: 72, max: 320 },
];

/// Measures text as the table sets it (13px, the UI's font).
function textMeasure(): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => [...text].length * 13;
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  context.font = `600 13px ${family}`;
  return (text) => context.measureText(text).width;
}

/// Props of CommentTable.
export interface CommentTableProps {
  readonly data: ClerkData;
  /// The rows shown, in display order.
  readonly rows: Int32Array;
  /// Bumped when `data` changed in place.
  readonly version: number;
  readonly selected: ReadonlySet<number>;
  /// The row (data index) with the focus.
  readonly active: number | null;
  readonly sort: { readonly key: SortKey; readonly descending: boolean };
  readonly onSort: (key: SortKey) => void;
  readonly onActivate: (row: number) => void;
  /// Replace the selection.
  readonly onSelect: (rows: ReadonlySet<number>) => void;
  readonly onShowCluster: (cluster: number) => void;
}

/// The table.
export function CommentTable(props: CommentTableProps) {
  const t = useT();
  const { data, rows, selected } = props;
  const r = data.rows;
  const activePosition = props.active === null ? null : rows.indexOf(props.active);

  const toggle = (row: number) => {
    const next = new Set(selected);
    if (next.has(row)) next.delete(row);
    else next.add(row);
    props.onSelect(next);
  };
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row));
  const selectAll = () => {
    const next = new Set(selected);
    if (allSelected) for (const row of rows) next.delete(row);
    else for (const row of rows) next.add(row);
    props.onSelect(next);
  };

  const headers: Record<string, string> = {
    select: '',
    id: t('clerk.table.id'),
    article: t('clerk.table.article'),
    text: t('clerk.table.text'),
    submitter: t('clerk.table.submitter'),
    type: t('clerk.table.type'),
    cluster: t('clerk.table.cluster'),
    disposition: t('clerk.table.disposition'),
    reason: t('clerk.table.reason'),
  };
  // Widths by content, measured once per table and language; the clerk's own widths win.
  const sized = useMemo<ColumnWidths>(() => {
    const values = (key: string): Iterable<string> => {
      switch (key) {
        case 'id':
          return r.id.map(String);
        case 'article':
          // The longest line a cell shows: the number seen with the number now, or the version's name.
          return [
            t('clerk.general'),
            ...data.articles.map((_, index) => {
              const shown = articleShown(data, index)!;
              const note = shown.gone
                ? t('clerk.table.articleGone')
                : shown.now
                  ? t('clerk.table.articleNow', { label: shown.now })
                  : null;
              return note ? `${shown.label} → ${note}` : shown.label;
            }),
            ...data.versions.map((v) => v.label),
          ];
        case 'submitter':
          return r.submitter;
        case 'type':
          return data.submitterTypes.map((type) => t(`clerk.submitterType.${type}`, { defaultValue: type }));
        case 'cluster':
          return data.clusters.map((c) => String(c.size));
        case 'disposition':
          return [
            t('clerk.kind.pending'),
            ...dispositionKinds.map(
              (k) => `${t(`clerk.kindShort.${k}`)} ${t('clerk.table.viaClusterShort')}`,
            ),
          ];
        case 'reason':
          return data.reasons;
        default:
          return [];
      }
    };
    return contentWidths(columnSpecs, (key) => headers[key], values, textMeasure());
  }, [data, i18n.language]);
  const [chosen, setChosen] = useState<ColumnWidths>(storedWidths);
  const choose = (next: ColumnWidths) => {
    setChosen(next);
    storeWidths(next);
  };
  const columns = gridTemplate(columnSpecs, sized, chosen);
  const totalWidth = columnSpecs.reduce(
    (sum, spec) => sum + (chosen[spec.key] ?? (spec.grow ? spec.min : sized[spec.key])),
    0,
  );

  // A header cell: its label (a sort button for sortable columns: aria-sort belongs on the
  // columnheader, not on its button) and the handle that resizes the column.
  const headerCell = (key: string, sortKey?: SortKey) => {
    const sorted = sortKey !== undefined && props.sort.key === sortKey;
    return (
      <span
        role="columnheader"
        class="vt-cell"
        data-column={key}
        aria-sort={
          sortKey === undefined
            ? undefined
            : sorted
              ? props.sort.descending
                ? 'descending'
                : 'ascending'
              : 'none'
        }
      >
        {sortKey === undefined ? (
          <span class="vt-label">{headers[key]}</span>
        ) : (
          <button
            type="button"
            class={`vt-sort${sorted ? ' sorted' : ''}`}
            onClick={() => props.onSort(sortKey)}
          >
            {headers[key]}
            <span aria-hidden="true">{sorted ? (props.sort.descending ? ' ▼' : ' ▲') : ''}</span>
          </button>
        )}
        <ColumnResizer
          label={t('columns.resize', { column: headers[key] })}
          width={chosen[key] ?? sized[key]}
          onResize={(width) => choose(resizeColumn(chosen, key, width))}
          onReset={() => {
            const { [key]: _dropped, ...rest } = chosen;
            choose(rest);
          }}
        />
      </span>
    );
  };

  return (
    <VirtualTable
      class="clerk-table"
      label={t('clerk.table.label')}
      bodyLabel={t('columns.tableKeys')}
      rowCount={rows.length}
      rowHeight={clerkRowHeight}
      columns={columns}
      minWidth={totalWidth}
      activeRow={activePosition !== null && activePosition >= 0 ? activePosition : null}
      header={
        <>
          <span role="columnheader" class="vt-cell">
            <input
              type="checkbox"
              aria-label={t('clerk.table.selectAll')}
              checked={allSelected}
              onChange={selectAll}
            />
          </span>
          {headerCell('id', 'id')}
          {headerCell('article', 'article')}
          {headerCell('text')}
          {headerCell('submitter', 'submitter')}
          {headerCell('type')}
          {headerCell('cluster', 'cluster')}
          {headerCell('disposition', 'disposition')}
          {headerCell('reason')}
        </>
      }
      rowProps={(index) => {
        const row = rows[index];
        return {
          class: `vt-row${selected.has(row) ? ' selected' : ''}${row === props.active ? ' active' : ''}${r.withdrawn[row] ? ' withdrawn' : ''}`,
          'data-id': String(r.id[row]),
          'aria-selected': selected.has(row) ? 'true' : 'false',
        };
      }}
      onRowClick={(index, event) => {
        const row = rows[index];
        const target = event.target as HTMLElement;
        if (target.closest('input, button')) return;
        if (event.shiftKey && props.active !== null) {
          // A range from the focused row to this one.
          const from = rows.indexOf(props.active);
          const [a, b] = from < index ? [from, index] : [index, from];
          const next = new Set(selected);
          for (let k = Math.max(0, a); k <= b; k++) next.add(rows[k]);
          props.onSelect(next);
        }
        props.onActivate(row);
      }}
      onKeyDown={(event) => {
        const position = activePosition ?? -1;
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const next = Math.min(
            rows.length - 1,
            Math.max(0, position + (event.key === 'ArrowDown' ? 1 : -1)),
          );
          if (rows.length) props.onActivate(rows[next]);
        } else if (event.key === ' ' && props.active !== null) {
          event.preventDefault();
          toggle(props.active);
        } else if (event.key === 'a' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          props.onSelect(new Set(rows));
        }
      }}
      renderRow={(index) => {
        const row = rows[index];
        const cluster = r.cluster[row];
        const size = cluster < 0 ? 1 : data.clusters[cluster].size;
        const kind = r.disposition[row];
        const articleIndex = r.article[row];
        const type = r.submitterType[row];
        return (
          <>
            <span role="cell" class="vt-cell">
              {/* Out of the tab order, as the row's other controls: the table is one tab stop, where
                  ↑/↓ move and Space ticks (hundreds of rows must not be hundreds of tab stops). */}
              <input
                type="checkbox"
                tabIndex={-1}
                aria-label={t('clerk.table.select', { id: r.id[row] })}
                checked={selected.has(row)}
                onChange={() => toggle(row)}
              />
            </span>
            <span role="cell" class="vt-cell num">
              {r.id[row]}
            </span>
            <span role="cell" class="vt-cell">
              <ArticleCell shown={articleShown(data, articleIndex)} />
              {r.cited[row] ? <span class="muted">{t('clerk.cited')}</span> : null}
            </span>
            <span
              role="cell"
              class="vt-cell text"
              title={
                r.attachments[row] ? `${r.excerpt[row]}\n📎 ${r.attachmentExcerpt[row]}` : r.excerpt[row]
              }
            >
              {r.withdrawn[row] ? <em class="withdrawn-mark">{t('clerk.withdrawn')} </em> : null}
              {r.attachments[row] ? (
                <span
                  class="attachment-mark"
                  role="img"
                  aria-label={
                    t('clerk.attachments', { count: r.attachments[row] }) +
                    (r.unreadable[row] ? `, ${t('clerk.unreadable', { count: r.unreadable[row] })}` : '')
                  }
                >
                  📎{r.attachments[row] > 1 ? r.attachments[row] : ''}
                </span>
              ) : null}
              {r.excerpt[row]}
              {r.attachmentExcerpt[row] ? (
                <span class="attachment-excerpt"> — {r.attachmentExcerpt[row]}</span>
              ) : null}
            </span>
            <span role="cell" class="vt-cell" title={r.submitter[row]}>
              {r.submitter[row]}
            </span>
            <span role="cell" class="vt-cell muted">
              {type < 0
                ? ''
                : t(`clerk.submitterType.${data.submitterTypes[type]}`, {
                    defaultValue: data.submitterTypes[type],
                  })}
            </span>
            <span role="cell" class="vt-cell num">
              {size > 1 ? (
                <button
                  type="button"
                  tabIndex={-1}
                  class="cluster-size"
                  title={t('clerk.table.showCluster')}
                  onClick={() => props.onShowCluster(cluster)}
                >
                  {size}
                </button>
              ) : (
                <span class="muted">1</span>
              )}
            </span>
            <span role="cell" class="vt-cell">
              {kind < 0 ? (
                <span class="disposition-chip pending">{t('clerk.kind.pending')}</span>
              ) : (
                <span
                  class={`disposition-chip kind-${dispositionKinds[kind]}`}
                  title={t(`clerk.kind.${dispositionKinds[kind]}`)}
                >
                  {t(`clerk.kindShort.${dispositionKinds[kind]}`)}
                  {r.source[row] === 1 ? (
                    <span class="via-cluster" title={t('clerk.table.viaCluster')}>
                      {t('clerk.table.viaClusterShort')}
                    </span>
                  ) : null}
                </span>
              )}
            </span>
            <span role="cell" class="vt-cell muted" title={kind < 0 ? '' : data.reasons[r.reason[row]]}>
              {kind < 0 ? '' : data.reasons[r.reason[row]]}
            </span>
          </>
        );
      }}
    />
  );
}

/// The article a comment is on, as its commenter saw it and its number now when that differs
/// ("第二条 → 现为第三条"), over the name of the version commented on.
export function ArticleCell({ shown }: { shown: ArticleShown | null }) {
  const t = useT();
  if (!shown) return <>{t('clerk.general')}</>;
  const note = shown.gone
    ? t('clerk.table.articleGone')
    : shown.now
      ? t('clerk.table.articleNow', { label: shown.now })
      : null;
  const title = [shown.label, note, shown.version].filter(Boolean).join(' · ');
  return (
    <span class="article-seen" title={title}>
      <span class="article-line">
        {shown.label}
        {note && <span class="article-now"> → {note}</span>}
      </span>
      {shown.version && <span class="article-version">{shown.version}</span>}
    </span>
  );
}
