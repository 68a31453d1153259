// The inverse of a symmetric positive definite matrix, in place, by the
// blocked sweep operator (Gauss–Jordan for SPD matrices): for each block k of
// NB pivots, with H = A_kk⁻¹,
//   A_ij ← A_ij − A_ik H A_kj,  A_ik ← A_ik H,  A_kk ← −H,
// which leaves −A⁻¹ after the last block; about n³/2 multiply-adds, as many
// as Cholesky + triangular inverse + product, but all of them in one rank-NB
// update of the lower triangle, run by a WebAssembly SIMD kernel (lib/simd.ts
// tiles: 4 × 4 tiles of f64x2) over panels packed four rows at a time. The
// row-dot-product Cholesky before it streamed the whole triangle once per row
// pair: at n = 1,892 this is ~0.6 s of CPU against ~3 s (same machine, loaded).
// `tick` is awaited 3·slices times, evenly over the blocks (progress and Cancel).

import { arena, kernels } from '../../../lib/simd.ts';

/** Pivots per block: enough to amortize a pass over the matrix, few enough that the panels stay in cache. */
const NB = 64;

function notPositive(): never {
  throw new Error('matrix is not positive definite');
}

/** H (b × b, full) replaced by its inverse, by the scalar sweep; H must be SPD. */
function sweepSmall(H: Float64Array, b: number): void {
  for (let k = 0; k < b; k++) {
    const ok = k * b;
    const pivot = H[ok + k];
    if (!(pivot > 0)) notPositive();
    const h = 1 / pivot;
    for (let i = 0; i < b; i++) {
      if (i === k) continue;
      const oi = i * b;
      const f = H[oi + k] * h;
      if (f === 0) continue;
      for (let j = 0; j < b; j++) if (j !== k) H[oi + j] -= f * H[ok + j];
    }
    for (let j = 0; j < b; j++) if (j !== k) H[ok + j] *= h;
    for (let i = 0; i < b; i++) if (i !== k) H[i * b + k] *= h;
    H[ok + k] = -h;
  }
  for (let p = 0; p < b * b; p++) H[p] = -H[p];
}

/** A[i][j] −= Q_i · P_j for j in [lo, min(hi, i + 1)). */
function update1(A: Float64Array, n: number, Q: Float64Array, P: Float64Array, b: number, i: number, lo: number, hi: number): void {
  const qi = i * b;
  for (let j = lo; j < Math.min(hi, i + 1); j++) {
    const pj = j * b;
    let s = 0;
    for (let c = 0; c < b; c++) s += Q[qi + c] * P[pj + c];
    A[i * n + j] -= s;
  }
}

/** Replaces A (n × n, row-major, symmetric positive definite) by its inverse;
 *  only A's lower triangle is read. */
export async function invertSpd(input: Float64Array, n: number, slices: number, tick: () => Promise<void>): Promise<void> {
  const blocks = Math.ceil(n / NB);
  const ticks = 3 * slices;
  let ticked = 0;
  // In the kernel's memory (f64 offsets): A, the panels QQ and PP packed four
  // rows at a time (X[(g·b + c)·4 + r] = row 4g + r, value c), Q row-major, H packed.
  const panel = Math.ceil(n / 4) * 4 * NB;
  const { mem, at, f64 } = arena([{ f64: n * n }, { f64: panel }, { f64: panel }, { f64: n * NB }, { f64: NB * NB }]);
  const { tiles } = kernels(mem);
  const [A, QQ, PP, Q, HP] = f64;
  const [, qqAt, ppAt, qAt, hpAt] = at;
  A.set(input.subarray(0, n * n));
  const P = new Float64Array(n * NB);
  const H = new Float64Array(NB * NB);
  const n8 = n * 8;
  const pack = (X: Float64Array, into: Float64Array, rows: number, b: number): void => {
    for (let i = 0; i < rows; i++) {
      const o = (i >> 2) * 4 * b + (i & 3);
      for (let c = 0; c < b; c++) into[o + 4 * c] = X[i * b + c];
    }
  };
  for (let blk = 0; blk < blocks; blk++) {
    const k0 = blk * NB;
    const k1 = Math.min(n, k0 + NB);
    const b = k1 - k0;
    // P_i = A[i][k0..k1) (from the lower triangle), H = A_kk⁻¹.
    for (let i = 0; i < n; i++)
      for (let c = 0; c < b; c++) P[i * b + c] = i >= k0 + c ? A[i * n + k0 + c] : A[(k0 + c) * n + i];
    for (let r = 0; r < b; r++) for (let c = 0; c < b; c++) H[r * b + c] = P[(k0 + Math.max(r, c)) * b + Math.min(r, c)];
    sweepSmall(H, b);
    pack(P, PP, n, b);
    pack(H, HP, b, b);
    // Q_i = P_i H: the kernel's tiles leave −Q in whole groups and column quads, the rest here.
    const quads = b >> 2;
    Q.fill(0, 0, n * b);
    for (let i = 0; i < n; i += 4) {
      if (i >= k0 && i < k1) continue;
      const whole = i + 4 <= n;
      if (whole) tiles(qAt + i * b * 8, b * 8, ppAt + i * b * 8, hpAt, b, 0, quads);
      for (let r = i; r < Math.min(n, i + 4); r++) {
        const oi = r * b;
        if (whole) for (let c = 0; c < quads * 4; c++) Q[oi + c] = -Q[oi + c];
        for (let c = whole ? quads * 4 : 0; c < b; c++) {
          let s = 0;
          for (let x = 0; x < b; x++) s += P[oi + x] * H[x * b + c];
          Q[oi + c] = s;
        }
      }
    }
    pack(Q, QQ, n, b);
    // Rows outside the block against columns outside it (k0, k1 are multiples
    // of 4, so a group of four rows is in the block or out of it): whole 4 × 4
    // tiles in the kernel, the triangle's edge and a last partial group here.
    for (let i = 0; i < n; i += 4) {
      if (i >= k0 && i < k1) continue;
      if (i + 4 > n) {
        for (let r = i; r < n; r++) {
          update1(A, n, Q, P, b, r, 0, k0);
          update1(A, n, Q, P, b, r, k1, n);
        }
        continue;
      }
      const row = i * n8;
      const group = qqAt + i * b * 8;
      const lowEnd = Math.min(k0, i) >> 2;
      tiles(row, n8, group, ppAt, b, 0, lowEnd);
      const highEnd = Math.max(k1 >> 2, Math.min(n >> 2, i >> 2));
      tiles(row, n8, group, ppAt, b, k1 >> 2, highEnd);
      for (let r = i; r < i + 4; r++) {
        update1(A, n, Q, P, b, r, lowEnd * 4, k0);
        update1(A, n, Q, P, b, r, highEnd * 4, n);
      }
    }
    for (let i = 0; i < n; i++) {
      if (i >= k0 && i < k1) continue;
      for (let c = 0; c < b; c++) {
        if (i >= k0 + c) A[i * n + k0 + c] = Q[i * b + c];
        else A[(k0 + c) * n + i] = Q[i * b + c];
      }
    }
    for (let r = 0; r < b; r++) for (let c = 0; c <= r; c++) A[(k0 + r) * n + k0 + c] = -H[r * b + c];
    while (ticked < Math.floor(((blk + 1) * ticks) / blocks)) {
      ticked++;
      await tick();
    }
  }
  // −A⁻¹ in the lower triangle: negated, and mirrored to the upper, in tiles
  // so that the column writes stay in cache.
  const TILE = 32;
  for (let i0 = 0; i0 < n; i0 += TILE)
    for (let j0 = 0; j0 <= i0; j0 += TILE)
      for (let i = i0; i < Math.min(n, i0 + TILE); i++) {
        const oi = i * n;
        for (let j = j0; j < Math.min(i, j0 + TILE); j++) {
          const v = -A[oi + j];
          input[oi + j] = v;
          input[j * n + i] = v;
        }
      }
  for (let i = 0; i < n; i++) input[i * n + i] = -A[i * n + i];
}
