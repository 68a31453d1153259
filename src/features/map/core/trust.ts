// Trustworthiness (Venna & Kaski; sklearn.manifold.trustworthiness): how far
// the layout's nearest neighbours are from being true neighbours.
//   T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k)
// where U_k(i) are i's k nearest in the layout that are not among its k
// nearest in the original space, and r(i, j) is j's rank among i's
// neighbours in the original space (cosine here). Over a sample of query
// points (each ranked against all points), the sum is over the sample and n in
// the factor's first n becomes the sample's size.
import type { Positions } from './layout.ts';

export function trustworthiness(vectors: Float32Array, dim: number, xy: Positions, k: number, queries: ArrayLike<number>): number {
  const n = xy.length / 2;
  const sim = new Float32Array(n);
  const d2 = new Float32Array(n);
  let penalty = 0;
  for (let q = 0; q < queries.length; q++) {
    const i = queries[q];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < dim; t++) s += vectors[i * dim + t] * vectors[j * dim + t];
      sim[j] = s;
      d2[j] = (xy[2 * j] - xy[2 * i]) ** 2 + (xy[2 * j + 1] - xy[2 * i + 1]) ** 2;
    }
    // The layout's k nearest (i itself excluded).
    const near = nearestByDistance(d2, i, k);
    // r(i, j): 1 + the number of points (not i) strictly closer to i than j,
    // ties broken by index as a stable sort would.
    for (const j of near) {
      let r = 1;
      for (let m = 0; m < n; m++) if (m !== i && (sim[m] > sim[j] || (sim[m] === sim[j] && m < j))) r++;
      if (r > k) penalty += r - k;
    }
  }
  const m = queries.length;
  return 1 - (2 / (m * k * (2 * n - 3 * k - 1))) * penalty;
}

function nearestByDistance(d2: Float32Array, self: number, k: number): number[] {
  const best: number[] = [];
  for (let j = 0; j < d2.length; j++) {
    if (j === self) continue;
    if (best.length < k) {
      best.push(j);
      best.sort((a, b) => d2[a] - d2[b]);
    } else if (d2[j] < d2[best[k - 1]]) {
      best[k - 1] = j;
      best.sort((a, b) => d2[a] - d2[b]);
    }
  }
  return best;
}
