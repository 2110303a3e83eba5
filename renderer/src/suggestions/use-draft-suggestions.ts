/// The suggestions of the open draft page: the live store, the editor plugins that draw them and take
/// typing in Suggesting mode, the mode itself, and what the user is about to propose. Made once per
/// draft page, before the editor, so the editor can take the plugins when it is created; the
/// suggestions load once the user's role is known.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { EditorState, Plugin } from 'prosemirror-state';
import type { ApiClient } from '../api/client.ts';
import { SuggestionsApi } from '../api/suggestions.ts';
import type { Role } from '../api/types.ts';
import type { PassageCapture } from '../comments/anchors.ts';
import { userColor } from '../editor/cursors.ts';
import { i18n } from '../i18n/i18n.ts';
import { Store } from '../lib/store.ts';
import { suggestionMarks } from './marks.ts';
import type { PendingSuggestion, SuggestionMarks } from './marks.ts';
import { DraftSuggestions } from './store.ts';
import type { EditingMode } from './store.ts';
import { suggesting } from './suggesting.ts';
import type { Suggesting } from './suggesting.ts';

/// Whether `role` may suggest (every role but viewer).
export function canSuggest(role: Role | null): boolean {
  return role !== null && role !== 'viewer';
}

/// Whether `role` may accept and reject (owners and drafters).
export function canDecide(role: Role | null): boolean {
  return role === 'owner' || role === 'drafter';
}

/// The modes `role` may switch between: drafters edit, suggest or view; reviewers and clerks suggest
/// or view; viewers view.
export function modesOf(role: Role | null): readonly EditingMode[] {
  if (canDecide(role)) return ['editing', 'suggesting', 'viewing'];
  if (canSuggest(role)) return ['suggesting', 'viewing'];
  return ['viewing'];
}

/// What useDraftSuggestions returns.
export interface DraftSuggestionsHandle {
  readonly suggestions: DraftSuggestions;
  readonly marks: SuggestionMarks;
  readonly suggesting: Suggesting;
  /// The editor plugins: before the editor's own keymaps.
  readonly plugins: readonly Plugin[];
  /// The suggestion being typed.
  readonly pending: Store<PendingSuggestion | null>;
  /// A passage the user asked to propose new words for (the proposal form is open), or null.
  readonly proposing: Store<PassageCapture | null>;
  /// For a read-only editor (reviewers, clerks): whether it takes typing (in Suggesting mode).
  readonly takesInput: (state: EditorState) => boolean;
}

/// The suggestions of draft `draftId` for `username` holding `role` (null until known). `onShow` is
/// called when the user asks to see suggestions (a mark clicked, a proposal to write); `onRefusal`
/// when something cannot be suggested, with the words to say.
export function useDraftSuggestions(
  api: ApiClient,
  draftId: string,
  username: string,
  role: Role | null,
  onShow: () => void,
  onRefusal: (message: string) => void,
): DraftSuggestionsHandle {
  const current = useRef({ role, onShow, onRefusal });
  current.current = { role, onShow, onRefusal };

  const handle = useMemo<DraftSuggestionsHandle>(() => {
    const suggestions = new DraftSuggestions(new SuggestionsApi(api.serverUrl, api.token), draftId);
    const pending = new Store<PendingSuggestion | null>(null);
    const proposing = new Store<PassageCapture | null>(null);
    const marks = suggestionMarks({
      suggestions,
      pending,
      color: userColor,
      canSuggest: () => canSuggest(current.current.role),
      words: {
        suggest: () => i18n.t('suggestions.selection'),
        newArticle: () => i18n.t('suggestions.newArticleMark'),
        newParagraph: () => i18n.t('suggestions.newParagraphMark'),
        newItem: () => i18n.t('suggestions.newItemMark'),
        by: (author) => i18n.t('suggestions.by', { author }),
      },
      onOpen: (id) => {
        suggestions.active.set(id);
        current.current.onShow();
      },
      onSuggestSelection: (capture) => {
        proposing.set(capture);
        current.current.onShow();
      },
    });
    const typing = suggesting({
      suggestions,
      pending,
      user: username,
      onRefusal: (why, detail) =>
        current.current.onRefusal(
          why === 'failed' ? i18n.t('suggestions.failed', { detail }) : i18n.t(`suggestions.cannot_${why}`),
        ),
    });
    return {
      suggestions,
      marks,
      suggesting: typing,
      plugins: [typing.plugin, marks.plugin],
      pending,
      proposing,
      takesInput: () => suggestions.mode.get() === 'suggesting',
    };
  }, [api.serverUrl, api.token, draftId, username]);

  const known = role !== null;
  useEffect(() => {
    if (!known) return;
    handle.suggestions.mode.set(canDecide(role) ? 'editing' : 'viewing');
    handle.suggestions
      .start()
      .catch((error: unknown) => console.error('lifa: suggestions could not be loaded', error));
    return () => handle.suggestions.destroy();
  }, [handle, known]);

  return handle;
}
