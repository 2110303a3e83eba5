/// The outline pane: parts, chapters, sections and articles with their labels and first words, in the
/// draft's numbering. Click (or Enter) jumps there; the article holding the cursor is highlighted and
/// kept in view. A filter narrows a long draft down to the entries whose label, heading or text (all of
/// an article's text, not only its first words) matches, showing the words around the match. The list is one tab stop
/// (the current entry); arrow keys, Home and End move within it.
import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useStore } from '../lib/store.ts';
import type { ReadableStore } from '../lib/store.ts';
import type { DraftEditor } from '../editor/draft-editor.ts';
import { useT } from '../i18n/i18n.ts';
import { filterEntries, matchWords, outlineEntries } from './outline-entries.ts';
import type { OutlineEntry } from './outline-entries.ts';

/// Props of OutlinePanel.
export interface OutlinePanelProps {
  readonly editor: DraftEditor;
  /// Open suggestions per article id, shown beside each article.
  readonly suggestionCounts?: ReadableStore<ReadonlyMap<string, number>>;
}

const noCounts: ReadableStore<ReadonlyMap<string, number>> = {
  get: () => new Map(),
  subscribe: () => () => {},
};

/// The outline pane.
export function OutlinePanel({ editor, suggestionCounts }: OutlinePanelProps) {
  const t = useT();
  const outline = useStore(editor.outline);
  const counts = useStore(suggestionCounts ?? noCounts);
  const current = useStore(editor.currentArticle);
  const [query, setQuery] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const entries = useMemo(() => outlineEntries(outline), [outline]);
  const shown = useMemo(() => filterEntries(entries, query), [entries, query]);
  const seen = new Set<string>();
  // Keys by id, so typing (which shifts positions) reuses every row; duplicates fall back to the index.
  const keyOf = (id: string | null, index: number) => {
    const key = id && !seen.has(id) ? id : `#${index}`;
    seen.add(key);
    return key;
  };

  // The highlight and the tab stop are set on the DOM directly: moving the cursor must not re-render
  // 1,300 rows.
  useEffect(() => {
    const root = list.current;
    if (!root) return;
    root.querySelector('[aria-current="true"]')?.removeAttribute('aria-current');
    const row = current ? root.querySelector<HTMLElement>(`[data-id="${CSS.escape(current)}"]`) : null;
    const stop = row ?? root.querySelector<HTMLElement>('.outline-entry');
    if (stop && !root.contains(document.activeElement)) moveTabStop(root, stop);
    if (!row) return;
    row.setAttribute('aria-current', 'true');
    const box = row.getBoundingClientRect();
    const view = root.parentElement!.getBoundingClientRect();
    if (box.top < view.top || box.bottom > view.bottom) row.scrollIntoView({ block: 'nearest' });
  }, [current, shown]);

  return (
    <nav class="pane outline-pane" aria-label={t('outline.title')}>
      <div class="pane-head">
        <span>{t('outline.title')}</span>
        <span class="muted" style={{ fontWeight: 400 }}>
          {t('outline.count', { count: outline.articles.length })}
        </span>
      </div>
      <div class="outline-filter">
        <input
          class="input"
          type="search"
          name="outline-filter"
          placeholder={t('outline.filter')}
          aria-label={t('outline.filter')}
          value={query}
          onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="pane-body">
        <ul class="outline" ref={list} onKeyDown={(event) => list.current && onArrowKey(list.current, event)}>
          {shown.map((entry, index) => (
            <OutlineRow
              key={keyOf(entry.id, index)}
              entry={entry}
              words={matchWords(entry, query)}
              editor={editor}
              emptyText={t('outline.empty')}
              suggestions={entry.id ? (counts.get(entry.id) ?? 0) : 0}
              suggestionsTitle={t('suggestions.countTitle', {
                count: entry.id ? (counts.get(entry.id) ?? 0) : 0,
              })}
            />
          ))}
        </ul>
        {shown.length === 0 && (
          <p class="muted" style={{ padding: '0 12px' }}>
            {t('outline.noMatch')}
          </p>
        )}
      </div>
    </nav>
  );
}

function moveTabStop(root: HTMLElement, to: HTMLElement): void {
  for (const row of root.querySelectorAll<HTMLElement>('.outline-entry[tabindex="0"]')) row.tabIndex = -1;
  to.tabIndex = 0;
}

// Arrow keys, Home and End move the focus (and the one tab stop) through the list.
function onArrowKey(root: HTMLElement, event: KeyboardEvent): void {
  const rows = [...root.querySelectorAll<HTMLElement>('.outline-entry')];
  const at = rows.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 };
  const next = rows[moves[event.key] ?? -1];
  if (!next) return;
  event.preventDefault();
  moveTabStop(root, next);
  next.focus();
}

interface OutlineRowProps {
  readonly entry: OutlineEntry;
  /// The words shown: the first words, or those around the filter's match.
  readonly words: string;
  readonly editor: DraftEditor;
  readonly emptyText: string;
  /// Open suggestions on the entry, and how to say so.
  readonly suggestions: number;
  readonly suggestionsTitle: string;
}

/// One row. It re-renders only when what it shows changed: a rebuilt outline of 1,300 articles, most
/// of them unchanged, costs a comparison per row, not a re-render.
class OutlineRow extends Component<OutlineRowProps> {
  override shouldComponentUpdate(next: OutlineRowProps): boolean {
    const a = this.props.entry;
    const b = next.entry;
    return (
      a.id !== b.id ||
      a.label !== b.label ||
      a.text !== b.text ||
      a.depth !== b.depth ||
      a.kind !== b.kind ||
      this.props.words !== next.words ||
      this.props.emptyText !== next.emptyText ||
      this.props.suggestions !== next.suggestions ||
      this.props.suggestionsTitle !== next.suggestionsTitle ||
      this.props.editor !== next.editor
    );
  }

  override render() {
    const { entry, words, editor, emptyText, suggestions, suggestionsTitle } = this.props;
    return (
      <li>
        <button
          type="button"
          class={`outline-entry ${entry.kind === 'article' ? 'article' : 'division'}`}
          data-id={entry.id ?? undefined}
          data-kind={entry.kind}
          tabIndex={-1}
          style={{ '--indent': `${12 + entry.depth * 14}px` }}
          title={`${entry.label} ${entry.text}`}
          onClick={() => {
            // The latest entry: the one this row was rendered with may be stale by a few positions.
            const current = this.props.entry;
            if (current.id) editor.jumpToNode(current.id);
            else editor.jumpTo(current.pos);
          }}
        >
          {suggestions > 0 && (
            <span class="sugg-count" title={suggestionsTitle} aria-label={suggestionsTitle}>
              {suggestions}
            </span>
          )}
          <span class="label">{entry.label}</span>{' '}
          <span class="words">{words || (entry.kind === 'article' ? emptyText : '')}</span>
        </button>
      </li>
    );
  }
}
