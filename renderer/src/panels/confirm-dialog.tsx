/// A yes/no question before something that cannot be taken back lightly (deleting an article).
import { useT } from '../i18n/i18n.ts';
import { Dialog } from './dialog.tsx';

/// Props of ConfirmDialog.
export interface ConfirmDialogProps {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/// The dialog; the confirm button has the focus, Escape cancels.
export function ConfirmDialog(props: ConfirmDialogProps) {
  const t = useT();
  return (
    <Dialog
      title={props.title}
      onClose={props.onCancel}
      initialFocus="button[data-confirm]"
      footer={
        <>
          <button type="button" class="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" class="button danger" data-confirm onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <p style={{ margin: 0 }}>{props.message}</p>
    </Dialog>
  );
}
