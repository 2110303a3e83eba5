/// A suggestion as "the change made" in the summary report, for dispositions linked to the suggestion
/// that carries them out: its words before and after (with the context kept around them), in the
/// shape of a comparison row, so the report prints it as it prints any change.
import type { ArticleChange, Language, Segment } from '../../core/index.ts';
import { contextLength } from '../../core/index.ts';
import type { SuggestionRecord } from '../storage/suggestions.ts';

const statusWords: Record<Language, Record<SuggestionRecord['status'], string>> = {
  zh: { open: '待定', stale: '待更新', accepted: '已采纳', rejected: '未采纳', withdrawn: '已撤回' },
  en: { open: 'open', stale: 'stale', accepted: 'accepted', rejected: 'rejected', withdrawn: 'withdrawn' },
};

/// The change `suggestion` makes (or made), on the article labelled `label`, in the report's `language`.
export function suggestionChange(
  suggestion: SuggestionRecord,
  label: string,
  language: Language,
): ArticleChange {
  const zh = language === 'zh';
  const author = suggestion.wordAuthor ?? suggestion.author ?? '?';
  const status = statusWords[language][suggestion.status];
  const note = zh
    ? `修改建议${suggestion.id}（${author}，${status}）`
    : `Suggestion ${suggestion.id} by ${author} (${status})`;
  const side = { id: suggestion.articleId, label };
  let segments: Segment[];
  switch (suggestion.kind) {
    case 'text': {
      const before = (suggestion.prefix.length >= contextLength ? '…' : '') + suggestion.prefix;
      const after = suggestion.suffix + (suggestion.suffix.length >= contextLength ? '…' : '');
      segments = [
        { op: 'equal', text: before },
        { op: 'delete', text: suggestion.quote },
        { op: 'insert', text: suggestion.replacement },
        { op: 'equal', text: after },
      ].filter((s): s is Segment => s.text.length > 0);
      break;
    }
    case 'delete-article':
      segments = [{ op: 'delete', text: suggestion.quote }];
      break;
    default:
      segments = [{ op: 'insert', text: suggestion.replacement }];
  }
  const oldText = segments
    .filter((s) => s.op !== 'insert')
    .map((s) => s.text)
    .join('');
  const newText = segments
    .filter((s) => s.op !== 'delete')
    .map((s) => s.text)
    .join('');
  return {
    kind:
      suggestion.kind === 'delete-article'
        ? 'deleted'
        : suggestion.kind === 'insert-article'
          ? 'inserted'
          : 'modified',
    note,
    old: suggestion.kind === 'insert-article' ? null : { ...side, text: oldText },
    new: suggestion.kind === 'delete-article' ? null : { ...side, text: newText },
    segments,
  };
}
