/// The find bar above the editor (Ctrl/⌘+F; Ctrl/⌘+H opens it with replace): the query, match case,
/// whole word, where to look (this article, this chapter, the whole draft), "3 of 12", previous and next
/// (Enter and Shift+Enter, F3 and Shift+F3), and for writers in Editing mode a replacement with Replace
/// and Replace all.
/// Escape closes it and puts the caret back in the text.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftEditor } from '../editor/draft-editor.ts';
import { findNext, replaceAll, replaceCurrent, setFindQuery } from '../editor/find-replace.ts';
import type { FindScope } from '../editor/find-replace.ts';
import { useT } from '../i18n/i18n.ts';
import { useStore } from '../lib/store.ts';
import { CheckboxField } from './checkbox-field.tsx';

/// Props of FindBar.
export interface FindBarProps {
  readonly editor: DraftEditor;
  /// Whether the replace row is open (writers only: read-only users see a note instead).
  readonly replace: boolean;
  /// Whether the text takes edits now (a writer in Editing mode): else a note says why not.
  readonly canEdit: boolean;
  /// Bumped each time the user asks for the bar again, to focus its query.
  readonly focusKey: number;
  readonly onClose: () => void;
  readonly notify: (message: string) => void;
}

/// The find bar.
export function FindBar({ editor, replace, canEdit, focusKey, onClose, notify }: FindBarProps) {
  const t = useT();
  const find = useStore(editor.find);
  const [text, setText] = useState(() => selectedText(editor));
  const [matchCase, setMatchCase] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [scope, setScope] = useState<FindScope>('all');
  const [replacement, setReplacement] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const replaceInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusKey]);

  useEffect(() => {
    setFindQuery(editor.view, text ? { text, matchCase, wholeWord, scope } : null);
  }, [text, matchCase, wholeWord, scope]);

  // Closing ends the search (the highlights go).
  useEffect(() => () => setFindQuery(editor.view, null), []);

  const close = () => {
    onClose();
    editor.focus();
  };
  const step = (direction: 1 | -1) => findNext(editor.view, direction);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (
      event.key === 'F3' ||
      (event.key === 'Enter' && (event.target as HTMLElement).matches('input[name=find]'))
    ) {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    }
  };

  const total = find.matches.length;
  const status = !text
    ? ''
    : total === 0
      ? t('find.none')
      : t('find.count', { current: find.current + 1, total });

  return (
    <div class="find-bar" role="search" aria-label={t('find.label')} onKeyDown={onKeyDown}>
      <div class="find-row">
        <input
          ref={input}
          class="input"
          type="search"
          name="find"
          aria-label={t('find.find')}
          placeholder={t('find.find')}
          value={text}
          onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
        />
        <span class="find-status" role="status" aria-live="polite">
          {status}
        </span>
        <button
          type="button"
          class="button icon small"
          aria-label={t('find.previous')}
          title={`${t('find.previous')} (Shift+Enter)`}
          disabled={total === 0}
          onClick={() => step(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          class="button icon small"
          aria-label={t('find.next')}
          title={`${t('find.next')} (Enter)`}
          disabled={total === 0}
          onClick={() => step(1)}
        >
          ↓
        </button>
        <CheckboxField name="match-case" checked={matchCase} onChange={setMatchCase}>
          {t('find.matchCase')}
        </CheckboxField>
        <CheckboxField name="whole-word" checked={wholeWord} onChange={setWholeWord}>
          {t('find.wholeWord')}
        </CheckboxField>
        <label class="row">
          <span>{t('find.scope')}</span>
          <select
            class="select"
            name="find-scope"
            value={scope}
            onChange={(e) => setScope((e.currentTarget as HTMLSelectElement).value as FindScope)}
          >
            <option value="article">{t('find.scopeArticle')}</option>
            <option value="chapter">{t('find.scopeChapter')}</option>
            <option value="all">{t('find.scopeAll')}</option>
          </select>
        </label>
        <span class="spacer" />
        <button
          type="button"
          class="button quiet small"
          aria-label={t('find.close')}
          title={`${t('find.close')} (Esc)`}
          onClick={close}
        >
          ✕
        </button>
      </div>
      {replace && canEdit && (
        <div class="find-row">
          <input
            ref={replaceInput}
            class="input"
            name="replace"
            aria-label={t('find.replace')}
            placeholder={t('find.replace')}
            value={replacement}
            onInput={(event) => setReplacement((event.currentTarget as HTMLInputElement).value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                replaceCurrent(editor.view, replacement);
              }
            }}
          />
          <button
            type="button"
            class="button small"
            disabled={total === 0}
            onClick={() => replaceCurrent(editor.view, replacement)}
          >
            {t('find.replaceOne')}
          </button>
          <button
            type="button"
            class="button small"
            disabled={total === 0}
            onClick={() => {
              notify(t('find.replaced', { count: replaceAll(editor.view, replacement) }));
              // The button is disabled once nothing is left to replace: keep the focus in the bar.
              replaceInput.current?.focus();
            }}
          >
            {t('find.replaceAll')}
          </button>
        </div>
      )}
      {replace && !canEdit && (
        <p class="find-note muted">{t(editor.readOnly ? 'find.readOnly' : 'find.notEditing')}</p>
      )}
    </div>
  );
}

// A short selection (one line) starts the search, as in word processors.
function selectedText(editor: DraftEditor): string {
  const { from, to, empty } = editor.view.state.selection;
  if (empty) return '';
  const text = editor.view.state.doc.textBetween(from, to, '\n');
  return text.includes('\n') || text.length > 200 ? '' : text;
}
