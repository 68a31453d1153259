// Genre from audio features: a small MLP (dense → ReLU → dropout, twice) with a
// softmax over the catalog's genres, trained on soft multi-genre targets with
// label smoothing. Runs on whichever tfjs backend the caller set.
//
// Written with tf ops and variables rather than tf.layers, so the dense layers
// can use a gradient that is ~5x faster on WASM (denseMatMul, tf-ops.ts), and the
// weights leave as plain arrays (IndexedDB, postMessage) with no LayersModel
// to rebuild.
import type * as tfjs from '@tensorflow/tfjs';
import { denseMatMul } from '../../../compute/tf-ops.ts';
import { applyScaler, fitScaler, scoreGenres, softTargets, type LabelSets, type Matrix, type Scaler } from './genre-data.ts';
import { gaussian, rng, shuffle } from '../../../platform/random.ts';

type TF = typeof tfjs;

interface EpochStats {
  loss: number;
  /** Top-1 accuracy on the training batches (soft targets: argmax vs argmax). */
  acc: number;
  /** Top-1 on the validation set, when one was given (any of the sample's genres counts). */
  valAcc?: number;
}

export interface GenreTrainOptions {
  epochs?: number;
  batchSize?: number;
  seed?: number;
  /** Widths of the hidden layers. */
  hidden?: number[];
  dropout?: number;
  learningRate?: number;
  labelSmoothing?: number;
  /** Independently initialised members whose probabilities are averaged. */
  ensemble?: number;
  /** Names of the input columns, kept with the model so callers can check they match. */
  featureNames?: string[];
  /** Scored after every epoch for onEpoch's valAcc (raw, unstandardized features). */
  validation?: { x: Matrix; y: LabelSets };
  signal?: AbortSignal;
  onEpoch?: (epoch: number, stats: EpochStats) => void;
}

/** One dense layer: out = act(in · w + b), w row-major [inputs × outputs]. */
interface DenseWeights {
  inputs: number;
  outputs: number;
  w: Float32Array;
  b: Float32Array;
}

/** A trained classifier: everything prediction needs, structured-clone friendly. */
export interface GenreModel {
  kind: 'genre-mlp';
  classes: string[];
  featureNames: string[];
  scaler: Scaler;
  /** Each member: dense layers, ReLU between them, softmax after the last. */
  members: DenseWeights[][];
  trainedOn: number;
  trainMs: number;
}

/** Measured on the real data (see eval/sections/genre.ts): 20 epochs of 512
 *  take ~1-3.5 min on WASM in Node on a busy 2-core machine. */
export const GENRE_DEFAULTS = {
  epochs: 20,
  batchSize: 512,
  seed: 0,
  hidden: [256, 256],
  dropout: 0.2,
  learningRate: 3e-3,
  labelSmoothing: 0.1,
  ensemble: 1,
};

/**
 * Trains on raw features (the scaler is fitted here, on x) and the genre
 * label sets. Throws an AbortError-named Error when signal aborts.
 */
export async function trainGenreClassifier(
  tf: TF,
  x: Matrix,
  y: LabelSets,
  options: GenreTrainOptions = {},
): Promise<GenreModel> {
  const o = { ...GENRE_DEFAULTS, ...options };
  const t0 = performance.now();
  const scaler = fitScaler(x);
  const xs = applyScaler(scaler, x);
  const targets = softTargets(y, o.labelSmoothing);
  const classes = y.classes.length;
  const members: DenseWeights[][] = [];
  const model: GenreModel = {
    kind: 'genre-mlp',
    classes: y.classes,
    featureNames: o.featureNames ?? [],
    scaler,
    members,
    trainedOn: x.rows,
    trainMs: 0,
  };
  for (let m = 0; m < o.ensemble; m++) {
    const seed = o.seed * 1000 + m;
    const rand = rng(seed);
    const net = initNet(tf, [x.cols, ...o.hidden, classes], rand);
    const optimizer = tf.train.adam(o.learningRate);
    const xT = tf.tensor2d(xs.data, [xs.rows, xs.cols]);
    const yT = tf.tensor2d(targets, [xs.rows, classes]);
    try {
      for (let epoch = 0; epoch < o.epochs; epoch++) {
        throwIfAborted(o.signal);
        // Cosine decay to 5% of the starting rate: steadier last epochs than a constant rate.
        const lr = o.learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * epoch) / o.epochs)));
        Object.assign(optimizer, { learningRate: lr });
        const stats = await trainEpoch(tf, net, optimizer, xT, yT, o.batchSize, o.dropout, rand, o.signal);
        throwIfAborted(o.signal);
        if (o.validation || epoch === o.epochs - 1) members[m] = await exportNet(net);
        if (o.validation) {
          const probs = predictGenreProbs(tf, { ...model, members: members.slice(0, m + 1) }, o.validation.x);
          stats.valAcc = scoreGenres(probs, o.validation.y).anyTop1;
        }
        o.onEpoch?.(m * o.epochs + epoch + 1, stats);
      }
    } finally {
      tf.dispose([xT, yT, ...net.flatMap((l) => [l.w, l.b])]);
      optimizer.dispose();
    }
  }
  model.trainMs = performance.now() - t0;
  return model;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) {
    const e = new Error('genre training cancelled');
    e.name = 'AbortError';
    throw e;
  }
}

interface Layer {
  w: tfjs.Variable;
  b: tfjs.Variable;
}

/** He-initialised dense layers from a seeded generator (tf's own initialisers draw from Math.random). */
function initNet(tf: TF, sizes: number[], rand: () => number): Layer[] {
  const layers: Layer[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const [inputs, outputs] = [sizes[i], sizes[i + 1]];
    const std = Math.sqrt(2 / inputs);
    const w = Float32Array.from({ length: inputs * outputs }, () => gaussian(rand) * std);
    layers.push({ w: tf.variable(tf.tensor2d(w, [inputs, outputs])), b: tf.variable(tf.zeros([outputs])) });
  }
  return layers;
}

/** Logits; with dropoutSeed, inverted dropout after every hidden ReLU. */
function forward(tf: TF, net: Layer[], x: tfjs.Tensor, dropout: number, dropoutSeed?: number): tfjs.Tensor {
  let h = x;
  net.forEach((l, i) => {
    h = tf.add(denseMatMul(tf, h, l.w), l.b);
    if (i < net.length - 1) {
      h = tf.relu(h);
      if (dropoutSeed !== undefined && dropout > 0) h = tf.dropout(h, dropout, undefined, dropoutSeed + i);
    }
  });
  return h;
}

/** One pass over the data in a seeded order. */
async function trainEpoch(
  tf: TF,
  net: Layer[],
  optimizer: tfjs.Optimizer,
  xT: tfjs.Tensor2D,
  yT: tfjs.Tensor2D,
  batchSize: number,
  dropout: number,
  rand: () => number,
  signal?: AbortSignal,
): Promise<EpochStats> {
  const n = xT.shape[0];
  const order = shuffle(Int32Array.from({ length: n }, (_, i) => i), rand);
  const losses: tfjs.Scalar[] = [];
  const agrees: tfjs.Scalar[] = [];
  for (let start = 0; start < n; start += batchSize) {
    if (signal?.aborted) break;
    const dropoutSeed = Math.floor(rand() * 2 ** 31);
    tf.tidy(() => {
      const idx = tf.tensor1d(order.subarray(start, Math.min(n, start + batchSize)), 'int32');
      const xb = tf.gather(xT, idx);
      const yb = tf.gather(yT, idx);
      const cost = optimizer.minimize(() => {
        const logits = forward(tf, net, xb, dropout, dropoutSeed);
        // Training accuracy from the same forward pass, read back once per epoch.
        agrees.push(tf.keep(tf.sum(tf.equal(tf.argMax(logits, 1), tf.argMax(yb, 1)))));
        return tf.losses.softmaxCrossEntropy(yb, logits) as tfjs.Scalar;
      }, true);
      losses.push(tf.keep(tf.mul(cost!, idx.shape[0]) as tfjs.Scalar));
    });
    // Yield now and then so a worker stays responsive to Cancel.
    if ((start / batchSize) % 32 === 31) await new Promise((r) => setTimeout(r, 0));
  }
  const loss = tf.tidy(() => tf.addN(losses).div(n));
  const agree = tf.tidy(() => tf.addN(agrees));
  const stats = { loss: (await loss.data())[0], acc: (await agree.data())[0] / n };
  tf.dispose([loss, agree, ...losses, ...agrees]);
  return stats;
}

/** Plain-array copies of the weights. */
async function exportNet(net: Layer[]): Promise<DenseWeights[]> {
  return Promise.all(
    net.map(async (l) => ({
      inputs: l.w.shape[0],
      outputs: l.w.shape[1] as number,
      w: Float32Array.from(await l.w.data()),
      b: Float32Array.from(await l.b.data()),
    })),
  );
}

/** Genre probabilities for raw (unstandardized) features: rows × classes, row-major. */
export function predictGenreProbs(tf: TF, model: GenreModel, x: Matrix): Float32Array {
  const xs = applyScaler(model.scaler, x);
  const k = model.classes.length;
  const out = new Float32Array(x.rows * k);
  const chunk = 8192;
  for (let start = 0; start < x.rows; start += chunk) {
    const rows = Math.min(chunk, x.rows - start);
    const probs = tf.tidy(() => {
      const input = tf.tensor2d(xs.data.subarray(start * x.cols, (start + rows) * x.cols), [rows, x.cols]);
      let sum: tfjs.Tensor | null = null;
      for (const layers of model.members) {
        let h: tfjs.Tensor = input;
        layers.forEach((l, i) => {
          h = tf.add(tf.matMul(h as tfjs.Tensor2D, tf.tensor2d(l.w, [l.inputs, l.outputs])), tf.tensor1d(l.b));
          h = i < layers.length - 1 ? tf.relu(h) : tf.softmax(h);
        });
        sum = sum ? tf.add(sum, h) : h;
      }
      return tf.div(sum!, model.members.length);
    });
    out.set(probs.dataSync(), start * k);
    probs.dispose();
  }
  return out;
}

