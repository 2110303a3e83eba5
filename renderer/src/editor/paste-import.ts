/// Pasting a plain-text law into an empty draft imports its structure: core's parser reads the
/// chapters, sections, articles and items (dropping the written numbers), and the body is replaced in
/// one undoable step. Into a draft that already has text, or for text without any article, pasting
/// stays ordinary pasting.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import {
  buildOutline,
  isEmptyDraft,
  parseLaw,
  replaceBody,
  stripForbiddenCharacters,
} from '../../../core/index.ts';
import type { Language } from '../../../core/index.ts';

/// Key of the paste-import plugin.
export const pasteImportKey = new PluginKey('lifa-paste-import');

/// What an import did, for the page to report.
export interface PastedLaw {
  /// The language the text was read in (detected from the text).
  readonly language: Language;
  readonly articles: number;
  readonly problems: ReadonlyArray<{ readonly line: number; readonly message: string }>;
}

/// The transaction importing `text` into the empty draft of `state`, or null when it should be an
/// ordinary paste (the draft has text, or `text` holds no article).
export function importPastedLaw(
  state: EditorState,
  text: string,
): { tr: Transaction; law: PastedLaw } | null {
  if (!text.trim() || !isEmptyDraft(state.doc)) return null;
  const parsed = parseLaw(stripForbiddenCharacters(text));
  const outline = buildOutline(parsed.doc, parsed.language);
  if (!outline.articles.some((article) => article.text.trim())) return null;
  const body = parsed.doc.content.cut(parsed.doc.firstChild!.nodeSize);
  const currentTitle = state.doc.firstChild!.textContent.trim();
  const tr = replaceBody(state, body, currentTitle ? undefined : outline.title);
  return {
    tr: tr.scrollIntoView(),
    law: { language: parsed.language, articles: outline.articles.length, problems: parsed.problems },
  };
}

/// The paste-import plugin; `onImport` hears about each import.
export function pasteImport(onImport: (law: PastedLaw) => void): Plugin {
  return new Plugin({
    key: pasteImportKey,
    props: {
      handlePaste: (view, event) => {
        const text = event.clipboardData?.getData('text/plain') ?? '';
        const result = importPastedLaw(view.state, text);
        if (!result) return false;
        view.dispatch(result.tr);
        onImport(result.law);
        return true;
      },
    },
  });
}
