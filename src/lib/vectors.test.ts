import { describe, expect, it } from 'vitest';
import { rng } from '../platform/random.ts';
import { dot, dotNonzero, nonzeroCols, topK } from './vectors.ts';

describe('topK', () => {
  it('agrees with a full sort', () => {
    const rand = rng(5);
    const score = Float32Array.from({ length: 500 }, () => Math.round(rand() * 50) / 50);
    const allowed = Uint8Array.from({ length: 500 }, () => (rand() < 0.7 ? 1 : 0));
    const all = [...score.keys()].filter((i) => allowed[i]).sort((i, j) => score[j] - score[i] || i - j);
    for (const k of [0, 1, 7, 100, 1000]) expect(topK(score, allowed, k)).toEqual(all.slice(0, k));
  });

  it('agrees with a full sort on a large list with many ties, at every k', () => {
    const rand = rng(8);
    // A third zeros (clamped similarities), the rest on a coarse grid: ties everywhere.
    const score = Float32Array.from({ length: 30_000 }, () => (rand() < 0.33 ? 0 : Math.round(rand() * 200) / 200));
    const allowed = Uint8Array.from({ length: 30_000 }, () => (rand() < 0.9 ? 1 : 0));
    const all = [...score.keys()].filter((i) => allowed[i]).sort((i, j) => score[j] - score[i] || i - j);
    for (const k of [1, 2, 250, 2000, 19_000, all.length, all.length + 5]) expect(topK(score, allowed, k)).toEqual(all.slice(0, k));
  });
});

describe('dot', () => {
  it('matches the plain sum at every length and offset', () => {
    const rand = rng(3);
    const x = Float32Array.from({ length: 23 }, () => rand() - 0.5);
    const y = Float32Array.from({ length: 23 }, () => rand() - 0.5);
    for (const n of [0, 1, 3, 4, 5, 17]) {
      let want = 0;
      for (let j = 0; j < n; j++) want += x[2 + j] * y[1 + j];
      expect(dot(x, 2, y, 1, n)).toBeCloseTo(want, 6);
    }
  });
});

describe('dotNonzero', () => {
  it('is dot() to the bit, over the nonzeros of the second row, at any width', () => {
    const r = rng(11);
    for (const n of [1, 3, 4, 7, 124, 130]) {
      const x = Float32Array.from({ length: n }, () => r() - 0.5);
      const y = Float32Array.from({ length: n }, () => (r() < 0.2 ? r() - 0.5 : 0));
      const cols = new Int32Array(n);
      const m = nonzeroCols(y, 0, n, cols);
      expect(m).toBe(y.filter((v) => v !== 0).length);
      expect(dotNonzero(x, 0, y, 0, n, cols, m)).toBe(dot(x, 0, y, 0, n));
    }
  });
});
