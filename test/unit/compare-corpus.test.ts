import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOutline, compareOutlines, foldWidth, parseLaw } from '../../core/index.ts';
import type { Comparison, Outline } from '../../core/index.ts';

// The version pairs of the corpus: the same law at two dates.
const versionPairs: ReadonlyArray<readonly [string, string]> = [
  ['cybersecurity-law-2016.zh.md', 'cybersecurity-law-2025-amended.zh.md'],
  ['minors-protection-law-2020.zh.md', 'minors-protection-law-2024.zh.md'],
  ['state-secrets-law-2010.zh.md', 'state-secrets-law-2024.zh.md'],
  ['counter-espionage-law-2014.zh.md', 'counter-espionage-law-2023.zh.md'],
  ['legislation-law-2015.zh.md', 'legislation-law-2023.zh.md'],
];

const outlineOf = (file: string): Outline => {
  const parsed = parseLaw(readFileSync(new URL(`../fixtures/laws/${file}`, import.meta.url), 'utf8'));
  return buildOutline(parsed.doc, parsed.language);
};

const cache = new Map<string, { old: Outline; new: Outline; comparison: Comparison }>();
const compared = (oldFile: string, newFile: string) => {
  const key = `${oldFile}>${newFile}`;
  let entry = cache.get(key);
  if (!entry) {
    const oldOutline = outlineOf(oldFile);
    const newOutline = outlineOf(newFile);
    entry = {
      old: oldOutline,
      new: newOutline,
      comparison: compareOutlines(oldOutline, newOutline, { matchIds: false }),
    };
    cache.set(key, entry);
  }
  return entry;
};

// Spacing inside Chinese text carries no meaning (the corpus has stray spaces in one version).
// The same text up to spaces and the width of characters (a half-width colon made full-width is no
// change: core's foldWidth).
const comparable = (text: string) => foldWidth(text).replace(/[^\S\n]+/g, '');
const same = (a: string, b: string) => comparable(a) === comparable(b);

const rowFor = (c: Comparison, oldNumber: number | null, newNumber: number | null) =>
  c.rows.find((r) => (r.old?.number ?? null) === oldNumber && (r.new?.number ?? null) === newNumber);

describe.each(versionPairs)('comparing %s with %s', (oldFile, newFile) => {
  it('puts every article of each side in exactly one group', () => {
    const { old, new: now, comparison } = compared(oldFile, newFile);
    const groups = comparison.alignment.groups;
    expect(groups.flatMap((g) => g.old).sort((a, b) => a - b)).toEqual(old.articles.map((_, i) => i));
    expect(groups.flatMap((g) => g.new).sort((a, b) => a - b)).toEqual(now.articles.map((_, j) => j));
  });

  it('shows every article in the rows, and twice only as the single side of a split or merge', () => {
    const { old, new: now, comparison } = compared(oldFile, newFile);
    const count = (side: 'old' | 'new', n: number) =>
      comparison.rows.filter((r) => (side === 'old' ? r.old : r.new)?.number === n);
    for (const a of old.articles) {
      const rows = count('old', a.number);
      expect(rows.length).toBeGreaterThan(0);
      if (rows.length > 1) expect(rows.every((r) => r.relation === 'split')).toBe(true);
    }
    for (const a of now.articles) {
      const rows = count('new', a.number);
      expect(rows.length).toBeGreaterThan(0);
      if (rows.length > 1) expect(rows.every((r) => r.relation === 'merged')).toBe(true);
    }
  });

  it('reports every article whose text is the same on both sides as unchanged, with both numbers', () => {
    const { old, new: now, comparison } = compared(oldFile, newFile);
    const key = comparable;
    const oldByText = new Map<string, number[]>();
    for (const a of old.articles)
      oldByText.set(key(a.text), [...(oldByText.get(key(a.text)) ?? []), a.number]);
    const newByText = new Map<string, number[]>();
    for (const a of now.articles)
      newByText.set(key(a.text), [...(newByText.get(key(a.text)) ?? []), a.number]);
    let checked = 0;
    for (const [text, olds] of oldByText) {
      const news = newByText.get(text);
      if (!news || olds.length !== 1 || news.length !== 1) continue;
      const row = rowFor(comparison, olds[0], news[0]);
      expect(row, `old ${olds[0]} → new ${news[0]}`).toBeDefined();
      expect(row!.kind).toBe('unchanged');
      checked++;
    }
    for (const row of comparison.rows.filter((r) => r.kind === 'unchanged')) {
      expect(same(row.old!.text, row.new!.text)).toBe(true);
    }
    expect(checked).toBe(comparison.summary.unchanged);
  });

  it('places rows in the new order, each deletion where it stood', () => {
    const { comparison } = compared(oldFile, newFile);
    const newNumbers = comparison.rows.filter((r) => r.new).map((r) => r.new!.number);
    expect(newNumbers).toEqual([...newNumbers].sort((a, b) => a - b));
    comparison.rows.forEach((row, k) => {
      if (row.kind !== 'deleted' || k === 0) return;
      // The row before a deletion holds an earlier old article (or another deletion before it).
      const before = comparison.rows
        .slice(0, k)
        .reverse()
        .find((r) => r.old && !r.moved);
      if (before) expect(before.old!.number).toBeLessThan(row.old!.number);
    });
  });

  it('keeps the JSON summary consistent with the rows', () => {
    const { comparison } = compared(oldFile, newFile);
    const s = comparison.summary;
    expect(s.unchanged + s.modified + s.inserted + s.deleted).toBe(comparison.rows.length);
    expect(s.moved).toBe(comparison.rows.filter((r) => r.moved).length);
  });
});

describe('real revisions', () => {
  it('finds exactly one modified article (第九条) between the 2020 and 2024 minors protection laws', () => {
    const { comparison } = compared('minors-protection-law-2020.zh.md', 'minors-protection-law-2024.zh.md');
    expect(comparison.summary).toEqual({ unchanged: 131, modified: 1, inserted: 0, deleted: 0, moved: 0 });
    const modified = comparison.rows.filter((r) => r.kind !== 'unchanged');
    expect(modified.map((r) => [r.old!.label, r.new!.label])).toEqual([['第九条', '第九条']]);
    expect(modified[0].segments.some((s) => s.op === 'insert' && s.text.includes('重视和加强'))).toBe(true);
  });

  it('follows the renumbering of the cybersecurity law after its new 第三条', () => {
    const { comparison } = compared('cybersecurity-law-2016.zh.md', 'cybersecurity-law-2025-amended.zh.md');
    expect(rowFor(comparison, null, 3)).toMatchObject({ kind: 'inserted', note: '新增' });
    // Unchanged, two places further on.
    expect(rowFor(comparison, 2, 2)).toMatchObject({ kind: 'unchanged' });
    expect(rowFor(comparison, 4, 5)).toMatchObject({ kind: 'unchanged', moved: false });
    // Only the cross-reference inside it changed: 第二十一条 became 第二十三条.
    const row = rowFor(comparison, 34, 36)!;
    expect(row.kind).toBe('modified');
    expect(row.segments).toContainEqual({ op: 'delete', text: '一' });
    expect(row.segments).toContainEqual({ op: 'insert', text: '三' });
    expect(comparison.summary.moved).toBe(0);
  });

  it('finds the split and the merge of the state secrets law', () => {
    const { comparison } = compared('state-secrets-law-2010.zh.md', 'state-secrets-law-2024.zh.md');
    // Old 第三十四条: its first paragraph went to 第四十一条, its second to 第四十二条.
    const split = comparison.rows.filter((r) => r.relation === 'split' && r.old!.number === 34);
    expect(split.map((r) => r.new!.label)).toEqual(['第四十一条', '第四十二条']);
    expect(split.map((r) => r.note)).toEqual(['由原第三十四条拆分', '由原第三十四条拆分']);
    // Old 第三十五条 and 第三十六条 became 第四十三条.
    const merged = comparison.rows.filter((r) => r.relation === 'merged' && r.new!.number === 43);
    expect(merged.map((r) => r.old!.label)).toEqual(['第三十五条', '第三十六条']);
    expect(merged[0].note).toBe('原第三十五条、第三十六条合并');
    // Unchanged however far it moved in numbering.
    expect(rowFor(comparison, 39, 44)).toMatchObject({ kind: 'unchanged' });
  });

  it('reports the new chapters of the counter-espionage law', () => {
    const { comparison } = compared('counter-espionage-law-2014.zh.md', 'counter-espionage-law-2023.zh.md');
    const chapters = comparison.divisions.filter((d) => d.level === 'chapter');
    expect(chapters.filter((d) => d.kind === 'inserted').map((d) => d.new!.heading)).toContain('安全防范');
    expect(chapters.find((d) => d.old?.heading === '法律责任')).toMatchObject({
      kind: 'renumbered',
      old: { label: '第四章' },
      new: { label: '第五章' },
    });
  });

  it('compares a code-sized law in well under a second', () => {
    const { old, new: now } = compared('legislation-law-2015.zh.md', 'legislation-law-2023.zh.md');
    const start = performance.now();
    const c = compareOutlines(old, now, { matchIds: false });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(c.summary.inserted).toBeGreaterThan(0);
  });
});
