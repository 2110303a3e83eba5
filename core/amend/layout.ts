/// Which part, chapter and section each article of the amended law stands in. Shared by the drafter
/// and by applyInstrument, so that what the one writes the other reads the same way.
///
/// The rules an instrument relies on:
///  - an existing article stays in its division (renamed or renumbered as that may be); when that
///    division's heading is deleted, in the nearest enclosing division left;
///  - an article named in a placement (列入第N章, 在第N章中增加一条) or in the range of an added
///    division (增加一章，……，包括第A条至第B条) stands there;
///  - every other article (new, or whose divisions all lost their headings) joins the article before
///    it: it takes the innermost division of the nearest placed article before it when that one and
///    the nearest placed article after it stand in different divisions (an article added at the end
///    of a chapter, not at the start of the next), and that of the article after it when none precedes.
/// Divisions must then be contiguous, in their order, and none may be left without an article.
import type { DivisionLevel } from '../compare/structure.ts';
import type { DivisionRef } from './model.ts';

/// A division of the amended law: kept from the law as in force (`old` is its index in the old
/// outline's divisions) or added (`old` null). `children` lists the divisions inside it in order.
export interface FinalDivision {
  readonly level: DivisionLevel;
  readonly parent: FinalDivision | null;
  heading: string;
  readonly old: number | null;
  readonly id: string | null;
  readonly children: FinalDivision[];
}

/// Where an article stands: its innermost division, null at the top level of the law, undefined
/// while not yet placed.
export type Placement = FinalDivision | null | undefined;

/// The innermost division of every article: placed ones as given, the others by the rule of the
/// module comment. With no placed article at all, everything stands at the top level.
export function placeArticles(placements: readonly Placement[]): Array<FinalDivision | null> {
  const out: Array<FinalDivision | null> = new Array(placements.length);
  let before: FinalDivision | null | undefined = undefined;
  let runStart = 0;
  const fill = (end: number, after: FinalDivision | null | undefined) => {
    const target = before !== undefined ? before : (after ?? null);
    for (let k = runStart; k < end; k++) out[k] = target;
  };
  placements.forEach((placement, k) => {
    if (placement === undefined) return;
    fill(k, placement);
    out[k] = placement;
    before = placement;
    runStart = k + 1;
  });
  fill(placements.length, undefined);
  return out;
}

/// The divisions from the outermost to `division`.
export function pathOf(division: FinalDivision | null): FinalDivision[] {
  const path: FinalDivision[] = [];
  for (let d = division; d; d = d.parent) path.unshift(d);
  return path;
}

/// The number of `division` among the divisions of its level in its parent (1-based).
export function numberOf(division: FinalDivision, roots: readonly FinalDivision[]): number {
  const siblings = (division.parent?.children ?? roots).filter((d) => d.level === division.level);
  return siblings.indexOf(division) + 1;
}

/// The reference of `division` by its numbers in the tree whose top level is `roots`.
export function refOf(division: FinalDivision, roots: readonly FinalDivision[]): DivisionRef {
  const ref: { level: DivisionLevel; part?: number; chapter?: number; section?: number } = {
    level: division.level,
  };
  for (const d of pathOf(division)) ref[d.level] = numberOf(d, roots);
  return ref;
}

/// The division that `ref` names in the tree whose top level is `roots`, or null.
export function divisionAt(ref: DivisionRef, roots: readonly FinalDivision[]): FinalDivision | null {
  let list: readonly FinalDivision[] = roots;
  let found: FinalDivision | null = null;
  for (const level of ['part', 'chapter', 'section'] as const) {
    const n = ref[level];
    if (n === undefined) {
      if (level === ref.level) return null;
      continue;
    }
    const candidates = list.filter((d) => d.level === level);
    found = candidates[n - 1] ?? null;
    if (!found) return null;
    if (level === ref.level) return found;
    list = found.children;
  }
  return found;
}

/// What is wrong with standing articles in the divisions `divisions` (one per article, in order) in
/// the tree `roots`: a division whose articles are not together, divisions out of their order, or a
/// division without articles. Each problem names the division by `name`, and says which it is.
export function layoutProblems(
  divisions: readonly (FinalDivision | null)[],
  roots: readonly FinalDivision[],
  name: (division: FinalDivision) => string,
): Array<{ division: FinalDivision | null; message: string }> {
  const problems: Array<{ division: FinalDivision | null; message: string }> = [];
  const closed = new Set<FinalDivision>();
  const seen = new Map<FinalDivision | null, FinalDivision[]>();
  let stack: FinalDivision[] = [];
  for (const division of divisions) {
    const path = pathOf(division);
    let k = 0;
    while (k < stack.length && k < path.length && stack[k] === path[k]) k++;
    for (const d of stack.slice(k)) closed.add(d);
    for (const d of path.slice(k)) {
      if (closed.has(d)) {
        problems.push({ division: d, message: `the articles of ${name(d)} would not stand together` });
        continue;
      }
      const list = seen.get(d.parent) ?? [];
      list.push(d);
      seen.set(d.parent, list);
    }
    stack = path;
  }
  const check = (parent: FinalDivision | null, children: readonly FinalDivision[]) => {
    const found = seen.get(parent) ?? [];
    for (const child of children) {
      if (!found.includes(child))
        problems.push({ division: child, message: `${name(child)} would be left without articles` });
    }
    const order = found.filter((d) => children.includes(d));
    if (order.some((d, k) => d !== children.filter((c) => found.includes(c))[k])) {
      problems.push({
        division: parent,
        message: `the divisions in ${parent ? name(parent) : 'the law'} would be out of order`,
      });
    }
    for (const child of children) check(child, child.children);
  };
  check(null, roots);
  return problems.filter((p, k) => problems.findIndex((q) => q.message === p.message) === k);
}
