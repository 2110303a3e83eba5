// The round trip as a property: for random revisions of the seed drafts (zh and en) — articles
// inserted, deleted, moved, split and merged; paragraphs and items added and deleted; words changed;
// chapters renamed — the drafted instrument, printed and read back, turns the old draft into the new
// one, article for article. Hundreds of cases, from a fixed seed, in both styles, with and without
// stable ids.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildOutline,
  draftInstrument,
  instrumentText,
  lawDifferences,
  parseLaw,
  tryApplyInstrument,
} from '../../core/index.ts';
import type { InstrumentStyle } from '../../core/index.ts';
import { editKinds, documentOf, flatten, revise } from '../helpers/law-edits.ts';
import { prng } from '../helpers/prng.ts';
import type { EditKind } from '../helpers/law-edits.ts';

const draftsDir = new URL('../../drafts/', import.meta.url);
const seeds = readdirSync(draftsDir)
  .filter((f) => f.endsWith('.law.txt'))
  .sort()
  .map((file) => {
    const language = file.includes('.zh.') ? ('zh' as const) : ('en' as const);
    const parsed = parseLaw(readFileSync(new URL(file, draftsDir), 'utf8'), { language });
    return { file, language, law: flatten(buildOutline(parsed.doc, language)) };
  });

function run(style: InstrumentStyle, cases: number, seed: number, keepIds: boolean) {
  const random = prng(seed);
  const failures: string[] = [];
  const made = new Map<EditKind, number>();
  for (let c = 0; c < cases; c++) {
    const base = seeds[c % seeds.length];
    const { law, edits } = revise(base.law, random, 1 + Math.floor(random() * 6), base.language);
    for (const e of edits) made.set(e, (made.get(e) ?? 0) + 1);
    const oldOutline = buildOutline(documentOf(base.law, 'o', keepIds), base.language);
    const newOutline = buildOutline(documentOf(law, 'n', keepIds), base.language);
    const instrument = draftInstrument(oldOutline, newOutline, { style, matchIds: keepIds });
    const result = tryApplyInstrument(oldOutline, instrumentText(instrument));
    const differences = result.ok
      ? lawDifferences(buildOutline(result.value.doc, base.language), newOutline, 2)
      : result.problems.map((p) => `instruction ${p.instruction}: ${p.message}`);
    if (differences.length)
      failures.push(`case ${c} (${base.file}, ${edits.join(', ')}): ${differences.join('; ')}`);
  }
  return { failures, made };
}

describe('round trip of random revisions of the seed drafts', { timeout: 120_000 }, () => {
  it('holds for 150 revisions in the decision style, plain texts', () => {
    const { failures, made } = run('decision', 150, 20260101, false);
    expect(failures).toEqual([]);
    // Every kind of edit was made, many times.
    for (const kind of editKinds) expect(made.get(kind) ?? 0).toBeGreaterThan(10);
    expect(seeds.map((s) => s.language)).toContain('zh');
    expect(seeds.map((s) => s.language)).toContain('en');
  });

  it('holds for 70 revisions in the decision style, versions of one draft (stable ids)', () => {
    expect(run('decision', 70, 20260102, true).failures).toEqual([]);
  });

  it('holds for 100 revisions in the amendment style (修正案)', () => {
    expect(run('amendment', 100, 20260103, false).failures).toEqual([]);
  });
});
