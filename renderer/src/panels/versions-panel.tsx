/// The versions panel: cut a named version of the draft as it is now (writers only), list the versions
/// with author, time and the head of the draft's record when each was cut (to check a published
/// version later), open the comparison of any two, or of a version with the live draft, and restore
/// the draft to a version (writers only, as a new change).
import { useEffect, useState } from 'preact/hooks';
import type { VersionInfo } from '../api/types.ts';
import { useApp } from '../app/context.ts';
import { formatTime } from '../app/format-time.ts';
import { navigate } from '../app/router.ts';
import { plainError } from '../app/plain-error.ts';
import { ApiError } from '../api/client.ts';
import { i18n, useT } from '../i18n/i18n.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

/// Props of VersionsPanel.
export interface VersionsPanelProps {
  readonly draftId: string;
  readonly canWrite: boolean;
  /// Called before a version is cut, so the server has every local change (resolves when it does).
  readonly beforeCut?: () => Promise<void>;
}

/// The live draft, as a side of a comparison.
export const liveSide = 'live';

/// The versions panel.
export function VersionsPanel({ draftId, canWrite, beforeCut }: VersionsPanelProps) {
  const t = useT();
  const { api, notify } = useApp();
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(liveSide);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<VersionInfo | null>(null);

  const load = () =>
    api.listVersions(draftId).then(
      (list) => {
        setVersions(list);
        if (list.length) setFrom((current) => current || list[list.length - 1].id);
      },
      (caught: unknown) => setError(plainError(t, caught)),
    );
  useEffect(() => {
    void load();
  }, [draftId]);

  const cut = async (event: Event) => {
    event.preventDefault();
    const name = label.trim();
    if (!name) return;
    setBusy(true);
    try {
      await beforeCut?.();
      const version = await api.createVersion(draftId, name);
      setLabel('');
      setFrom(version.id);
      notify(t('versions.cut', { label: version.label }));
      await load();
    } catch (caught) {
      // Offline, say so and what to do, rather than how the request failed.
      notify(
        caught instanceof ApiError && caught.status === 0
          ? t('plainError.offlineVersion')
          : t('versions.cutFailed', { detail: plainError(t, caught) }),
        'error',
      );
    } finally {
      setBusy(false);
    }
  };

  const restore = async (version: VersionInfo) => {
    setRestoring(null);
    try {
      await beforeCut?.();
      const result = await api.restore(draftId, { versionId: version.id });
      notify(
        t(result.changed ? 'record.restoredVersion' : 'record.unchangedVersion', { label: version.label }),
      );
    } catch (caught) {
      notify(
        t('history.restoreFailed', { detail: caught instanceof Error ? caught.message : String(caught) }),
        'error',
      );
    }
  };

  const compare = (fromId: string, toId: string) =>
    navigate({ name: 'compare', id: draftId, from: fromId, to: toId });
  const newestFirst = versions ? [...versions].reverse() : [];

  return (
    <div class="versions">
      {canWrite && (
        <form class="panel-section" onSubmit={cut}>
          <h3>{t('versions.new')}</h3>
          <div class="row">
            <input
              class="input"
              name="version-label"
              value={label}
              placeholder={t('versions.labelPlaceholder')}
              aria-label={t('versions.label')}
              onInput={(event) => setLabel((event.currentTarget as HTMLInputElement).value)}
            />
            <button type="submit" class="button primary" disabled={busy || !label.trim()}>
              {t('versions.cutButton')}
            </button>
          </div>
        </form>
      )}
      {versions && versions.length > 0 && (
        <form
          class="panel-section"
          onSubmit={(event) => {
            event.preventDefault();
            if (from && to && from !== to) compare(from, to);
          }}
        >
          <h3>{t('versions.compare')}</h3>
          <label class="row">
            <span style={{ width: '3.5em' }}>{t('versions.from')}</span>
            <select
              class="select"
              name="compare-from"
              value={from}
              onChange={(e) => setFrom((e.currentTarget as HTMLSelectElement).value)}
            >
              {newestFirst.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <label class="row">
            <span style={{ width: '3.5em' }}>{t('versions.to')}</span>
            <select
              class="select"
              name="compare-to"
              value={to}
              onChange={(e) => setTo((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value={liveSide}>{t('versions.live')}</option>
              {newestFirst.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            class="button"
            style={{ alignSelf: 'flex-end' }}
            disabled={!from || from === to}
          >
            {t('versions.compareButton')}
          </button>
        </form>
      )}
      <section class="panel-section" style={{ borderBottom: 'none', paddingBottom: 0 }}>
        <h3>{t('versions.list')}</h3>
      </section>
      {error && (
        <p class="error-text" style={{ padding: '0 12px' }}>
          {error}
        </p>
      )}
      {versions && versions.length === 0 && (
        <p class="muted" style={{ padding: '0 12px' }}>
          {t('versions.none')}
        </p>
      )}
      <ul class="version-list">
        {newestFirst.map((version) => (
          <li key={version.id} class="version">
            <span class="name">{version.label}</span>
            <span class="meta">
              {t('versions.byAt', {
                author: version.author ?? t('versions.unknownAuthor'),
                time: formatTime(version.createdAt, i18n.language),
              })}
            </span>
            <span
              class="record-head"
              title={version.head ? t('record.headTitle', { hash: version.head.hash }) : undefined}
            >
              {version.head
                ? t('record.head', { seq: version.head.seq, hash: version.head.hash.slice(0, 12) })
                : t('record.noHead')}
            </span>
            <span class="row">
              <button type="button" class="button small" onClick={() => compare(version.id, liveSide)}>
                {t('versions.compareWithLive')}
              </button>
              {canWrite && (
                <button type="button" class="button small" onClick={() => setRestoring(version)}>
                  {t('record.restoreVersion')}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {restoring && (
        <ConfirmDialog
          title={t('record.restoreVersionTitle', { label: restoring.label })}
          message={t('record.restoreVersionMessage', { label: restoring.label })}
          confirmLabel={t('history.restoreConfirm')}
          onConfirm={() => void restore(restoring)}
          onCancel={() => setRestoring(null)}
        />
      )}
    </div>
  );
}
