// Clustering the 647 real public comments of docket CMS-2022-0163 (see /work/shared/corpus/README.md),
// against a hand-checked labelling of its form-letter campaign.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clusterAssignments,
  clusterComments,
  clustersJson,
  fingerprintText,
  moveOut,
  normalizeText,
  pairScores,
} from '../../core/index.ts';
import type { Cluster } from '../../core/index.ts';

interface CorpusRow {
  id: string;
  comment: string | null;
  withdrawn: boolean;
}

const fixtures = new URL('../fixtures/comments/', import.meta.url);
const corpus: CorpusRow[] = readFileSync(new URL('cms-2022-0163.comments.jsonl', fixtures), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as CorpusRow);
const labels = JSON.parse(readFileSync(new URL('cms-2022-0163.campaign.json', fixtures), 'utf8')) as {
  phrase: string;
  adapted: string[];
  quoting: string[];
};

const comments = corpus.map((r) => ({ id: r.id, text: r.comment, withdrawn: r.withdrawn }));
const live = corpus.filter((r) => !r.withdrawn);
const plain = new Map(live.map((r) => [r.id, normalizeText(r.comment ?? '')]));
// The campaign letter, found by its distinctive phrase: every copy, however it opens or closes.
const byPhrase = live.filter((r) => plain.get(r.id)!.toLowerCase().includes(labels.phrase)).map((r) => r.id);
const campaign = new Set([...byPhrase, ...labels.adapted]);
const result = clusterComments(comments);
const clusterOf = (id: string): Cluster => result.clusters.find((c) => c.members.includes(id))!;

describe('clustering the CMS-2022-0163 comments', () => {
  it('finds the campaign letter by its phrase in its many variants', () => {
    expect(byPhrase.length).toBe(215);
    // Dozens of distinct texts, not one letter sent 215 times.
    expect(new Set(byPhrase.map((id) => fingerprintText(plain.get(id)!))).size).toBeGreaterThan(40);
  });

  it('puts every copy of the campaign letter in one cluster', () => {
    const letters = clusterOf(byPhrase[0]);
    for (const id of byPhrase) expect(letters.members, id).toContain(id);
    expect(result.clusters[0]).toBe(letters);
  });

  it('puts no comment outside the hand-checked campaign in that cluster', () => {
    const letters = clusterOf(byPhrase[0]);
    expect(letters.members.filter((id) => !campaign.has(id))).toEqual([]);
    for (const id of labels.quoting) expect(letters.members).not.toContain(id);
  });

  it('scores the campaign cluster against the hand-checked labelling', () => {
    const letters = new Set(clusterOf(byPhrase[0]).members);
    const predicted = [[...letters], ...live.filter((r) => !letters.has(r.id)).map((r) => [r.id])];
    const reference = [[...campaign], ...live.filter((r) => !campaign.has(r.id)).map((r) => [r.id])];
    const scores = pairScores(predicted, reference);
    expect(scores.precision).toBe(1);
    // The three adapted letters that are left out rewrite most of the text in their own words.
    expect(scores.recall).toBeGreaterThan(0.95);
  });

  it('groups the "See attached file(s)" stubs on their own, apart from every comment of substance', () => {
    const seeAttached = live.filter((r) => plain.get(r.id) === 'See attached file(s)').map((r) => r.id);
    expect(seeAttached.length).toBeGreaterThan(60);
    const stubs = clusterOf(seeAttached[0]);
    expect(stubs.kind).toBe('stub');
    for (const id of seeAttached) expect(stubs.members).toContain(id);
    expect(result.clusters.filter((c) => c.kind === 'stub')).toEqual([stubs]);
    for (const id of stubs.members) {
      const words = plain.get(id)!.split(/\s+/).length;
      expect(words, id).toBeLessThanOrEqual(45);
      expect(plain.get(id)!, id).toMatch(/attach/i);
    }
    for (const c of result.clusters) if (c !== stubs) expect(c.kind).toBe('text');
  });

  it('leaves the withdrawn comment out', () => {
    expect(result.withdrawn).toEqual(['CMS-2022-0163-0034']);
    const clustered = result.clusters.flatMap((c) => c.members);
    expect(clustered.length).toBe(646);
    expect(new Set(clustered).size).toBe(646);
  });

  it('groups every set of exact duplicates after normalisation', () => {
    const byFingerprint = new Map<string, string[]>();
    for (const r of live) {
      const key = fingerprintText(r.comment ?? '');
      byFingerprint.set(key, [...(byFingerprint.get(key) ?? []), r.id]);
    }
    const recall = pairScores(
      result.clusters.map((c) => c.members),
      byFingerprint.values(),
    ).recall;
    expect(recall).toBe(1);
  });

  it('prints the campaign first in the report, with a copy of the letter as its representative', () => {
    const rows = corpus.map((r) => ({ id: r.id, externalId: r.id, text: r.comment }));
    const json = clustersJson(result, rows);
    expect(json.clusters[0].size).toBeGreaterThanOrEqual(215);
    expect(json.clusters[0].representative.toLowerCase()).toContain(labels.phrase);
    expect(json.clusters[1].representative).toBe('See attached file(s)');
    const sizes = json.clusters.map((c) => c.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('gives the same clustering whatever the order of the rows', () => {
    const shuffled = [...comments].sort((a, b) => (a.id.slice(-2) < b.id.slice(-2) ? -1 : 1));
    expect(clusterComments(shuffled)).toEqual(result);
  });

  it('keeps ids and a clerk’s decision when clustering again', () => {
    const letters = clusterOf(byPhrase[0]);
    const out = byPhrase[5];
    const again = clusterComments(comments, {
      decisions: [moveOut(letters, out)],
      previous: clusterAssignments(result),
    });
    const lettersAgain = again.clusters.find((c) => c.members.includes(byPhrase[0]))!;
    expect(lettersAgain.id).toBe(letters.id);
    expect(lettersAgain.members).not.toContain(out);
    expect(lettersAgain.members.length).toBe(letters.members.length - 1);
    expect(again.clusters.find((c) => c.members.includes(out))!.members).toEqual([out]);
  });
});
