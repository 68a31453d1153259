// Offline evaluation of collaborative filtering: a seeded per-user hold-out,
// top-k ranking metrics, and the two baselines every CF model must beat
// (popularity and cosine item-kNN), all on the same split.
import { shuffle } from '../../../platform/random.ts';
import type { ImplicitMatrix } from './mf.ts';

export interface HoldOut {
  train: ImplicitMatrix;
  /** Held-out items per row (empty for rows with too few items). */
  test: Int32Array[];
}

/** Every row with at least `minItems` items keeps round(frac * n) of them
 *  (at least 1), chosen at random, as test; the rest (and all other rows) train. */
export function holdOut(m: ImplicitMatrix, frac: number, minItems: number, rand: () => number): HoldOut {
  const offsets = new Int32Array(m.nRows + 1);
  const cols: number[] = [];
  const values: number[] = [];
  const test: Int32Array[] = [];
  for (let r = 0; r < m.nRows; r++) {
    const lo = m.offsets[r];
    const n = m.offsets[r + 1] - lo;
    const order = Int32Array.from({ length: n }, (_, i) => lo + i);
    let nTest = 0;
    if (n >= minItems) {
      shuffle(order, rand);
      nTest = Math.max(1, Math.round(frac * n));
    }
    test.push(Int32Array.from(order.subarray(0, nTest), (j) => m.cols[j]));
    const keep = Array.from(order.subarray(nTest)).sort((a, b) => a - b);
    for (const j of keep) {
      cols.push(m.cols[j]);
      values.push(m.values[j]);
    }
    offsets[r + 1] = cols.length;
  }
  return { train: { ...m, offsets, cols: Int32Array.from(cols), values: Float32Array.from(values) }, test };
}

/** Listeners per item in a matrix. */
export function itemCounts(m: ImplicitMatrix): Int32Array {
  const n = new Int32Array(m.nCols);
  for (let j = 0; j < m.cols.length; j++) n[m.cols[j]]++;
  return n;
}

/** Indices of the k largest scores among allowed items, best first (ties: lower index). */
export function topK(scores: ArrayLike<number>, k: number, allowed: (i: number) => boolean): Int32Array {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (!allowed(i)) continue;
    const s = scores[i];
    if (best.length === k && s <= scores[best[k - 1]]) continue;
    let p = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(i);
    while (p > 0 && scores[best[p - 1]] < s) {
      best[p] = best[p - 1];
      p--;
    }
    best[p] = i;
  }
  return Int32Array.from(best);
}

/** recall@k = hits / min(k, |truth|); NDCG@k with binary gains. */
export function rankMetrics(top: ArrayLike<number>, truth: ReadonlySet<number>, k: number): { recall: number; ndcg: number } {
  let hits = 0;
  let dcg = 0;
  for (let r = 0; r < Math.min(k, top.length); r++)
    if (truth.has(top[r])) {
      hits++;
      dcg += 1 / Math.log2(r + 2);
    }
  const ideal = Math.min(k, truth.size);
  let idcg = 0;
  for (let r = 0; r < ideal; r++) idcg += 1 / Math.log2(r + 2);
  return { recall: ideal ? hits / ideal : 0, ndcg: idcg ? dcg / idcg : 0 };
}

/** Scores for a batch of users: users.length x nItems, row-major. */
export type BatchScorer = (users: number[]) => Float32Array | Promise<Float32Array>;

/** Mean recall@k and NDCG@k over rows with test items, ranking every item that
 *  has a listener in train and that the user has not played in train. */
export async function evaluate(h: HoldOut, score: BatchScorer, k = 10, batch = 256): Promise<{ recall: number; ndcg: number; users: number }> {
  const { train, test } = h;
  const candidate = itemCounts(train).map((c) => (c > 0 ? 1 : 0));
  const users = test.map((t, u) => (t.length ? u : -1)).filter((u) => u >= 0);
  let recall = 0;
  let ndcg = 0;
  const played = new Uint8Array(train.nCols);
  for (let b = 0; b < users.length; b += batch) {
    const us = users.slice(b, b + batch);
    const scores = await score(us);
    us.forEach((u, i) => {
      const row = train.cols.subarray(train.offsets[u], train.offsets[u + 1]);
      for (const j of row) played[j] = 1;
      const s = scores.subarray(i * train.nCols, (i + 1) * train.nCols);
      const top = topK(s, k, (j) => candidate[j] === 1 && played[j] === 0);
      for (const j of row) played[j] = 0;
      const m = rankMetrics(top, new Set(test[u]), k);
      recall += m.recall;
      ndcg += m.ndcg;
    });
  }
  return { recall: recall / users.length, ndcg: ndcg / users.length, users: users.length };
}

/** Most listeners first, the same list for everyone. */
export function popularityScorer(train: ImplicitMatrix): BatchScorer {
  const pop = Float32Array.from(itemCounts(train));
  return (users) => {
    const out = new Float32Array(users.length * train.nCols);
    users.forEach((_, i) => out.set(pop, i * train.nCols));
    return out;
  };
}

/** Cosine item-item on binary plays: score(u, i) = Σ_{j ∈ u} |U_i ∩ U_j| / sqrt(|U_i| |U_j|),
 *  computed through the users who played j (no item x item matrix in memory). */
export function itemKnnScorer(train: ImplicitMatrix, trainT: ImplicitMatrix): BatchScorer {
  const n = itemCounts(train);
  const inv = Float32Array.from(n, (c) => (c ? 1 / Math.sqrt(c) : 0));
  return (users) => {
    const out = new Float32Array(users.length * train.nCols);
    users.forEach((u, b) => {
      const acc = out.subarray(b * train.nCols, (b + 1) * train.nCols);
      for (let x = train.offsets[u]; x < train.offsets[u + 1]; x++) {
        const j = train.cols[x];
        const w = inv[j];
        for (let y = trainT.offsets[j]; y < trainT.offsets[j + 1]; y++) {
          const v = trainT.cols[y];
          for (let z = train.offsets[v]; z < train.offsets[v + 1]; z++) acc[train.cols[z]] += w;
        }
      }
      for (let i = 0; i < acc.length; i++) acc[i] *= inv[i];
    });
    return out;
  };
}
