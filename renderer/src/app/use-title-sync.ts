/// Keeps the draft's title in the server's metadata (what the draft list shows) in step with the title
/// typed at the top of the draft: once the typed title changes from what it was when the draft opened,
/// it is saved a moment after typing stops.
import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { DraftInfo } from '../api/types.ts';
import type { DraftEditor } from '../editor/draft-editor.ts';

/// How long after the last change of the typed title it is saved, in ms.
export const titleSaveDelay = 800;

/// Save the typed title of `editor` as the title of `draft` (writers only); `onSaved` hears the new title.
export function useTitleSync(
  api: ApiClient,
  editor: DraftEditor | null,
  draft: DraftInfo | null,
  writable: boolean,
  onSaved: (title: string) => void,
): void {
  useEffect(() => {
    if (!editor || !draft || !writable) return;
    const opened = editor.outline.get().title.trim();
    let saved = draft.title;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = editor.outline.subscribe((outline) => {
      const title = outline.title.trim();
      if (!title || title === opened || title === saved) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        api.updateDraft(draft.id, { title }).then(
          () => {
            saved = title;
            onSaved(title);
          },
          (error: unknown) => console.warn('lifa: title not saved', error),
        );
      }, titleSaveDelay);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [editor, draft?.id, writable]);
}
