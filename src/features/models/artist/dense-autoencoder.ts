// A small dense autoencoder in tfjs: encoder, code, mirrored decoder. It runs
// on whatever tfjs backend the caller has set (WebGPU, WebGL, WASM or CPU in a
// worker; WASM in Node), takes the tf namespace as an argument, and keeps all
// randomness seeded: weights are drawn from platform/random.ts, batches
// shuffled with it, and noise drawn with per-step seeds. Training can add
// input dropout (denoising) and a contrastive term that pulls together the
// codes of row pairs known to belong together. The artist model's recipe is
// in autoencoder.ts.
import type * as TF from '@tensorflow/tfjs-core';
import { rng, shuffle } from '../../../platform/random.ts';
import { l2NormalizeRows } from './artist-features.ts';
import { denseMatMul } from '../../../compute/tf-ops.ts';

type Tf = typeof TF;
export type Activation = 'tanh' | 'relu' | 'elu' | 'linear';

export interface ModelConfig {
  inputDim: number;
  /** Hidden widths of the encoder; the decoder mirrors them. */
  hidden: number[];
  codeDim: number;
  /** Activation of the hidden layers. */
  activation: Activation;
  /** Activation of the code layer: 'linear' for ours; the seed used 'relu'. */
  codeActivation: Activation;
}

interface TrainOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  /** Adam learning rate at the start; decays (cosine) to 10% by the end. */
  learningRate?: number;
  /** Keep the rate constant (the seed's Keras default). */
  constantRate?: boolean;
  /** Denoising: share of input values zeroed per step (0 = plain autoencoder). */
  dropout?: number;
  /** Contrastive positives: flat [a0, b0, a1, b1, ...] row pairs. */
  pairs?: Int32Array;
  /** Weight of the contrastive term against reconstruction. */
  contrastWeight?: number;
  /** Softmax temperature of the contrastive term. */
  temperature?: number;
  /** Pairs drawn per step for the contrastive term. */
  pairBatch?: number;
  /** Rows to train on (default: all). Codes are still given for all rows. */
  rows?: Int32Array;
  signal?: AbortSignal;
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Weights as plain arrays: storable in IndexedDB, sendable to a worker. */
export interface ModelWeights {
  config: ModelConfig;
  tensors: { shape: number[]; data: Float32Array }[];
}

export interface TrainResult {
  weights: ModelWeights;
  /** Row-major [rows x dim], each row L2-normalized. */
  codes: Float32Array;
  dim: number;
  /** Mean loss of the last epoch (reconstruction + contrastive term). */
  finalLoss: number;
  /** Reconstruction MSE over all rows after training, without noise. */
  reconstructionMse: number;
  ms: number;
  epochs: number;
}

interface Layer {
  w: TF.Variable;
  b: TF.Variable;
  act: Activation;
}

/** Layer sizes and activations, encoder then decoder. */
function layerPlan(cfg: ModelConfig): { inDim: number; outDim: number; act: Activation }[] {
  const enc = [cfg.inputDim, ...cfg.hidden, cfg.codeDim];
  const dec = [cfg.codeDim, ...[...cfg.hidden].reverse(), cfg.inputDim];
  const plan: { inDim: number; outDim: number; act: Activation }[] = [];
  for (let i = 0; i + 1 < enc.length; i++) plan.push({ inDim: enc[i], outDim: enc[i + 1], act: i + 2 === enc.length ? cfg.codeActivation : cfg.activation });
  for (let i = 0; i + 1 < dec.length; i++) plan.push({ inDim: dec[i], outDim: dec[i + 1], act: i + 2 === dec.length ? 'linear' : cfg.activation });
  return plan;
}

/** Glorot-uniform kernels and zero biases, drawn from a seeded generator. */
function initWeights(cfg: ModelConfig, seed: number): ModelWeights {
  const r = rng(seed);
  const tensors: ModelWeights['tensors'] = [];
  for (const { inDim, outDim } of layerPlan(cfg)) {
    const lim = Math.sqrt(6 / (inDim + outDim));
    tensors.push({ shape: [inDim, outDim], data: Float32Array.from({ length: inDim * outDim }, () => (2 * r() - 1) * lim) });
    tensors.push({ shape: [outDim], data: new Float32Array(outDim) });
  }
  return { config: cfg, tensors };
}

function toLayers(tf: Tf, w: ModelWeights, trainable: boolean): Layer[] {
  const variable = (t: ModelWeights['tensors'][number]) => {
    // The variable keeps its own reference to the data; drop the initial tensor.
    const init = tf.tensor(t.data, t.shape);
    const v = tf.variable(init, trainable);
    init.dispose();
    return v;
  };
  return layerPlan(w.config).map((p, i) => ({ w: variable(w.tensors[2 * i]), b: variable(w.tensors[2 * i + 1]), act: p.act }));
}

async function exportLayers(w: ModelConfig, layers: Layer[]): Promise<ModelWeights> {
  const tensors: ModelWeights['tensors'] = [];
  for (const l of layers) {
    tensors.push({ shape: l.w.shape, data: (await l.w.data()) as Float32Array });
    tensors.push({ shape: l.b.shape, data: (await l.b.data()) as Float32Array });
  }
  return { config: w, tensors };
}

function activate(tf: Tf, x: TF.Tensor2D, act: Activation): TF.Tensor2D {
  if (act === 'tanh') return tf.tanh(x);
  if (act === 'relu') return tf.relu(x);
  if (act === 'elu') return tf.elu(x);
  return x;
}

function run(tf: Tf, layers: Layer[], x: TF.Tensor2D, from: number, to: number): TF.Tensor2D {
  let h = x;
  for (let i = from; i < to; i++) h = activate(tf, tf.add(denseMatMul(tf, h, layers[i].w), layers[i].b), layers[i].act);
  return h;
}

/** Input dropout (denoising): x with each value zeroed with probability p. */
function dropInputs(tf: Tf, x: TF.Tensor2D, p: number, seed: number): TF.Tensor2D {
  if (p <= 0) return x;
  return tf.mul(x, tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), p), 'float32')) as TF.Tensor2D;
}

const nEncoder = (cfg: ModelConfig) => cfg.hidden.length + 1;

/** Encodes rows [n x inputDim] to L2-normalized codes [n x codeDim], in batches. */
export async function encodeRows(tf: Tf, weights: ModelWeights, x: Float32Array, batch = 4096): Promise<Float32Array> {
  const cfg = weights.config;
  const n = x.length / cfg.inputDim;
  const layers = toLayers(tf, weights, false);
  const out = new Float32Array(n * cfg.codeDim);
  try {
    for (let s = 0; s < n; s += batch) {
      const e = Math.min(n, s + batch);
      const codes = tf.tidy(() => {
        const xb = tf.tensor2d(x.subarray(s * cfg.inputDim, e * cfg.inputDim), [e - s, cfg.inputDim]);
        return run(tf, layers, xb, 0, nEncoder(cfg));
      });
      out.set((await codes.data()) as Float32Array, s * cfg.codeDim);
      codes.dispose();
    }
  } finally {
    for (const l of layers) {
      l.w.dispose();
      l.b.dispose();
    }
  }
  return l2NormalizeRows(out, cfg.codeDim);
}

/** Reconstruction MSE of the model on rows x (no noise). */
async function reconstructionMse(tf: Tf, weights: ModelWeights, x: Float32Array, batch = 4096): Promise<number> {
  const cfg = weights.config;
  const n = x.length / cfg.inputDim;
  const layers = toLayers(tf, weights, false);
  let sum = 0;
  try {
    for (let s = 0; s < n; s += batch) {
      const e = Math.min(n, s + batch);
      const se = tf.tidy(() => {
        const xb = tf.tensor2d(x.subarray(s * cfg.inputDim, e * cfg.inputDim), [e - s, cfg.inputDim]);
        return tf.sum(tf.squaredDifference(run(tf, layers, xb, 0, layers.length), xb));
      });
      sum += (await se.data())[0];
      se.dispose();
    }
  } finally {
    for (const l of layers) {
      l.w.dispose();
      l.b.dispose();
    }
  }
  return sum / (n * cfg.inputDim);
}


const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

function abortError(): Error {
  const e = new Error('Training cancelled');
  e.name = 'AbortError';
  return e;
}

/** Trains an autoencoder on rows x [n x cfg.inputDim] and returns its weights
 *  and the L2-normalized codes of every row. Cancellable through `signal`
 *  (checked every step; the event loop gets a turn every few steps so a
 *  worker can receive the cancel). */
export async function trainAutoencoder(tf: Tf, cfg: ModelConfig, x: Float32Array, opts: TrainOptions): Promise<TrainResult> {
  const t0 = performance.now();
  const n = x.length / cfg.inputDim;
  const rows = opts.rows ?? Int32Array.from({ length: n }, (_, i) => i);
  const lr0 = opts.learningRate ?? 1e-3;
  const layers = toLayers(tf, initWeights(cfg, opts.seed), true);
  const vars = layers.flatMap((l) => [l.w, l.b]);
  // Adam as Keras sets it (epsilon 1e-7), so the seed's recipe is reproduced.
  const optimizer = tf.train.adam(lr0, 0.9, 0.999, 1e-7);
  const X = tf.tensor2d(x, [n, cfg.inputDim]);
  const shuffleRand = rng(opts.seed ^ 0x9e3779b9);
  const order = Int32Array.from(rows);
  const pairs = opts.pairs && opts.pairs.length >= 2 && (opts.contrastWeight ?? 0) > 0 ? opts.pairs : null;
  const nPairs = pairs ? pairs.length >> 1 : 0;
  const pairOrder = Int32Array.from({ length: nPairs }, (_, i) => i);
  let pairPos = nPairs;
  const pairBatch = opts.pairBatch ?? 256;
  const tau = opts.temperature ?? 0.1;
  const lambda = opts.contrastWeight ?? 0;
  const dropout = opts.dropout ?? 0;
  const enc = nEncoder(cfg);
  const stepsPerEpoch = Math.ceil(rows.length / opts.batchSize);
  const totalSteps = stepsPerEpoch * opts.epochs;
  let step = 0;
  let finalLoss = NaN;
  let losses: TF.Scalar[] = [];
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      shuffle(order, shuffleRand);
      losses = [];
      for (let s = 0; s < stepsPerEpoch; s++, step++) {
        if (opts.signal?.aborted) throw abortError();
        if (!opts.constantRate) {
          const rate = lr0 * (0.1 + 0.9 * 0.5 * (1 + Math.cos((Math.PI * step) / totalSteps)));
          // Adam reads its (protected) learningRate field on every step.
          (optimizer as unknown as { learningRate: number }).learningRate = rate;
        }
        const idx = order.subarray(s * opts.batchSize, Math.min(rows.length, (s + 1) * opts.batchSize));
        let pa: Int32Array | null = null;
        let pb: Int32Array | null = null;
        if (pairs) {
          if (pairPos + pairBatch > nPairs) {
            shuffle(pairOrder, shuffleRand);
            pairPos = 0;
          }
          const take = Math.min(pairBatch, nPairs);
          pa = new Int32Array(take);
          pb = new Int32Array(take);
          for (let i = 0; i < take; i++) {
            const p = pairOrder[pairPos + i];
            pa[i] = pairs[2 * p];
            pb[i] = pairs[2 * p + 1];
          }
          pairPos += take;
        }
        const stepSeed = (opts.seed * 7919 + step) >>> 0;
        const cost = optimizer.minimize(() => {
          const xb = tf.gather(X, tf.tensor1d(idx, 'int32')) as TF.Tensor2D;
          const noisy = dropInputs(tf, xb, dropout, stepSeed);
          const recon = run(tf, layers, noisy, 0, layers.length);
          let loss = tf.mean(tf.squaredDifference(recon, xb)) as TF.Scalar;
          if (pa && pb) {
            const enc2 = (ids: Int32Array, salt: number) => {
              const xs = tf.gather(X, tf.tensor1d(ids, 'int32')) as TF.Tensor2D;
              const z = run(tf, layers, dropInputs(tf, xs, dropout, stepSeed + salt), 0, enc);
              return tf.div(z, tf.add(tf.norm(z, 'euclidean', 1, true), 1e-8)) as TF.Tensor2D;
            };
            const za = enc2(pa, 101);
            const zb = enc2(pb, 202);
            const logits = tf.div(denseMatMul(tf, za, tf.transpose(zb)), tau) as TF.Tensor2D;
            const labels = tf.oneHot(tf.range(0, pa.length, 1, 'int32'), pa.length);
            // Symmetric InfoNCE: each a must pick its b among the batch, and back.
            const nce = tf.add(tf.losses.softmaxCrossEntropy(labels, logits), tf.losses.softmaxCrossEntropy(labels, tf.transpose(logits)));
            loss = tf.add(loss, tf.mul(nce, lambda / 2)) as TF.Scalar;
          }
          return loss;
        }, true, vars);
        if (cost) losses.push(cost);
        if (s % 25 === 24) await yieldToEvents();
      }
      const total = tf.tidy(() => tf.addN(losses));
      finalLoss = (await total.data())[0] / Math.max(1, losses.length);
      total.dispose();
      for (const l of losses) l.dispose();
      losses = [];
      opts.onEpoch?.(epoch, finalLoss);
      await yieldToEvents();
    }
    const weights = await exportLayers(cfg, layers);
    const codes = await encodeRows(tf, weights, x);
    const mse = await reconstructionMse(tf, weights, x);
    return { weights, codes, dim: cfg.codeDim, finalLoss, reconstructionMse: mse, ms: performance.now() - t0, epochs: opts.epochs };
  } finally {
    for (const l of losses) l.dispose();
    X.dispose();
    optimizer.dispose();
    for (const v of vars) v.dispose();
  }
}

