// Implicit-feedback matrix factorization (Hu, Koren & Volinsky 2008): weighted
// ALS where every user x item cell has preference p (1 if played, else 0) and
// confidence c = 1 + alpha * log1p(plays / eps) (1 for unplayed cells).
//
// Each half-step solves, for every row u,
//   (YᵀY + λI + Σ_i (c_ui - 1) y_i y_iᵀ) x_u = Σ_i c_ui p_ui y_i
// by a few steps of conjugate gradient warm-started from the previous factors
// (Takács et al. 2011; what the `implicit` library does by default), in plain
// Float32Array loops, row by row.
//
// Fold-in of a new user is the same normal equation solved exactly (Cholesky,
// plain Float64 math): milliseconds, no retraining.
import { gaussian, rng } from '../../../platform/random.ts';

/** Rows (users) x columns (items) in CSR form, raw play counts as values. */
export interface ImplicitMatrix {
  nRows: number;
  nCols: number;
  /** Cells of row r: offsets[r] .. offsets[r+1]. */
  offsets: Int32Array;
  cols: Int32Array;
  values: Float32Array;
}

export interface AlsConfig {
  factors: number;
  /** L2 weight λ. */
  lambda: number;
  /** Confidence scale. */
  alpha: number;
  /** Play-count scale inside the log: c = 1 + alpha * log1p(plays / eps). */
  eps: number;
  iterations: number;
  /** CG steps per half-iteration (3 is the usual; more = closer to exact ALS). */
  cgSteps: number;
  seed: number;
}

/** Chosen on a validation split of Last.fm 2K (eval/sections/cf.ts, NB_CF_TUNE=1). */
export const DEFAULT_ALS: AlsConfig = { factors: 64, lambda: 50, alpha: 2, eps: 10, iterations: 25, cgSteps: 3, seed: 1 };

interface AlsModel {
  factors: number;
  nRows: number;
  nCols: number;
  /** Row-major nRows x factors. */
  userFactors: Float32Array;
  /** Row-major nCols x factors. */
  itemFactors: Float32Array;
  config: AlsConfig;
}

export interface TrainOptions {
  onIteration?: (info: { iteration: number; iterations: number; ms: number }) => void;
  signal?: AbortSignal;
}

/** The confidence of a played cell. */
export function confidence(plays: number, alpha: number, eps: number): number {
  return 1 + alpha * Math.log1p(plays / eps);
}

/** The transposed matrix (items x users), for the item half-steps. */
export function transpose(m: ImplicitMatrix): ImplicitMatrix {
  const offsets = new Int32Array(m.nCols + 1);
  for (let i = 0; i < m.cols.length; i++) offsets[m.cols[i] + 1]++;
  for (let c = 0; c < m.nCols; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, m.nCols);
  const cols = new Int32Array(m.cols.length);
  const values = new Float32Array(m.cols.length);
  for (let r = 0; r < m.nRows; r++)
    for (let j = m.offsets[r]; j < m.offsets[r + 1]; j++) {
      const p = fill[m.cols[j]]++;
      cols[p] = r;
      values[p] = m.values[j];
    }
  return { nRows: m.nCols, nCols: m.nRows, offsets, cols, values };
}

function randomFactors(n: number, k: number, rand: () => number): Float32Array {
  const out = new Float32Array(n * k);
  const scale = 0.1 / Math.sqrt(k);
  for (let i = 0; i < out.length; i++) out[i] = gaussian(rand) * scale;
  return out;
}

const yieldToEvents = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** Trains user and item factors. Each iteration updates items, then users, so
 *  the returned user factors are the exact-as-CG-allows solution for the
 *  returned item factors (what fold-in reproduces). */
export async function trainAls(m: ImplicitMatrix, config: Partial<AlsConfig> = {}, opts: TrainOptions = {}): Promise<AlsModel> {
  const cfg: AlsConfig = { ...DEFAULT_ALS, ...config };
  const rand = rng(cfg.seed);
  const X0 = randomFactors(m.nRows, cfg.factors, rand);
  const Y0 = randomFactors(m.nCols, cfg.factors, rand);
  const t0 = performance.now();
  const progress = async (it: number): Promise<void> => {
    opts.onIteration?.({ iteration: it + 1, iterations: cfg.iterations, ms: performance.now() - t0 });
    // Let the worker's message loop run, so Cancel can get through.
    await yieldToEvents();
    opts.signal?.throwIfAborted();
  };
  opts.signal?.throwIfAborted();
  const [userFactors, itemFactors] = await trainJs(m, cfg, X0, Y0, progress);
  return { factors: cfg.factors, nRows: m.nRows, nCols: m.nCols, userFactors, itemFactors, config: cfg };
}

/** A side's played cells with their confidence terms, for the JS engine. */
interface JsSide {
  m: ImplicitMatrix;
  confMinus1: Float32Array;
  confP: Float32Array;
}

function jsSide(m: ImplicitMatrix, cfg: AlsConfig): JsSide {
  const confMinus1 = new Float32Array(m.cols.length);
  const confP = new Float32Array(m.cols.length);
  for (let j = 0; j < m.cols.length; j++) {
    const c = confidence(m.values[j], cfg.alpha, cfg.eps);
    confMinus1[j] = c - 1;
    confP[j] = c;
  }
  return { m, confMinus1, confP };
}

/** One half-step in plain loops: CG per row, in place on X, given Y. */
function solveSideJs(s: JsSide, X: Float32Array, Y: Float32Array, k: number, lambda: number, cgSteps: number): void {
  const G = gram(Y, k);
  for (let a = 0; a < k; a++) G[a * k + a] += lambda;
  const { offsets, cols } = s.m;
  const x = new Float64Array(k);
  const r = new Float64Array(k);
  const p = new Float64Array(k);
  const Ap = new Float64Array(k);
  // out = (G + Σ (c-1) y yᵀ) v over row u's cells
  const apply = (u: number, v: Float64Array, out: Float64Array): void => {
    for (let a = 0; a < k; a++) {
      let t = 0;
      const o = a * k;
      for (let b = 0; b < k; b++) t += G[o + b] * v[b];
      out[a] = t;
    }
    for (let j = offsets[u]; j < offsets[u + 1]; j++) {
      const o = cols[j] * k;
      let d = 0;
      for (let a = 0; a < k; a++) d += Y[o + a] * v[a];
      d *= s.confMinus1[j];
      for (let a = 0; a < k; a++) out[a] += d * Y[o + a];
    }
  };
  for (let u = 0; u < s.m.nRows; u++) {
    const xo = u * k;
    for (let a = 0; a < k; a++) x[a] = X[xo + a];
    apply(u, x, Ap);
    for (let a = 0; a < k; a++) r[a] = -Ap[a];
    for (let j = offsets[u]; j < offsets[u + 1]; j++) {
      const o = cols[j] * k;
      const c = s.confP[j];
      for (let a = 0; a < k; a++) r[a] += c * Y[o + a];
    }
    let rs = 0;
    for (let a = 0; a < k; a++) (p[a] = r[a]), (rs += r[a] * r[a]);
    for (let step = 0; step < cgSteps && rs > 1e-20; step++) {
      apply(u, p, Ap);
      let pAp = 0;
      for (let a = 0; a < k; a++) pAp += p[a] * Ap[a];
      const alpha = rs / Math.max(pAp, 1e-20);
      let rsNew = 0;
      for (let a = 0; a < k; a++) {
        x[a] += alpha * p[a];
        r[a] -= alpha * Ap[a];
        rsNew += r[a] * r[a];
      }
      const beta = rsNew / rs;
      for (let a = 0; a < k; a++) p[a] = r[a] + beta * p[a];
      rs = rsNew;
    }
    for (let a = 0; a < k; a++) X[xo + a] = x[a];
  }
}

async function trainJs(m: ImplicitMatrix, cfg: AlsConfig, X: Float32Array, Y: Float32Array, progress: (it: number) => Promise<void>): Promise<[Float32Array, Float32Array]> {
  const users = jsSide(m, cfg);
  const items = jsSide(transpose(m), cfg);
  for (let it = 0; it < cfg.iterations; it++) {
    solveSideJs(items, Y, X, cfg.factors, cfg.lambda, cfg.cgSteps);
    solveSideJs(users, X, Y, cfg.factors, cfg.lambda, cfg.cgSteps);
    await progress(it);
  }
  return [X, Y];
}

/** YᵀY of item factors (k x k, Float64): compute once per model, reuse for every fold-in. */
export function gram(itemFactors: Float32Array, k: number): Float64Array {
  const G = new Float64Array(k * k);
  const n = itemFactors.length / k;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const ya = itemFactors[o + a];
      if (ya === 0) continue;
      for (let b = a; b < k; b++) G[a * k + b] += ya * itemFactors[o + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) G[a * k + b] = G[b * k + a];
  return G;
}

/** One user's played items with their confidence and preference (see foldInRow in taste/core/feedback.ts). */
export interface UserRow {
  items: Int32Array;
  confidence: Float32Array;
  /** 1 = liked / played, 0 = a confident dislike. */
  preference: Float32Array;
}

/** The user's factor for fixed item factors: the exact ALS solution,
 *  (YᵀY + λI + Σ (c-1) y yᵀ) x = Σ c p y, by Cholesky. Pass `G = gram(...)`
 *  to make it a few-ms call. */
export function foldInUser(itemFactors: Float32Array, k: number, row: UserRow, lambda: number, G = gram(itemFactors, k)): Float32Array {
  const A = Float64Array.from(G);
  const b = new Float64Array(k);
  for (let a = 0; a < k; a++) A[a * k + a] += lambda;
  for (let j = 0; j < row.items.length; j++) {
    const o = row.items[j] * k;
    const c = row.confidence[j];
    const cp = c * row.preference[j];
    for (let a = 0; a < k; a++) {
      const ya = itemFactors[o + a];
      b[a] += cp * ya;
      const w = (c - 1) * ya;
      for (let bb = 0; bb < k; bb++) A[a * k + bb] += w * itemFactors[o + bb];
    }
  }
  return Float32Array.from(choleskySolve(A, b, k));
}

/** Solves A x = b for symmetric positive definite A (row-major, overwritten). */
function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let p = 0; p < j; p++) d -= A[j * n + p] * A[j * n + p];
    const l = Math.sqrt(Math.max(d, 1e-12));
    A[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let p = 0; p < j; p++) s -= A[i * n + p] * A[j * n + p];
      A[i * n + j] = s / l;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let p = 0; p < i; p++) s -= A[i * n + p] * y[p];
    y[i] = s / A[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let p = i + 1; p < n; p++) s -= A[p * n + i] * x[p];
    x[i] = s / A[i * n + i];
  }
  return x;
}

/** Scores of every item for one user factor: Y x. */
export function scoreItems(itemFactors: Float32Array, k: number, x: Float32Array): Float32Array {
  const n = itemFactors.length / k;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * k;
    for (let a = 0; a < k; a++) s += itemFactors[o + a] * x[a];
    out[i] = s;
  }
  return out;
}
