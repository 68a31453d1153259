import { describe, expect, it } from 'vitest';
import { confidence, foldInUser, gram, scoreItems, trainAls, transpose, type ImplicitMatrix } from './mf.ts';

// Two taste groups: users 0-5 play items 0-3, users 6-11 play items 4-7.
function toy(): ImplicitMatrix {
  const offsets = [0];
  const cols: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < 12; u++) {
    const base = u < 6 ? 0 : 4;
    for (let j = 0; j < 4; j++) {
      if ((u + j) % 4 === 3) continue; // each user misses one item of their group
      cols.push(base + j);
      values.push(1 + ((u * 7 + j * 3) % 20));
    }
    offsets.push(cols.length);
  }
  return { nRows: 12, nCols: 8, offsets: Int32Array.from(offsets), cols: Int32Array.from(cols), values: Float32Array.from(values) };
}

describe('weighted ALS', () => {
  it('transposes CSR both ways', () => {
    const m = toy();
    const back = transpose(transpose(m));
    expect(back.offsets).toEqual(m.offsets);
    expect(back.cols).toEqual(m.cols);
    expect(back.values).toEqual(m.values);
  });

  it('recommends the missing item of the user’s own group', async () => {
    const m = toy();
    const model = await trainAls(m, { factors: 4, lambda: 1, alpha: 2, iterations: 10, cgSteps: 4, seed: 3 });
    for (let u = 0; u < 12; u++) {
      const x = model.userFactors.subarray(u * 4, u * 4 + 4);
      const s = scoreItems(model.itemFactors, 4, x);
      const played = new Set(m.cols.subarray(m.offsets[u], m.offsets[u + 1]));
      const best = [...s.keys()].filter((i) => !played.has(i)).sort((a, b) => s[b] - s[a])[0];
      expect(Math.floor(best / 4)).toBe(u < 6 ? 0 : 1);
    }
  });

  it('fold-in of a user equals their trained factor', async () => {
    const m = toy();
    const k = 4;
    const cfg = { factors: k, lambda: 0.5, alpha: 3, eps: 1, iterations: 6, cgSteps: 12, seed: 7 };
    const model = await trainAls(m, cfg);
    const G = gram(model.itemFactors, k);
    for (const u of [0, 5, 9]) {
      const items = m.cols.subarray(m.offsets[u], m.offsets[u + 1]);
      const conf = Float32Array.from(m.values.subarray(m.offsets[u], m.offsets[u + 1]), (v) => confidence(v, cfg.alpha, cfg.eps));
      const x = foldInUser(model.itemFactors, k, { items, confidence: conf, preference: new Float32Array(items.length).fill(1) }, cfg.lambda, G);
      const trained = model.userFactors.subarray(u * k, u * k + k);
      for (let a = 0; a < k; a++) expect(x[a]).toBeCloseTo(trained[a], 3);
    }
  });

  it('is repeatable with a seed, reports progress and can be cancelled', async () => {
    const seen: number[] = [];
    const a = await trainAls(toy(), { factors: 3, iterations: 3, seed: 5 }, { onIteration: (i) => seen.push(i.iteration) });
    const b = await trainAls(toy(), { factors: 3, iterations: 3, seed: 5 });
    expect(seen).toEqual([1, 2, 3]);
    expect(b.itemFactors).toEqual(a.itemFactors);
    const ctl = new AbortController();
    const run = trainAls(toy(), { factors: 3, iterations: 50 }, { onIteration: (i) => i.iteration === 2 && ctl.abort() , signal: ctl.signal });
    await expect(run).rejects.toThrow(/abort/i);
  });
});
