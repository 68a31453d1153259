import { describe, expect, it } from 'vitest';
import { nodeTf } from '../../../compute/tf-node.ts';
import { knnProbs, knnVote, logRegProbs, majorityProbs, nearestNeighbours } from './baselines.ts';
import { scoreGenres, type LabelSets, type Matrix } from './genre-data.ts';

const classes = ['x', 'y', 'z'];
const labels = (ls: number[][]): LabelSets => {
  const offsets = new Int32Array(ls.length + 1);
  ls.forEach((l, i) => (offsets[i + 1] = offsets[i] + l.length));
  return { offsets, labels: Uint16Array.from(ls.flat()), classes };
};
const matrix = (rows: number[][]): Matrix => ({ data: Float32Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

describe('genre baselines', () => {
  it('majority predicts the commonest training genre for everyone', () => {
    const p = majorityProbs(labels([[1], [1], [0], [1, 2]]), 2);
    const s = scoreGenres(p, labels([[1], [2]]));
    expect(s.top1).toBe(0.5);
    expect([...p.subarray(0, 3)]).toEqual([...p.subarray(3, 6)]);
  });

  it('nearest neighbours come back nearest first, skipping self when asked', async () => {
    const tf = await nodeTf();
    const ref = matrix([[0, 0], [1, 0], [5, 5], [0, 2]]);
    expect([...nearestNeighbours(tf, ref, matrix([[0.9, 0.1]]), 3)]).toEqual([1, 0, 3]);
    expect([...nearestNeighbours(tf, ref, matrix([[0, 0]]), 2, Int32Array.from([0]))]).toEqual([1, 3]);
  });

  it('kNN votes share a multi-genre neighbour among its genres', () => {
    const votes = knnVote(Int32Array.from([0, 1]), 2, 2, labels([[0, 1], [1]]));
    expect(votes[1]).toBeGreaterThan(votes[0]);
    expect(votes[0]).toBeCloseTo(0.25, 3);
  });

  it('kNN and softmax regression separate well-separated clusters', async () => {
    const tf = await nodeTf();
    const rows: number[][] = [];
    const ls: number[][] = [];
    for (let i = 0; i < 90; i++) {
      const g = i % 3;
      rows.push([g * 10 + (i % 7) * 0.1, -g * 5 + (i % 5) * 0.1]);
      ls.push([g]);
    }
    const x = matrix(rows);
    const y = labels(ls);
    const knn = knnProbs(tf, x, y, x, { fit: Int32Array.from({ length: 60 }, (_, i) => i), val: Int32Array.from({ length: 30 }, (_, i) => 60 + i) }, [1, 3]);
    expect(scoreGenres(knn.probsTop1, y).top1).toBe(1);
    const lr = await logRegProbs(tf, x, y, x, { epochs: 40, batchSize: 16, learningRate: 0.05 });
    expect(scoreGenres(lr, y).top1).toBe(1);
  });
});
