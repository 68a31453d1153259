// The Discover protocol on Last.fm 2K, shared by `npm run eval -- --only
// discover` and `npm run fit-discover`: the cf section's split (each user with
// ≥ 5 artists keeps a seeded 20% as test), community users as the app sees
// them (their plays as a taste), and the fit of the learned score's weights on
// a validation split carved from the training part only (the same protocol
// again inside train, as the cf section tunes), so no test item is ever seen.
import type { Catalog } from '../src/features/catalog/core/catalog.ts';
import type { Lastfm2k } from '../src/features/models/cf/lastfm2k.ts';
import { holdOut, itemCounts, type HoldOut } from '../src/features/models/cf/cf-eval.ts';
import { trainCommunity } from '../src/features/models/cf/community.ts';
import { artistKey } from '../src/lib/keys.ts';
import { rng, shuffle } from '../src/platform/random.ts';
import { prepareCf, type CfModel } from '../src/features/recommend/core/cf-source.ts';
import { pick, prepare, type PersonalContext, type PersonalRequest } from '../src/features/recommend/core/personalize.ts';
import { tasteFromArtistPlays } from '../src/features/recommend/core/community-data.ts';
import { fitLogistic, toStored } from '../src/features/recommend/core/fit.ts';
import { NF, type LearnedWeights } from '../src/features/recommend/core/learned.ts';
import type { Taste } from '../src/features/taste/core/feedback.ts';
import { playMatrix } from '../src/features/models/cf/lastfm2k.ts';

/** The cf section's split at this seed (eval/sections/cf.ts). */
export const cfSplit = (lf: Lastfm2k, seed: number): HoldOut => holdOut(playMatrix(lf), 0.2, 5, rng(seed + 1));
/** The validation split inside its train part (as the cf section's tuning). */
const validationSplit = (split: HoldOut, seed: number): HoldOut => holdOut(split.train, 0.2, 5, rng(seed + 2));

/** The community model trained on a split's train part, indexed against the catalog. */
export async function communityFor(lf: Lastfm2k, train: HoldOut['train'], c: Catalog): Promise<CfModel> {
  const { model, columns } = await trainCommunity(train, lf.artistName);
  // Listeners per model item: the model may keep only some of the matrix's columns.
  const counts = itemCounts(train);
  return prepareCf(model, c.artists, Float32Array.from(columns, (col) => counts[col]));
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
export function userCases(lf: Lastfm2k, h: HoldOut, c: Catalog): UserCase[] {
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

/** Negatives kept per user and scenario (all positives are kept), and users in the fit. */
const NEGATIVES = 60;
const FIT_USERS = 600;
/** Validation users (not fitted on) that decide between the blend and the cf term alone. */
const CHECK_USERS = 400;

/** Rows for the fit: per user, the history scenario (no seeds) and the seed
 *  scenario (top three artists as seeds, no history), each candidate pool
 *  labelled by the held-out artists. */
function fitExamples(ctx: PersonalContext, cases: UserCase[], seed: number): { x: number[]; y: number[] } {
  const rand = rng(seed + 5);
  const x: number[] = [];
  const y: number[] = [];
  const add = (taste: Taste, seeds: number[], truth: Set<number>, played: Set<number>) => {
    const p = prepare(ctx, taste, seedRequest(seeds, played));
    const neg = shuffle(Int32Array.from(p.ids.keys()).filter((i) => !truth.has(p.ids[i])), rand).subarray(0, NEGATIVES);
    const pos = p.ids.flatMap((a, i) => (truth.has(a) ? [i] : []));
    for (const i of [...pos, ...neg]) {
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

/** The learned score's weights from the validation split inside this seed's
 *  cf train split: what `npm run fit-discover` stores (seed 0) and what the
 *  eval uses at each seed. */
export async function fitDiscoverWeights(lf: Lastfm2k, c: Catalog, ctx: Omit<PersonalContext, 'cf'>, seed: number): Promise<LearnedWeights> {
  const val = validationSplit(cfSplit(lf, seed), seed);
  const cf = await communityFor(lf, val.train, c);
  const all = userCases(lf, val, c);
  const cases = Array.from(shuffle(Int32Array.from(all.keys()), rng(seed + 4)).subarray(0, FIT_USERS)).sort((a, b) => a - b).map((i) => all[i]);
  const ex = fitExamples({ ...ctx, cf }, cases, seed);
  const fit = fitLogistic(ex);
  // Model selection on other validation users: the blend ships only where its
  // lists beat the community list alone (the same score with only the cf term).
  const picked = new Set(cases.map((u) => u.user));
  const check = Array.from(shuffle(Int32Array.from(all.keys()).filter((i) => !picked.has(all[i].user)), rng(seed + 5)).subarray(0, CHECK_USERS)).map((i) => all[i]);
  const both = { history: true, seeds: true };
  const blend = listRecall({ ...ctx, cf }, check, toStored(fit, {}));
  const alone = listRecall({ ...ctx, cf }, check, toStored(fit, {}, both));
  const cfAlone = { history: alone.history >= blend.history, seeds: alone.seeds >= blend.seeds };
  return toStored(fit, {
    protocol: 'logistic regression (IRLS, ridge 1) on the validation split carved from the train part of the cf eval split; labels: held-out artists in the catalog; kept only if its lists beat the cf term alone on other validation users',
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
    command: 'npm run fit-discover',
  }, cfAlone);
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
