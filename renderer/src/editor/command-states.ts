/// Which structural commands apply where the cursor is, for the toolbar's enabled states. Evaluated in
/// an idle period shortly after the selection or the document changes, never on the keystroke path.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import { schema } from '../../../core/index.ts';
import { structuralCommands } from './commands.ts';
import type { StructuralCommandId } from './commands.ts';
import { IdleTask } from '../lib/idle-task.ts';

/// Whether each command applies, plus whether a cross-reference can be inserted at the cursor.
export type CommandStates = Readonly<Record<StructuralCommandId | 'insertReference', boolean>>;

/// Key of the command-states plugin.
export const commandStatesKey = new PluginKey('lifa-command-states');

/// The command states in `state`.
export function commandStatesOf(state: EditorState): CommandStates {
  const states = {} as Record<StructuralCommandId | 'insertReference', boolean>;
  for (const spec of structuralCommands) states[spec.id] = spec.command(state);
  const { $from, $to } = state.selection;
  states.insertReference =
    $from.sameParent($to) &&
    $from.parent.inlineContent &&
    $from.parent.canReplaceWith($from.index(), $to.index(), schema.nodes.ref);
  return states;
}

/// Whether two command-state records agree.
export function sameCommandStates(a: CommandStates | null, b: CommandStates): boolean {
  if (!a) return false;
  return (Object.keys(b) as Array<keyof CommandStates>).every((key) => a[key] === b[key]);
}

/// The plugin; `onStates` hears each change of the states.
export function commandStates(onStates: (states: CommandStates) => void): Plugin {
  return new Plugin({
    key: commandStatesKey,
    view: (view) => {
      let last: CommandStates | null = null;
      const refresh = () => {
        const next = commandStatesOf(view.state);
        if (sameCommandStates(last, next)) return;
        last = next;
        onStates(next);
      };
      const task = new IdleTask(refresh, { delay: 60, maxWait: 250, idleTimeout: 200 });
      refresh();
      return {
        update: (view, previous) => {
          if (view.state.selection !== previous.selection || view.state.doc !== previous.doc) task.schedule();
        },
        destroy: () => task.cancel(),
      };
    },
  });
}
