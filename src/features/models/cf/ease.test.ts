import { describe, expect, it } from 'vitest';
import { easeScores, trainEase, type EaseWeights } from './ease.ts';
import type { ImplicitMatrix } from './mf.ts';
import { rng } from '../../../platform/random.ts';

function matrix(rows: number[][], nCols: number): ImplicitMatrix {
  const offsets = [0];
  const cols: number[] = [];
  for (const r of rows) cols.push(...r), offsets.push(cols.length);
  return { nRows: rows.length, nCols, offsets: Int32Array.from(offsets), cols: Int32Array.from(cols), values: new Float32Array(cols.length).fill(3) };
}

/** B as a dense n × n array, from the sparse rows. */
function dense(w: EaseWeights): number[][] {
  const n = w.items.length;
  const B = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) B[i][w.cols[p]] = w.weights[p];
  return B;
}

const close = (B: number[][]) => B.map((r) => r.map((x) => expect.closeTo(x, 6)));

describe('EASE', () => {
  // Two users, three items: X = [[1,1,0],[0,1,1]], λ = 1. By hand:
  // (XᵀX + I)⁻¹ = [[5,-2,1],[-2,4,-2],[1,-2,5]] / 8 and B_ij = -P_ij / P_jj.
  const B2 = [
    [0, 0.5, -0.2],
    [0.4, 0, 0.4],
    [-0.2, 0.5, 0],
  ];

  it('matches the hand-computed weights (fewer users than items: through Woodbury)', async () => {
    const w = await trainEase(matrix([[0, 1], [1, 2]], 3), { lambda: 1, dropout: 0, beta: 0, minListeners: 1 });
    expect(Array.from(w.items)).toEqual([0, 1, 2]);
    expect(dense(w)).toEqual(close(B2));
  });

  it('gives the same weights with more users than items (the direct inverse)', async () => {
    // The same two users twice: XᵀX doubles, so λ = 2 gives the same B.
    const w = await trainEase(matrix([[0, 1], [1, 2], [0, 1], [1, 2]], 3), { lambda: 2, dropout: 0, beta: 0, minListeners: 1 });
    expect(dense(w)).toEqual(close(B2));
  });

  it('holds popular items back in proportion to their weight (dropout penalty)', async () => {
    // λ_i = λ + dropout·G_ii: with λ = 0 and dropout 1/2, item 1 (two listeners) gets 1 and the others 1/2.
    // By hand: [[1.5,1,0],[1,3,1],[0,1,1.5]]⁻¹ = [[3.5,-1.5,1],[-1.5,2.25,-1.5],[1,-1.5,3.5]] / 3.75.
    const w = await trainEase(matrix([[0, 1], [1, 2]], 3), { lambda: 0, dropout: 0.5, beta: 0, minListeners: 1 });
    const P = [[3.5, -1.5, 1], [-1.5, 2.25, -1.5], [1, -1.5, 3.5]];
    const want = P.map((r, i) => r.map((p, j) => (i === j ? 0 : -p / P[j][j])));
    expect(dense(w)).toEqual(close(want));
  });

  it('divides what an item receives by its listeners^beta (popularity correction)', async () => {
    const w = await trainEase(matrix([[0, 1], [1, 2]], 3), { lambda: 1, dropout: 0, beta: 1, minListeners: 1 });
    const listeners = [1, 2, 1];
    expect(dense(w)).toEqual(close(B2.map((r) => r.map((b, j) => b / listeners[j]))));
  });

  it('leaves out items with too few listeners, and keeps the largest weights (in size) of each row', async () => {
    const m = matrix([[0, 1, 3], [1, 2, 3], [0, 2, 3], [3]], 5);
    const w = await trainEase(m, { lambda: 1, minListeners: 2, keep: 1 });
    expect(Array.from(w.items)).toEqual([0, 1, 2, 3]); // item 4 has no listener
    const full = await trainEase(m, { lambda: 1, minListeners: 2, keep: 10 });
    const B = dense(full);
    for (let i = 0; i < 4; i++) {
      expect(w.offsets[i + 1] - w.offsets[i]).toBe(1);
      const best = Math.max(...B[i].filter((_, j) => j !== i).map(Math.abs));
      expect(Math.abs(w.weights[w.offsets[i]])).toBeCloseTo(best, 6);
    }
  });

  /** Random listening: `users` rows over `items` columns, each cell played with probability `p`. */
  function random(users: number, items: number, p: number, seed: number): number[][] {
    const r = rng(seed);
    return Array.from({ length: users }, () => Array.from({ length: items }, (_, j) => j).filter(() => r() < p));
  }

  it('gives the same weights through Woodbury (odd users, many 8-row blocks) as through the direct inverse', async () => {
    // Every user three times over: XᵀX and the penalty triple, so P is a third and B is unchanged.
    const rows = random(7, 29, 0.35, 5);
    const cfg = { lambda: 2, dropout: 0.5, beta: 0, minListeners: 1, keep: 28 };
    const woodbury = await trainEase(matrix(rows, 29), cfg);
    const direct = await trainEase(matrix([...rows, ...rows, ...rows], 29), { ...cfg, lambda: 6 });
    expect(Array.from(woodbury.items)).toEqual(Array.from(direct.items));
    expect(dense(woodbury)).toEqual(dense(direct).map((r) => r.map((x) => expect.closeTo(x, 5))));
  });

  it('keeps exactly the largest weights of each row when a sample places the threshold', async () => {
    // 120 items and keep 6: every 8th weight is sampled to place the threshold before the exact selection.
    const m = matrix(random(40, 120, 0.2, 8), 120);
    const cfg = { lambda: 1, minListeners: 1 };
    const pruned = await trainEase(m, { ...cfg, keep: 6 });
    const B = dense(await trainEase(m, { ...cfg, keep: 1000 }));
    for (let i = 0; i < pruned.items.length; i++) {
      const kept = Array.from(pruned.cols.subarray(pruned.offsets[i], pruned.offsets[i + 1]));
      const sizes = B[i].map((b, j) => (j === i ? -1 : Math.abs(b)));
      const sixth = [...sizes].sort((a, b) => b - a)[5];
      expect(kept.length).toBe(6);
      for (const j of kept) expect(sizes[j]).toBeGreaterThanOrEqual(sixth);
      expect(Array.from(pruned.weights.subarray(pruned.offsets[i], pruned.offsets[i + 1]))).toEqual(kept.map((j) => B[i][j]));
    }
  });

  it('says so when no artist has enough listeners', async () => {
    await expect(trainEase(matrix([[0, 1], [2]], 3), { minListeners: 2 })).rejects.toThrow(/No artist has 2 or more listeners/);
  });

  it('scores a user as their row times B', async () => {
    const w = await trainEase(matrix([[0, 1], [1, 2]], 3), { lambda: 1, dropout: 0, beta: 0, minListeners: 1 });
    expect(Array.from(easeScores(w, [0], [1]))).toEqual([0, 0.5, -0.2].map((x) => expect.closeTo(x, 6)));
    expect(Array.from(easeScores(w, [0, 2], [1, -2]))).toEqual([0.4, 0.5 - 1, -0.2].map((x) => expect.closeTo(x, 6)));
  });

  it('reports honest progress (1..steps, each once) and can be cancelled', async () => {
    const m = matrix([[0, 1, 3], [1, 2, 3], [0, 2, 3], [3]], 4);
    const seen: { step: number; steps: number }[] = [];
    await trainEase(m, { lambda: 1 }, { onStep: ({ step, steps }) => seen.push({ step, steps }) });
    expect(seen.map((s) => s.step)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.at(-1)?.step).toBe(seen[0].steps);
    const ctl = new AbortController();
    const run = trainEase(m, { lambda: 1 }, { signal: ctl.signal, onStep: ({ step }) => step === 2 && ctl.abort() });
    await expect(run).rejects.toThrow(/abort/i);
  });
});
