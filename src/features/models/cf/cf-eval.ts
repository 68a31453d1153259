// Offline evaluation of collaborative filtering: a seeded per-user hold-out,
// top-k ranking metrics, and the two baselines every CF model must beat
// (popularity and cosine item-kNN), all on the same split.
import { shuffle } from '../../../platform/random.ts';
import { confidence, type ImplicitMatrix } from './mf.ts';
import type { CommunityModel } from './community.ts';
import { topK } from '../../../lib/vectors.ts';

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
type BatchScorer = (users: number[]) => Float32Array | Promise<Float32Array>;

/** Mean recall@k and NDCG@k over rows with test items, ranking every item that
 *  has a listener in train and that the user has not played in train. */
export async function evaluate(h: HoldOut, score: BatchScorer, k = 10, batch = 256): Promise<{ recall: number; ndcg: number; users: number }> {
  const { train, test } = h;
  const allowed = Uint8Array.from(itemCounts(train), (c) => (c > 0 ? 1 : 0));
  const users = test.map((t, u) => (t.length ? u : -1)).filter((u) => u >= 0);
  let recall = 0;
  let ndcg = 0;
  for (let b = 0; b < users.length; b += batch) {
    const us = users.slice(b, b + batch);
    const scores = await score(us);
    us.forEach((u, i) => {
      // Every played item has a train listener (this user), so it is re-allowed after.
      const row = train.cols.subarray(train.offsets[u], train.offsets[u + 1]);
      for (const j of row) allowed[j] = 0;
      const top = topK(scores.subarray(i * train.nCols, (i + 1) * train.nCols), allowed, k);
      for (const j of row) allowed[j] = 1;
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

/** Scores through the community model as the app calls it: each user folded
 *  in from their train row (plays → confidence on the model's scale), model
 *  items placed at their matrix columns, everything else -Infinity. */
export function communityScorer(train: ImplicitMatrix, model: CommunityModel, columns: Int32Array): BatchScorer {
  const itemOf = new Int32Array(train.nCols).fill(-1);
  columns.forEach((c, i) => (itemOf[c] = i));
  return (users) => {
    const out = new Float32Array(users.length * train.nCols).fill(-Infinity);
    users.forEach((u, b) => {
      const items: number[] = [];
      const conf: number[] = [];
      for (let j = train.offsets[u]; j < train.offsets[u + 1]; j++) {
        if (itemOf[train.cols[j]] < 0) continue;
        items.push(itemOf[train.cols[j]]);
        conf.push(confidence(train.values[j], model.alpha, model.eps));
      }
      const s = model.scoreUser({ items: Int32Array.from(items), confidence: Float32Array.from(conf), preference: new Float32Array(items.length).fill(1) });
      const o = b * train.nCols;
      columns.forEach((c, i) => (out[o + c] = s[i]));
    });
    return out;
  };
}
