/// The clusters of near-duplicate comments, largest first: each with its size, a representative text
/// and how its members were decided. The clerk shows a cluster's members in the table, merges
/// clusters, splits the selected members off into a cluster of their own, or moves them out; and
/// clusters again when comments arrived since.
import { useState } from 'preact/hooks';
import { dispositionKinds } from '../../../core/index.ts';
import type { ClusterInfo } from '../api/clerk.ts';
import { useT } from '../i18n/i18n.ts';
import type { ClerkData } from './table-model.ts';

/// Props of ClusterPanel.
export interface ClusterPanelProps {
  readonly data: ClerkData;
  readonly clusters: readonly ClusterInfo[];
  /// The cluster the table shows (index into data.clusters), or null.
  readonly shown: number | null;
  /// Selected rows of the shown cluster.
  readonly selectedInShown: number;
  readonly stale: boolean;
  readonly canWrite: boolean;
  readonly busy: boolean;
  readonly onShow: (cluster: number | null) => void;
  readonly onRecluster: () => void;
  readonly onMerge: (clusterIds: readonly string[]) => void;
  readonly onSplit: () => void;
  readonly onMoveOut: () => void;
}

/// The panel.
export function ClusterPanel(props: ClusterPanelProps) {
  const t = useT();
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const indexOf = new Map(props.data.clusters.map((c, i) => [c.id, i]));
  const shownCluster = props.shown === null ? null : props.data.clusters[props.shown];

  const tally = (id: string) => {
    const rows = props.data.clusterRows[indexOf.get(id) ?? -1] ?? [];
    const counts = dispositionKinds.map(() => 0);
    let pending = 0;
    for (const row of rows) {
      const kind = props.data.rows.disposition[row];
      if (kind < 0) pending++;
      else counts[kind]++;
    }
    return { counts, pending, total: rows.length };
  };

  return (
    <div class="cluster-panel">
      {props.stale && (
        <div class="notice" role="status">
          <span>{t('clerk.clusters.stale')}</span>
          <span class="spacer" />
          {props.canWrite && (
            <button type="button" class="button small" disabled={props.busy} onClick={props.onRecluster}>
              {t('clerk.clusters.recluster')}
            </button>
          )}
        </div>
      )}
      {shownCluster && (
        <div class="shown-cluster">
          <p>
            {t('clerk.clusters.showing', { size: shownCluster.size })}{' '}
            <button type="button" class="button quiet small" onClick={() => props.onShow(null)}>
              {t('clerk.clusters.showAll')}
            </button>
          </p>
          {props.canWrite && (
            <div class="cluster-actions">
              <button
                type="button"
                class="button small"
                name="split"
                disabled={
                  props.busy || props.selectedInShown === 0 || props.selectedInShown >= shownCluster.size
                }
                onClick={props.onSplit}
              >
                {t('clerk.clusters.split', { count: props.selectedInShown })}
              </button>
              <button
                type="button"
                class="button small"
                name="move-out"
                disabled={
                  props.busy || props.selectedInShown === 0 || props.selectedInShown >= shownCluster.size
                }
                onClick={props.onMoveOut}
              >
                {t('clerk.clusters.moveOut', { count: props.selectedInShown })}
              </button>
            </div>
          )}
        </div>
      )}
      <div class="cluster-head">
        <span>{t('clerk.clusters.count', { count: props.clusters.length })}</span>
        {/* Merging takes two groups or more: until then a hint, never "Merge the 0 ticked groups". */}
        {props.canWrite && checked.size >= 2 && (
          <button
            type="button"
            class="button small"
            name="merge"
            disabled={props.busy}
            onClick={() => {
              props.onMerge([...checked]);
              setChecked(new Set());
            }}
          >
            {t('clerk.clusters.merge', { count: checked.size })}
          </button>
        )}
      </div>
      {props.canWrite && checked.size < 2 && props.clusters.length > 1 && (
        <p class="cluster-hint muted">{t('clusterHint.tick')}</p>
      )}
      {props.clusters.length === 0 && <p class="empty-state">{t('clerk.clusters.none')}</p>}
      <ol class="cluster-list">
        {props.clusters.map((cluster) => {
          const { counts, pending, total } = tally(cluster.id);
          const index = indexOf.get(cluster.id);
          return (
            <li
              key={cluster.id}
              class={`cluster-item${index === props.shown ? ' shown' : ''}`}
              data-cluster={cluster.id}
            >
              {props.canWrite && (
                <input
                  type="checkbox"
                  aria-label={t('clerk.clusters.check', { size: cluster.size })}
                  checked={checked.has(cluster.id)}
                  onChange={() => {
                    const next = new Set(checked);
                    if (next.has(cluster.id)) next.delete(cluster.id);
                    else next.add(cluster.id);
                    setChecked(next);
                  }}
                />
              )}
              <button
                type="button"
                class="cluster-open"
                disabled={index === undefined}
                onClick={() => index !== undefined && props.onShow(index)}
              >
                <span class="cluster-size-big">{cluster.size}</span>
                <span class="cluster-text">
                  {cluster.kind === 'stub' ? <em>{t('clerk.clusters.stub')} </em> : null}
                  {cluster.representative.excerpt}
                </span>
              </button>
              <span
                class="cluster-bar"
                role="img"
                aria-label={t('clerk.clusters.decided', { decided: total - pending, total })}
              >
                {counts.map((n, k) =>
                  n ? (
                    <span
                      key={k}
                      class={`seg kind-${dispositionKinds[k]}`}
                      style={{ flexGrow: n }}
                      title={`${t(`clerk.kind.${dispositionKinds[k]}`)} ${n}`}
                    />
                  ) : null,
                )}
                {pending ? (
                  <span
                    class="seg pending"
                    style={{ flexGrow: pending }}
                    title={`${t('clerk.kind.pending')} ${pending}`}
                  />
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
