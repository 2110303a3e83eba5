/// The mode switch above the text: Editing / Suggesting / Viewing (the modes the user's role allows),
/// with a line saying what typing does in the chosen mode.
import type { Role } from '../api/types.ts';
import type { DraftEditor } from '../editor/draft-editor.ts';
import { useT } from '../i18n/i18n.ts';
import { useStore } from '../lib/store.ts';
import { modesOf } from './use-draft-suggestions.ts';
import type { DraftSuggestionsHandle } from './use-draft-suggestions.ts';

/// Props of ModeBar.
export interface ModeBarProps {
  readonly handle: DraftSuggestionsHandle;
  readonly editor: DraftEditor;
  readonly role: Role;
}

/// The mode switch.
export function ModeBar({ handle, editor, role }: ModeBarProps) {
  const t = useT();
  const mode = useStore(handle.suggestions.mode);
  const modes = modesOf(role);
  if (modes.length < 2) return null;
  return (
    <div class={`mode-bar mode-${mode}`}>
      <div class="segmented" role="radiogroup" aria-label={t('suggestions.mode')}>
        {modes.map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            class={`button small${mode === m ? ' primary' : ''}`}
            aria-checked={mode === m}
            data-mode={m}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              handle.suggestions.mode.set(m);
              // The view re-reads what input it takes (and says so) on its next update.
              editor.view.setProps({});
              if (m !== 'viewing') editor.focus();
            }}
          >
            {t(`suggestions.mode_${m}`)}
          </button>
        ))}
      </div>
      <span class="mode-hint">{t(`suggestions.modeHint_${mode}`)}</span>
    </div>
  );
}
