// "Listeners like you also play": the community model indexed against the
// catalog. The user is folded in from their taste (history + feedback, and
// seeds as loved artists), so a like or dislike changes the scores at once,
// without retraining. Only the CommunityModel interface is used: whatever
// algorithm is behind it.
import type { Candidate, CandidateSource, SourceQuery } from './types.ts';
import type { CommunityModel } from '../../models/cf/community.ts';
import { foldInRow, type Preference, type Taste } from '../../taste/core/feedback.ts';
import { artistKey } from '../../../lib/keys.ts';
import type { TagVectors } from './tags.ts';

export interface CfModel {
  model: CommunityModel;
  /** Model item → catalog artist id, or -1. */
  toCatalog: Int32Array;
  /** artistKey → model item. */
  itemOfKey: Map<string, number>;
  /** Listeners per model item in the community data, when known (else empty). */
  listeners: Float32Array;
  /** What the community tagged each catalog artist, when the data had tags. */
  tags: TagVectors | null;
}

/** Indexes a community model against the catalog's artists (by normalized name). */
export function prepareCf(
  model: CommunityModel,
  catalogArtists: readonly string[],
  { listeners = new Float32Array(0), tags = null }: { listeners?: Float32Array; tags?: TagVectors | null } = {},
): CfModel {
  const catalogByKey = new Map<string, number>();
  catalogArtists.forEach((name, a) => {
    const key = artistKey(name);
    if (key && !catalogByKey.has(key)) catalogByKey.set(key, a);
  });
  const itemOfKey = new Map<string, number>();
  const toCatalog = new Int32Array(model.names.length).fill(-1);
  model.names.forEach((name, i) => {
    const key = artistKey(name);
    if (!itemOfKey.has(key)) itemOfKey.set(key, i);
    toCatalog[i] = catalogByKey.get(key) ?? -1;
  });
  return { model, toCatalog, itemOfKey, listeners, tags };
}

/** How much an artist the user has only given an opinion on (never played)
 *  counts in an EASE fold-in, against a played one (1). The dislike's weight is
 *  fitted with the learned weights (fit-discover): a disliked artist's
 *  neighbours are often the user's taste too, so it subtracts less. */
export interface FeedbackFold {
  like: number;
  dislike: number;
}

/** The user's scores for every model item, or null when none of their
 *  artists (nor `extra`, e.g. seeds) is in the model: nothing to fold in.
 *  `alpha`: how much more a much-played artist counts (default: as trained). */
export function userScores(
  m: CfModel,
  taste: Taste | null,
  extra: Preference[] = [],
  alpha = m.model.alpha,
  feedback: FeedbackFold = { like: 1, dislike: 1 },
): { scores: Float32Array; knownArtists: number } | null {
  const prefs = new Map(taste?.artists ?? []);
  const fromTaste = new Set<Preference>(prefs.values());
  for (const p of extra) if (!((prefs.get(p.key)?.score ?? 0) > 0)) prefs.set(p.key, p);
  // Weights fitted for EASE's binary rows; other models (ALS, Spark factors) fold in as trained.
  const opinionOnly = (p: Preference) => m.model.kind === 'ease' && fromTaste.has(p) && p.listens + p.skips === 0 && p.explicit !== 0;
  const weight = (p: Preference) => (opinionOnly(p) ? (p.score > 0 ? feedback.like : feedback.dislike) : 1);
  const row = foldInRow(prefs.values(), (key) => m.itemOfKey.get(key) ?? -1, alpha, weight);
  let known = 0;
  for (let j = 0; j < row.preference.length; j++) known += row.preference[j];
  if (known === 0) return null;
  return { scores: m.model.scoreUser(row), knownArtists: known };
}

/** A candidate source proposing catalog artists by the user's scores, scaled
 *  0..1 over the k returned (best = 1). Seeds do not change it: it is about
 *  the user, so every candidate is credited to every seed. */
export function cfSource(m: CfModel, scores: Float32Array): CandidateSource {
  return {
    name: 'cf',
    phrase: () => 'listeners like you also play',
    candidates(q: SourceQuery, k: number): Candidate[] {
      const scored: { id: number; s: number }[] = [];
      for (let i = 0; i < m.toCatalog.length; i++) {
        const a = m.toCatalog[i];
        if (a < 0 || !q.artistAllowed[a]) continue;
        scored.push({ id: a, s: scores[i] });
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
