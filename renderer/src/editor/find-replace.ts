/// Find and replace across a draft: the matches of a query (match case, whole word) within a scope (the
/// article or chapter the search started in, or the whole draft), highlighted in the editor, one of them
/// current; moving to the next or previous match selects it; replacing changes the current match or all
/// of them in one undoable step. Read-only editors find but never replace (their read-only plugin drops
/// the change too). Matches never cross a block or a cross-reference.
import { Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { EditorView } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';

/// Where a search looks.
export type FindScope = 'article' | 'chapter' | 'all';

/// What to find.
export interface FindQuery {
  readonly text: string;
  readonly matchCase: boolean;
  readonly wholeWord: boolean;
  readonly scope: FindScope;
}

/// One match: a range of the document.
export interface FindMatch {
  readonly from: number;
  readonly to: number;
}

/// The search as the find bar shows it.
export interface FindState {
  readonly query: FindQuery | null;
  /// The id of the article or chapter the scope was taken from (null for the whole draft, or when the
  /// search started outside any: then the whole draft is searched).
  readonly scopeId: string | null;
  readonly matches: readonly FindMatch[];
  /// Index of the current match, -1 for none.
  readonly current: number;
}

/// Key of the find plugin.
export const findKey = new PluginKey<FindState>('lifa-find');

const noSearch: FindState = { query: null, scopeId: null, matches: [], current: -1 };

// Scripts without spaces between words: a match in them is always a whole word.
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const wordChar = /[\p{L}\p{N}_]/u;
const isWordChar = (char: string | undefined) => !!char && wordChar.test(char) && !unspaced.test(char);

/// The range `[from, to)` searched for `scopeId` in `doc`: inside the article or chapter with that id, or
/// the whole document.
export function scopeRange(doc: PMNode, scopeId: string | null): { from: number; to: number } {
  if (scopeId) {
    let found: { from: number; to: number } | null = null;
    doc.descendants((node, pos) => {
      if (found) return false;
      if (node.attrs.id === scopeId && (node.type.name === 'article' || node.type.name === 'chapter')) {
        found = { from: pos, to: pos + node.nodeSize };
        return false;
      }
      return node.isBlock && !node.isTextblock && node.type.name !== 'article';
    });
    if (found) return found;
  }
  return { from: 0, to: doc.content.size };
}

/// The id of the article or chapter (as `scope` asks) around `pos`, or null.
export function scopeAt(doc: PMNode, pos: number, scope: FindScope): string | null {
  if (scope === 'all') return null;
  const $pos = doc.resolve(Math.min(pos, doc.content.size));
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === scope) return (node.attrs.id as string | null) ?? null;
  }
  return null;
}

/// Every match of `query` in `doc` between `from` and `to`, in document order.
export function findMatches(doc: PMNode, query: FindQuery, from = 0, to = doc.content.size): FindMatch[] {
  const needle = query.matchCase ? query.text : query.text.toLowerCase();
  if (!needle) return [];
  const matches: FindMatch[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isTextblock) return true;
    // One character per position: text as it is, a cross-reference as one object character.
    const raw = node.textBetween(0, node.content.size, '', '\ufffc');
    let hay = query.matchCase ? raw : raw.toLowerCase();
    if (hay.length !== raw.length) hay = raw; // a case mapping that changes lengths: compare as is
    const start = pos + 1;
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (start + at < from || start + end > to) continue;
      if (query.wholeWord) {
        if (isWordChar(raw[at]) && isWordChar(raw[at - 1])) continue;
        if (isWordChar(raw[end - 1]) && isWordChar(raw[end])) continue;
      }
      matches.push({ from: start + at, to: start + end });
      at = end - 1; // matches do not overlap
    }
    return false;
  });
  return matches;
}

function search(
  state: EditorState,
  query: FindQuery | null,
  scopeId: string | null,
  near: number,
): FindState {
  if (!query || !query.text) return { query, scopeId, matches: [], current: -1 };
  const range = scopeRange(state.doc, scopeId);
  const matches = findMatches(state.doc, query, range.from, range.to);
  const after = matches.findIndex((m) => m.from >= near);
  return { query, scopeId, matches, current: matches.length ? (after < 0 ? 0 : after) : -1 };
}

type FindMeta =
  { readonly query: FindQuery | null; readonly scopeId: string | null } | { readonly current: number };

/// The find plugin: its state, and the highlights of the matches.
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => noSearch,
      apply: (tr: Transaction, previous, _old, state) => {
        const meta = tr.getMeta(findKey) as FindMeta | undefined;
        if (meta && 'query' in meta) return search(state, meta.query, meta.scopeId, state.selection.from);
        if (meta && 'current' in meta) return { ...previous, current: meta.current };
        if (tr.docChanged && previous.query) {
          const near = previous.matches[previous.current]?.from ?? state.selection.from;
          return search(state, previous.query, previous.scopeId, tr.mapping.map(near));
        }
        return previous;
      },
    },
    props: {
      decorations: (state) => {
        const find = findKey.getState(state);
        if (!find || find.matches.length === 0) return null;
        return DecorationSet.create(
          state.doc,
          find.matches.map((m, i) =>
            Decoration.inline(m.from, m.to, {
              class: i === find.current ? 'lifa-find-match is-current' : 'lifa-find-match',
            }),
          ),
        );
      },
    },
  });
}

/// The search of `view` now.
export function findState(state: EditorState): FindState {
  return findKey.getState(state) ?? noSearch;
}

/// Search `view` for `query` (null ends the search). The scope is taken from where the cursor is now
/// and kept until the query's scope changes. The current match is the first at or after the cursor.
export function setFindQuery(view: EditorView, query: FindQuery | null): void {
  const before = findState(view.state);
  const sameScope = before.query && query && before.query.scope === query.scope;
  const scopeId = query
    ? sameScope
      ? before.scopeId
      : scopeAt(view.state.doc, view.state.selection.from, query.scope)
    : null;
  view.dispatch(view.state.tr.setMeta(findKey, { query, scopeId }));
}

/// Make the match after (`direction` 1) or before (-1) the current one current, select it and scroll it
/// into view. Returns false when there is no match.
export function findNext(view: EditorView, direction: 1 | -1): boolean {
  const find = findState(view.state);
  const count = find.matches.length;
  if (count === 0) return false;
  const current =
    find.current < 0 ? (direction === 1 ? 0 : count - 1) : (find.current + direction + count) % count;
  selectMatch(view, current);
  return true;
}

function selectMatch(view: EditorView, index: number): void {
  const match = findState(view.state).matches[index];
  if (!match) return;
  view.dispatch(
    view.state.tr
      .setMeta(findKey, { current: index })
      .setSelection(TextSelection.create(view.state.doc, match.from, match.to))
      .scrollIntoView(),
  );
}

/// Replace the current match with `replacement` and go on to the next. Returns false when there is
/// none, or when the editor is read-only (the text does not change).
export function replaceCurrent(view: EditorView, replacement: string): boolean {
  const find = findState(view.state);
  const match = find.matches[find.current];
  if (!match) return false;
  const before = view.state.doc;
  view.dispatch(view.state.tr.insertText(replacement, match.from, match.to));
  if (view.state.doc === before) return false;
  // The next match is the first after the replacement (which may itself contain the query).
  const end = match.from + replacement.length;
  const after = findState(view.state).matches;
  if (after.length)
    selectMatch(
      view,
      Math.max(
        0,
        after.findIndex((m) => m.from >= end),
      ),
    );
  return true;
}

/// Replace every match with `replacement`, in one undoable step. Returns how many were replaced (0 in a
/// read-only editor).
export function replaceAll(view: EditorView, replacement: string): number {
  const find = findState(view.state);
  if (find.matches.length === 0) return 0;
  const tr = view.state.tr;
  for (let i = find.matches.length - 1; i >= 0; i--)
    tr.insertText(replacement, find.matches[i].from, find.matches[i].to);
  const before = view.state.doc;
  view.dispatch(tr.scrollIntoView());
  return view.state.doc === before ? 0 : find.matches.length;
}
