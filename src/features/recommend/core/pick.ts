// Picking: greedy maximal marginal relevance over the scored candidates, with
// per-artist caps, one version of a song, and a cap on deeper cuts by seed artists.
import { artistsOf, tracksOf } from '../../catalog/core/catalog.ts';
import { dot, dotNonzero, nonzeroCols } from '../../../lib/vectors.ts';
import type { ArtistRec, ScoreParts, TrackRec } from './types.ts';
import { popularityPart, sum, targetCloseness, trackGenre, trackPopularity, type Blend, type ScoreContext, type Scored } from './score.ts';
import { explain } from './explain.ts';

const W_SIM = 1;
/** Full weight when a track sits on every target. */
const W_TARGET = 1;
const W_GENRE = 0.15;
/** Per repeat of an artist, at diversity 1. */
const W_DIV_TRACK = 0.5;
/** Tracks per artist in a list: at most 1 + this × (1 − diversity). */
const MAX_PER_ARTIST_SPREAD = 10;
/** Times the cosine to the most similar artist already listed, at diversity 1. */
const W_DIV_ARTIST = 0.5;
/** The same for a learned score, as a share of the candidate's own score
 *  (chosen on the Discover validation split: 0.5 cost recall@50, 0 spread nothing). */
const W_DIV_LEARNED = 0.15;
/** At most this share of the track list by seed artists (at discovery 0; none at 1). */
const SEED_ARTIST_SHARE = 0.25;
/** Greedy picking looks at this many candidates per place in the list. */
const MMR_POOL = 5;

export function pickTracks(ctx: ScoreContext, blends: Map<number, Blend>, limit: number): TrackRec[] {
  const c = ctx.ix.catalog;
  const scored: Scored[] = [];
  for (const [t, blend] of blends) {
    const g = trackGenre(ctx, t);
    const artists = artistsOf(c, t);
    const parts: ScoreParts = {
      similarity: W_SIM * blend.sim,
      target: W_TARGET * targetCloseness(ctx, t),
      popularity: popularityPart(ctx, trackPopularity(ctx, t, artists)),
      genre: ctx.learned ? 0 : W_GENRE * g.weight,
      diversity: 0,
    };
    const bySeedArtist = artists.some((a) => ctx.seedArtists.has(a));
    scored.push({ id: t, base: sum(parts), parts, blend, artists, genre: g.genre, bySeedArtist, track: t });
  }
  scored.sort((x, y) => y.base - x.base || x.id - y.id);
  const seedCap = Math.round(limit * SEED_ARTIST_SHARE * (1 - Math.min(1, Math.max(0, ctx.steer.discovery))));
  const perArtist = new Map<number, number>();
  // A seed track's other versions (a remaster, a radio edit) are the seed again: never recommended.
  const songsTaken = new Set<number>(ctx.resolved.flatMap((r) => r.tracks.map((t) => ctx.ix.song[t])));
  let fromSeeds = 0;
  const penalty = (x: Scored): number => {
    let most = 0;
    for (const a of x.artists) most = Math.max(most, perArtist.get(a) ?? 0);
    return ctx.steer.diversity * W_DIV_TRACK * most;
  };
  const maxPerArtist = 1 + Math.round((1 - Math.min(1, Math.max(0, ctx.steer.diversity))) * MAX_PER_ARTIST_SPREAD);
  const eligible = (x: Scored) => {
    if (x.bySeedArtist && fromSeeds >= seedCap) return false;
    if (songsTaken.has(ctx.ix.song[x.id])) return false;
    for (const a of x.artists) if ((perArtist.get(a) ?? 0) >= maxPerArtist) return false;
    return true;
  };
  const quota = seedQuota(ctx, limit);
  const picked = greedyPick(scored, limit, penalty, (x) => quota.ok(x) && eligible(x), quota.relax, (x) => {
    quota.took(x);
    songsTaken.add(ctx.ix.song[x.id]);
    for (const a of x.artists) perArtist.set(a, (perArtist.get(a) ?? 0) + 1);
    if (x.bySeedArtist) fromSeeds++;
  });
  return picked.map((x) => ({
    track: x.id,
    score: sum(x.parts),
    parts: x.parts,
    sources: x.blend.sources,
    seeds: x.blend.seeds.map((s) => ctx.seedIndex[s]),
    bySeedArtist: x.bySeedArtist,
    reason: explain(ctx, x, 'track'),
  }));
}

export function pickArtists(ctx: ScoreContext, blends: Map<number, Blend>, limit: number): ArtistRec[] {
  const c = ctx.ix.catalog;
  const scored: Scored[] = [];
  for (const [a, blend] of blends) {
    // The artist's allowed track that fits the steering best stands for them.
    let track = -1;
    let close = -1;
    let genre = { weight: 0, genre: -1 };
    for (const t of tracksOf(c, a)) {
      if (!ctx.trackAllowed[t]) continue;
      const ct = targetCloseness(ctx, t);
      if (ct > close) {
        close = ct;
        track = t;
      }
      const g = trackGenre(ctx, t);
      if (g.weight > genre.weight || genre.genre < 0) genre = g;
    }
    const parts: ScoreParts = {
      similarity: W_SIM * blend.sim,
      target: W_TARGET * Math.max(0, close),
      popularity: popularityPart(ctx, c.artistPopularity[a]),
      genre: ctx.learned ? 0 : W_GENRE * genre.weight,
      diversity: 0,
    };
    scored.push({ id: a, base: sum(parts), parts, blend, artists: [a], genre: genre.genre, bySeedArtist: false, track });
  }
  scored.sort((x, y) => y.base - x.base || x.id - y.id);
  // The pool: the best overall, and with several seeds each seed's best, so
  // that every seed can fill its share.
  const perSeed = new Int32Array(ctx.resolved.length);
  const pool = ctx.resolved.length > 1 ? scored.filter((x, i) => i < MMR_POOL * limit || (x.blend.seeds.length > 0 && perSeed[x.blend.seeds[0]]++ < limit)) : scored.slice(0, MMR_POOL * limit);
  scored.length = 0;
  scored.push(...pool);
  // Max cosine of each candidate to the artists picked so far. Updated only
  // when the greedy scan looks at the candidate (most of the pool never is),
  // with the picks made since it last did: the same maximum, far fewer dots.
  const V = ctx.ix.artists.data;
  const d = ctx.ix.artists.dim;
  const maxSim = new Float32Array(scored.length);
  const seen = new Int32Array(scored.length);
  const picks: { row: number; cols: Int32Array; m: number }[] = [];
  const index = new Map(scored.map((x, i) => [x, i]));
  const simToPicked = (i: number): number => {
    const row = scored[i].id * d;
    for (let p = seen[i]; p < picks.length; p++) {
      // Plain artist rows are mostly zeros: sum over the picked one's nonzeros
      // only (the same value to the bit); a model's dense rows take the plain dot.
      const { row: pr, cols, m } = picks[p];
      maxSim[i] = Math.max(maxSim[i], 2 * m > d ? dot(V, row, V, pr, d) : dotNonzero(V, row, V, pr, d, cols, m));
    }
    seen[i] = picks.length;
    return maxSim[i];
  };
  // A learned relevance falls off fast down the list (odds), so there the
  // penalty is a share of the candidate's own score: diversity reorders
  // neighbours, it does not turn the tail of the list upside down.
  const penalty = (x: Scored): number =>
    ctx.steer.diversity <= 0 ? 0 : (ctx.learned ? Math.max(0, x.base) * W_DIV_LEARNED : W_DIV_ARTIST) * ctx.steer.diversity * Math.max(0, simToPicked(index.get(x)!));
  const quota = seedQuota(ctx, limit);
  const picked = greedyPick(scored, limit, penalty, quota.ok, quota.relax, (x) => {
    quota.took(x);
    if (ctx.steer.diversity <= 0) return;
    const cols = new Int32Array(d);
    picks.push({ row: x.id * d, cols, m: nonzeroCols(V, x.id * d, d, cols) });
  });
  return picked.map((x) => ({
    artist: x.id,
    score: sum(x.parts),
    parts: x.parts,
    sources: x.blend.sources,
    seeds: x.blend.seeds.map((s) => ctx.seedIndex[s]),
    track: x.track,
    reason: explain(ctx, x, 'artist'),
  }));
}

/** Seed balance: with several seeds, each gets a share of the list by its
 *  weight (default 1), whatever its track count; an item counts for the seed
 *  its reason names first. Once no seed within its share has candidates
 *  left, the shares are lifted (relax) and the best of the rest fill up. */
function seedQuota(ctx: ScoreContext, limit: number): { ok: (x: Scored) => boolean; took: (x: Scored) => void; relax: () => boolean } {
  const S = ctx.resolved.length;
  if (S < 2 || !ctx.balance) return { ok: () => true, took: () => {}, relax: () => false };
  const w = ctx.resolved.map((_, s) => Math.max(0, ctx.seedWeights?.[ctx.seedIndex[s]] ?? 1));
  const total = w.reduce((a, b) => a + b, 0) || 1;
  const quota = w.map((x) => Math.ceil((limit * x) / total));
  const taken = new Int32Array(S);
  let relaxed = false;
  return {
    ok: (x) => relaxed || !x.blend.seeds.length || taken[x.blend.seeds[0]] < quota[x.blend.seeds[0]],
    took: (x) => {
      if (x.blend.seeds.length) taken[x.blend.seeds[0]]++;
    },
    relax: () => !relaxed && (relaxed = true),
  };
}

/** Maximal marginal relevance, lazily: candidates are sorted by base score and
 *  penalties are ≥ 0, so a scan stops once no later base can beat the best
 *  penalized score found. Writes the penalty into parts.diversity. When no
 *  candidate is eligible, `relax` may lift a constraint (true) for another try. */
function greedyPick(
  sorted: Scored[],
  limit: number,
  penalty: (x: Scored) => number,
  eligible: (x: Scored) => boolean,
  relax: () => boolean,
  take: (x: Scored) => void,
): Scored[] {
  const out: Scored[] = [];
  const used = new Uint8Array(sorted.length);
  while (out.length < limit) {
    let best = -1;
    let bestScore = -Infinity;
    let bestPenalty = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (used[i]) continue;
      const x = sorted[i];
      if (x.base <= bestScore) break;
      if (!eligible(x)) continue;
      const p = penalty(x);
      if (x.base - p > bestScore) {
        bestScore = x.base - p;
        best = i;
        bestPenalty = p;
      }
    }
    if (best < 0) {
      if (relax()) continue;
      break;
    }
    used[best] = 1;
    const x = sorted[best];
    x.parts.diversity = -bestPenalty;
    take(x);
    out.push(x);
  }
  return out;
}
