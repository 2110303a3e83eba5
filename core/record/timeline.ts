/// The draft's timeline: the things that happen to a draft besides typing — versions cut, comment
/// periods opened and closed, members added or changed, exports, dispositions, suggestions accepted
/// or rejected, restores — each with who and when. The server keeps them in its audit log under
/// dotted action names; this module says which actions are timeline events and of what kind, and
/// writes the timeline as CSV.
///
/// A feature adds events by recording an audit action named `KIND.VERB` with a kind below
/// (`suggestion.accept`, `restore.article`, `export.draft`…): nothing else is needed.
import { csvRecord, spreadsheetSafe } from '../report/csv.ts';

/// The kinds of timeline event.
export const timelineKinds = [
  'draft',
  'version',
  'comment-period',
  'member',
  'export',
  'disposition',
  'suggestion',
  'restore',
] as const;

/// One of timelineKinds.
export type TimelineKind = (typeof timelineKinds)[number];

/// Whether `value` names a timeline kind.
export function isTimelineKind(value: unknown): value is TimelineKind {
  return typeof value === 'string' && (timelineKinds as readonly string[]).includes(value);
}

// Actions whose name does not start with their kind.
const namedActions: Readonly<Record<string, TimelineKind>> = {
  'public.open': 'comment-period',
  'public.close': 'comment-period',
  'public.withdraw': 'comment-period',
  'summary.export': 'export',
  'dispositions.set': 'disposition',
  'dispositions.clear': 'disposition',
};

/// The audit actions of timeline events whose name does not start with their kind.
export const namedTimelineActions: readonly string[] = Object.keys(namedActions);

/// The timeline kind of audit action `action`, or undefined when it is not a timeline event (a
/// sign-in, a public comment — whose submitter stays private —, a refused connection…). Actions are
/// `KIND.VERB` ("version.create" → version, "suggestion.reject" → suggestion), plus a few older names.
export function timelineKindOf(action: string): TimelineKind | undefined {
  const named = namedActions[action];
  if (named) return named;
  const dot = action.indexOf('.');
  const prefix = dot > 0 ? action.slice(0, dot) : '';
  return isTimelineKind(prefix) ? prefix : undefined;
}

/// One event of a draft's timeline.
export interface TimelineEventJson {
  /// ISO 8601.
  readonly at: string;
  readonly kind: TimelineKind;
  /// The audit action, e.g. `version.create`.
  readonly action: string;
  /// Who did it (username), or null for the server or the command line.
  readonly user: string | null;
  /// What else was recorded (label, role, format…), as the feature recorded it.
  readonly detail: Readonly<Record<string, unknown>> | null;
}

/// `GET /api/drafts/:id/timeline`: the events, oldest first.
export interface TimelineJson {
  readonly draftId: string;
  readonly events: readonly TimelineEventJson[];
}

/// Header of the timeline's CSV.
export const timelineCsvHeader = ['time', 'kind', 'action', 'user', 'detail'] as const;

/// The timeline as RFC 4180 CSV with a header row: time, kind, action, user, and the detail as
/// JSON. Text fields are made safe for spreadsheets.
export function renderTimelineCsv(events: readonly TimelineEventJson[]): string {
  let out = csvRecord(timelineCsvHeader);
  for (const event of events) {
    out += csvRecord([
      event.at,
      event.kind,
      event.action,
      spreadsheetSafe(event.user),
      spreadsheetSafe(event.detail === null ? null : JSON.stringify(event.detail)),
    ]);
  }
  return out;
}
