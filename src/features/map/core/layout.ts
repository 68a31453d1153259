// The map's layout: UMAP (McInnes et al.; the algorithm of umap-learn) over
// the artist vectors' cosine kNN graph, on typed arrays. umap-js computes the
// same thing but at 30k points its fuzzy-set step alone took ~40 s and each
// epoch ~0.6 s (Map-keyed sparse matrices, arrays of arrays; 350 s for 200
// epochs) on the 2-core dev machine; this takes 9–36 s in all there. umap-js
// stays as the reference the tests compare against (map.test.ts).
import { rng } from '../../../platform/random.ts';
import type { Knn } from './knn.ts';

/** umap-learn's defaults for large data (15 neighbours, 200 epochs): they
 *  give trustworthiness@10 above 0.99 at 30k artists (eval/sections/map.ts).
 *  a, b: umap-learn's curve fit for min_dist 0.1, spread 1 (find_ab_params). */
export const LAYOUT = { nNeighbors: 15, nEpochs: 200, a: 1.5769, b: 0.8951, negativeRate: 5, learningRate: 1 };

/** Positions, row i = point i, scaled into the unit square [0, 1]². */
export type Positions = Float32Array;

interface LayoutProgress {
  epoch: number;
  epochs: number;
}

interface Graph {
  head: Int32Array;
  tail: Int32Array;
  weight: Float32Array;
}

/** Lays out the kNN graph's points in 2-D, from `init` (2 per point) or
 *  from random positions. `onEpoch` may return a promise (it is awaited). */
export async function layoutMap(knn: Knn, opts: { seed?: number; nEpochs?: number; init?: Float32Array; onEpoch?: (p: LayoutProgress) => unknown } = {}): Promise<Positions> {
  const n = knn.indices.length / Math.max(1, knn.k);
  const k = Math.min(LAYOUT.nNeighbors - 1, knn.k);
  if (n < 4 || k < 1) return circle(knn.k ? n : 0);
  const rand = rng(opts.seed ?? 0);
  const epochs = opts.nEpochs ?? LAYOUT.nEpochs;
  const graph = fuzzyGraph(knn, k, epochs);
  const xy = new Float32Array(n * 2);
  if (opts.init) {
    // As umap-learn does with its spectral start: scaled to ±10, a little noise.
    let max = 0;
    for (const v of opts.init) max = Math.max(max, Math.abs(v));
    for (let i = 0; i < xy.length; i++) xy[i] = (opts.init[i] * 10) / (max || 1) + (rand() - 0.5) * 1e-3;
  } else {
    for (let i = 0; i < xy.length; i++) xy[i] = rand() * 20 - 10;
  }
  await optimize(xy, graph, epochs, rand, opts.onEpoch);
  return toUnitSquare(xy);
}

/** The fuzzy simplicial set, as umap-learn's smooth_knn_dist: each point's
 *  memberships exp(−(d − ρ_i)/σ_i) over its k neighbours (itself left out),
 *  ρ_i its nearest non-zero distance, σ_i set so they sum to log2(k + 1);
 *  then the fuzzy union w_ij + w_ji − w_ij·w_ji. Edges below max/epochs never
 *  get sampled and are dropped, as umap-learn does. */
function fuzzyGraph(knn: Knn, k: number, epochs: number): Graph {
  const n = knn.indices.length / knn.k;
  const target = Math.log2(k + 1);
  const w = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const o = i * knn.k;
    let rho = 0;
    for (let j = 0; j < k && !rho; j++) rho = knn.distances[o + j];
    let lo = 0, hi = Infinity, sigma = 1;
    for (let it = 0; it < 64; it++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(-Math.max(0, knn.distances[o + j] - rho) / sigma);
      if (Math.abs(s - target) < 1e-5) break;
      if (s > target) hi = sigma;
      else lo = sigma;
      sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
    }
    let mean = 0;
    for (let j = 0; j < k; j++) mean += knn.distances[o + j];
    sigma = Math.max(sigma, 1e-3 * (mean / k));
    for (let j = 0; j < k; j++) {
      const b = knn.indices[o + j];
      if (b === i) continue;
      w.set(i * n + b, Math.exp(-Math.max(0, knn.distances[o + j] - rho) / sigma));
    }
  }
  const head: number[] = [], tail: number[] = [], weight: number[] = [];
  let max = 0;
  for (const [key, a] of w) {
    const i = Math.floor(key / n), j = key - i * n;
    const back = w.get(j * n + i);
    // Each pair once: from the smaller index, or from the only side that has it.
    if (back !== undefined && j < i) continue;
    const v = back === undefined ? a : a + back - a * back;
    head.push(i);
    tail.push(j);
    weight.push(v);
    max = Math.max(max, v);
  }
  const keep = weight.map((v) => v >= max / epochs);
  return {
    head: Int32Array.from(head.filter((_, e) => keep[e])),
    tail: Int32Array.from(tail.filter((_, e) => keep[e])),
    weight: Float32Array.from(weight.filter((_, e) => keep[e])),
  };
}

const clip = (v: number): number => (v > 4 ? 4 : v < -4 ? -4 : v);

/** umap-learn's optimize_layout_euclidean: each edge sampled in proportion to
 *  its weight, both ends pulled together, `negativeRate` random points pushed
 *  away from the head, the step shrinking linearly to 0. */
async function optimize(xy: Float32Array, g: Graph, epochs: number, rand: () => number, onEpoch?: (p: LayoutProgress) => unknown): Promise<void> {
  const { a, b, negativeRate, learningRate } = LAYOUT;
  const n = xy.length / 2;
  const m = g.head.length;
  let wMax = 0;
  for (let e = 0; e < m; e++) wMax = Math.max(wMax, g.weight[e]);
  const every = Float32Array.from(g.weight, (v) => wMax / v);
  const next = Float32Array.from(every);
  const everyNeg = Float32Array.from(every, (v) => v / negativeRate);
  const nextNeg = Float32Array.from(everyNeg);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = learningRate * (1 - epoch / epochs);
    for (let e = 0; e < m; e++) {
      if (next[e] > epoch) continue;
      const i = g.head[e], j = g.tail[e];
      let dx = xy[2 * i] - xy[2 * j], dy = xy[2 * i + 1] - xy[2 * j + 1];
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const c = (-2 * a * b * Math.pow(d2, b - 1)) / (a * Math.pow(d2, b) + 1);
        const gx = clip(c * dx) * alpha, gy = clip(c * dy) * alpha;
        xy[2 * i] += gx; xy[2 * i + 1] += gy;
        xy[2 * j] -= gx; xy[2 * j + 1] -= gy;
      }
      next[e] += every[e];
      const negs = Math.floor((epoch - nextNeg[e]) / everyNeg[e]);
      for (let s = 0; s < negs; s++) {
        const r = Math.floor(rand() * n);
        if (r === i) continue;
        dx = xy[2 * i] - xy[2 * r];
        dy = xy[2 * i + 1] - xy[2 * r + 1];
        d2 = dx * dx + dy * dy;
        const c = d2 > 0 ? (2 * b) / ((0.001 + d2) * (a * Math.pow(d2, b) + 1)) : 0;
        xy[2 * i] += (c > 0 ? clip(c * dx) : 4) * alpha;
        xy[2 * i + 1] += (c > 0 ? clip(c * dy) : 4) * alpha;
      }
      nextNeg[e] += negs * everyNeg[e];
    }
    if (onEpoch && (epoch % 10 === 9 || epoch === epochs - 1)) await onEpoch({ epoch: epoch + 1, epochs });
  }
}

/** Too few points for UMAP: a circle. */
function circle(n: number): Positions {
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = 0.5 + 0.4 * Math.cos((2 * Math.PI * i) / n);
    out[2 * i + 1] = 0.5 + 0.4 * Math.sin((2 * Math.PI * i) / n);
  }
  return out;
}

/** Scales both axes by the same factor (shapes kept) into [0, 1]², centred. */
function toUnitSquare(xy: Float32Array): Positions {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    x0 = Math.min(x0, xy[i]); x1 = Math.max(x1, xy[i]);
    y0 = Math.min(y0, xy[i + 1]); y1 = Math.max(y1, xy[i + 1]);
  }
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  const ox = (span - (x1 - x0)) / 2, oy = (span - (y1 - y0)) / 2;
  const out = new Float32Array(xy.length);
  for (let i = 0; i < xy.length; i += 2) {
    out[i] = (xy[i] - x0 + ox) / span;
    out[i + 1] = (xy[i + 1] - y0 + oy) / span;
  }
  return out;
}
