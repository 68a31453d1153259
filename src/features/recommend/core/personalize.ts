// Discover's one personalization function, used by the query worker, the
// eval and `npm run recommend`: history + feedback + seeds + community model
// → candidates from each source → one learned score → the pick (mode, caps,
// seed balance, diversity; rank.ts) → reasons naming the seed(s).
//
// Modes: "new" (default) leaves out every artist the user has played, liked
// or hidden; "familiar" keeps only artists the user likes, favouring the much
// played and those not played lately.
import { topK } from '../../../lib/vectors.ts';
import type { Taste } from '../../taste/core/feedback.ts';
import { tasteExclusions, type CatalogKeys } from '../../taste/core/exclusions.ts';
import type { Candidate, CandidateSource, RankingIndex, RankRequest, RankResult, Seed, SourceQuery, SourceSeed } from './types.ts';
import { artistsOf } from '../../catalog/core/catalog.ts';
import { resolveSeeds } from './bounds.ts';
import { subtractSeeds } from './subtract.ts';
import { rank } from './rank.ts';
import { cfSource, userScores, type CfModel } from './cf-source.ts';
import { DISCOVER_WEIGHTS, effectiveWeights, featureRow, learnedLogit, NF, type LearnedWeights } from './learned.ts';
import { seedPrefs, userSignals, type UserSignals } from './signals.ts';

export type DiscoverMode = 'new' | 'familiar';

export interface PersonalRequest extends RankRequest {
  mode?: DiscoverMode;
}

interface Personal {
  /** "Listeners like you also play" (catalog artists), when the user can be folded in. */
  listenersLikeYou: { artist: number; score: number }[];
  /** Why there is no such list, or what it is based on. */
  note: string;
  /** Seeds taken from the history when the seed list is empty. */
  seedsFromHistory: number[];
}

export type PersonalResult = RankResult & { personal: Personal };

export interface PersonalContext {
  ix: RankingIndex;
  keys: CatalogKeys;
  /** The community model indexed against this catalog, or null when none is trained. */
  cf: CfModel | null;
  weights?: LearnedWeights;
  /** ms UTC, for "not played lately". */
  now?: number;
}

/** Top liked artists that stand in for seeds when the user gives none. */
const HISTORY_SEEDS = 5;
/** Candidates taken from each signal before the learned score ranks them. */
const POOL_PER_SIGNAL = 300;
/** ...and from each of the user's seeds by content similarity. */
const POOL_PER_SEED = 50;
/** "More of what I love": weight of how much the user plays an artist, and of not having played it lately. */
const FAMILIAR = { plays: 1.5, stale: 1, staleDays: 90 };
/** Content similarity's weight in a track's score, next to its artist's
 *  learned score, for weights that carry none (fitted ones do: trackSound). */
const TRACK_SOUND_WEIGHT = 0.5;
/** The same for a seed artist's own tracks (deeper cuts; their share of the
 *  list is the discovery slider's, rank.ts). Not fitted: a held-out split
 *  leaves the seeds' tracks out. */
const DEEPER_CUT_WEIGHT = 0.5;
/** A second seed is named when its evidence is this close to the best one's. */
const SECOND_SEED = 0.95;

/** One user's request before scoring: who may be recommended, and every
 *  candidate's signals. The weight fit and the eval read the same. */
export interface Prepared {
  personal: Personal;
  /** The seeds of the lists: the request's, else the history's. */
  seeds: Seed[];
  requestSeeds: SourceSeed[];
  /** 1 = may be recommended as an artist in this mode. */
  allowed: Uint8Array;
  /** Left out of the lists altogether. */
  exclude: { artists: Set<number>; tracks: Set<number> };
  /** Catalog artists the user has played or given an opinion on. */
  known: Set<number>;
  /** Liked artists ("familiar" mode's candidates), with how much and how lately they were played. */
  liked: Map<number, { listens: number; lastListen: number }>;
  mode: DiscoverMode;
  u: UserSignals;
  /** The candidates (the best few hundred by each signal), ascending, and their FEATURES rows. */
  ids: number[];
  features: Float64Array;
}

export function personalize(ctx: PersonalContext, taste: Taste, request: PersonalRequest): PersonalResult {
  const req = subtractSeeds(ctx.ix, request);
  const p = prepare(ctx, taste, req);
  if (p.mode === 'familiar' && !p.ids.length) {
    const message = '“More of what I love” needs artists you like: import your listening history, or like some artists.';
    return { empty: true, why: 'nothing loved yet', message, personal: p.personal };
  }
  return pick(ctx, p, req);
}

/** The lists for a prepared request (the same `req` that prepared it). */
export function pick(ctx: PersonalContext, p: Prepared, req: PersonalRequest): PersonalResult {
  const w = effectiveWeights(ctx.weights ?? DISCOVER_WEIGHTS, p.u.cfScores !== null, p.requestSeeds.length > 0);
  const logit = learnedLogits(ctx, w, p);
  const attribution = seedEvidence(ctx, p.u, p.requestSeeds, p.ids);
  const sources = [{ source: personalSource(p, logit, attribution, w), weight: 1 }];
  if (req.limit?.tracks !== 0) {
    const [others, deeperCuts] = contentTracks(ctx.ix, new Set(p.requestSeeds.flatMap((s) => s.artists)));
    sources.push({ source: others, weight: w.trackSound ?? TRACK_SOUND_WEIGHT }, { source: deeperCuts, weight: DEEPER_CUT_WEIGHT });
  }
  const result = rank(ctx.ix, { ...req, seeds: p.seeds, sources, exclude: p.exclude, learned: true, balance: p.requestSeeds.length > 0 });
  return { ...result, personal: p.personal };
}

export function prepare(ctx: PersonalContext, taste: Taste, req: PersonalRequest): Prepared {
  const { ix, keys, cf } = ctx;
  const c = ix.catalog;
  const nA = c.artists.length;
  const mode = req.mode ?? 'new';
  const ex = tasteExclusions(c, taste, keys);
  for (const a of req.exclude?.artists ?? []) ex.artists.add(a);
  for (const t of req.exclude?.tracks ?? []) ex.tracks.add(t);

  // The user's artists in catalog terms: played (listened or skipped) or given an opinion.
  const idsOf = (key: string) => keys.artistsByKey.get(key) ?? [];
  const hasTracks = (a: number) => c.artistTrackOffsets[a + 1] > c.artistTrackOffsets[a];
  const known = new Set<number>();
  const liked = new Map<number, { listens: number; lastListen: number }>();
  const likedOrder = [...taste.artists.values()].filter((p) => p.score > 0).sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : 1));
  for (const p of taste.artists.values()) if (p.listens + p.skips > 0 || p.explicit !== 0) for (const a of idsOf(p.key)) known.add(a);
  for (const p of likedOrder) for (const a of idsOf(p.key)) if (!liked.has(a)) liked.set(a, p);
  const personal: Personal = { listenersLikeYou: [], note: '', seedsFromHistory: [] };
  personal.seedsFromHistory = likedOrder
    .flatMap((p) => idsOf(p.key).find(hasTracks) ?? [])
    .filter((a) => !ex.artists.has(a))
    .slice(0, HISTORY_SEEDS);
  const historySeeds = resolved(ix, personal.seedsFromHistory.map((id) => ({ kind: 'artist' as const, id })));
  const requestSeeds = resolved(ix, req.seeds);
  const seeds: Seed[] = req.seeds.length ? req.seeds : personal.seedsFromHistory.map((id) => ({ kind: 'artist' as const, id }));
  if (req.seeds.length) personal.seedsFromHistory = [];

  // Who may be recommended as an artist in this mode.
  const seedArtists = new Set(requestSeeds.flatMap((s) => s.artists));
  const allowed = new Uint8Array(nA);
  for (let a = 0; a < nA; a++) {
    const fits = mode === 'new' ? !known.has(a) : liked.has(a);
    allowed[a] = fits && hasTracks(a) && !ex.artists.has(a) && !seedArtists.has(a) ? 1 : 0;
  }
  const u = userSignals(ix, cf, taste, requestSeeds, historySeeds, allowed, (ctx.weights ?? DISCOVER_WEIGHTS).feedback);
  personal.note = noteFor(taste, cf, u);
  if (cf && u.cfScores) {
    const notKnown = Uint8Array.from(allowed, (x, a) => (mode === 'new' ? x : !known.has(a) && !ex.artists.has(a) && hasTracks(a) ? 1 : 0));
    personal.listenersLikeYou = cfSource(cf, u.cfScores)
      .candidates({ seeds: [], trackAllowed: new Uint8Array(0), artistAllowed: notKnown, artistHasTracks: notKnown }, 20)
      .map((x) => ({ artist: x.id, score: x.score }));
  }

  // Everything else is left out of the lists: known artists in "new" mode, all but liked ones in "familiar".
  const exclude = { artists: new Set(ex.artists), tracks: ex.tracks };
  for (let a = 0; a < nA; a++) if (mode === 'new' ? known.has(a) : !liked.has(a)) exclude.artists.add(a);
  const pool = new Set<number>();
  const s = u.signals;
  if (mode === 'familiar') for (const a of liked.keys()) allowed[a] && pool.add(a);
  else {
    for (const f of [s.cf, s.cfWeighted, s.tags, s.contentSeeds, s.contentHistory, s.lfPop]) for (const a of topK(f, allowed, POOL_PER_SIGNAL)) pool.add(a);
    // Each seed's own neighbours, so every seed can fill its share.
    for (const f of u.seedContent) for (const a of topK(f, allowed, POOL_PER_SEED)) pool.add(a);
  }
  const ids = [...pool].sort((x, y) => x - y);
  const features = new Float64Array(ids.length * NF);
  ids.forEach((a, i) => featureRow(s, a, features, i * NF));
  return { personal, seeds, requestSeeds, allowed, exclude, known, liked, mode, u, ids, features };
}

function resolved(ix: RankingIndex, seeds: Seed[]): SourceSeed[] {
  if (!seeds.length) return [];
  const r = resolveSeeds(ix.catalog, seeds);
  return 'empty' in r ? [] : r.resolved;
}

function noteFor(taste: Taste, cf: CfModel | null, u: UserSignals): string {
  const liked = [...taste.artists.values()].some((p) => p.score > 0);
  if (!cf) return liked ? 'Train "listeners like you" on the Models page to add what people with your taste play.' : 'No listening history or likes yet: recommendations come from your seeds and the sound alone. Import your history on the History page.';
  if (!u.cfScores) return 'None of your artists or seeds are in the community data, so "listeners like you" has nothing to go on.';
  return `From ${u.knownArtists} of your artists and seeds found in the community data.`;
}

/** The learned logit per candidate, plus in "familiar" mode how much and how
 *  lately the user plays the artist (hand-set: a split of held-out artists
 *  cannot measure familiar picks). */
function learnedLogits(ctx: PersonalContext, w: LearnedWeights, p: Prepared): Float64Array {
  const logit = new Float64Array(p.ids.length);
  let maxPlays = 1;
  for (const x of p.liked.values()) maxPlays = Math.max(maxPlays, x.listens);
  const now = ctx.now ?? Date.now();
  p.ids.forEach((a, i) => {
    logit[i] = learnedLogit(w, p.features, i * NF);
    const x = p.mode === 'familiar' ? p.liked.get(a) : undefined;
    if (x) {
      const stale = x.lastListen > 0 ? 1 - Math.exp(-(now - x.lastListen) / (FAMILIAR.staleDays * 86400e3)) : 0.5;
      logit[i] += FAMILIAR.plays * (Math.log1p(x.listens) / Math.log1p(maxPlays)) + FAMILIAR.stale * stale;
    }
  });
  return logit;
}

/** Per candidate, the seeds (indices into the list's seeds) it comes from:
 *  with the user's seeds, by content similarity and by what listeners of each
 *  seed alone play; with history seeds, by content similarity. */
function seedEvidence(ctx: PersonalContext, u: UserSignals, requestSeeds: SourceSeed[], ids: number[]): number[][] {
  const perSeed = requestSeeds.length ? u.seedContent : u.historyContent;
  const S = perSeed.length;
  if (!S) return ids.map(() => []);
  const cfPerSeed: (Float32Array | null)[] = requestSeeds.map((seed) => {
    if (!ctx.cf) return null;
    const one = userScores(ctx.cf, null, seedPrefs(ctx.ix, [seed]));
    if (!one) return null;
    const best = new Float32Array(ctx.ix.catalog.artists.length).fill(-Infinity);
    ctx.cf.toCatalog.forEach((a, i) => a >= 0 && one.scores[i] > best[a] && (best[a] = one.scores[i]));
    return best;
  });
  // Per seed alone, each kind of evidence as a rank among the candidates (1 =
  // best), so that a seed the community data lacks still has its own candidates.
  const ranks = (score: ArrayLike<number> | null) => {
    if (!score) return null;
    const order = ids.map((_, i) => i).sort((x, y) => score[ids[y]] - score[ids[x]] || x - y);
    const r = new Float32Array(ids.length);
    order.forEach((i, k) => (r[i] = 1 - k / Math.max(1, order.length)));
    return r;
  };
  const contentRanks = perSeed.map(ranks);
  const cfRanks = cfPerSeed.map(ranks);
  return ids.map((_, i) => {
    const e = perSeed.map((__, s) => Math.max(contentRanks[s]![i], cfRanks[s]?.[i] ?? 0));
    let b1 = 0;
    for (let s = 1; s < S; s++) if (e[s] > e[b1]) b1 = s;
    let b2 = -1;
    for (let s = 0; s < S; s++) if (s !== b1 && (b2 < 0 || e[s] > e[b2])) b2 = s;
    return b2 >= 0 && e[b2] >= SECOND_SEED * e[b1] && e[b1] > 0 ? [b1, b2] : [b1];
  });
}

/** The learned scores as a candidate source; each candidate's reason says
 *  which kind of evidence leads it: the community, content, or popularity. */
function personalSource(p: Prepared, logit: Float64Array, seeds: number[][], w: LearnedWeights): CandidateSource {
  const groups: [string, number[], (names: string) => string][] = [
    ['cf', [0, 1, 2], (n) => `people who play ${n} also play`],
    ['similar', [4, 5, 8], (n) => `close to ${n}`],
    ['popular', [6, 7], (n) => `a favourite of listeners who like ${n}`],
    ['tags', [3], (n) => `tagged like ${n} by listeners`],
  ];
  if (!p.u.cfScores) groups[0][2] = (n) => `close to ${n}`;
  const n = p.ids.length;
  const contrib = groups.map(([, cols]) => Float64Array.from({ length: n }, (_, i) => cols.reduce((s, j) => s + w.weights[j] * p.features[i * NF + j], 0)));
  const mean = contrib.map((x) => x.reduce((s, v) => s + v, 0) / Math.max(1, n));
  let max = -Infinity;
  for (const z of logit) max = Math.max(max, z);
  const all: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    let lead = 0;
    for (let g = 1; g < groups.length; g++) if (contrib[g][i] - mean[g] > contrib[lead][i] - mean[lead]) lead = g;
    // exp(z − max): the relative odds, 1 for the best candidate.
    all.push({ kind: 'artist', id: p.ids[i], score: Math.exp(logit[i] - max), seeds: seeds[i], phrase: groups[lead][2] });
  }
  all.sort((x, y) => y.score - x.score || x.id - y.id);
  // The best k, and each seed's best k/S however low they score, so that
  // every seed can fill its share of the list.
  const S = p.requestSeeds.length;
  return {
    name: 'personal',
    phrase: groups[1][2],
    candidates: (q, k) => {
      const allowed = all.filter((x) => q.artistAllowed[x.id]);
      if (S < 2) return allowed.slice(0, k);
      const taken = new Int32Array(S);
      return allowed.filter((x, i) => i < k || (x.seeds!.length > 0 && taken[x.seeds![0]]++ < Math.ceil(k / S)));
    },
  };
}

/** The content source's tracks (its artists are left to the learned score),
 *  as two sources: those by none of the seed artists, and those by one. One
 *  content call per request serves both. */
function contentTracks(ix: RankingIndex, seedArtists: Set<number>): [CandidateSource, CandidateSource] {
  let last: { q: SourceQuery; k: number; parts: [Candidate[], Candidate[]] } | null = null;
  const part = (which: 0 | 1) => (q: SourceQuery, k: number): Candidate[] => {
    if (last?.q !== q || last.k !== k) {
      const parts: [Candidate[], Candidate[]] = [[], []];
      for (const x of ix.content.candidates(q, k)) if (x.kind === 'track') parts[artistsOf(ix.catalog, x.id).some((a) => seedArtists.has(a)) ? 1 : 0].push(x);
      last = { q, k, parts };
    }
    return last.parts[which];
  };
  return [
    { ...ix.content, candidates: part(0) },
    { ...ix.content, candidates: part(1) },
  ];
}
