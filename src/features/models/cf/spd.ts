// The inverse of a symmetric positive definite matrix, in place, by the
// blocked sweep operator (Gauss–Jordan for SPD matrices): for each block k of
// NB pivots, with H = A_kk⁻¹,
//   A_ij ← A_ij − A_ik H A_kj,  A_ik ← A_ik H,  A_kk ← −H,
// which leaves −A⁻¹ after the last block; about n³/2 multiply-adds, as many
// as Cholesky + triangular inverse + product, but all of them in one
// cache-friendly rank-NB update: the two panels A_·k and A_·k H are packed
// (rows of NB contiguous values), and the lower triangle is updated two rows
// against four rows at a time (6 loads per 8 multiply-adds, in registers).
// The old row-dot-product Cholesky streamed the whole triangle once per row
// pair and ran at a third of this speed.
// `tick` is awaited 3·slices times, evenly over the blocks (progress and Cancel).

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

/** A[r][j] −= Q_r · P_j for rows r = i, i+1 and columns j in [lo, hi), j ≤ r (lower triangle). */
function update2(A: Float64Array, n: number, Q: Float64Array, P: Float64Array, b: number, i: number, lo: number, hi: number): void {
  const qa = i * b;
  const qb = qa + b;
  const ra = i * n;
  const rb = ra + n;
  const end = Math.min(hi, i + 1);
  let j = lo;
  for (; j + 4 <= end; j += 4) {
    const p0 = j * b;
    const p1 = p0 + b;
    const p2 = p1 + b;
    const p3 = p2 + b;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    for (let c = 0; c < b; c++) {
      const x = Q[qa + c];
      const y = Q[qb + c];
      const u0 = P[p0 + c];
      const u1 = P[p1 + c];
      const u2 = P[p2 + c];
      const u3 = P[p3 + c];
      a0 += x * u0;
      a1 += x * u1;
      a2 += x * u2;
      a3 += x * u3;
      b0 += y * u0;
      b1 += y * u1;
      b2 += y * u2;
      b3 += y * u3;
    }
    A[ra + j] -= a0;
    A[ra + j + 1] -= a1;
    A[ra + j + 2] -= a2;
    A[ra + j + 3] -= a3;
    A[rb + j] -= b0;
    A[rb + j + 1] -= b1;
    A[rb + j + 2] -= b2;
    A[rb + j + 3] -= b3;
  }
  for (; j < Math.min(hi, i + 2); j++) {
    const pj = j * b;
    let s = 0;
    let t = 0;
    for (let c = 0; c < b; c++) {
      s += Q[qa + c] * P[pj + c];
      t += Q[qb + c] * P[pj + c];
    }
    if (j <= i) A[ra + j] -= s;
    A[rb + j] -= t;
  }
}

/** A[r][j] −= Q_r · P_j for rows r = i..i+3 and columns j in [lo, hi), j ≤ r (lower triangle). */
function update4(A: Float64Array, n: number, Q: Float64Array, P: Float64Array, b: number, i: number, lo: number, hi: number): void {
  const q0 = i * b;
  const q1 = q0 + b;
  const q2 = q1 + b;
  const q3 = q2 + b;
  const r0 = i * n;
  const end = Math.min(hi, i + 1);
  let j = lo;
  for (; j + 4 <= end; j += 4) {
    const p0 = j * b;
    const p1 = p0 + b;
    const p2 = p1 + b;
    const p3 = p2 + b;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
    for (let c = 0; c < b; c++) {
      const u0 = P[p0 + c];
      const u1 = P[p1 + c];
      const u2 = P[p2 + c];
      const u3 = P[p3 + c];
      const x = Q[q0 + c];
      a0 += x * u0;
      a1 += x * u1;
      a2 += x * u2;
      a3 += x * u3;
      const y = Q[q1 + c];
      b0 += y * u0;
      b1 += y * u1;
      b2 += y * u2;
      b3 += y * u3;
      const z = Q[q2 + c];
      c0 += z * u0;
      c1 += z * u1;
      c2 += z * u2;
      c3 += z * u3;
      const w = Q[q3 + c];
      d0 += w * u0;
      d1 += w * u1;
      d2 += w * u2;
      d3 += w * u3;
    }
    let o = r0 + j;
    A[o] -= a0; A[o + 1] -= a1; A[o + 2] -= a2; A[o + 3] -= a3;
    o += n;
    A[o] -= b0; A[o + 1] -= b1; A[o + 2] -= b2; A[o + 3] -= b3;
    o += n;
    A[o] -= c0; A[o + 1] -= c1; A[o + 2] -= c2; A[o + 3] -= c3;
    o += n;
    A[o] -= d0; A[o + 1] -= d1; A[o + 2] -= d2; A[o + 3] -= d3;
  }
  // The triangle's edge: rows i..i+3 over the last columns up to each row.
  for (let r = 0; r < 4; r++) update1(A, n, Q, P, b, i + r, j, hi);
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

/** Replaces A (n × n, row-major, symmetric positive definite) by its inverse. */
export async function invertSpd(A: Float64Array, n: number, slices: number, tick: () => Promise<void>): Promise<void> {
  const blocks = Math.ceil(n / NB);
  const ticks = 3 * slices;
  let ticked = 0;
  const P = new Float64Array(n * NB);
  const Q = new Float64Array(n * NB);
  const H = new Float64Array(NB * NB);
  for (let blk = 0; blk < blocks; blk++) {
    const k0 = blk * NB;
    const k1 = Math.min(n, k0 + NB);
    const b = k1 - k0;
    // P_i = A[i][k0..k1) (from the lower triangle), H = A_kk⁻¹, Q_i = P_i H.
    for (let i = 0; i < n; i++)
      for (let c = 0; c < b; c++) P[i * b + c] = i >= k0 + c ? A[i * n + k0 + c] : A[(k0 + c) * n + i];
    for (let r = 0; r < b; r++) for (let c = 0; c < b; c++) H[r * b + c] = P[(k0 + Math.max(r, c)) * b + Math.min(r, c)];
    sweepSmall(H, b);
    for (let i = 0; i < n; i++) {
      if (i >= k0 && i < k1) continue;
      const oi = i * b;
      Q.fill(0, oi, oi + b);
      for (let r = 0; r < b; r++) {
        const f = P[oi + r];
        const oh = r * b;
        for (let c = 0; c < b; c++) Q[oi + c] += f * H[oh + c];
      }
    }
    // Rows outside the block, against columns outside it (k0 and k1 are even: pairs never straddle it).
    for (let i = 0; i < n; i++) {
      if (i >= k0 && i < k1) continue;
      if (i % 4 === 0 && i + 3 < n && !(i + 3 >= k0 && i + 3 < k1)) {
        update4(A, n, Q, P, b, i, 0, k0);
        update4(A, n, Q, P, b, i, k1, n);
        i += 3;
      } else if (i + 1 < n && !(i + 1 >= k0 && i + 1 < k1)) {
        update2(A, n, Q, P, b, i, 0, k0);
        update2(A, n, Q, P, b, i, k1, n);
        i++;
      } else {
        update1(A, n, Q, P, b, i, 0, k0);
        update1(A, n, Q, P, b, i, k1, n);
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
  // −A⁻¹ in the lower triangle: negate, and mirror it to the upper.
  for (let i = 0; i < n; i++) {
    const oi = i * n;
    for (let j = 0; j < i; j++) {
      const v = -A[oi + j];
      A[oi + j] = v;
      A[j * n + i] = v;
    }
    A[oi + i] = -A[oi + i];
  }
}
