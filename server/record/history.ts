/// Per-article history and blame, and an article's text at a past moment, read from a draft's
/// RecordIndex. History: the entries that touched the article, grouped into author sessions, each with
/// the inline diff of the article's text across it. Blame: the current text as runs, each owned by the
/// session that wrote it (core's blameRuns over the texts after each session).
import { blameRuns, groupSessions, inlineDiff, label } from '../../core/index.ts';
import type {
  ArticleBlameJson,
  ArticleHistoryJson,
  BlameRunJson,
  ChangeAuthor,
  ChangeKind,
  HistoryEntryJson,
  Language,
  SessionChange,
} from '../../core/index.ts';
import {
  articleElementAt,
  articleElements,
  articleNumbersAt,
  articleTextAt,
  LeadMemo,
  touchingEntries,
} from './article-text.ts';
import type { EntryInfo, RecordIndex } from './record-index.ts';

/// Turns a user id into a username (null when there is no such user).
export type UsernameOf = (userId: number) => string | null;

/// One session of one article, with its text before and after.
export interface ArticleSession {
  readonly first: EntryInfo;
  readonly last: EntryInfo;
  readonly before: string;
  readonly after: string;
}

/// An article's sessions, oldest first, and whether (and as what label) it is in the draft now.
export interface ArticleSessions {
  readonly sessions: readonly ArticleSession[];
  /// The article's text now, or null when it is not in the draft now.
  readonly current: string | null;
  /// Its number now, or null.
  readonly number: number | null;
}

/// The sessions of article `articleId` over the whole of `index` (undefined when no article ever had
/// that id). Cross-references read with today's numbering at every moment, so that renumbering done
/// elsewhere is not shown as a change of this article.
export function articleSessions(
  index: RecordIndex,
  articleId: string,
  language: Language,
): ArticleSessions | undefined {
  const elements = articleElements(index, articleId);
  if (elements.length === 0) return undefined;
  const head = index.lastSeq;
  const numbers = articleNumbersAt(index, head);
  const memo = new LeadMemo(index);
  const textAt = (seq: number): string => {
    const element = articleElementAt(index, elements, articleId, seq);
    return element ? articleTextAt(index, element, seq, language, numbers, memo) : '';
  };
  const infos = touchingEntries(index, elements)
    .map((seq) => index.info(seq))
    .filter((info): info is EntryInfo => info !== undefined);
  const spans = groupSessions(infos.map(sessionChange));
  const sessions = spans.map((span) => {
    const first = infos[span.first];
    const last = infos[span.last];
    return { first, last, before: textAt(first.seq - 1), after: textAt(last.seq) };
  });
  const now = articleElementAt(index, elements, articleId, head);
  return {
    sessions,
    current: now ? articleTextAt(index, now, head, language, numbers, memo) : null,
    number: now ? (numbers.get(articleId) ?? null) : null,
  };
}

/// The text of article `articleId` right after entry `seq`, as it read then (cross-references by the
/// numbering of that moment), with its label then; undefined when there was no such article then.
export function articleAt(
  index: RecordIndex,
  articleId: string,
  seq: number,
  language: Language,
): { text: string; label: string } | undefined {
  const elements = articleElements(index, articleId);
  const element = articleElementAt(index, elements, articleId, seq);
  if (!element) return undefined;
  const numbers = articleNumbersAt(index, seq);
  const number = numbers.get(articleId);
  return {
    text: articleTextAt(index, element, seq, language, numbers),
    label: number === undefined ? '' : label('article', number, language),
  };
}

/// The history of an article as the API sends it: sessions newest first.
export function historyJson(
  articleId: string,
  found: ArticleSessions,
  language: Language,
  usernameOf: UsernameOf,
): ArticleHistoryJson {
  const entries: HistoryEntryJson[] = found.sessions.map((session) => ({
    from: iso(session.first.at),
    to: iso(session.last.at),
    author: authorOf(session.first, usernameOf),
    kind: kindOf(session.first),
    seq: { first: session.first.seq, last: session.last.seq },
    changes: inlineDiff(session.before, session.after, language),
  }));
  return {
    articleId,
    label: found.number === null ? null : label('article', found.number, language),
    entries: entries.reverse(),
  };
}

/// The blame of an article that is in the draft now, as the API sends it. Throws RangeError when it
/// is not (found.current is null).
export function blameJson(
  articleId: string,
  found: ArticleSessions,
  language: Language,
  usernameOf: UsernameOf,
): ArticleBlameJson {
  if (found.current === null || found.number === null) {
    throw new RangeError(`Article ${articleId} is not in the draft now`);
  }
  const steps = found.sessions.map((session) => ({ text: session.after, owner: session }));
  const first = found.sessions[0];
  if (first && first.before) steps.unshift({ text: first.before, owner: first });
  const runs: BlameRunJson[] = blameRuns(steps).map((run) => ({
    text: run.text,
    author: authorOf(run.owner.first, usernameOf),
    kind: kindOf(run.owner.first),
    at: iso(run.owner.last.at),
  }));
  return { articleId, label: label('article', found.number, language), text: found.current, runs };
}

/// Who made entry `info`.
export function authorOf(info: EntryInfo, usernameOf: UsernameOf): ChangeAuthor {
  const username = info.userId === null ? null : usernameOf(info.userId);
  if (info.suggestedBy === null) return { username };
  return { username, suggestedBy: usernameOf(info.suggestedBy) };
}

/// The kind of entry `info` as the API names it.
export function kindOf(info: EntryInfo): ChangeKind {
  return info.kind ?? 'edit';
}

function sessionChange(info: EntryInfo): SessionChange {
  return {
    at: info.at,
    author: `${info.userId ?? '-'}/${info.suggestedBy ?? '-'}/${info.kind === 'pre-history' ? 'p' : ''}`,
    alone: info.kind === 'restore' || info.kind === 'create',
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
