/// The rows of a comparison as the comparison view shows them: every changed row, and each run of
/// unchanged rows folded into one line ("Articles 7–37 unchanged (formerly 6–36)") unless the user
/// asks to see them. Pure, for testing.
import type { ComparisonRow } from '../api/types.ts';

/// One block of the view.
export type ComparisonBlock =
  | { readonly type: 'row'; readonly row: ComparisonRow }
  | { readonly type: 'unchanged'; readonly rows: readonly ComparisonRow[] };

/// The blocks of `rows`: unchanged rows that did not move are folded into runs, unless `showUnchanged`.
export function comparisonBlocks(rows: readonly ComparisonRow[], showUnchanged: boolean): ComparisonBlock[] {
  const blocks: ComparisonBlock[] = [];
  let run: ComparisonRow[] = [];
  const flush = () => {
    if (run.length) blocks.push({ type: 'unchanged', rows: run });
    run = [];
  };
  for (const row of rows) {
    if (!showUnchanged && row.kind === 'unchanged' && !row.moved && row.old && row.new) {
      const last = run[run.length - 1];
      const inStep =
        !last || (row.old.number === last.old!.number + 1 && row.new.number === last.new!.number + 1);
      if (!inStep) flush();
      run.push(row);
      continue;
    }
    flush();
    blocks.push({ type: 'row', row });
  }
  flush();
  return blocks;
}

/// The labels framing a folded run: its first and last article now, and before when renumbered.
export function runLabels(rows: readonly ComparisonRow[]): {
  readonly from: string;
  readonly to: string;
  readonly oldFrom: string | null;
  readonly oldTo: string | null;
  readonly count: number;
} {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const renumbered = first.old!.number !== first.new!.number;
  return {
    from: first.new!.label,
    to: last.new!.label,
    oldFrom: renumbered ? first.old!.label : null,
    oldTo: renumbered ? last.old!.label : null,
    count: rows.length,
  };
}
