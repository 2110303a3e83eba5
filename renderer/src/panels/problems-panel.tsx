/// The problems panel: cross-references whose target article was deleted (each jumps to the reference),
/// and the problems the plain-text reader reported when the draft was imported (with line numbers).
import { useStore } from '../lib/store.ts';
import type { DraftEditor } from '../editor/draft-editor.ts';
import type { ImportProblem } from '../api/types.ts';
import { useT } from '../i18n/i18n.ts';

/// Props of ProblemsPanel.
export interface ProblemsPanelProps {
  readonly editor: DraftEditor;
  /// Problems of the last import, if any.
  readonly importProblems: readonly ImportProblem[];
  readonly onDismissImport: () => void;
}

/// The problems panel.
export function ProblemsPanel({ editor, importProblems, onDismissImport }: ProblemsPanelProps) {
  const t = useT();
  const outline = useStore(editor.outline);
  const labelOf = new Map(outline.articles.map((article) => [article.id, article.label]));
  const nothing = outline.dangling.length === 0 && importProblems.length === 0;
  return (
    <div class="problems" aria-label={t('problems.title')}>
      {nothing && (
        <p class="muted" style={{ padding: '12px' }}>
          {t('problems.none')}
        </p>
      )}
      {outline.dangling.length > 0 && (
        <section class="panel-section" aria-labelledby="dangling-head">
          <h3 id="dangling-head">{t('problems.dangling', { count: outline.dangling.length })}</h3>
        </section>
      )}
      <ul class="problem-list" data-testid="dangling-references">
        {outline.dangling.map((reference) => {
          const where = reference.articleId ? labelOf.get(reference.articleId) : null;
          return (
            <li key={`${reference.pos}`}>
              <button type="button" class="problem" onClick={() => editor.jumpTo(reference.pos)}>
                <strong>{where ?? t('problems.inPreamble')}</strong>
                {' — '}
                {t('problems.danglingDetail')}
              </button>
            </li>
          );
        })}
      </ul>
      {importProblems.length > 0 && (
        <section class="panel-section" aria-labelledby="import-head">
          <div class="row">
            <h3 id="import-head" style={{ flex: 1 }}>
              {t('problems.import', { count: importProblems.length })}
            </h3>
            <button type="button" class="button small quiet" onClick={onDismissImport}>
              {t('common.dismiss')}
            </button>
          </div>
          <ul class="problem-list">
            {importProblems.map((problem, index) => (
              <li key={index} style={{ padding: '6px 0' }}>
                <strong>{t('problems.line', { line: problem.line })}</strong> {problem.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
