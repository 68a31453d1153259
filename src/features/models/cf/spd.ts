// The inverse of a symmetric positive definite matrix, in place, in plain
// Float64 loops: Cholesky (A = L Lᵀ), then T = L⁻ᵀ, then A⁻¹ = T Tᵀ; about
// n³/2 multiply-adds. Every phase is written as dot products along rows,
// two rows against two rows at a time (4 loads per 4 multiply-adds instead
// of 2 per 1), which about halves the time in V8.
// `tick` is awaited between slices of each phase (progress and Cancel).

const S = new Float64Array(4);

/** S = [x·u, x·v, y·u, y·v] over [lo, hi) of rows starting at x, y, u, v of X and U. */
function dot2x2(X: Float64Array, x: number, y: number, U: Float64Array, u: number, v: number, lo: number, hi: number): void {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let p = lo; p < hi; p++) {
    const xp = X[x + p];
    const yp = X[y + p];
    const up = U[u + p];
    const vp = U[v + p];
    a += xp * up;
    b += xp * vp;
    c += yp * up;
    d += yp * vp;
  }
  S[0] = a;
  S[1] = b;
  S[2] = c;
  S[3] = d;
}

function dot(X: Float64Array, x: number, U: Float64Array, u: number, lo: number, hi: number): number {
  let s = 0;
  for (let p = lo; p < hi; p++) s += X[x + p] * U[u + p];
  return s;
}

/** Row indices where each of `slices` equal shares of cubic work ends. */
function cubicBreaks(n: number, slices: number, from: 'start' | 'end'): Set<number> {
  const out = new Set<number>();
  for (let s = 1; s < slices; s++) {
    const f = from === 'start' ? Math.cbrt(s / slices) : 1 - Math.cbrt(1 - s / slices);
    out.add(2 * Math.round((n * f) / 2));
  }
  return out;
}

function sqrtPositive(s: number): number {
  if (!(s > 0)) throw new Error('matrix is not positive definite');
  return Math.sqrt(s);
}

/** Replaces A (n × n, row-major, symmetric positive definite) by its inverse. */
export async function invertSpd(A: Float64Array, n: number, slices: number, tick: () => Promise<void>): Promise<void> {
  const grow = cubicBreaks(n, slices, 'start');
  // 1. Cholesky, lower triangle of A: L[i][j] = (A[i][j] − L[i][:j]·L[j][:j]) / L[j][j].
  for (let i = 0; i < n; i += 2) {
    if (grow.has(i)) await tick();
    const oi = i * n;
    if (i + 1 === n) {
      for (let j = 0; j < i; j++) A[oi + j] = (A[oi + j] - dot(A, oi, A, j * n, 0, j)) / A[j * n + j];
      A[oi + i] = sqrtPositive(A[oi + i] - dot(A, oi, A, oi, 0, i));
      break;
    }
    const o1 = oi + n;
    let j = 0;
    for (; j + 1 < i; j += 2) {
      const oj = j * n;
      const oj1 = oj + n;
      dot2x2(A, oi, o1, A, oj, oj1, 0, j);
      const [sij, sij1, s1j, s1j1] = S;
      const ljj = A[oj + j];
      const lij = (A[oi + j] - sij) / ljj;
      const l1j = (A[o1 + j] - s1j) / ljj;
      A[oi + j] = lij;
      A[o1 + j] = l1j;
      const lj1j = A[oj1 + j];
      const lj1j1 = A[oj1 + j + 1];
      A[oi + j + 1] = (A[oi + j + 1] - sij1 - lij * lj1j) / lj1j1;
      A[o1 + j + 1] = (A[o1 + j + 1] - s1j1 - l1j * lj1j) / lj1j1;
    }
    for (; j < i; j++) {
      const oj = j * n;
      A[oi + j] = (A[oi + j] - dot(A, oi, A, oj, 0, j)) / A[oj + j];
      A[o1 + j] = (A[o1 + j] - dot(A, o1, A, oj, 0, j)) / A[oj + j];
    }
    A[oi + i] = sqrtPositive(A[oi + i] - dot(A, oi, A, oi, 0, i));
    A[o1 + i] = (A[o1 + i] - dot(A, o1, A, oi, 0, i)) / A[oi + i];
    A[o1 + i + 1] = sqrtPositive(A[o1 + i + 1] - dot(A, o1, A, o1, 0, i + 1));
  }
  await tick();
  // 2. T = L⁻ᵀ (upper): T[i][i] = 1 / L[i][i], T[j][i] = −(L[i][j..i)·T[j][j..i)) / L[i][i].
  const T = new Float64Array(n * n);
  for (let i = 0; i < n; i += 2) {
    if (grow.has(i)) await tick();
    const oi = i * n;
    const lii = A[oi + i];
    if (i + 1 === n) {
      for (let j = 0; j < i; j++) T[j * n + i] = -dot(A, oi, T, j * n, j, i) / lii;
      T[oi + i] = 1 / lii;
      break;
    }
    const o1 = oi + n;
    const l1i = A[o1 + i];
    const l11 = A[o1 + i + 1];
    let j = 0;
    for (; j + 1 < i; j += 2) {
      const oj = j * n;
      const oj1 = oj + n;
      dot2x2(A, oi, o1, T, oj, oj1, j, i);
      const [sij, sij1, s1j, s1j1] = S;
      const tji = -sij / lii;
      const tj1i = -sij1 / lii;
      T[oj + i] = tji;
      T[oj1 + i] = tj1i;
      T[oj + i + 1] = -(s1j + l1i * tji) / l11;
      T[oj1 + i + 1] = -(s1j1 + l1i * tj1i) / l11;
    }
    for (; j < i; j++) {
      const oj = j * n;
      const tji = -dot(A, oi, T, oj, j, i) / lii;
      T[oj + i] = tji;
      T[oj + i + 1] = -(dot(A, o1, T, oj, j, i) + l1i * tji) / l11;
    }
    T[oi + i] = 1 / lii;
    T[oi + i + 1] = -(l1i / lii) / l11;
    T[o1 + i + 1] = 1 / l11;
  }
  await tick();
  // 3. A⁻¹ = T Tᵀ: M[a][b] = T[a][a..n)·T[b][a..n) for b ≤ a (T[b] is zero before b).
  const shrink = cubicBreaks(n, slices, 'end');
  for (let a = 0; a < n; a += 2) {
    if (shrink.has(a)) await tick();
    const oa = a * n;
    if (a + 1 === n) {
      for (let b = 0; b <= a; b++) A[oa + b] = dot(T, oa, T, b * n, a, n);
      break;
    }
    const o1 = oa + n;
    let b = 0;
    for (; b + 1 <= a; b += 2) {
      const ob = b * n;
      const ob1 = ob + n;
      dot2x2(T, oa, o1, T, ob, ob1, a + 1, n);
      const taa = T[oa + a];
      A[oa + b] = S[0] + taa * T[ob + a];
      A[oa + b + 1] = S[1] + taa * T[ob1 + a];
      A[o1 + b] = S[2];
      A[o1 + b + 1] = S[3];
    }
    for (; b <= a; b++) {
      const ob = b * n;
      A[oa + b] = dot(T, oa, T, ob, a, n);
      A[o1 + b] = dot(T, o1, T, ob, a + 1, n);
    }
    A[o1 + a + 1] = dot(T, o1, T, o1, a + 1, n);
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) A[b * n + a] = A[a * n + b];
}
