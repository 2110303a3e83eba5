// What every benchmark needs to be believed on a shared, noisy machine: percentiles, the median of
// several runs with their spread, baseline and ours run in turn (never all of one then all of the
// other), the load average the figures were taken under, and one ratio line per goal worded the same
// way everywhere (`ratio NAME / BASELINE: 1.14×  goal ≤ 1.2×: met`) so tools can read them; and
// timing one call after a garbage collection.
import { availableParallelism, loadavg } from 'node:os';

/// Percentile `p` (0–100) of `values` by nearest rank (NaN for no values).
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/// The median of `values` (the mean of the middle two for an even count).
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/// Milliseconds as printed: "12.3 ms".
export const ms = (x: number): string => `${x.toFixed(1)} ms`;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/// Milliseconds that one call of `run` takes, after a garbage collection (when node runs with
/// --expose-gc, as `npm run bench` does).
export function time(run: () => unknown): number {
  gc();
  const start = performance.now();
  run();
  return performance.now() - start;
}

/// A figure taken in several runs: their median and their spread.
export interface Runs {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
}

/// The median and spread of one figure over runs.
export function runs(values: readonly number[]): Runs {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), values };
}

/// "9.8 ms (9.1–11.2, 5 runs)".
export function formatRuns(figure: Runs, unit = 'ms', digits = 1): string {
  const f = (v: number) => v.toFixed(digits);
  return `${f(figure.median)} ${unit} (${f(figure.min)}–${f(figure.max)}, ${figure.values.length} runs)`;
}

/// Run every contender `rounds` times, in turn: round r starts with contender r mod n, so none always
/// runs first (on a cooler or a warmer machine). Returns each contender's results in round order.
export async function interleaved<T>(
  rounds: number,
  contenders: Readonly<Record<string, (round: number) => Promise<T>>>,
): Promise<Record<string, T[]>> {
  const names = Object.keys(contenders);
  const results: Record<string, T[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      results[name].push(await contenders[name](round));
    }
  }
  return results;
}

/// The load average now, as printed with the figures: "load average 2.81 / 3.62 / 6.97 (1, 5, 15 min)
/// on 2 CPUs".
export function loadAverage(): string {
  const [one, five, fifteen] = loadavg();
  return `load average ${one.toFixed(2)} / ${five.toFixed(2)} / ${fifteen.toFixed(2)} (1, 5, 15 min) on ${availableParallelism()} CPUs`;
}

/// Records the load average at the start, on demand, and prints it with the end's.
export function loadRecorder(): { readonly start: string; end(): string } {
  const start = loadAverage();
  return { start, end: () => `load at start: ${start}\nload at end:   ${loadAverage()}` };
}

/// One goal's line: `ratio NAME: 1.14×  goal ≤ 1.2×: met` (or MISSED), with an optional note after.
/// `name` is worded as the goal names it, e.g. "typing p95 alone / baseline".
export function ratioLine(name: string, ratio: number, goal: number, note = ''): string {
  const verdict = ratio <= goal ? 'met' : 'MISSED';
  return `ratio ${name}: ${ratio.toFixed(2)}×  goal ≤ ${goal}×: ${verdict}${note ? `  (${note})` : ''}`;
}

/// A figure against an absolute goal: `NAME: 93.1 MiB  goal ≤ 100 MiB: met`.
export function goalLine(name: string, value: number, goal: number, unit: string, digits = 1): string {
  const verdict = value <= goal ? 'met' : 'MISSED';
  return `${name}: ${value.toFixed(digits)} ${unit}  goal ≤ ${goal} ${unit}: ${verdict}`;
}

/// Resolves after `ms`.
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/// `promise`, or `fallback` after `ms`; the timer is cleared either way, so it never keeps a finished
/// benchmark's process alive.
export async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
