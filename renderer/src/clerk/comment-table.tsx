/// The clerk's table of comments: a virtualised table (only the rows in view are in the DOM) with a
/// checkbox per row for bulk actions, sortable columns, and the keyboard: ↑/↓ move, Space selects,
/// Ctrl/⌘+A selects every row shown.
import { dispositionKinds } from '../../../core/index.ts';
import { useT } from '../i18n/i18n.ts';
import { VirtualTable } from '../panels/virtual-table.tsx';
import type { ClerkData, SortKey } from './table-model.ts';

/// Height of a row, in pixels.
export const clerkRowHeight = 34;

const columns = '32px 64px 84px minmax(200px, 1fr) 120px 84px 64px 150px minmax(120px, 0.45fr)';

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

  const sortHeader = (key: SortKey, label: string) => (
    <button
      type="button"
      class={`vt-sort${props.sort.key === key ? ' sorted' : ''}`}
      aria-sort={props.sort.key === key ? (props.sort.descending ? 'descending' : 'ascending') : 'none'}
      onClick={() => props.onSort(key)}
    >
      {label}
      {props.sort.key === key ? (props.sort.descending ? ' ▼' : ' ▲') : ''}
    </button>
  );

  return (
    <VirtualTable
      class="clerk-table"
      label={t('clerk.table.label')}
      rowCount={rows.length}
      rowHeight={clerkRowHeight}
      columns={columns}
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
          <span role="columnheader" class="vt-cell">
            {sortHeader('id', t('clerk.table.id'))}
          </span>
          <span role="columnheader" class="vt-cell">
            {sortHeader('article', t('clerk.table.article'))}
          </span>
          <span role="columnheader" class="vt-cell">
            {t('clerk.table.text')}
          </span>
          <span role="columnheader" class="vt-cell">
            {sortHeader('submitter', t('clerk.table.submitter'))}
          </span>
          <span role="columnheader" class="vt-cell">
            {t('clerk.table.type')}
          </span>
          <span role="columnheader" class="vt-cell">
            {sortHeader('cluster', t('clerk.table.cluster'))}
          </span>
          <span role="columnheader" class="vt-cell">
            {sortHeader('disposition', t('clerk.table.disposition'))}
          </span>
          <span role="columnheader" class="vt-cell">
            {t('clerk.table.reason')}
          </span>
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
              <input
                type="checkbox"
                aria-label={t('clerk.table.select', { id: r.id[row] })}
                checked={selected.has(row)}
                onChange={() => toggle(row)}
              />
            </span>
            <span role="cell" class="vt-cell num">
              {r.id[row]}
            </span>
            <span role="cell" class="vt-cell">
              {articleIndex < 0 ? t('clerk.general') : data.articles[articleIndex].label}
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
            <span role="cell" class="vt-cell">
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
