import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { article, buildOutline, chapter, doc, item, paragraph } from '../../core/index.ts';
import { commandStatesOf } from '../../renderer/src/editor/command-states.ts';
import { structuralCommand, structuralCommands } from '../../renderer/src/editor/commands.ts';
import { userColor } from '../../renderer/src/editor/cursors.ts';
import { RefLabels } from '../../renderer/src/editor/ref-labels.ts';
import { ariaShortcut, shortcutLabel } from '../../renderer/src/editor/shortcut-label.ts';
import { IdleTask } from '../../renderer/src/lib/idle-task.ts';
import { Store } from '../../renderer/src/lib/store.ts';

describe('structural commands and their shortcuts', () => {
  it('has one distinct shortcut per command', () => {
    const shortcuts = structuralCommands.map((c) => c.shortcut);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    expect(structuralCommands.filter((c) => c.confirm).map((c) => c.id)).toEqual(['delete']);
    expect(() => structuralCommand('nonsense' as never)).toThrow(RangeError);
  });

  it('reads shortcuts the way people and screen readers name keys', () => {
    expect(shortcutLabel('Mod-Shift-Enter', false)).toBe('Ctrl+Shift+Enter');
    expect(shortcutLabel('Mod-Shift-Enter', true)).toBe('⇧⌘↩');
    expect(shortcutLabel('Alt-ArrowUp', false)).toBe('Alt+↑');
    expect(ariaShortcut('Mod-k', false)).toBe('Control+K');
    expect(ariaShortcut('Mod-k', true)).toBe('Meta+K');
  });

  it('knows which commands apply where the cursor is', () => {
    const d = doc('T', chapter('A', article({ id: 'a1' }, 'One.'), article({ id: 'a2' }, 'Two.')));
    const at = (pos: number) => {
      const state = EditorState.create({ doc: d });
      return commandStatesOf(state.apply(state.tr.setSelection(TextSelection.create(d, pos))));
    };
    let one = -1;
    d.descendants((node, pos) => {
      if (node.text === 'One.') one = pos + 2;
    });
    const inFirst = at(one);
    expect(inFirst).toMatchObject({
      newArticle: true,
      insertReference: true,
      moveUp: false,
      moveDown: true,
      merge: true,
      split: true,
    });
    const inTitle = at(1);
    expect(inTitle).toMatchObject({ moveUp: false, merge: false, insertReference: false });
  });
});

describe('cross-reference labels', () => {
  const d = doc('T', article({ id: 'a1' }, 'x'), article({ id: 'a2' }, paragraph('y', item('z'))));
  it('label from the current numbering, and flag a missing target', () => {
    const labels = new RefLabels('zh');
    labels.update(buildOutline(d, 'zh'));
    expect(labels.labelFor({ target: 'a2', paragraph: 1, item: 1 })).toEqual({
      text: '第二条第一款第一项',
      dangling: false,
    });
    expect(labels.labelFor({ target: 'gone', paragraph: null, item: null })).toEqual({
      text: '【失效引用】',
      dangling: true,
    });
    labels.update(buildOutline(d, 'en'));
    expect(labels.labelFor({ target: 'a2', paragraph: null, item: null }).text).toBe('Article 2');
  });
});

describe('small pieces', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs an idle task once after a burst, and at the latest after maxWait', () => {
    let runs = 0;
    const task = new IdleTask(() => runs++, { delay: 100, maxWait: 250, idleTimeout: 0 });
    for (let i = 0; i < 5; i++) {
      task.schedule();
      vi.advanceTimersByTime(60);
    }
    vi.advanceTimersByTime(10);
    expect(runs).toBe(1);
    task.schedule();
    vi.advanceTimersByTime(150);
    expect(runs).toBe(2);
    // Quiet is counted from the last call: one at 0 and one at 90 are due at 190, not at 100 (then
    // the idle period: a timer of 0 here, without requestIdleCallback).
    task.schedule();
    vi.advanceTimersByTime(90);
    task.schedule();
    vi.advanceTimersByTime(20);
    expect(runs).toBe(2);
    vi.advanceTimersByTime(85);
    expect(runs).toBe(3);
    task.schedule();
    task.cancel();
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(3);
  });

  it('notifies store listeners of changes only, surviving a failing listener', () => {
    const store = new Store(1);
    const seen: number[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    store.subscribe(() => {
      throw new Error('bad panel');
    });
    store.subscribe((value) => seen.push(value));
    store.set(1);
    store.set(2);
    store.update((n) => n + 1);
    expect(seen).toEqual([2, 3]);
    expect(errors).toHaveBeenCalledTimes(2);
    errors.mockRestore();
  });

  it('gives each user a stable colour in the form cursors need', () => {
    expect(userColor('alice')).toBe(userColor('alice'));
    expect(userColor('张三')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
