import { describe, expect, it } from 'vitest';
import { rng } from '../../../platform/random.ts';
import { evaluate, holdOut, itemKnnScorer, popularityScorer, rankMetrics } from './cf-eval.ts';
import { transpose, type ImplicitMatrix } from './mf.ts';

function matrix(rows: number[][]): ImplicitMatrix {
  const offsets = [0];
  const cols: number[] = [];
  for (const r of rows) cols.push(...r), offsets.push(cols.length);
  const nCols = Math.max(...cols) + 1;
  return { nRows: rows.length, nCols, offsets: Int32Array.from(offsets), cols: Int32Array.from(cols), values: new Float32Array(cols.length).fill(1) };
}

describe('CF evaluation', () => {
  it('computes recall and NDCG by hand', () => {
    const truth = new Set([3, 7]);
    expect(rankMetrics([3, 1, 7], truth, 10)).toEqual({ recall: 1, ndcg: (1 + 1 / 2) / (1 + 1 / Math.log2(3)) });
    expect(rankMetrics([1, 2], truth, 10)).toEqual({ recall: 0, ndcg: 0 });
    expect(rankMetrics([1, 7], new Set([7]), 1)).toEqual({ recall: 0, ndcg: 0 });
  });

  it('holds out 20% of rows with enough items, seeded, and keeps the rest', () => {
    const m = matrix([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3], [0, 2, 4, 6, 8]]);
    const a = holdOut(m, 0.2, 5, rng(1));
    const b = holdOut(m, 0.2, 5, rng(1));
    expect(a.test.map((t) => t.length)).toEqual([2, 0, 1]);
    expect(b.test).toEqual(a.test);
    for (let u = 0; u < 3; u++) {
      const train = Array.from(a.train.cols.subarray(a.train.offsets[u], a.train.offsets[u + 1]));
      const orig = Array.from(m.cols.subarray(m.offsets[u], m.offsets[u + 1]));
      expect([...train, ...a.test[u]].sort()).toEqual(orig.sort());
    }
  });

  it('item-kNN finds the co-played item that popularity misses', async () => {
    // Items 0,1 always together; item 2 is the most popular overall.
    const rows = [[0, 1, 2], [0, 1, 2], [0, 1], [2, 3], [2, 4], [2, 5], [0, 3]];
    const train = matrix(rows);
    const split = { train, test: rows.map(() => new Int32Array(0)) };
    // User 6 played 0 and 3; their held-out item is 1.
    split.test[6] = Int32Array.from([1]);
    const knn = await evaluate(split, itemKnnScorer(train, transpose(train)), 1);
    const pop = await evaluate(split, popularityScorer(train), 1);
    expect(knn.recall).toBe(1);
    expect(pop.recall).toBe(0);
  });
});
