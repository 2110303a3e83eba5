/// The disposition editor: what became of the selected comments (or of a whole cluster) — one of the
/// five kinds, a reason typed or taken from a template, and optionally the article of the later text
/// that answers them, whose comparison row (old text | new text) is shown next to the decision.
import { useEffect, useState } from 'preact/hooks';
import { dispositionKinds, sideSegments } from '../../../core/index.ts';
import type {
  ArticleChange,
  DispositionKind,
  ReasonTemplate,
  Segment,
  SuggestionJson,
} from '../../../core/index.ts';
import type { ArticleChangesInfo, DispositionInfo } from '../api/clerk.ts';
import { useT } from '../i18n/i18n.ts';
import { MarkedSegments } from '../panels/marked-segments.tsx';
import { CheckboxField } from '../panels/checkbox-field.tsx';

/// What the clerk decided, for the page to send.
export interface DispositionDraft {
  readonly kind: DispositionKind;
  readonly reason: string;
  readonly templateId: string | null;
  readonly linkedArticleId: string | null;
  /// The suggestion that carries the decision out.
  readonly linkedSuggestionId: string | null;
  readonly overrideMembers: boolean;
}

/// Props of DispositionEditor.
export interface DispositionEditorProps {
  /// What the decision applies to, in words ("3 comments selected", "the cluster of 215 comments").
  readonly target: string;
  /// Whether the target is a cluster (offers to replace members' own decisions).
  readonly cluster: boolean;
  /// The disposition to start from (the comment's or cluster's own), if any.
  readonly initial: DispositionInfo | null;
  /// The article the comments are on, linked by default when it changed.
  readonly articleId: string | null;
  readonly templates: readonly ReasonTemplate[];
  readonly changes: ArticleChangesInfo | null;
  /// The suggestions on the comments' article, any of which may carry the decision out.
  readonly suggestions?: readonly SuggestionJson[];
  readonly canWrite: boolean;
  readonly busy: boolean;
  readonly onApply: (draft: DispositionDraft) => void;
  readonly onClear?: () => void;
  /// Save the reason as a template named `label`.
  readonly onSaveTemplate: (text: string, kind: DispositionKind, label: string) => void;
  /// Rename template `id`.
  readonly onRenameTemplate: (id: string, label: string) => void;
}

/// The editor.
export function DispositionEditor(props: DispositionEditorProps) {
  const t = useT();
  const [kind, setKind] = useState<DispositionKind | null>(props.initial?.kind ?? null);
  const [reason, setReason] = useState(props.initial?.reason ?? '');
  const [templateId, setTemplateId] = useState<string | null>(props.initial?.templateId ?? null);
  const [linked, setLinked] = useState<string | null>(props.initial?.linkedArticleId ?? null);
  const [overrideMembers, setOverrideMembers] = useState(false);
  // The name being given to a new template, or to the chosen one: null when no name is being typed.
  const [naming, setNaming] = useState<{ mode: 'new' | 'rename'; label: string } | null>(null);
  const [suggestion, setSuggestion] = useState<string | null>(props.initial?.linkedSuggestionId ?? null);

  // A new target starts from its own disposition, linked by default to its article when it changed.
  useEffect(() => {
    setKind(props.initial?.kind ?? null);
    setReason(props.initial?.reason ?? '');
    setTemplateId(props.initial?.templateId ?? null);
    setLinked(props.initial?.linkedArticleId ?? defaultLink(props.changes, props.articleId));
    setOverrideMembers(false);
    setNaming(null);
    setSuggestion(props.initial?.linkedSuggestionId ?? null);
  }, [props.target, props.initial, props.changes]);
  const chosenTemplate = props.templates.find((x) => x.id === templateId) ?? null;
  const finishNaming = () => {
    if (!naming || !naming.label.trim()) return;
    if (naming.mode === 'new' && kind) props.onSaveTemplate(reason, kind, naming.label.trim());
    if (naming.mode === 'rename' && chosenTemplate)
      props.onRenameTemplate(chosenTemplate.id, naming.label.trim());
    setNaming(null);
  };

  const change = linked ? findChange(props.changes, linked) : null;
  const later = props.changes?.changes.filter((c) => c.new) ?? [];

  return (
    <form
      class="disposition-editor"
      aria-label={t('clerk.editor.label')}
      onSubmit={(event) => {
        event.preventDefault();
        if (kind)
          props.onApply({
            kind,
            reason,
            templateId,
            linkedArticleId: linked,
            linkedSuggestionId: suggestion,
            overrideMembers,
          });
      }}
    >
      <p class="editor-target">{props.target}</p>
      <fieldset class="kinds" disabled={!props.canWrite}>
        <legend>{t('clerk.editor.kind')}</legend>
        {dispositionKinds.map((value) => (
          <label key={value} class={`kind-option kind-${value}${kind === value ? ' checked' : ''}`}>
            <input
              type="radio"
              name="disposition-kind"
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            {t(`clerk.kind.${value}`)}
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>{t('clerk.editor.template')}</span>
        <select
          class="select"
          name="reason-template"
          disabled={!props.canWrite}
          value={templateId ?? ''}
          onChange={(event) => {
            const id = (event.currentTarget as HTMLSelectElement).value || null;
            setTemplateId(id);
            const template = props.templates.find((x) => x.id === id);
            if (template) {
              setReason(template.text);
              if (template.kind) setKind(template.kind);
            }
          }}
        >
          <option value="">{t('clerk.editor.noTemplate')}</option>
          {props.templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.label}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('clerk.editor.reason')}</span>
        <textarea
          class="textarea"
          name="reason"
          rows={4}
          disabled={!props.canWrite}
          value={reason}
          onInput={(event) => {
            setReason((event.currentTarget as HTMLTextAreaElement).value);
            setTemplateId(null);
          }}
        />
      </label>
      {props.canWrite && naming === null && (
        <div class="row">
          {kind && reason.trim() && !chosenTemplate && (
            <button
              type="button"
              class="button quiet small"
              name="save-template"
              onClick={() => setNaming({ mode: 'new', label: firstWords(reason) })}
            >
              {t('templates.saveAs')}
            </button>
          )}
          {chosenTemplate && (
            <button
              type="button"
              class="button quiet small"
              name="rename-template"
              onClick={() => setNaming({ mode: 'rename', label: chosenTemplate.label })}
            >
              {t('templates.rename')}
            </button>
          )}
        </div>
      )}
      {props.canWrite && naming !== null && (
        <div class="template-name">
          <input
            class="input"
            name="template-name"
            aria-label={naming.mode === 'new' ? t('templates.name') : t('templates.renameTo')}
            maxLength={120}
            value={naming.label}
            ref={(element) => {
              if (element && !element.dataset.focused) {
                element.dataset.focused = 'true';
                element.focus();
                element.select();
              }
            }}
            onInput={(event) =>
              setNaming({ ...naming, label: (event.currentTarget as HTMLInputElement).value })
            }
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                finishNaming();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                setNaming(null);
              }
            }}
          />
          <button type="button" class="button small" disabled={!naming.label.trim()} onClick={finishNaming}>
            {naming.mode === 'new' ? t('templates.save') : t('templates.rename')}
          </button>
          <button type="button" class="button quiet small" onClick={() => setNaming(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      <label class="field">
        <span>{t('clerk.editor.linked', { version: props.changes?.to.label ?? '' })}</span>
        <select
          class="select"
          name="linked-article"
          disabled={!props.canWrite || !props.changes}
          value={linked ?? ''}
          onChange={(event) => setLinked((event.currentTarget as HTMLSelectElement).value || null)}
        >
          <option value="">{t('clerk.editor.noLink')}</option>
          {later.map((c) => (
            <option key={c.new!.id ?? c.new!.label} value={c.new!.id ?? ''}>
              {c.new!.label}
              {c.kind === 'unchanged' ? '' : ` · ${c.note}`}
            </option>
          ))}
        </select>
      </label>
      {change && <ChangeView change={change} />}
      {(props.suggestions?.length || suggestion) && (
        <label class="field">
          <span>{t('suggestions.linkLabel')}</span>
          <select
            class="select"
            name="linked-suggestion"
            disabled={!props.canWrite}
            value={suggestion ?? ''}
            onChange={(event) => setSuggestion((event.currentTarget as HTMLSelectElement).value || null)}
          >
            <option value="">{t('suggestions.noLink')}</option>
            {(props.suggestions ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.author.username ?? '?'}: ${s.quote ? `“${s.quote}” → ` : ''}“${s.replacement}” (${t(`suggestions.status_${s.status}`)})`}
              </option>
            ))}
          </select>
        </label>
      )}
      {props.cluster && props.canWrite && (
        <CheckboxField name="override-members" checked={overrideMembers} onChange={setOverrideMembers}>
          {t('clerk.editor.overrideMembers')}
        </CheckboxField>
      )}
      {props.canWrite && (
        <div class="editor-actions">
          <button type="submit" class="button primary" disabled={!kind || props.busy}>
            {t('clerk.editor.apply')}
          </button>
          {props.onClear && props.initial && (
            <button type="button" class="button quiet" disabled={props.busy} onClick={props.onClear}>
              {t('clerk.editor.clear')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

/// One comparison row: the article's old text and new text side by side, changes marked.
export function ChangeView({ change }: { change: ArticleChange }) {
  const t = useT();
  const all: readonly Segment[] = change.segments.length
    ? change.segments
    : [
        {
          op: change.kind === 'deleted' ? 'delete' : change.kind === 'inserted' ? 'insert' : 'equal',
          text: (change.new ?? change.old)?.text ?? '',
        },
      ];
  return (
    <div class={`change-view kind-${change.kind}`} data-kind={change.kind}>
      <div class="change-note">{change.kind === 'unchanged' ? t('clerk.change.unchanged') : change.note}</div>
      <div class="change-sides">
        <div class="change-side old">
          <div class="side-label">{change.old ? change.old.label : t('clerk.change.none')}</div>
          {change.old && <Segments segments={sideSegments(all, 'old')} />}
        </div>
        <div class="change-side new">
          <div class="side-label">{change.new ? change.new.label : t('clerk.change.none')}</div>
          {change.new && <Segments segments={sideSegments(all, 'new')} />}
        </div>
      </div>
    </div>
  );
}

function Segments({ segments }: { segments: readonly Segment[] }) {
  return (
    <p class="change-text">
      <MarkedSegments segments={segments} />
    </p>
  );
}

// A template's suggested name: the first words of its reason.
function firstWords(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ');
  const chars = [...words];
  return chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : words;
}

/// The change of article `id` (by its id in the older or the newer text).
export function findChange(changes: ArticleChangesInfo | null, id: string): ArticleChange | null {
  if (!changes) return null;
  return (
    changes.changes.find((c) => c.new?.id === id) ?? changes.changes.find((c) => c.old?.id === id) ?? null
  );
}

// The comments' own article in the later text, when it changed.
function defaultLink(changes: ArticleChangesInfo | null, articleId: string | null): string | null {
  if (!changes || !articleId) return null;
  const change = changes.changes.find((c) => c.old?.id === articleId);
  return change && change.kind !== 'unchanged' && change.new ? change.new.id : null;
}
