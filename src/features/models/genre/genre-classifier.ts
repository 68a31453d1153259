// Genre from audio features: a small MLP (dense → ReLU → dropout, twice) with a
// softmax over the catalog's genres, trained on soft multi-genre targets with
// label smoothing. Runs on whichever tfjs backend the caller set.
//
// Written with tf ops and variables rather than tf.layers, so a training step
// runs few kernels (fused dense layers with their gradients written out, a
// three-kernel loss gradient, dropout masks drawn once, batches assembled in JS),
// and the weights leave as plain arrays (IndexedDB, postMessage) with no
// LayersModel to rebuild.
import type * as tfjs from '@tensorflow/tfjs-core';
import { applyScaler, fitScaler, softTargets, type LabelSets, type Matrix, type Scaler } from './genre-data.ts';
import { gaussian, rng, shuffle } from '../../../platform/random.ts';

type TF = typeof tfjs;

interface EpochStats {
  loss: number;
  /** Top-1 on the validation set, when one was given (any of the sample's genres counts), of the member in training. */
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

/** Chosen on held-out artists (README.md in this folder): 12 epochs of 1024 at
 *  8e-3 with dropout 0.1 reach the former 20 epochs of 512 with dropout 0.2
 *  within noise, in about half the CPU time (~2 s an epoch on one WASM thread). */
export const GENRE_DEFAULTS = {
  epochs: 12,
  batchSize: 1024,
  seed: 0,
  hidden: [256, 256],
  dropout: 0.1,
  learningRate: 8e-3,
  labelSmoothing: 0.1,
  ensemble: 1,
};

/** Dropout masks drawn per hidden layer (each one batch of rows). */
const MASKS = 16;

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
  // Scaled once: the progress figure scores it after every epoch.
  const val = o.validation && { x: applyScaler(scaler, o.validation.x), y: o.validation.y };
  const data: Batches = { x: xs.data, y: targets, rows: xs.rows, cols: xs.cols, classes };
  const perEpoch = Math.ceil(xs.rows / o.batchSize);
  const steps = o.epochs * perEpoch;
  for (let m = 0; m < o.ensemble; m++) {
    const seed = o.seed * 1000 + m;
    const rand = rng(seed);
    const net = initNet(tf, [x.cols, ...o.hidden, classes], rand);
    const masks = o.dropout > 0 ? o.hidden.map((width) => dropoutMasks(tf, MASKS, Math.min(o.batchSize, xs.rows), width, o.dropout, rand)) : undefined;
    const optimizer = tf.train.adam(o.learningRate);
    try {
      for (let epoch = 0; epoch < o.epochs; epoch++) {
        throwIfAborted(o.signal);
        const schedule = { batchSize: o.batchSize, learningRate: o.learningRate, firstStep: epoch * perEpoch, steps };
        const stats: EpochStats = await trainEpoch(tf, net, optimizer, data, schedule, masks, rand, o.signal);
        throwIfAborted(o.signal);
        if (epoch === o.epochs - 1) members[m] = await exportNet(net);
        if (val) stats.valAcc = liveTop1(tf, net, val.x, val.y);
        o.onEpoch?.(m * o.epochs + epoch + 1, stats);
      }
    } finally {
      tf.dispose([...(masks ?? []).flat(), ...net.flatMap((l) => [l.w, l.b])]);
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
    const w = new Float32Array(inputs * outputs);
    for (let j = 0; j < w.length; j++) w[j] = gaussian(rand) * std;
    layers.push({ w: tf.variable(tf.tensor2d(w, [inputs, outputs])), b: tf.variable(tf.zeros([outputs])) });
  }
  return layers;
}

/**
 * act(x · w + b) as one fused kernel, with its gradient written out: WASM runs
 * matmuls with a transposed operand ~10x slower than a transpose and a plain
 * matmul, and the input layer needs no gradient for its data (`x` is then not an
 * argument of the op, so none is computed).
 */
function dense(tf: TF, x: tfjs.Tensor2D, l: Layer, relu: boolean, inputGrad: boolean): tfjs.Tensor2D {
  const op = tf.customGrad((...args) => {
    const save = args.pop() as tfjs.GradSaveFunc;
    const [a, w, b] = (inputGrad ? args : [x, ...args]) as [tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor1D];
    const value = tf.fused.matMul({ a, b: w, bias: b, activation: relu ? 'relu' : 'linear' });
    save([a, w, value]);
    return {
      value,
      gradFunc: (dy, [sa, sw, out]) => {
        // relu'(z) is 1 exactly where relu(z) > 0.
        const dz = (relu ? tf.mul(dy, tf.step(out)) : dy) as tfjs.Tensor2D;
        // The bias gradient as 1ᵀ·dz: WASM sums over rows by transposing first.
        const grads = [tf.matMul(tf.transpose(sa as tfjs.Tensor2D), dz), tf.reshape(tf.matMul(tf.ones([1, dz.shape[0]]), dz), [-1])];
        return inputGrad ? [tf.matMul(dz, tf.transpose(sw as tfjs.Tensor2D)), ...grads] : grads;
      },
    };
  });
  return (inputGrad ? op(x, l.w, l.b) : op(l.w, l.b)) as tfjs.Tensor2D;
}

/** Mean cross-entropy of softmax(logits) against soft targets, with its gradient (p - y) / n written out: three small kernels, not tfjs's dozen. */
function softmaxCrossEntropy(tf: TF, targets: tfjs.Tensor2D, logits: tfjs.Tensor2D): tfjs.Scalar {
  const n = logits.shape[0];
  const op = tf.customGrad((...args) => {
    const save = args.pop() as tfjs.GradSaveFunc;
    const p = tf.softmax(args[0] as tfjs.Tensor2D);
    save([p]);
    return {
      value: tf.mul(tf.sum(tf.mul(targets, tf.log(tf.add(p, 1e-7)))), -1 / n) as tfjs.Scalar,
      gradFunc: (dy, [sp]) => tf.mul(tf.sub(sp, targets), tf.div(dy, n)),
    };
  });
  return op(logits) as tfjs.Scalar;
}

/**
 * Inverted-dropout masks drawn once from the seeded generator, a few batches'
 * worth per hidden layer; each batch takes one at random (its rows are in a
 * fresh order every epoch, so a track meets a different mask each time).
 * Drawing fresh masks every batch (tf.dropout) makes ~130k random numbers in JS
 * a step, and slicing a window out of one big pool costs WASM a copy of it.
 */
function dropoutMasks(tf: TF, count: number, rows: number, width: number, rate: number, rand: () => number): tfjs.Tensor2D[] {
  const keep = 1 / (1 - rate);
  return Array.from({ length: count }, () => {
    // A plain loop: Float32Array.from with a map function took ~9x longer (1.4 s for the 32 masks of the recipe).
    const mask = new Float32Array(rows * width);
    for (let j = 0; j < mask.length; j++) mask[j] = rand() < rate ? 0 : keep;
    return tf.tensor2d(mask, [rows, width]);
  });
}

/** Logits of one batch; with masks (per hidden layer), inverted dropout after every hidden ReLU. */
function forward(tf: TF, net: Layer[], x: tfjs.Tensor2D, masks?: tfjs.Tensor2D[][], rand?: () => number): tfjs.Tensor2D {
  let h = x;
  net.forEach((l, i) => {
    const hidden = i < net.length - 1;
    h = dense(tf, h, l, hidden, i > 0);
    if (hidden && masks && rand) {
      const mask = masks[i][Math.floor(rand() * masks[i].length)];
      // The last, shorter batch of an epoch takes the first rows of one.
      h = tf.mul(h, mask.shape[0] === h.shape[0] ? mask : tf.slice(mask, 0, h.shape[0]));
    }
  });
  return h;
}

/** Learning rate at a step: a linear warm-up over the first 3% of steps, then cosine decay to 5% of the peak. */
function learningRateAt(peak: number, step: number, steps: number): number {
  const warm = Math.max(1, Math.round(steps * 0.03));
  if (step < warm) return (peak * (step + 1)) / warm;
  return peak * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * (step - warm)) / Math.max(1, steps - warm))));
}

interface Batches {
  x: Float32Array;
  y: Float32Array;
  rows: number;
  cols: number;
  classes: number;
}

/** One pass over the data in a seeded order; batches are assembled in JS (row copies), not gathered by kernels. */
async function trainEpoch(
  tf: TF,
  net: Layer[],
  optimizer: tfjs.Optimizer,
  data: Batches,
  o: { batchSize: number; learningRate: number; firstStep: number; steps: number },
  masks: tfjs.Tensor2D[][] | undefined,
  rand: () => number,
  signal?: AbortSignal,
): Promise<EpochStats> {
  const { rows: n, cols, classes } = data;
  const order = shuffle(Int32Array.from({ length: n }, (_, i) => i), rand);
  const xb = new Float32Array(o.batchSize * cols);
  const yb = new Float32Array(o.batchSize * classes);
  const losses: tfjs.Scalar[] = [];
  let step = o.firstStep;
  for (let start = 0; start < n; start += o.batchSize, step++) {
    if (signal?.aborted) break;
    const rows = Math.min(n, start + o.batchSize) - start;
    for (let r = 0; r < rows; r++) {
      const i = order[start + r];
      xb.set(data.x.subarray(i * cols, (i + 1) * cols), r * cols);
      yb.set(data.y.subarray(i * classes, (i + 1) * classes), r * classes);
    }
    Object.assign(optimizer, { learningRate: learningRateAt(o.learningRate, step, o.steps) });
    tf.tidy(() => {
      const x = tf.tensor2d(xb.subarray(0, rows * cols), [rows, cols]);
      const y = tf.tensor2d(yb.subarray(0, rows * classes), [rows, classes]);
      const cost = optimizer.minimize(() => softmaxCrossEntropy(tf, y, forward(tf, net, x, masks, rand)), true);
      losses.push(tf.keep(tf.mul(cost!, rows) as tfjs.Scalar));
    });
    // Yield now and then so a worker stays responsive to Cancel.
    if ((start / o.batchSize) % 32 === 31) await new Promise((r) => setTimeout(r, 0));
  }
  const loss = tf.tidy(() => tf.addN(losses).div(n));
  const stats = { loss: (await loss.data())[0] };
  tf.dispose([loss, ...losses]);
  return stats;
}

/**
 * Top-1 (any of the sample's genres counts, per (sample, genre) row, as
 * scoreGenres counts it) of the weights in training on scaled inputs: one
 * forward pass and an argmax, with no copy of the weights and no full scoring.
 */
function liveTop1(tf: TF, net: Layer[], x: Matrix, y: LabelSets): number {
  const best = tf.tidy(() => tf.argMax(forward(tf, net, tf.tensor2d(x.data, [x.rows, x.cols])), 1));
  const top = best.dataSync();
  best.dispose();
  let rows = 0;
  let hits = 0;
  for (let i = 0; i < x.rows; i++) {
    const n = y.offsets[i + 1] - y.offsets[i];
    rows += n;
    if (y.labels.subarray(y.offsets[i], y.offsets[i + 1]).includes(top[i])) hits += n;
  }
  return rows ? hits / rows : 0;
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

