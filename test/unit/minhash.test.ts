import { describe, expect, it } from 'vitest';
import {
  defaultBands,
  estimateJaccard,
  lshBuckets,
  minhash,
  shingles,
  signatureSize,
} from '../../core/index.ts';

const signatureOf = (text: string): Uint32Array => minhash(shingles(text));

function jaccard(a: Uint32Array, b: Uint32Array): number {
  const setB = new Set(b);
  const shared = [...a].filter((x) => setB.has(x)).length;
  return shared / (a.length + b.length - shared);
}

describe('shingles', () => {
  it('shingles English by words, three at a time', () => {
    expect(shingles('the quick brown fox').length).toBe(2);
    expect(shingles('the quick, brown   fox!')).toEqual(shingles('the quick brown fox'));
  });

  it('shingles Chinese by characters, three at a time, ignoring punctuation', () => {
    expect(shingles('建议删除第十二条').length).toBe(6);
    expect(shingles('建议，删除第十二条。')).toEqual(shingles('建议删除第十二条'));
  });

  it('shingles mixed text by words and characters alike', () => {
    expect(shingles('第12条 should go').length).toBe(3);
  });

  it('ignores apostrophes inside words', () => {
    expect(shingles("it's the patient's choice")).toEqual(shingles('its the patients choice'));
  });

  it('gives a short text one shingle and an empty text none', () => {
    expect(shingles('hello world').length).toBe(1);
    expect(shingles('...').length).toBe(0);
  });

  it('removes repeats and sorts', () => {
    const s = shingles('a b c a b c a b c');
    expect(s.length).toBe(3);
    expect([...s]).toEqual([...s].sort((x, y) => x - y));
  });

  it('rejects shingle sizes outside 1…8', () => {
    expect(() => shingles('a b', 0)).toThrow(RangeError);
    expect(() => shingles('a b', 9)).toThrow(RangeError);
  });
});

describe('minhash and estimateJaccard', () => {
  const words = 'directory provider patient sex gender record data privacy access consent clinic rural'.split(
    ' ',
  );
  // A fixed pseudo-random text of `n` words.
  const text = (seed: number, n: number): string => {
    let x = seed;
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      out.push(words[x % words.length] + String((x >>> 8) % 50));
    }
    return out.join(' ');
  };

  it(`has ${signatureSize} values`, () => {
    expect(signatureOf('one two three four').length).toBe(signatureSize);
  });

  it('gives identical texts similarity 1', () => {
    const t = text(1, 300);
    expect(estimateJaccard(signatureOf(t), 0, signatureOf(t), 0)).toBe(1);
  });

  it('estimates the Jaccard similarity of shingle sets within a few standard errors', () => {
    for (const [seed, keep] of [
      [2, 0.9],
      [3, 0.6],
      [4, 0.3],
    ] as const) {
      const base = text(seed, 400).split(' ');
      const edited = base.map((w, i) => (i % 100 < keep * 100 ? w : `${w}x`)).join(' ');
      const a = shingles(base.join(' '));
      const b = shingles(edited);
      const exact = jaccard(a, b);
      const estimate = estimateJaccard(minhash(a), 0, minhash(b), 0);
      expect(Math.abs(estimate - exact)).toBeLessThan(0.15);
    }
  });

  it('estimates low similarity for unrelated texts', () => {
    expect(estimateJaccard(signatureOf(text(5, 200)), 0, signatureOf(text(6, 200)), 0)).toBeLessThan(0.1);
  });

  it('is sound for texts with fewer shingles than signature values', () => {
    const a = signatureOf('reject this proposal now please');
    const b = signatureOf('reject this proposal now');
    expect(estimateJaccard(a, 0, b, 0)).toBeGreaterThan(0.3);
    expect(estimateJaccard(a, 0, a, 0)).toBe(1);
  });

  it('lets the signature of an empty set agree with none', () => {
    const empty = minhash(new Uint32Array(0));
    expect(estimateJaccard(empty, 0, empty, 0)).toBe(0);
  });
});

describe('lshBuckets', () => {
  const pack = (signatures: Uint32Array[]): Uint32Array => {
    const all = new Uint32Array(signatures.length * signatureSize);
    signatures.forEach((s, i) => all.set(s, i * signatureSize));
    return all;
  };

  it('puts identical signatures in one bucket in every band', () => {
    const s = signatureOf('the directory must record the sex of every provider');
    const other = signatureOf('a wholly different comment about rural clinics and broadband');
    const buckets = lshBuckets(pack([s, other, s]), 3);
    expect(buckets.length).toBe(defaultBands);
    for (const b of buckets) expect([...b]).toEqual([0, 2]);
  });

  it('leaves out the signatures of empty sets', () => {
    const empty = minhash(new Uint32Array(0));
    expect(lshBuckets(pack([empty, empty]), 2)).toEqual([]);
  });

  it('rejects a band count that does not divide the signature', () => {
    expect(() => lshBuckets(new Uint32Array(0), 0, 7)).toThrow(RangeError);
  });
});
