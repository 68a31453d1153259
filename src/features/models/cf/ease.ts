// EASE (Steck 2019, "Embarrassingly shallow autoencoders"): an item × item
// weight matrix B with a zero diagonal, fitted in closed form,
//   P = (XᵀX + Λ)⁻¹,  B_ij = -P_ij / P_jj  (i ≠ j),
// and a user's scores are their row times B: s = x B. Λ is diagonal:
// λ + dropout·G_ii per item (the dropout-style penalty of Steck 2020, EDLAE),
// so popular items, whose own column is easiest to copy, are held back more.
//
// With fewer users than items (Last.fm 2K: 1,892 users, ~4,600 artists with
// ≥ 3 listeners) the inverse goes through the Woodbury identity,
//   (D + XᵀX)⁻¹ = D⁻¹ − Y ᵀ (I + X D⁻¹ Xᵀ)⁻¹ Y,  Y = X D⁻¹,
// a users × users inverse instead of items × items, and P is never held
// whole: each row of B is built, pruned to its largest weights and kept sparse.
import { confidence, type ImplicitMatrix } from './mf.ts';
import { invertSpd } from './spd.ts';
import { arena, kernels } from '../../../lib/simd.ts';

export interface EaseConfig {
  /** L2 weight λ on every item. */
  lambda: number;
  /** Extra L2 in proportion to the item's own weight G_ii (0: plain EASE). */
  dropout: number;
  /** A played cell counts confidence(plays, alpha, eps) (alpha 0: binary). */
  alpha: number;
  eps: number;
  /** Popularity correction: what an item receives is divided by its listeners^beta
   *  (as RP3beta does), so the list is not only the most played. */
  beta: number;
  /** Items with fewer listeners are left out of the model. */
  minListeners: number;
  /** Weights kept per row of B (the largest in size: the negative ones count too). */
  keep: number;
}

/** Chosen on a validation split carved from train users (eval/sections/cf.ts, NB_CF_TUNE=1). */
export const DEFAULT_EASE: EaseConfig = { lambda: 50, dropout: 2, alpha: 0, eps: 1, beta: 0.1, minListeners: 3, keep: 256 };

/** B in sparse rows over the model's items: row i (what item i adds to each
 *  other item) is cols/weights[offsets[i] .. offsets[i+1]]. */
export interface EaseWeights {
  /** Model item → column of the training matrix. */
  items: Int32Array;
  offsets: Int32Array;
  cols: Int32Array;
  weights: Float32Array;
}

interface EaseProgress {
  onStep?: (info: { step: number; steps: number; ms: number }) => void;
  signal?: AbortSignal;
}

/** Largest users × users or items × items inverse trained (about a minute in a browser). */
const MAX_DIM = 6000;

const yieldToEvents = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** Fits B on a users × items play matrix. */
export async function trainEase(m: ImplicitMatrix, config: Partial<EaseConfig> = {}, opts: EaseProgress = {}): Promise<EaseWeights> {
  const cfg = { ...DEFAULT_EASE, ...config };
  const t0 = performance.now();
  // Steps: select, Gram, the inverse's 3 phases in slices, P rows in slices.
  const SLICES = 8;
  const steps = 2 + 3 * SLICES + SLICES;
  let step = 0;
  const tick = async (): Promise<void> => {
    step++;
    opts.onStep?.({ step, steps, ms: performance.now() - t0 });
    // Let the worker's message loop run, so Cancel can get through.
    await yieldToEvents();
    opts.signal?.throwIfAborted();
  };
  opts.signal?.throwIfAborted();

  // Kept items and the cells of each (column-major), weighted.
  const listeners = new Int32Array(m.nCols);
  for (let j = 0; j < m.cols.length; j++) listeners[m.cols[j]]++;
  const itemOf = new Int32Array(m.nCols).fill(-1);
  let kept: number[] = [];
  for (let c = 0; c < m.nCols; c++) if (listeners[c] >= Math.max(1, cfg.minListeners)) kept.push(c);
  const u = m.nRows;
  // The inverse is min(users, items)³: past MAX_DIM on both sides, keep the most-listened items.
  if (kept.length > MAX_DIM && u > MAX_DIM) kept = kept.sort((a, b) => listeners[b] - listeners[a] || a - b).slice(0, MAX_DIM).sort((a, b) => a - b);
  if (!kept.length) throw new Error(`No artist has ${cfg.minListeners} or more listeners in this community data: nothing to learn from.`);
  kept.forEach((c, i) => (itemOf[c] = i));
  const n = kept.length;
  const colOff = new Int32Array(n + 1);
  for (let j = 0; j < m.cols.length; j++) if (itemOf[m.cols[j]] >= 0) colOff[itemOf[m.cols[j]] + 1]++;
  for (let i = 0; i < n; i++) colOff[i + 1] += colOff[i];
  const fill = colOff.slice(0, n);
  const colUser = new Int32Array(colOff[n]);
  const colVal = new Float64Array(colOff[n]);
  for (let r = 0; r < u; r++)
    for (let j = m.offsets[r]; j < m.offsets[r + 1]; j++) {
      const i = itemOf[m.cols[j]];
      if (i < 0) continue;
      const p = fill[i]++;
      colUser[p] = r;
      colVal[p] = cfg.alpha ? confidence(m.values[j], cfg.alpha, cfg.eps) : 1;
    }
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let g = 0;
    for (let p = colOff[i]; p < colOff[i + 1]; p++) g += colVal[p] * colVal[p];
    d[i] = cfg.lambda + cfg.dropout * g;
  }
  await tick();

  // P rows: rows(i0, count) writes P[i0 + r, 0..n) into outs[r], count ≤ ROWS.
  const ROWS = 8;
  const outs = Array.from({ length: ROWS }, () => new Float64Array(n));
  let rows: (i0: number, count: number) => void;
  const pDiag = new Float64Array(n);
  if (u < n) {
    // K = I + X D⁻¹ Xᵀ (users × users), then M = K⁻¹. Only K's lower
    // triangle is filled (a column's users ascend), all that invertSpd reads.
    const K = new Float64Array(u * u);
    for (let a = 0; a < u; a++) K[a * u + a] = 1;
    for (let i = 0; i < n; i++) {
      const lo = colOff[i];
      const hi = colOff[i + 1];
      for (let p = lo; p < hi; p++) {
        const w = colVal[p] / d[i];
        const o = colUser[p] * u;
        for (let q = lo; q <= p; q++) K[o + colUser[q]] += w * colVal[q];
      }
    }
    await tick();
    await invertSpd(K, u, SLICES, tick);
    const M = K;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = colOff[i]; p < colOff[i + 1]; p++) {
        const o = colUser[p] * u;
        for (let q = colOff[i]; q < colOff[i + 1]; q++) s += colVal[p] * colVal[q] * M[o + colUser[q]];
      }
      pDiag[i] = 1 / d[i] - s / (d[i] * d[i]);
    }
    // P = D⁻¹ − Yᵀ M Y is symmetric: row i = e_i/d_i − Yᵀ w with w = M y_i,
    // ROWS = 8 rows at a time, in the SIMD kernels: the w as sums of rows of M
    // (axpy), then interleaved (W[a·8 + r]) so that each cell of Y reads one
    // cache line for all 8 rows (gather8).
    const u2 = u + (u & 1);
    const mem = arena([{ f64: u * u + 2 }, { i32: n + 1 }, { i32: colUser.length }, { f64: colVal.length }, { f64: ROWS * u2 }, { f64: u * ROWS }, { f64: n * ROWS }]);
    const [mAt, offAt, userAt, valAt, wcAt, wAt, sAt] = mem.at;
    mem.f64[0].set(M);
    mem.i32[1].set(colOff);
    mem.i32[2].set(colUser);
    mem.f64[3].set(colVal);
    const [, , , , Wc, W, S] = mem.f64;
    const { axpy, gather8 } = kernels(mem.mem);
    rows = (i0, count) => {
      Wc.fill(0);
      for (let r = 0; r < count; r++) {
        const i = i0 + r;
        for (let p = colOff[i]; p < colOff[i + 1]; p++) axpy(wcAt + r * u2 * 8, mAt + colUser[p] * u * 8, colVal[p] / d[i], u2 >> 1);
      }
      for (let r = 0; r < ROWS; r++) for (let a = 0, o = r * u2; a < u; a++) W[a * ROWS + r] = Wc[o + a];
      gather8(offAt, userAt, valAt, wAt, sAt, n);
      for (let j = 0; j < n; j++) {
        const f = -1 / d[j];
        for (let r = 0; r < ROWS; r++) outs[r][j] = S[j * ROWS + r] * f;
      }
      for (let r = 0; r < count; r++) outs[r][i0 + r] += 1 / d[i0 + r];
    };
  } else {
    // Fewer items than users: P = (G + D)⁻¹ directly, G = XᵀX summed over each user's cells.
    const P = new Float64Array(n * n);
    const byUser: { item: number; v: number }[][] = Array.from({ length: u }, () => []);
    for (let i = 0; i < n; i++) for (let p = colOff[i]; p < colOff[i + 1]; p++) byUser[colUser[p]].push({ item: i, v: colVal[p] });
    for (const cells of byUser) for (const a of cells) for (const b of cells) P[a.item * n + b.item] += a.v * b.v;
    for (let i = 0; i < n; i++) P[i * n + i] += d[i];
    await tick();
    await invertSpd(P, n, SLICES, tick);
    for (let i = 0; i < n; i++) pDiag[i] = P[i * n + i];
    rows = (i0, count) => {
      for (let r = 0; r < count; r++) outs[r].set(P.subarray((i0 + r) * n, (i0 + r + 1) * n));
    };
  }

  // Each row of B = -P[i, :] / diag(P), columns scaled by listeners^-beta, pruned.
  const colScale = Float64Array.from(kept, (c, j) => -Math.pow(listeners[c], -cfg.beta) / pDiag[j]);
  const keep = Math.min(cfg.keep, Math.max(0, n - 1));
  const offsets = new Int32Array(n + 1);
  const cols = new Int32Array(n * keep);
  const weights = new Float32Array(n * keep);
  // Candidates of a row: the weights whose size reaches a threshold that every
  // 8th weight's sizes put a little below the keep-th largest (all the row
  // when fewer than keep reach it), so the exact selection runs on ~1.75 keep.
  const candJ = new Int32Array(n);
  const candB = new Float32Array(n);
  const candMag = new Float32Array(n);
  const scratch = new Float32Array(n);
  const sample = new Float32Array(Math.ceil(n / SAMPLE));
  const sampleRank = Math.ceil((keep / SAMPLE) * 1.75) + 8;
  const sliceRows = Math.ceil(n / SLICES / ROWS) * ROWS;
  for (let i0 = 0; i0 < n; i0 += ROWS) {
    if (i0 % sliceRows === 0 && i0 > 0) await tick();
    const count = Math.min(ROWS, n - i0);
    rows(i0, count);
    for (let r = 0; r < count && keep > 0; r++) {
      const i = i0 + r;
      const buf = outs[r];
      let atLeast = -Infinity;
      if (sampleRank < sample.length) {
        let m = 0;
        for (let j = 0; j < n; j += SAMPLE) sample[m++] = j === i ? -1 : Math.abs(Math.fround(buf[j] * colScale[j]));
        atLeast = kthLargest(sample.subarray(0, m), sampleRank);
      }
      let c = candidates(buf, colScale, i, atLeast, candJ, candB, candMag);
      if (c < keep) c = candidates(buf, colScale, i, -Infinity, candJ, candB, candMag);
      // The keep-th largest size, then the weights above it, then those at it until keep (in column order).
      scratch.set(candMag.subarray(0, c));
      const least = kthLargest(scratch.subarray(0, c), keep);
      let o = i * keep;
      for (let x = 0; x < c; x++)
        if (candMag[x] > least) {
          cols[o] = candJ[x];
          weights[o++] = candB[x];
        }
      for (let x = 0; x < c && o < (i + 1) * keep; x++)
        if (candMag[x] === least) {
          cols[o] = candJ[x];
          weights[o++] = candB[x];
        }
      offsets[i + 1] = o;
    }
  }
  while (step < steps) await tick();
  return { items: Int32Array.from(kept), offsets, cols, weights };
}

/** Every 8th weight of a row is sampled to place the pruning threshold. */
const SAMPLE = 8;

/** The weights B_ij = buf[j]·colScale[j] (j ≠ i, as Float32) whose size is at
 *  least atLeast, in column order: count written to candJ/candB/candMag. */
function candidates(buf: Float64Array, colScale: Float64Array, i: number, atLeast: number, candJ: Int32Array, candB: Float32Array, candMag: Float32Array): number {
  let c = 0;
  for (let j = 0; j < buf.length; j++) {
    if (j === i) continue;
    const b = Math.fround(buf[j] * colScale[j]);
    const m = Math.abs(b);
    if (m >= atLeast) {
      candJ[c] = j;
      candB[c] = b;
      candMag[c++] = m;
    }
  }
  return c;
}

/** The k-th largest of v (1-based), by quickselect; reorders v. */
function kthLargest(v: Float32Array, k: number): number {
  const want = k - 1;
  let lo = 0;
  let hi = v.length - 1;
  while (lo < hi) {
    const pivot = v[(lo + hi) >> 1];
    let a = lo;
    let b = hi;
    while (a <= b) {
      while (v[a] > pivot) a++;
      while (v[b] < pivot) b--;
      if (a <= b) {
        const t = v[a];
        v[a++] = v[b];
        v[b--] = t;
      }
    }
    if (want <= b) hi = b;
    else if (want >= a) lo = a;
    else break;
  }
  return v[want];
}

/** A user's scores over the model's items: Σ_j x_j B[j, :]. */
export function easeScores(w: Omit<EaseWeights, 'items'>, items: ArrayLike<number>, values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(w.offsets.length - 1);
  for (let x = 0; x < items.length; x++) {
    const i = items[x];
    const v = values[x];
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) out[w.cols[p]] += v * w.weights[p];
  }
  return out;
}
