// Timing helpers the benchmarks share: runs are timed one by one after a garbage collection (when
// node runs with --expose-gc, as `npm run bench` does), and summarised by median and percentile.

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/// The median of `values`.
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/// The `p`th percentile of `values` (nearest rank).
export const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

/// Milliseconds as printed: "12.3 ms".
export const ms = (x: number): string => `${x.toFixed(1)} ms`;

/// Milliseconds that one call of `run` takes, after a garbage collection.
export function time(run: () => unknown): number {
  gc();
  const start = performance.now();
  run();
  return performance.now() - start;
}
