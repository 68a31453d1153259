// Classic baselines for the genre classifier, trained in the same run on the
// same split: majority class, softmax regression, k nearest neighbours. Each
// returns class probabilities (rows × classes, row-major) for scoreGenres.
import type * as tfjs from '@tensorflow/tfjs-core';
import {
  applyScaler,
  fitScaler,
  scoreGenres as scoreTop,
  selectLabels,
  selectRows,
  softTargets,
  type LabelSets,
  type Matrix,
} from './genre-data.ts';
import { rng, shuffle } from '../../../platform/random.ts';
import { denseMatMul } from '../../../compute/tf-ops.ts';

type TF = typeof tfjs;

/** Predicts the training genres' frequencies for every sample (top-5 = the 5 commonest genres). */
export function majorityProbs(train: LabelSets, rows: number): Float32Array {
  const k = train.classes.length;
  const freq = new Float32Array(k);
  for (const g of train.labels) freq[g] += 1 / train.labels.length;
  const out = new Float32Array(rows * k);
  for (let i = 0; i < rows; i++) out.set(freq, i * k);
  return out;
}

interface LogRegOptions {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
}

/** Multinomial logistic regression on standardized features (fitted on train), Adam, seeded batches. */
export async function logRegProbs(
  tf: TF,
  trainX: Matrix,
  trainY: LabelSets,
  testX: Matrix,
  opts: LogRegOptions = {},
): Promise<Float32Array> {
  const { epochs = 15, batchSize = 256, learningRate = 0.01, seed = 0 } = opts;
  const scaler = fitScaler(trainX);
  const xs = applyScaler(scaler, trainX);
  const k = trainY.classes.length;
  const w = tf.variable(tf.zeros([xs.cols, k]));
  const b = tf.variable(tf.zeros([k]));
  const optimizer = tf.train.adam(learningRate);
  const xT = tf.tensor2d(xs.data, [xs.rows, xs.cols]);
  const yT = tf.tensor2d(softTargets(trainY), [xs.rows, k]);
  const rand = rng(seed);
  try {
    for (let e = 0; e < epochs; e++) {
      const order = shuffle(Int32Array.from({ length: xs.rows }, (_, i) => i), rand);
      for (let s = 0; s < xs.rows; s += batchSize) {
        tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(s, Math.min(xs.rows, s + batchSize)), 'int32');
          const xb = tf.gather(xT, idx);
          const yb = tf.gather(yT, idx);
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yb, tf.add(denseMatMul(tf, xb, w), b)) as tfjs.Scalar);
        });
      }
      await tf.nextFrame?.();
    }
    const ts = applyScaler(scaler, testX);
    const probs = tf.tidy(() => tf.softmax(tf.add(tf.matMul(tf.tensor2d(ts.data, [ts.rows, ts.cols]), w), b)));
    const out = probs.dataSync() as Float32Array;
    probs.dispose();
    return out;
  } finally {
    tf.dispose([w, b, xT, yT]);
    optimizer.dispose();
  }
}

/**
 * For each query row, the indices of its `k` nearest reference rows (squared
 * Euclidean), nearest first: a brute-force scan in chunked matmuls with the
 * top-k taken on the tf backend. `skipSelf` drops the query's own reference
 * index (for leave-one-out).
 */
export function nearestNeighbours(
  tf: TF,
  ref: Matrix,
  query: Matrix,
  k: number,
  skipSelf?: Int32Array,
): Int32Array {
  const out = new Int32Array(query.rows * k);
  const kk = Math.min(ref.rows, skipSelf ? k + 1 : k);
  // Transposed once up front: a matmul with transposeB is several times slower on WASM.
  const refT = tf.tidy(() => tf.transpose(tf.tensor2d(ref.data, [ref.rows, ref.cols])));
  const refSq = tf.tidy(() => tf.sum(tf.square(refT), 0));
  const chunk = 256;
  try {
    for (let s = 0; s < query.rows; s += chunk) {
      const rows = Math.min(chunk, query.rows - s);
      const idx = tf.tidy(() => {
        const q = tf.tensor2d(query.data.subarray(s * query.cols, (s + rows) * query.cols), [rows, query.cols]);
        // ‖q‖² is the same for every candidate of a query, so the ranking can leave it out.
        const negDist = tf.sub(tf.mul(tf.matMul(q, refT), 2), refSq);
        return tf.topk(negDist, kk).indices;
      });
      const found = idx.dataSync();
      idx.dispose();
      for (let r = 0; r < rows; r++) {
        let w = 0;
        for (let j = 0; j < kk && w < k; j++) {
          const n = found[r * kk + j];
          if (skipSelf && n === skipSelf[s + r]) continue;
          out[(s + r) * k + w++] = n;
        }
      }
    }
  } finally {
    tf.dispose([refT, refSq]);
  }
  return out;
}

/** Vote of the first `k` neighbours (of `stride` found per row): each shares one vote among its genres. */
export function knnVote(neighbours: Int32Array, stride: number, k: number, trainY: LabelSets): Float32Array {
  const c = trainY.classes.length;
  const rows = neighbours.length / stride;
  const out = new Float32Array(rows * c);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < k; j++) {
      const n = neighbours[i * stride + j];
      const a = trainY.offsets[n];
      const b = trainY.offsets[n + 1];
      // Nearer neighbours get a slightly larger vote, so ties go to the nearest.
      const vote = (1 - j * 1e-4) / (k * (b - a));
      for (let g = a; g < b; g++) out[i * c + trainY.labels[g]] += vote;
    }
  }
  return out;
}

interface KnnResult {
  /** Probabilities voted with topK1 neighbours (for top-1) and with topK5 (for top-5). */
  probsTop1: Float32Array;
  probsTop5: Float32Array;
  k1: number;
  k5: number;
}

/**
 * kNN on standardized features (scaler fitted on train). k is picked from
 * `ks` on a holdout inside the training rows, separately for top-1 and for
 * top-5 (a small k wins top-1 on near-duplicates but can't fill a top 5).
 * `tune` should be split like the outer split (by track, or by artist), or
 * the holdout rewards memorising.
 */
export function knnProbs(
  tf: TF,
  trainX: Matrix,
  trainY: LabelSets,
  testX: Matrix,
  tune: { fit: Int32Array; val: Int32Array },
  ks: number[] = [1, 3, 5, 10, 20, 40, 80, 160],
): KnnResult {
  const scaler = fitScaler(trainX);
  const ref = applyScaler(scaler, trainX);
  const maxK = Math.max(...ks);
  const fit = selectRows(ref, tune.fit);
  const fitY = selectLabels(trainY, tune.fit);
  const valY = selectLabels(trainY, tune.val);
  const tuneN = nearestNeighbours(tf, fit, selectRows(ref, tune.val), maxK);
  let k1 = ks[0], k5 = ks[0], best1 = -1, best5 = -1;
  for (const k of ks) {
    const s = scoreTop(knnVote(tuneN, maxK, k, fitY), valY);
    if (s.top1 > best1) [k1, best1] = [k, s.top1];
    if (s.top5 > best5) [k5, best5] = [k, s.top5];
  }
  const kMax = Math.max(k1, k5);
  const found = nearestNeighbours(tf, ref, applyScaler(scaler, testX), kMax);
  return {
    probsTop1: knnVote(found, kMax, k1, trainY),
    probsTop5: knnVote(found, kMax, k5, trainY),
    k1,
    k5,
  };
}
