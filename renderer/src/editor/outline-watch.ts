/// The plugin that keeps the outline (labels, first words, dangling references) current without
/// touching the keystroke path: after changes it rebuilds the outline with core's buildOutline in an
/// idle period, at most every `maxWait` ms while changes keep coming. It also reports, cheaply on every
/// selection change, which article holds the cursor.
import { Plugin, PluginKey } from 'prosemirror-state';
import { articleAt, buildOutline } from '../../../core/index.ts';
import type { Language, Outline } from '../../../core/index.ts';
import { IdleTask } from '../lib/idle-task.ts';
import type { IdleTaskOptions } from '../lib/idle-task.ts';

/// Key of the outline-watch plugin.
export const outlineWatchKey = new PluginKey('lifa-outline-watch');

/// Options of outlineWatch.
export interface OutlineWatchOptions extends IdleTaskOptions {
  /// The draft's language (read at each rebuild, so it may change).
  readonly language: () => Language;
  /// Called with each rebuilt outline.
  readonly onOutline: (outline: Outline) => void;
  /// Called with the id of the article holding the cursor (null outside articles) when it changes.
  readonly onCurrentArticle: (id: string | null) => void;
}

/// Handle to ask the plugin for an immediate rebuild (after a language change, before a test reads).
export interface OutlineWatchHandle {
  /// Rebuild now if a rebuild is pending, or unconditionally with `force`.
  flush(force?: boolean): void;
}

/// The outline-watch plugin and a handle to flush it.
export function outlineWatch(options: OutlineWatchOptions): { plugin: Plugin; handle: OutlineWatchHandle } {
  let task: IdleTask | null = null;
  let rebuild: (() => void) | null = null;
  const handle: OutlineWatchHandle = {
    flush: (force = false) => {
      if (force && rebuild) rebuild();
      else task?.flush();
    },
  };
  const plugin = new Plugin({
    key: outlineWatchKey,
    view: (view) => {
      rebuild = () => {
        task?.cancel();
        options.onOutline(buildOutline(view.state.doc, options.language()));
      };
      task = new IdleTask(rebuild, options);
      let current: string | null = currentArticleId(view.state);
      options.onCurrentArticle(current);
      return {
        update: (view, previous) => {
          if (view.state.doc !== previous.doc) task!.schedule();
          if (view.state.selection !== previous.selection || view.state.doc !== previous.doc) {
            const id = currentArticleId(view.state);
            if (id !== current) {
              current = id;
              options.onCurrentArticle(id);
            }
          }
        },
        destroy: () => {
          task?.cancel();
          task = null;
          rebuild = null;
        },
      };
    },
  });
  return { plugin, handle };
}

function currentArticleId(state: Parameters<typeof articleAt>[0]): string | null {
  return (articleAt(state)?.node.attrs.id as string | null | undefined) ?? null;
}
