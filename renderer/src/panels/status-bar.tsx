/// The line under the editor: how many words and characters the draft has, and the selection when
/// there is one (Chinese characters counted one each; numbers drawn by the editor are not counted).
import type { DraftEditor } from '../editor/draft-editor.ts';
import { i18n, useT } from '../i18n/i18n.ts';
import { useStore } from '../lib/store.ts';

/// Props of StatusBar.
export interface StatusBarProps {
  readonly editor: DraftEditor;
}

/// The status bar.
export function StatusBar({ editor }: StatusBarProps) {
  const t = useT();
  const counts = useStore(editor.counts);
  const number = (n: number) => n.toLocaleString(i18n.language === 'zh' ? 'zh-CN' : 'en');
  return (
    <footer class="editor-status" aria-label={t('wordCount.label')} title={t('wordCount.note')}>
      <span class="count-draft">
        {t('wordCount.draft', {
          words: number(counts.draft.words),
          characters: number(counts.draft.characters),
        })}
      </span>
      {counts.selection && (
        <span class="count-selection">
          {t('wordCount.selection', {
            words: number(counts.selection.words),
            characters: number(counts.selection.characters),
          })}
        </span>
      )}
    </footer>
  );
}
