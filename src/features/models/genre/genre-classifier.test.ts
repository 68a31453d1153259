import { describe, expect, it } from 'vitest';
import { nodeTf } from '../../../compute/tf-node.ts';
import { gaussian, rng } from '../../../platform/random.ts';
import { predictGenreProbs, trainGenreClassifier } from './genre-classifier.ts';
import { scoreGenres, type LabelSets, type Matrix } from './genre-data.ts';

/** Planted problem: each class is a tight blob around its own corner of a 6-d cube. */
function blobs(n: number, seed: number): { x: Matrix; y: LabelSets } {
  const classes = ['a', 'b', 'c', 'd'];
  const centres = [
    [3, 0, 0, 3, 0, 0],
    [0, 3, 0, 0, 3, 0],
    [0, 0, 3, 0, 0, 3],
    [3, 3, 3, 0, 0, 0],
  ];
  const rand = rng(seed);
  const data = new Float32Array(n * 6);
  const labels = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 4;
    // One column on a large scale and offset, as loudness and tempo are: the scaler must cope.
    for (let j = 0; j < 6; j++) data[i * 6 + j] = (centres[i % 4][j] + 0.5 * gaussian(rand)) * (j === 5 ? 100 : 1) + (j === 5 ? 500 : 0);
  }
  return { x: { data, rows: n, cols: 6 }, y: { offsets: Int32Array.from({ length: n + 1 }, (_, i) => i), labels, classes } };
}

describe('genre classifier', () => {
  it('learns a planted separable problem to near 100%', async () => {
    const tf = await nodeTf();
    const train = blobs(400, 1);
    const test = blobs(200, 2);
    const epochs: number[] = [];
    let lastValAcc = NaN;
    const model = await trainGenreClassifier(tf, train.x, train.y, {
      epochs: 15,
      batchSize: 32,
      hidden: [32, 32],
      seed: 1,
      validation: test,
      onEpoch: (e, s) => {
        epochs.push(e);
        expect(Number.isFinite(s.loss)).toBe(true);
        lastValAcc = s.valAcc!;
      },
    });
    expect(epochs).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const s = scoreGenres(predictGenreProbs(tf, model, test.x), test.y);
    expect(s.top1).toBeGreaterThan(0.97);
    // The progress figure, taken from the live weights, is the full scoring's any-genre top-1 of the final model.
    expect(lastValAcc).toBeCloseTo(s.anyTop1, 6);
    // The first test sample is an 'a': the most probable class, and probabilities sum to 1.
    const first = predictGenreProbs(tf, model, { data: test.x.data.subarray(0, 6), rows: 1, cols: 6 });
    expect(first.indexOf(Math.max(...first))).toBe(0);
    expect(first.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  it('is repeatable with a seed, and stops when aborted', async () => {
    const tf = await nodeTf();
    const { x, y } = blobs(100, 3);
    const opts = { epochs: 2, batchSize: 25, hidden: [8], seed: 5 };
    const a = await trainGenreClassifier(tf, x, y, opts);
    const b = await trainGenreClassifier(tf, x, y, opts);
    expect(a.members[0][0].w).toEqual(b.members[0][0].w);
    // The model is plain data: it survives a structured clone (IndexedDB, postMessage).
    expect(predictGenreProbs(tf, structuredClone(a), x)).toEqual(predictGenreProbs(tf, a, x));
    const ctrl = new AbortController();
    const run = trainGenreClassifier(tf, x, y, { ...opts, epochs: 50, signal: ctrl.signal, onEpoch: () => ctrl.abort() });
    await expect(run).rejects.toThrow(/cancelled/);
  });
});
