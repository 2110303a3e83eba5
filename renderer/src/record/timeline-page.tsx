/// The draft's timeline (`/drafts/:id/timeline`): versions cut, comment periods opened and closed,
/// members added or changed, exports, dispositions, suggestions accepted or rejected, restores — each
/// with who and when; filtered by kind, person and dates; exported as CSV or JSON.
import { useEffect, useState } from 'preact/hooks';
import { timelineKinds } from '../../../core/index.ts';
import type { TimelineEventJson, TimelineKind } from '../../../core/index.ts';
import type { TimelineFilter } from '../api/client.ts';
import type { DraftInfo } from '../api/types.ts';
import { useApp } from '../app/context.ts';
import { formatTime } from '../app/format-time.ts';
import { followLink } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { followDraftLanguage, i18n, useT } from '../i18n/i18n.ts';

/// Props of TimelinePage.
export interface TimelinePageProps {
  readonly draftId: string;
}

/// The sentence for one event, in the UI language: "Cut version “First reading”", or its action name
/// for an action the UI has no words for.
export function eventText(event: TimelineEventJson, t: ReturnType<typeof useT>): string {
  const key = `timeline.action.${event.action}`;
  if (!i18n.exists(key)) return event.action;
  const detail = event.detail ?? {};
  const text = (name: string) => (typeof detail[name] === 'string' ? (detail[name] as string) : '');
  return t(key, {
    ...detail,
    role: text('role') && i18n.exists(`role.${text('role')}`) ? t(`role.${text('role')}`) : text('role'),
    kind:
      text('kind') && i18n.exists(`clerk.kind.${text('kind')}`)
        ? t(`clerk.kind.${text('kind')}`)
        : text('kind'),
    format: text('format').toUpperCase(),
  });
}

/// What else an event says: the record head of a version, the moment a restore went back to.
function eventDetail(event: TimelineEventJson, t: ReturnType<typeof useT>): string {
  const detail = event.detail ?? {};
  const head = detail.head as { seq?: unknown; hash?: unknown } | undefined;
  if (event.kind === 'version' && head && typeof head.seq === 'number' && typeof head.hash === 'string') {
    return t('record.head', { seq: head.seq, hash: head.hash.slice(0, 12) });
  }
  if (event.kind === 'restore') {
    if (typeof detail.at === 'string') return formatTime(detail.at, i18n.language);
    if (typeof detail.versionId === 'string') return detail.versionId;
  }
  return '';
}

const emptyFilter: { kinds: TimelineKind[]; user: string; from: string; to: string } = {
  kinds: [],
  user: '',
  from: '',
  to: '',
};

// The API's filter from the form's: dates are whole local days.
function apiFilter(form: typeof emptyFilter): TimelineFilter {
  const day = (value: string, end: boolean) =>
    value ? new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined;
  return {
    kinds: form.kinds,
    user: form.user.trim() || undefined,
    from: day(form.from, false),
    to: day(form.to, true),
  };
}

/// The page.
export function TimelinePage({ draftId }: TimelinePageProps) {
  const t = useT();
  const { api, host, session, signOut, notify } = useApp();
  const [draft, setDraft] = useState<DraftInfo | null>(null);
  const [events, setEvents] = useState<readonly TimelineEventJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState(emptyFilter);
  const [applied, setApplied] = useState(emptyFilter);

  useEffect(() => {
    let live = true;
    api.getDraft(draftId).then(
      (info) => {
        if (!live) return;
        setDraft(info);
        followDraftLanguage(info.language);
      },
      (caught: Error) => live && setError(caught.message),
    );
    return () => {
      live = false;
      followDraftLanguage(null);
    };
  }, [api, draftId]);

  useEffect(() => {
    let live = true;
    api.timeline(draftId, apiFilter(applied)).then(
      (found) => live && setEvents(found.events),
      (caught: Error) => live && setError(caught.message),
    );
    return () => {
      live = false;
    };
  }, [api, draftId, applied]);

  const download = async (format: 'csv' | 'json') => {
    try {
      await host.saveFile(await api.timelineFile(draftId, apiFilter(applied), format));
    } catch (caught) {
      notify(
        t('timeline.exportFailed', { detail: caught instanceof Error ? caught.message : String(caught) }),
        'error',
      );
    }
  };

  const toggleKind = (kind: TimelineKind, on: boolean) =>
    setForm((f) => ({ ...f, kinds: on ? [...f.kinds, kind] : f.kinds.filter((k) => k !== kind) }));

  return (
    <>
      <TopBar user={session.user.username} onSignOut={signOut}>
        <span class="crumb" title={draft?.title}>
          {draft ? draft.title || t('drafts.untitled') : ''}
        </span>
        <a
          class="button small"
          href={`/drafts/${encodeURIComponent(draftId)}`}
          onClick={followLink({ name: 'draft', id: draftId })}
        >
          {t('timeline.back')}
        </a>
      </TopBar>
      <main class="page timeline-page" id="main">
        <div class="page-inner">
          <div class="page-head">
            <h1>{t('timeline.heading')}</h1>
          </div>
          <form
            class="timeline-filter"
            aria-label={t('timeline.filter')}
            onSubmit={(event) => {
              event.preventDefault();
              setApplied(form);
            }}
          >
            <fieldset>
              <legend>{t('timeline.kinds')}</legend>
              {timelineKinds.map((kind) => (
                <label key={kind} class="toggle">
                  <input
                    type="checkbox"
                    name={`kind-${kind}`}
                    checked={form.kinds.includes(kind)}
                    onChange={(event) => toggleKind(kind, (event.currentTarget as HTMLInputElement).checked)}
                  />
                  {t(`timeline.kind.${kind}`)}
                </label>
              ))}
            </fieldset>
            <label>
              {t('timeline.user')}
              <input
                class="input"
                name="user"
                value={form.user}
                onInput={(event) =>
                  setForm((f) => ({ ...f, user: (event.currentTarget as HTMLInputElement).value }))
                }
              />
            </label>
            <label>
              {t('timeline.from')}
              <input
                class="input"
                type="date"
                name="from"
                value={form.from}
                onInput={(event) =>
                  setForm((f) => ({ ...f, from: (event.currentTarget as HTMLInputElement).value }))
                }
              />
            </label>
            <label>
              {t('timeline.to')}
              <input
                class="input"
                type="date"
                name="to"
                value={form.to}
                onInput={(event) =>
                  setForm((f) => ({ ...f, to: (event.currentTarget as HTMLInputElement).value }))
                }
              />
            </label>
            <div class="row">
              <button type="submit" class="button primary">
                {t('timeline.apply')}
              </button>
              <button
                type="button"
                class="button"
                onClick={() => {
                  setForm(emptyFilter);
                  setApplied(emptyFilter);
                }}
              >
                {t('timeline.clear')}
              </button>
              <span class="spacer" />
              <button type="button" class="button" onClick={() => void download('csv')}>
                {t('timeline.exportCsv')}
              </button>
              <button type="button" class="button" onClick={() => void download('json')}>
                {t('timeline.exportJson')}
              </button>
            </div>
          </form>
          {error && (
            <p class="error-text" role="alert">
              {t('timeline.failed', { detail: error })}
            </p>
          )}
          {events && events.length === 0 && <p class="muted">{t('timeline.none')}</p>}
          {events && events.length > 0 && (
            <table class="table timeline-table">
              <caption>{t('timeline.count', { count: events.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('timeline.colTime')}</th>
                  <th scope="col">{t('timeline.colKind')}</th>
                  <th scope="col">{t('timeline.colUser')}</th>
                  <th scope="col">{t('timeline.colWhat')}</th>
                </tr>
              </thead>
              <tbody>
                {[...events].reverse().map((event, index) => {
                  const detail = eventDetail(event, t);
                  return (
                    <tr key={index} data-kind={event.kind} data-action={event.action}>
                      <td>
                        <time dateTime={event.at}>{formatTime(event.at, i18n.language)}</time>
                      </td>
                      <td>
                        <span class={`badge kind-${event.kind}`}>{t(`timeline.kind.${event.kind}`)}</span>
                      </td>
                      <td>{event.user ?? <span class="muted">{t('timeline.system')}</span>}</td>
                      <td>
                        {eventText(event, t)}
                        {detail && <span class="muted event-detail"> · {detail}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      </main>
    </>
  );
}
