// "Listeners like you also play": the CF model as a candidate source for the
// ranking (src/recommend/rank.ts). The user is folded into fixed item factors
// from their taste (history + feedback), so a like or dislike changes the
// candidates at once, without retraining.
import type { Candidate, CandidateSource, SourceQuery } from './rank.ts';
import type { ItemFactors } from '../../models/cf/factors-arrow.ts';
import { foldInUser, gram } from '../../models/cf/mf.ts';
import { foldInRow, type Taste } from '../../taste/core/feedback.ts';
import { artistKey } from '../../history/core/match.ts';

export interface CfModel {
  items: ItemFactors;
  /** YᵀY, once per model. */
  gram: Float64Array;
  /** Model item → catalog artist id, or -1. */
  toCatalog: Int32Array;
  /** artistKey → model item. */
  itemOfKey: Map<string, number>;
  /** The training's λ, α and eps: fold-in must use the same, and the taste
   *  should be computed with tasteFrom(..., { eps }) so play counts scale alike. */
  lambda: number;
  alpha: number;
  eps: number;
}

/** Indexes a factor table against the catalog's artists (by normalized name). */
export function prepareCf(
  items: ItemFactors,
  catalogArtists: readonly string[],
  training: { lambda: number; alpha: number; eps: number },
): CfModel {
  const catalogByKey = new Map<string, number>();
  catalogArtists.forEach((name, a) => {
    const key = artistKey(name);
    if (key && !catalogByKey.has(key)) catalogByKey.set(key, a);
  });
  const itemOfKey = new Map<string, number>();
  const toCatalog = new Int32Array(items.names.length).fill(-1);
  items.names.forEach((name, i) => {
    const key = artistKey(name);
    if (!itemOfKey.has(key)) itemOfKey.set(key, i);
    toCatalog[i] = catalogByKey.get(key) ?? -1;
  });
  return { items, gram: gram(items.vectors, items.k), toCatalog, itemOfKey, ...training };
}

/** The user's factor from their taste, or null when none of their artists is
 *  in the model (then there is nothing to fold in: content-only results). */
export function userFactor(m: CfModel, taste: Taste): { factor: Float32Array; knownArtists: number } | null {
  const row = foldInRow(taste.artists.values(), (key) => m.itemOfKey.get(key) ?? -1, m.alpha);
  let known = 0;
  for (let j = 0; j < row.preference.length; j++) known += row.preference[j];
  if (known === 0) return null;
  return { factor: foldInUser(m.items.vectors, m.items.k, row, m.lambda, m.gram), knownArtists: known };
}

/** A candidate source proposing catalog artists by user factor · item factor,
 *  scaled 0..1 over the k returned (best = 1). Seeds do not change it: it is
 *  about the user, so every candidate is credited to every seed. */
export function cfSource(m: CfModel, factor: Float32Array): CandidateSource {
  const { vectors, k: dim } = m.items;
  return {
    name: 'cf',
    phrase: () => 'listeners like you also play',
    candidates(q: SourceQuery, k: number): Candidate[] {
      const scored: { id: number; s: number }[] = [];
      for (let i = 0; i < m.toCatalog.length; i++) {
        const a = m.toCatalog[i];
        if (a < 0 || !q.artistAllowed[a]) continue;
        let s = 0;
        for (let d = 0; d < dim; d++) s += vectors[i * dim + d] * factor[d];
        scored.push({ id: a, s });
      }
      scored.sort((x, y) => y.s - x.s || x.id - y.id);
      const top = scored.slice(0, k);
      if (!top.length) return [];
      const hi = top[0].s;
      const lo = top[top.length - 1].s;
      const seeds = q.seeds.map((_, i) => i);
      return top.map((c) => ({ kind: 'artist' as const, id: c.id, score: hi > lo ? (c.s - lo) / (hi - lo) : 1, seeds }));
    },
  };
}
