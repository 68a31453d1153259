import { describe, expect, it } from 'vitest';
import { nodeTf } from '../../../compute/tf-node.ts';
import { hasSpotify, sayMissing, SPOTIFY_CSV } from '../../../../data/paths.ts';
import { gaussian, rng, shuffle } from '../../../platform/random.ts';
import { predictGenreProbs, trainGenreClassifier } from './genre-classifier.ts';
import { knnProbs, logRegProbs } from './baselines.ts';
import {
  labelledTracks,
  scoreGenres,
  splitByArtist,
  splitByGroup,
  trackFeatures,
  trackLabels,
  type LabelSets,
  type Matrix,
} from './genre-data.ts';
import { artistsOf } from '../../catalog/core/catalog.ts';

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
    const model = await trainGenreClassifier(tf, train.x, train.y, {
      epochs: 15,
      batchSize: 32,
      hidden: [32, 32],
      seed: 1,
      validation: test,
      onEpoch: (e, s) => {
        epochs.push(e);
        expect(Number.isFinite(s.loss)).toBe(true);
      },
    });
    expect(epochs).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const s = scoreGenres(predictGenreProbs(tf, model, test.x), test.y);
    expect(s.top1).toBeGreaterThan(0.97);
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

describe.skipIf(!hasSpotify())('genre classifier on the real data (artist split, short schedule)', () => {
  if (!hasSpotify()) sayMissing('The Spotify Tracks Dataset', SPOTIFY_CSV, 'real-data genre test skipped');

  it('beats softmax regression and kNN on held-out artists', async () => {
    const tf = await nodeTf();
    const { loadCatalogFile } = await import('../../../../data/load.ts');
    const c = (await loadCatalogFile(SPOTIFY_CSV)).catalog;
    const split = splitByArtist(c, labelledTracks(c), 0);
    const train = split.train;
    // A seeded third of the held-out tracks keeps the kNN scan short.
    const test = shuffle(split.test.slice(), rng(1)).subarray(0, 6000);
    const trainX = trackFeatures(c, train);
    const trainY = trackLabels(c, train);
    const testX = trackFeatures(c, test);
    const testY = trackLabels(c, test);

    const model = await trainGenreClassifier(tf, trainX, trainY, { epochs: 6, seed: 0 });
    const ours = scoreGenres(predictGenreProbs(tf, model, testX), testY);
    const logreg = scoreGenres(await logRegProbs(tf, trainX, trainY, testX, { epochs: 4, seed: 0 }), testY);
    const inner = splitByGroup(Int32Array.from(train.keys()), (i) => artistsOf(c, train[i])[0], 1, 0.05);
    const knn = knnProbs(tf, trainX, trainY, testX, { fit: inner.train, val: inner.test }, [5, 20, 40]);
    const knn1 = scoreGenres(knn.probsTop1, testY);
    const knn5 = scoreGenres(knn.probsTop5, testY);
    console.log(`genre (artist split, short): mlp ${ours.top1.toFixed(3)}/${ours.top5.toFixed(3)}, ` +
      `logreg ${logreg.top1.toFixed(3)}/${logreg.top5.toFixed(3)}, knn ${knn1.top1.toFixed(3)}/${knn5.top5.toFixed(3)}`);
    // Measured on this subsample (seed 0, WASM), top-1/top-5: 6 epochs 0.177/0.446 (5: 0.171/0.440,
    // 8: 0.178/0.450) vs logreg 0.154/0.390 and kNN 0.132/0.350. The full schedule (eval) wins by 0.031 and 0.049 top-1.
    // Thresholds keep roughly half the measured margin.
    expect(ours.top1).toBeGreaterThan(logreg.top1 + 0.01);
    expect(ours.top1).toBeGreaterThan(knn1.top1 + 0.02);
    expect(ours.top5).toBeGreaterThan(Math.max(logreg.top5, knn5.top5) + 0.025);
  }, 150_000);
});
