/// Short messages in the corner of the window ("Version cut", "Export failed: …"), announced to screen
/// readers through a live region.
import { Store, useStore } from '../lib/store.ts';

/// One message.
export interface Toast {
  readonly id: number;
  readonly message: string;
  readonly kind: 'info' | 'error';
}

/// The messages on screen.
export const toasts = new Store<readonly Toast[]>([]);
let nextId = 1;

/// Show `message` for a few seconds (errors longer).
export function notify(message: string, kind: 'info' | 'error' = 'info'): void {
  const toast: Toast = { id: nextId++, message, kind };
  toasts.update((list) => [...list, toast]);
  setTimeout(
    () => toasts.update((list) => list.filter((t) => t.id !== toast.id)),
    kind === 'error' ? 9000 : 4000,
  );
}

/// The live region showing the messages.
export function Toasts() {
  const list = useStore(toasts);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((toast) => (
        <div key={toast.id} class={`toast ${toast.kind}`}>
          {toast.message}
        </div>
      ))}
    </div>
  );
}
