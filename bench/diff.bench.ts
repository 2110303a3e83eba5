// Comparing two code-sized drafts, at the scale of DESIGN.md's budget: alignment + inline diff of
// two drafts of ≥ 1,300 articles and ≥ 100,000 characters in under 300 ms on the project's 2-core
// machine, against the baseline of one jsdiff `diffChars` over the whole text in the same run.
//
// Run: node --import tsx bench/diff.bench.ts [RUNS]   (or `npm run bench diff`)
//
// The pair of drafts is bench/compilation-pair.ts's.
// Timed: compareOutlines (alignment, inline diffs, chapter and section changes, rows) on the two
// outlines; alignArticles alone is shown too. Outlines are built once, outside the timing.
import { diffChars } from 'diff';
import { alignArticles, compareOutlines } from '../core/index.ts';
import { compilationPair, minimumArticles } from './compilation-pair.ts';
import { median, ms, percentile, time } from './timing.ts';

const runs = Number(process.argv[2] ?? 15);

const { oldOutline, newOutline, oldText, newText, revision } = compilationPair();

console.log(
  `old draft: ${oldOutline.articles.length.toLocaleString('en')} articles, ${oldText.length.toLocaleString('en')} characters, ` +
    `${oldOutline.divisions.length} parts, chapters and sections`,
);
console.log(
  `new draft: ${newOutline.articles.length.toLocaleString('en')} articles, ${newText.length.toLocaleString('en')} characters ` +
    `(${revision.edited} edited, ${revision.inserted} inserted, ${revision.deleted} deleted, ${revision.moved} moved)`,
);
if (oldOutline.articles.length < minimumArticles || oldText.length < 100_000)
  throw new Error('drafts below the budgeted size');

// --- Timing ----------------------------------------------------------------------------------------

// Warm up the JIT on the full pair, then time.
for (let k = 0; k < 3; k++) compareOutlines(oldOutline, newOutline, { matchIds: false });

const compareTimes: number[] = [];
const alignTimes: number[] = [];
for (let r = 0; r < runs; r++) {
  compareTimes.push(time(() => compareOutlines(oldOutline, newOutline, { matchIds: false })));
  alignTimes.push(
    time(() => alignArticles(oldOutline.articles, newOutline.articles, { language: 'zh', matchIds: false })),
  );
}
const baselineRuns = 3;
const baselineTimes: number[] = [];
for (let r = 0; r < baselineRuns; r++) baselineTimes.push(time(() => diffChars(oldText, newText)));

const comparison = compareOutlines(oldOutline, newOutline, { matchIds: false });
const s = comparison.summary;
const compareMs = median(compareTimes);
const baselineMs = median(baselineTimes);
console.log(
  `found: ${s.modified} modified, ${s.inserted} inserted, ${s.deleted} deleted, ${s.moved} moved, ${s.unchanged} unchanged ` +
    `(${comparison.alignment.groups.filter((g) => g.kind === 'split' || g.kind === 'merged').length} splits and merges)`,
);
console.log(
  `baseline: one diffChars over the whole text:    median ${ms(baselineMs)} (runs: ${baselineTimes.map(ms).join(', ')})`,
);
console.log(
  `compareOutlines (alignment + inline diffs):    median ${ms(compareMs)}, p95 ${ms(percentile(compareTimes, 95))} over ${runs} runs`,
);
console.log(
  `  of which alignArticles alone:                median ${ms(median(alignTimes))}, p95 ${ms(percentile(alignTimes, 95))}`,
);
console.log(
  `ratio compareOutlines / baseline: ${(compareMs / baselineMs).toFixed(3)}× (${(baselineMs / compareMs).toFixed(1)}× faster)`,
);
console.log(
  `budget: < 300 ms and faster than the baseline: ${compareMs < 300 && compareMs < baselineMs ? 'met' : 'MISSED'}`,
);
