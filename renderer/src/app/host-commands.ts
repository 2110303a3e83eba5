/// Commands from the desktop host's menus (core/desktop-host.ts, HostCommand), routed to whoever acts
/// on them: the app itself (open a draft, the language), the draft list (new draft, import), or the
/// open draft page (export, compare, undo, redo, find, replace); help and print are the app's. A browser host never sends any.
import type { HostCommand, OpenedTextFile } from '../host.ts';
import { chooseLanguage } from '../i18n/i18n.ts';
import { Store } from '../lib/store.ts';
import { navigate } from './router.ts';
import { printPage } from './print.ts';

/// A request for the draft list's new-draft dialog, with a file to import when the host opened one.
export interface DraftDialogRequest {
  readonly mode: 'empty' | 'import';
  readonly file?: OpenedTextFile;
}

/// The dialog the draft list should open (it resets this to null once open).
export const draftDialogRequest = new Store<DraftDialogRequest | null>(null);

/// The last command meant for the open draft page: export, compare-versions, undo, redo, find, replace.
export const draftPageCommand = new Store<HostCommand | null>(null);

/// Whether the team-server sign-in dialog is asked for.
export const teamServerRequest = new Store<boolean>(false);

/// Whether the help (and its shortcut sheet) is asked for.
export const helpRequest = new Store<boolean>(false);

/// Act on `command`.
export function routeHostCommand(command: HostCommand): void {
  switch (command.type) {
    case 'open-draft':
      navigate({ name: 'draft', id: command.draftId });
      break;
    case 'new-draft':
      navigate({ name: 'drafts' });
      draftDialogRequest.set({ mode: 'empty' });
      break;
    case 'import':
      navigate({ name: 'drafts' });
      draftDialogRequest.set({ mode: 'import' });
      break;
    case 'import-file':
      navigate({ name: 'drafts' });
      draftDialogRequest.set({ mode: 'import', file: command.file });
      break;
    case 'language':
      chooseLanguage(command.language);
      break;
    case 'connect-team-server':
      teamServerRequest.set(true);
      break;
    case 'help':
      helpRequest.set(true);
      break;
    case 'print':
      printPage();
      break;
    default:
      draftPageCommand.set(command);
  }
}
