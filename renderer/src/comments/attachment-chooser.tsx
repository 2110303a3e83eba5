/// Choosing the files a comment carries, before it is sent — the public form's and the review
/// panel's: the limits in view, a file input (reached by keyboard like any field), the files chosen
/// with their sizes, each with a button to remove it (focus then moves to the next file's button, or
/// back to the input, never lost), and what is wrong with a choice that breaks a limit (core's
/// attachmentLimitProblem, the server's order), so it is said before anything is sent.
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'preact/hooks';
import { attachmentExtensions, attachmentLimitProblem, byteSize } from '../../../core/index.ts';
import type { AttachmentLimits } from '../../../core/index.ts';
import { useT } from '../i18n/i18n.ts';

/// The limits as the words of the form interpolate them: `files`, `perFile` and `total`.
function limitWords(limits: AttachmentLimits) {
  return {
    files: limits.maxFiles,
    perFile: byteSize(limits.maxFileBytes),
    total: byteSize(limits.maxTotalBytes),
  };
}

/// What is wrong with `files` under `limits`, in the UI's words, or null when they keep every limit.
export function attachmentProblemText(
  t: TFunction,
  files: readonly File[],
  limits: AttachmentLimits,
): string | null {
  const problem = attachmentLimitProblem(files, limits);
  if (!problem) return null;
  const words = limitWords(limits);
  if (problem.kind === 'files') return t('attachments.tooManyFiles', words);
  if (problem.kind === 'file') return t('attachments.fileTooLarge', { ...words, name: problem.name });
  return t('attachments.totalTooLarge', words);
}

/// Props of AttachmentChooser.
export interface AttachmentChooserProps {
  /// Prefix of the element ids (unique on the page).
  readonly id: string;
  readonly files: readonly File[];
  readonly limits: AttachmentLimits;
  /// Called with the new choice: files added after those chosen, or one removed.
  readonly onChange: (files: readonly File[]) => void;
}

/// The file chooser of a comment form, with the files chosen.
export function AttachmentChooser({ id, files, limits, onChange }: AttachmentChooserProps) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // After a removal, the place whose button takes the focus (-1: the file input).
  const focusAfterRemoval = useRef<number | null>(null);
  useEffect(() => {
    const at = focusAfterRemoval.current;
    if (at === null) return;
    focusAfterRemoval.current = null;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    (at >= 0 && at < buttons.length ? buttons[at] : input.current)?.focus();
  }, [files]);

  const choose = (event: Event) => {
    const element = event.currentTarget as HTMLInputElement;
    const added = Array.from(element.files ?? []);
    // Emptied, so that choosing the same file again (after removing it) is seen as a change.
    element.value = '';
    if (added.length) onChange([...files, ...added]);
  };
  const remove = (index: number) => {
    const next = files.filter((_, i) => i !== index);
    focusAfterRemoval.current = next.length === 0 ? -1 : Math.min(index, next.length - 1);
    onChange(next);
  };

  return (
    <fieldset class="attachment-chooser">
      <legend>{t('attachments.legend')}</legend>
      <p class="muted small" id={`${id}-limits`}>
        {t('attachments.limits', limitWords(limits))}
      </p>
      <input
        ref={input}
        id={`${id}-files`}
        class="input"
        type="file"
        name="attachments"
        multiple
        accept={attachmentExtensions.join(',')}
        aria-describedby={`${id}-limits`}
        aria-label={t('attachments.legend')}
        onChange={choose}
      />
      <p class="attachment-chooser-title" id={`${id}-chosen`}>
        {t('attachments.chosen')}
      </p>
      {files.length === 0 ? (
        <p class="muted small">{t('attachments.noFiles')}</p>
      ) : (
        <ul class="attachment-chooser-list" ref={list} aria-labelledby={`${id}-chosen`}>
          {files.map((file, i) => (
            <li key={`${file.name}-${i}`}>
              <span class="attachment-name">{file.name}</span>{' '}
              <span class="muted small">{byteSize(file.size)}</span>{' '}
              <button
                type="button"
                class="button small quiet"
                aria-label={t('attachments.remove', { name: file.name })}
                onClick={() => remove(i)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
