// The Discover protocol on Last.fm 2K, shared by `npm run eval -- --only
// discover` and `npm run fit-discover`: the cf section's split (each user with
// ≥ 5 artists keeps a seeded 20% as test) and one community model trained on
// its train part; community users as the app sees them (their plays as a
// taste). The users are then split in two: a seeded 30% are validation users,
// on whom the learned score's weights are fitted and checked, and the other
// 70% are the eval's test users, on whom nothing is fitted. No held-out artist
// is ever seen by the community model, nor a user's tags on them.
import type { Catalog } from '../src/features/catalog/core/catalog.ts';
import type { Lastfm2k } from '../src/features/models/cf/lastfm2k.ts';
import { holdOut, itemCounts, type HoldOut } from '../src/features/models/cf/cf-eval.ts';
import { trainCommunity } from '../src/features/models/cf/community.ts';
import { artistKey } from '../src/lib/keys.ts';
import { rng, shuffle } from '../src/platform/random.ts';
import { prepareCf, type CfModel } from '../src/features/recommend/core/cf-source.ts';
import { tagVectors } from '../src/features/recommend/core/tags.ts';
import { personalize, pick, prepare, type PersonalContext, type PersonalRequest } from '../src/features/recommend/core/personalize.ts';
import { tasteFromArtistPlays } from '../src/features/recommend/core/community-data.ts';
import { fitLogistic, toStored } from '../src/features/recommend/core/fit.ts';
import { NF, type LearnedWeights } from '../src/features/recommend/core/learned.ts';
import type { FeedbackEvent, Taste } from '../src/features/taste/core/feedback.ts';
import type { FeedbackFold } from '../src/features/recommend/core/cf-source.ts';
import { rankMetrics } from '../src/features/models/cf/cf-eval.ts';
import { playMatrix } from '../src/features/models/cf/lastfm2k.ts';
import { artistsOf } from '../src/features/catalog/core/catalog.ts';
import type { RankResult } from '../src/features/recommend/core/types.ts';

/** The cf section's split at this seed (eval/sections/cf.ts). */
const cfSplit = (lf: Lastfm2k, seed: number): HoldOut => holdOut(playMatrix(lf), 0.2, 5, rng(seed + 1));
/** Share of the users with held-out catalog artists that are validation users. */
const VALIDATION_SHARE = 0.3;

/** The community model trained on the split's train part, indexed against the
 *  catalog, with tags that leave out each user's tags on their held-out artists. */
async function communityFor(lf: Lastfm2k, h: HoldOut, c: Catalog): Promise<CfModel> {
  const { model, columns } = await trainCommunity(h.train, lf.artistName);
  // Listeners per model item: the model may keep only some of the matrix's columns.
  const counts = itemCounts(h.train);
  const held = h.test.map((t) => new Set(t));
  const tags = tagVectors(lf, c.artists, (user, item) => held[user].has(item));
  return prepareCf(model, c.artists, { listeners: Float32Array.from(columns, (col) => counts[col]), tags });
}

export interface DiscoverSplit {
  cf: CfModel;
  /** Fitted and checked on. */
  validation: UserCase[];
  /** Scored by the eval; never fitted on. */
  test: UserCase[];
}

/** The protocol at this seed: the community model, validation and test users. */
export async function discoverSplit(lf: Lastfm2k, c: Catalog, seed: number): Promise<DiscoverSplit> {
  const split = cfSplit(lf, seed);
  const cf = await communityFor(lf, split, c);
  const all = userCases(lf, split, c);
  const order = shuffle(Int32Array.from(all.keys()), rng(seed + 4));
  const nVal = Math.round(all.length * VALIDATION_SHARE);
  const byUser = (x: UserCase, y: UserCase) => x.user - y.user;
  return {
    cf,
    validation: Array.from(order.subarray(0, nVal), (i) => all[i]).sort(byUser),
    test: Array.from(order.subarray(nVal), (i) => all[i]).sort(byUser),
  };
}

interface UserCase {
  user: number;
  /** The user's train plays, and as the app's taste. */
  plays: { name: string; plays: number }[];
  taste: Taste;
  /** Held-out artists that are in the catalog (with tracks). */
  truth: Set<number>;
  /** Catalog artists of the train plays. */
  played: Set<number>;
  /** The three most-played train artists in the catalog: the seed users' seeds. */
  top3: number[];
}

/** Every user with held-out artists in the catalog. */
function userCases(lf: Lastfm2k, h: HoldOut, c: Catalog): UserCase[] {
  const { train, test } = h;
  // Matrix column → catalog artist, by name as prepareCf matches (the model may keep only some columns).
  const byKey = new Map<string, number>();
  c.artists.forEach((name, a) => {
    const key = artistKey(name);
    if (key && !byKey.has(key)) byKey.set(key, a);
  });
  const column = Int32Array.from(lf.artistName, (name) => byKey.get(artistKey(name)) ?? -1);
  const inCatalog = (j: number) => {
    const a = column[j];
    return a >= 0 && c.artistTrackOffsets[a + 1] > c.artistTrackOffsets[a] ? a : -1;
  };
  const out: UserCase[] = [];
  for (let u = 0; u < train.nRows; u++) {
    const truth = new Set<number>();
    for (const j of test[u]) if (inCatalog(j) >= 0) truth.add(inCatalog(j));
    if (!truth.size) continue;
    const rows: { name: string; plays: number; a: number }[] = [];
    for (let x = train.offsets[u]; x < train.offsets[u + 1]; x++) rows.push({ name: lf.artistName[train.cols[x]], plays: train.values[x], a: inCatalog(train.cols[x]) });
    const played = new Set(rows.filter((r) => r.a >= 0).map((r) => r.a));
    for (const a of played) truth.delete(a);
    if (!truth.size) continue;
    const top3 = rows.filter((r) => r.a >= 0).sort((x, y) => y.plays - x.plays || x.a - y.a).slice(0, 3).map((r) => r.a);
    out.push({ user: u, plays: rows, taste: tasteFromArtistPlays(rows), truth, played, top3 });
  }
  return out;
}

/** An empty taste: a seed user has no history. */
export const noTaste = (): Taste => tasteFromArtistPlays([]);

/** A request from these seeds, leaving out the user's train artists (known to
 *  the eval, not to a seed user's empty history). */
export const seedRequest = (seeds: number[], played: Set<number>) => ({
  seeds: seeds.map((id) => ({ kind: 'artist' as const, id })),
  exclude: { artists: played },
});

/** One simulated round of feedback on a list's first 10 (issue 17): like the
 *  shown artists that are held out, dislike up to three shown that are not.
 *  Null when nothing held out is left to find. */
export function feedbackRound(c: Catalog, u: UserCase, first: number[]): { shown: number[]; rest: Set<number>; events: FeedbackEvent[] } | null {
  const shown = first.slice(0, 10);
  const rest = new Set([...u.truth].filter((a) => !shown.includes(a)));
  if (!rest.size) return null;
  const hits = shown.filter((a) => u.truth.has(a));
  const misses = shown.filter((a) => !u.truth.has(a)).slice(0, 3);
  const events: FeedbackEvent[] = [...hits.map((a) => [a, 'like'] as const), ...misses.map((a) => [a, 'dislike'] as const)].map(([a, type]) => ({
    id: `${type}${a}`,
    at: 1,
    type,
    target: { kind: 'artist', artist: c.artists[a] },
  }));
  return { shown, rest, events };
}

const artistIds = (r: ReturnType<typeof personalize>): number[] => (r.empty ? [] : r.artists.map((x) => x.artist));

/** The next 10 artists from the user's history after this round of feedback, those shown left out. */
export function nextList(ctx: PersonalContext, u: UserCase, round: NonNullable<ReturnType<typeof feedbackRound>>): number[] {
  return artistIds(personalize(ctx, tasteFromArtistPlays(u.plays, round.events), { seeds: [], exclude: { artists: round.shown }, limit: { artists: 10, tracks: 0 } }));
}

/** The first list (50 artists) from a user's history and its feedback round, for users with one. */
function firstLists(ctx: PersonalContext, cases: UserCase[]) {
  return cases.flatMap((u) => {
    const first = artistIds(personalize(ctx, u.taste, { seeds: [], limit: { artists: 50, tracks: 0 } }));
    const round = feedbackRound(ctx.ix.catalog, u, first);
    return round ? [{ u, first, round }] : [];
  });
}

/** How much a dislike of a never-played artist counts in the fold-in (a like
 *  counts as a played artist): the grid point whose next lists, after one
 *  feedback round, find most on these users; with items 11–20 for reference. */
function fitFeedbackFold(ctx: PersonalContext, cases: UserCase[]): { fold: FeedbackFold; rows: Record<string, number>[]; none: number } {
  const lists = firstLists(ctx, cases);
  const mean = (f: (l: (typeof lists)[number]) => number) => lists.reduce((s, l) => s + f(l), 0) / Math.max(1, lists.length);
  const rows: Record<string, number>[] = [];
  let best = { fold: { like: 1, dislike: 1 }, recall: -1 };
  for (const dislike of DISLIKE_GRID) {
    const weights = { ...ctx.weights!, feedback: { like: 1, dislike } };
    const recall = mean((l) => rankMetrics(nextList({ ...ctx, weights }, l.u, l.round), l.round.rest, 10).recall);
    rows.push({ dislike, recall_at10: Number(recall.toFixed(4)) });
    if (recall > best.recall) best = { fold: weights.feedback, recall };
  }
  return { fold: best.fold, rows, none: Number(mean((l) => rankMetrics(l.first.slice(10, 20), l.round.rest, 10).recall).toFixed(4)) };
}
// The simulated dislikes are artists the listener did not play in the held-out
// part: weaker evidence than a real dislike, which must still move its
// neighbours down, so the grid starts at a quarter.
const DISLIKE_GRID = [0.25, 0.5, 1];

/** The track list's relevance: the held-out artists among the artists of its
 *  tracks (up to 50), over min(50, held out), as artist recall is counted. */
export function trackArtistRecall(c: Catalog, r: RankResult, truth: Set<number>): number {
  if (r.empty) return 0;
  const artists = new Set(r.tracks.slice(0, 50).flatMap((t) => [...artistsOf(c, t.track)]));
  let hits = 0;
  for (const a of artists) if (truth.has(a)) hits++;
  return hits / Math.min(50, truth.size);
}

/** How much content similarity counts in a track's score, next to its
 *  artist's learned score: the grid point whose 50 tracks' artists find most
 *  held-out artists, from the history and from the three top artists as
 *  seeds, on these users. */
function fitTrackSound(ctx: PersonalContext, cases: UserCase[]): { sound: number; rows: Record<string, number>[] } {
  const tracks = { artists: 0, tracks: 50 };
  const requests = cases.flatMap((u) => {
    const history: PersonalRequest = { seeds: [], limit: tracks };
    const out = [{ u, req: history, p: prepare(ctx, u.taste, history) }];
    if (u.top3.length === 3) {
      const req = { ...seedRequest(u.top3, u.played), limit: tracks };
      out.push({ u, req, p: prepare(ctx, noTaste(), req) });
    }
    return out;
  });
  const rows: Record<string, number>[] = [];
  let best = { sound: TRACK_SOUND_GRID[0], recall: -1 };
  for (const sound of TRACK_SOUND_GRID) {
    const weights = { ...ctx.weights!, trackSound: sound };
    let sum = 0;
    for (const { u, req, p } of requests) sum += trackArtistRecall(ctx.ix.catalog, pick({ ...ctx, weights }, p, req), u.truth);
    const recall = sum / Math.max(1, requests.length);
    rows.push({ sound, track_artist_recall_at50: Number(recall.toFixed(4)) });
    if (recall > best.recall) best = { sound, recall };
  }
  return { sound: best.sound, rows };
}
// From none (the tracks of the best-scored artists alone) to the former hand-set half.
const TRACK_SOUND_GRID = [0, 0.01, 0.02, 0.05, 0.1, 0.5];

/** Rows for the fit: per user, the history scenario (no seeds) and the seed
 *  scenario (top three artists as seeds, no history), each whole candidate
 *  pool (what the score has to order) labelled by the held-out artists. */
function fitExamples(ctx: PersonalContext, cases: UserCase[]): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const add = (taste: Taste, seeds: number[], truth: Set<number>, played: Set<number>) => {
    const p = prepare(ctx, taste, seedRequest(seeds, played));
    for (let i = 0; i < p.ids.length; i++) {
      for (let j = 0; j < NF; j++) x.push(p.features[i * NF + j]);
      y.push(truth.has(p.ids[i]) ? 1 : 0);
    }
  };
  for (const u of cases) {
    add(u.taste, [], u.truth, new Set());
    if (u.top3.length === 3) add(noTaste(), u.top3, u.truth, u.played);
  }
  return { x, y };
}

/** The learned score's weights, fitted on half the validation users and
 *  checked on the other half: what `npm run fit-discover` stores (seed 0) and
 *  what the eval uses at each seed. */
export async function fitDiscoverWeights(ctx: Omit<PersonalContext, 'cf'>, ds: DiscoverSplit, seed: number): Promise<LearnedWeights> {
  const cf = ds.cf;
  const half = Math.floor(ds.validation.length / 2);
  const cases = ds.validation.slice(0, half);
  const check = ds.validation.slice(half);
  const ex = fitExamples({ ...ctx, cf }, cases);
  const fit = fitLogistic(ex);
  // Model selection on the other validation users: the blend ships only where
  // its lists beat the community list alone (the same score with only the cf term).
  const both = { history: true, seeds: true };
  const blend = listRecall({ ...ctx, cf }, check, toStored(fit, {}));
  const alone = listRecall({ ...ctx, cf }, check, toStored(fit, {}, both));
  const cfAlone = { history: alone.history >= blend.history, seeds: alone.seeds >= blend.seeds };
  // The feedback fold-in under the chosen weights, on all validation users (one number to pick: less noise).
  const fold = fitFeedbackFold({ ...ctx, cf, weights: toStored(fit, {}, cfAlone) }, ds.validation);
  // The tracks' share of content similarity, under those weights, on all validation users too.
  const sound = fitTrackSound({ ...ctx, cf, weights: toStored(fit, {}, cfAlone, fold.fold) }, ds.validation);
  return toStored(fit, {
    protocol: 'logistic regression (IRLS, ridge 1) on every candidate of half the validation users (30% of the cf split\'s users, never the eval\'s test users); labels: their held-out artists in the catalog; kept only if its lists beat the cf term alone on the other half; the weight of a dislike in the fold-in: the grid point whose next 10 after one feedback round find most on all validation users; the weight of content similarity in a track\'s score: the grid point whose 50 tracks\' artists find most held-out artists (history and seed lists) on all validation users',
    seed,
    community_model: cf.model.kind,
    users: cases.length,
    rows: ex.y.length,
    positives: ex.y.reduce((s, v) => s + v, 0),
    log_loss: Number(fit.logLoss.toFixed(6)),
    check_users: check.length,
    check_recall_10_50_history_blend: Number(blend.history.toFixed(4)),
    check_recall_10_50_history_cf_alone: Number(alone.history.toFixed(4)),
    check_recall_10_50_seeds_blend: Number(blend.seeds.toFixed(4)),
    check_recall_10_50_seeds_cf_alone: Number(alone.seeds.toFixed(4)),
    feedback_grid_recall_at10: fold.rows,
    feedback_recall_at10_none: fold.none,
    track_sound_grid: sound.rows,
    command: 'npm run fit-discover',
  }, cfAlone, fold.fold, sound.sound);
}

/** Mean of recall@10 and recall@50 of the artist lists under these weights,
 *  from each user's history, and from their three top artists as seeds. */
function listRecall(ctx: PersonalContext, cases: UserCase[], weights: LearnedWeights): { history: number; seeds: number } {
  const limit = { artists: 50, tracks: 0 };
  const recall = (u: UserCase, taste: Taste, req: PersonalRequest): number => {
    const r = pick({ ...ctx, weights }, prepare({ ...ctx, weights }, taste, req), req);
    const ids = r.empty ? [] : r.artists.map((x) => x.artist);
    const hits = (k: number) => ids.slice(0, k).filter((a) => u.truth.has(a)).length / Math.min(k, u.truth.size);
    return (hits(10) + hits(50)) / 2;
  };
  let history = 0;
  let seeds = 0;
  let seedUsers = 0;
  for (const u of cases) {
    history += recall(u, u.taste, { seeds: [], limit });
    if (u.top3.length === 3) seedUsers++, (seeds += recall(u, noTaste(), { ...seedRequest(u.top3, u.played), limit }));
  }
  return { history: cases.length ? history / cases.length : 0, seeds: seedUsers ? seeds / seedUsers : 0 };
}
