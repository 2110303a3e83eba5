// Drafting the amending instrument for two code-sized drafts: budget < 500 ms for the 1,344-article
// pair of bench/compilation-pair.ts (the comparison benchmark's), against the comparison alone in
// the same run — the instrument is the comparison plus choosing and printing the instructions.
//
// Run: node --import tsx bench/amend.bench.ts [RUNS]   (or `npm run bench amend`)
//
// Timed: draftInstrument (compareOutlines, then planning every changed article, divisions, placement,
// printing) against compareOutlines alone; applyInstrument (parsing the printed instrument and
// applying it to the old draft) is shown too. Before timing, the round trip is checked: applying the
// instrument to the old draft gives the new one, article for article.
import { buildOutline, compareOutlines } from '../core/index.ts';
import { applyInstrument, draftInstrument, instrumentText, lawDifferences } from '../core/index.ts';
import { compilationPair } from './compilation-pair.ts';
import { median, ms, percentile, time } from './timing.ts';

const runs = Number(process.argv[2] ?? 15);
const { oldOutline, newOutline, revision } = compilationPair();
const options = { matchIds: false } as const;

console.log(
  `drafts: ${oldOutline.articles.length.toLocaleString('en')} → ${newOutline.articles.length.toLocaleString('en')} articles ` +
    `(${revision.edited} edited, ${revision.inserted} inserted, ${revision.deleted} deleted, ${revision.moved} moved)`,
);

// The round trip, once, outside the timing.
const instrument = draftInstrument(oldOutline, newOutline, options);
const text = instrumentText(instrument);
const applied = applyInstrument(oldOutline, text);
const differences = lawDifferences(buildOutline(applied.doc, 'zh'), newOutline);
const kinds = new Map<string, number>();
for (const i of instrument.instructions) kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1);
console.log(
  `instrument: ${instrument.instructions.length} instructions, ${text.length.toLocaleString('en')} characters ` +
    `(${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')})`,
);
console.log(
  `round trip: ${differences.length === 0 ? 'the same law' : `DIFFERS: ${differences.slice(0, 3).join('; ')}`}`,
);

for (let k = 0; k < 3; k++) draftInstrument(oldOutline, newOutline, options);

const compareTimes: number[] = [];
const draftTimes: number[] = [];
const applyTimes: number[] = [];
for (let r = 0; r < runs; r++) {
  compareTimes.push(time(() => compareOutlines(oldOutline, newOutline, options)));
  draftTimes.push(time(() => draftInstrument(oldOutline, newOutline, options)));
  applyTimes.push(time(() => applyInstrument(oldOutline, text)));
}
const compareMs = median(compareTimes);
const draftMs = median(draftTimes);
console.log(
  `baseline: compareOutlines alone:                 median ${ms(compareMs)}, p95 ${ms(percentile(compareTimes, 95))} over ${runs} runs`,
);
console.log(
  `draftInstrument (comparison + instrument):       median ${ms(draftMs)}, p95 ${ms(percentile(draftTimes, 95))}`,
);
console.log(
  `applyInstrument (parse + apply, for reference):  median ${ms(median(applyTimes))}, p95 ${ms(percentile(applyTimes, 95))}`,
);
console.log(
  `ratio draftInstrument / compareOutlines: ${(draftMs / compareMs).toFixed(2)}× (the instrument adds ${ms(draftMs - compareMs)})`,
);
console.log(`budget: < 500 ms: ${draftMs < 500 ? 'met' : 'MISSED'}`);
if (differences.length) process.exitCode = 1;
