// Vector helpers shared by every scan over artists or tracks: one dot product,
// one top-k.

/** Unrolled by four: about 1.7x faster than the plain loop in V8. */
export function dot(x: Float32Array, xo: number, y: Float32Array, yo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += x[xo + j] * y[yo + j];
    s1 += x[xo + j + 1] * y[yo + j + 1];
    s2 += x[xo + j + 2] * y[yo + j + 2];
    s3 += x[xo + j + 3] * y[yo + j + 3];
  }
  for (; j < n; j++) s0 += x[xo + j] * y[yo + j];
  return s0 + s1 + s2 + s3;
}

/** dot(x, xo, y, yo, n) where y is nonzero only at cols[0..m) (increasing):
 *  the same sums in the same order, so the same value to the bit (a zero
 *  product adds nothing), at the cost of y's nonzeros instead of n. */
export function dotNonzero(x: Float32Array, xo: number, y: Float32Array, yo: number, n: number, cols: Int32Array, m: number): number {
  const n4 = n - (n % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < m; k++) {
    const j = cols[k];
    const p = x[xo + j] * y[yo + j];
    const lane = j < n4 ? j & 3 : 0;
    if (lane === 0) s0 += p;
    else if (lane === 1) s1 += p;
    else if (lane === 2) s2 += p;
    else s3 += p;
  }
  return s0 + s1 + s2 + s3;
}

/** The columns where row y[yo .. yo+n) is nonzero, into cols; how many. */
export function nonzeroCols(y: Float32Array, yo: number, n: number, cols: Int32Array): number {
  let m = 0;
  for (let j = 0; j < n; j++) if (y[yo + j] !== 0) cols[m++] = j;
  return m;
}

/** Indices of the k highest scores among allowed entries, best first (ties: lower index). */
export function topK(score: Float32Array, allowed: Uint8Array, k: number): number[] {
  // A min-heap of the best k so far; most entries fail the first comparison.
  const heap = new Int32Array(Math.max(0, k));
  let size = 0;
  const worse = (i: number, j: number): boolean => score[i] < score[j] || (score[i] === score[j] && i > j);
  for (let i = 0; i < score.length; i++) {
    if (!allowed[i] || k <= 0) continue;
    if (size === k) {
      const v = score[i];
      const top = score[heap[0]];
      if (v < top || (v === top && i > heap[0])) continue;
      // Replace the root and sift down.
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        const r = l + 1;
        let m = j;
        let mi = i;
        if (l < size && worse(heap[l], mi)) {
          m = l;
          mi = heap[l];
        }
        if (r < size && worse(heap[r], mi)) m = r;
        if (m === j) break;
        heap[j] = heap[m];
        j = m;
      }
      heap[j] = i;
    } else {
      let j = size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (!worse(i, heap[p])) break;
        heap[j] = heap[p];
        j = p;
      }
      heap[j] = i;
    }
  }
  return Array.from(heap.subarray(0, size)).sort((i, j) => score[j] - score[i] || i - j);
}
