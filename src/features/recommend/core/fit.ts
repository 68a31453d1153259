// Fitting the learned score: L2-regularized logistic regression by Newton's
// method (IRLS) on (features, label) rows. Deterministic: the same rows give
// the same weights to the last bit, so the stored weights are reproducible.
import { NF, FEATURES, type LearnedWeights } from './learned.ts';

interface Examples {
  /** Row-major, NF per row. */
  x: number[];
  y: number[];
}

/** Ridge on the weights (not the bias), and Newton steps. */
const LAMBDA = 1;
const ITERATIONS = 25;

export function fitLogistic(ex: Examples): { bias: number; weights: number[]; logLoss: number } {
  const n = ex.y.length;
  const D = NF + 1; // bias last
  const beta = new Float64Array(D);
  const H = new Float64Array(D * D);
  const g = new Float64Array(D);
  const row = new Float64Array(D);
  for (let it = 0; it < ITERATIONS; it++) {
    H.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < NF; j++) row[j] = ex.x[i * NF + j];
      row[NF] = 1;
      let z = 0;
      for (let j = 0; j < D; j++) z += beta[j] * row[j];
      const p = 1 / (1 + Math.exp(-z));
      const w = Math.max(p * (1 - p), 1e-9);
      const r = ex.y[i] - p;
      for (let j = 0; j < D; j++) {
        g[j] += r * row[j];
        for (let k = 0; k <= j; k++) H[j * D + k] += w * row[j] * row[k];
      }
    }
    for (let j = 0; j < D; j++) for (let k = 0; k < j; k++) H[k * D + j] = H[j * D + k];
    for (let j = 0; j < NF; j++) {
      H[j * D + j] += LAMBDA;
      g[j] -= LAMBDA * beta[j];
    }
    const step = solve(H, g, D);
    for (let j = 0; j < D; j++) beta[j] += step[j];
  }
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let z = beta[NF];
    for (let j = 0; j < NF; j++) z += beta[j] * ex.x[i * NF + j];
    const p = 1 / (1 + Math.exp(-z));
    loss -= ex.y[i] ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12));
  }
  return { bias: beta[NF], weights: Array.from(beta.subarray(0, NF)), logLoss: loss / Math.max(1, n) };
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const M = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]) > Math.abs(M[p * n + c])) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++) [M[c * n + k], M[p * n + k]] = [M[p * n + k], M[c * n + k]];
      [x[c], x[p]] = [x[p], x[c]];
    }
    const d = M[c * n + c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = M[r * n + c] / d;
      if (!f) continue;
      for (let k = c; k < n; k++) M[r * n + k] -= f * M[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < n; k++) s -= M[c * n + k] * x[k];
    x[c] = s / (M[c * n + c] || 1e-12);
  }
  return x;
}

/** Weights rounded to 6 decimals, as stored. */
export function toStored(
  fit: { bias: number; weights: number[] },
  about: Record<string, unknown>,
  cfAlone?: LearnedWeights['cfAlone'],
  feedback?: LearnedWeights['feedback'],
  trackSound?: number,
): LearnedWeights {
  const r = (v: number) => Number(v.toFixed(6));
  return { version: 1, features: FEATURES, bias: r(fit.bias), weights: fit.weights.map(r), ...(cfAlone ? { cfAlone } : {}), ...(feedback ? { feedback } : {}), ...(trackSound !== undefined ? { trackSound } : {}), fit: about };
}
