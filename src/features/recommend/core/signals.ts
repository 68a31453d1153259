// The signals the learned score combines, per catalog artist, for one user:
// the community model's view of them (folded in from history, feedback and
// seeds), the community's tags, content similarity to the seeds and to the
// history, popularity on both scales, and genre match.
import { genresOf, tracksOf, type Catalog } from '../../catalog/core/catalog.ts';
import { artistKey } from '../../../lib/keys.ts';
import { FEEDBACK_WEIGHTS, type Preference, type Taste } from '../../taste/core/feedback.ts';
import type { RankingIndex, SourceSeed } from './types.ts';
import { contentSims } from './sources/content.ts';
import { seedGenreWeights } from './score.ts';
import { userScores, type CfModel, type FeedbackFold } from './cf-source.ts';
import { tagSimilarity } from './tags.ts';
import type { Signals } from './learned.ts';

/** A seed as the community model sees it: its artists, loved. */
export function seedPrefs(ix: RankingIndex, seeds: SourceSeed[]): Preference[] {
  const names = new Set(seeds.flatMap((s) => s.artists.map((a) => ix.catalog.artists[a])));
  return [...names].map((name) => {
    const score = FEEDBACK_WEIGHTS.love;
    return { key: artistKey(name), name, listens: 0, skips: 0, implicit: 0, explicit: score, score, lastListen: 0 };
  });
}

/** How much more a much-played artist counts in the weighted fold-in (c = 1 + alpha·score). */
const WEIGHTED_ALPHA = 1;

/** The user's liked artists (and seeds, loved), weighted by how much they
 *  are liked: what a tag profile is summed over. */
function tagProfile(taste: Taste, seeds: Preference[]): { key: string; weight: number }[] {
  return [...taste.artists.values(), ...seeds].filter((p) => p.score > 0).map((p) => ({ key: p.key, weight: p.score }));
}

/** The community model's scores for catalog artists (best item per artist), −∞ where unknown. */
function cfCatalogScores(cf: CfModel, scores: Float32Array, nA: number): Float32Array {
  const out = new Float32Array(nA).fill(-Infinity);
  for (let i = 0; i < cf.toCatalog.length; i++) {
    const a = cf.toCatalog[i];
    if (a >= 0 && scores[i] > out[a]) out[a] = scores[i];
  }
  return out;
}

/** Rank feature over the allowed artists: 1 for the best, falling with log rank, 0 unknown. */
function rankFeature(score: Float32Array, allowed: Uint8Array): Float32Array {
  const ids: number[] = [];
  for (let a = 0; a < score.length; a++) if (allowed[a] && score[a] > -Infinity) ids.push(a);
  ids.sort((x, y) => score[y] - score[x] || x - y);
  const out = new Float32Array(score.length);
  const norm = Math.log1p(Math.max(1, ids.length));
  ids.forEach((a, r) => (out[a] = 1 - Math.log1p(r) / norm));
  return out;
}

function zFeature(score: Float32Array, allowed: Uint8Array): Float32Array {
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let a = 0; a < score.length; a++) {
    if (!allowed[a] || score[a] === -Infinity) continue;
    n++;
    s += score[a];
    s2 += score[a] * score[a];
  }
  const out = new Float32Array(score.length);
  if (n < 2) return out;
  const mean = s / n;
  const sd = Math.sqrt(Math.max(1e-12, s2 / n - mean * mean));
  for (let a = 0; a < score.length; a++) {
    if (allowed[a] && score[a] > -Infinity) out[a] = Math.max(-1, Math.min(2, (score[a] - mean) / sd / 5));
  }
  return out;
}

const lfPopCache = new WeakMap<CfModel, Map<number, Float32Array>>();

/** Per catalog artist: log(1 + community listeners), scaled to 0..1. */
function lfPopularity(cf: CfModel | null, nA: number): Float32Array {
  if (!cf || !cf.listeners.length) return new Float32Array(nA);
  let byN = lfPopCache.get(cf);
  if (!byN) lfPopCache.set(cf, (byN = new Map()));
  const hit = byN.get(nA);
  if (hit) return hit;
  const out = new Float32Array(nA);
  let max = 0;
  for (let i = 0; i < cf.toCatalog.length; i++) {
    const a = cf.toCatalog[i];
    const v = Math.log1p(cf.listeners[i]);
    if (a >= 0 && v > out[a]) out[a] = v;
    max = Math.max(max, v);
  }
  if (max > 0) for (let a = 0; a < nA; a++) out[a] /= max;
  byN.set(nA, out);
  return out;
}

const artistGenreCache = new WeakMap<Catalog, { offsets: Int32Array; genres: Uint16Array }>();

/** Each artist's distinct genres over its tracks (CSR), once per catalog: the
 *  genre match reads these instead of every track's genres on every request. */
function artistGenres(c: Catalog): { offsets: Int32Array; genres: Uint16Array } {
  const hit = artistGenreCache.get(c);
  if (hit) return hit;
  const nA = c.artists.length;
  const offsets = new Int32Array(nA + 1);
  const list: number[] = [];
  const seen = new Int32Array(c.genres.length).fill(-1);
  for (let a = 0; a < nA; a++) {
    for (const t of tracksOf(c, a)) for (const g of genresOf(c, t)) if (seen[g] !== a) (seen[g] = a), list.push(g);
    offsets[a + 1] = list.length;
  }
  const out = { offsets, genres: Uint16Array.from(list) };
  artistGenreCache.set(c, out);
  return out;
}

export interface UserSignals {
  signals: Signals;
  /** Per request seed: content similarity of every artist to it. */
  seedContent: Float32Array[];
  /** Per history seed: the same. */
  historyContent: Float32Array[];
  /** The fold-in scores of every model item, or null without a model or known artists. */
  cfScores: Float32Array | null;
  /** Artists of the user's found in the community model. */
  knownArtists: number;
}

/** Every signal for one user. `allowed`: the artists that may be recommended
 *  (ranks and standardization are among them). */
export function userSignals(
  ix: RankingIndex,
  cf: CfModel | null,
  taste: Taste,
  seeds: SourceSeed[],
  history: SourceSeed[],
  allowed: Uint8Array,
  feedback?: FeedbackFold,
): UserSignals {
  const c = ix.catalog;
  const nA = c.artists.length;
  const contentSeeds = new Float32Array(nA);
  const contentHistory = new Float32Array(nA);
  const seedContent = seeds.length ? contentSims(ix, seeds, contentSeeds) : [];
  const historyContent = history.length ? contentSims(ix, history, contentHistory) : [];
  const prefs = seedPrefs(ix, seeds);
  const u = cf ? userScores(cf, taste, prefs, undefined, feedback) : null;
  let cfRank: Float32Array = new Float32Array(nA);
  let cfZ: Float32Array = new Float32Array(nA);
  let cfWeighted: Float32Array = new Float32Array(nA);
  if (cf && u) {
    const s = cfCatalogScores(cf, u.scores, nA);
    cfRank = rankFeature(s, allowed);
    cfZ = zFeature(s, allowed);
    const w = userScores(cf, taste, prefs, WEIGHTED_ALPHA, feedback);
    if (w) cfWeighted = rankFeature(cfCatalogScores(cf, w.scores, nA), allowed);
  }
  const tags = new Float32Array(nA);
  if (cf?.tags) {
    tagSimilarity(cf.tags, tagProfile(taste, prefs), tags);
    tags.set(rankFeature(Float32Array.from(tags, (v, a) => (v > 0 ? v : -Infinity)), allowed));
  }
  const spotifyPop = Float32Array.from(c.artistPopularity, (p) => p / 100);
  // Genre match: per artist, its best genre's weight among the seeds' (or,
  // without seeds, the history's) genres.
  const seedGenre = seedGenreWeights(c, seeds.length ? seeds : history);
  const genre = new Float32Array(nA);
  const ag = artistGenres(c);
  for (let a = 0; a < nA; a++) {
    if (!allowed[a]) continue;
    let best = 0;
    for (let k = ag.offsets[a]; k < ag.offsets[a + 1]; k++) if (seedGenre[ag.genres[k]] > best) best = seedGenre[ag.genres[k]];
    genre[a] = best;
  }
  return {
    signals: { cf: cfRank, cfZ, cfWeighted, tags, contentSeeds, contentHistory, lfPop: lfPopularity(cf, nA), spotifyPop, genre },
    seedContent,
    historyContent,
    cfScores: u?.scores ?? null,
    knownArtists: u?.knownArtists ?? 0,
  };
}
