// Score parts shared by picking and explaining: closeness to the steering
// targets, popularity (or its opposite as discovery rises), genre match.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { genresOf, tracksOf } from '../../catalog/core/catalog.ts';
import { defaultSteering, type CandidateSource, type RankingIndex, type ScoreParts, type SourceSeed, type Steerable, type Steering } from './types.ts';

const W_POP = 0.25;
const DEFAULT_DISCOVERY = defaultSteering().discovery;
/** A value this share of the attribute's span from the target counts 0. */
const TARGET_WIDTH = 0.5;

export interface Blend {
  /** Weighted sum of source scores. */
  sim: number;
  sources: Record<string, number>;
  /** Seeds named by the source that contributed most. */
  seeds: number[];
  lead: CandidateSource;
  /** The lead candidate's own phrase, if it had one. */
  phrase?: (seedNames: string) => string;
  leadShare: number;
}

export interface ScoreContext {
  ix: RankingIndex;
  steer: Steering;
  targets: Steerable[];
  /** Per genre: how much the seeds are in it, 0..1. */
  seedGenre: Float32Array;
  resolved: SourceSeed[];
  seedIndex: number[];
  seedArtists: Set<number>;
  trackAllowed: Uint8Array;
  /** Per request seed, its share of the list (default 1 each). */
  seedWeights?: number[];
  /** The similarity is a learned relevance that already weighs popularity and
   *  genre: the steering's popularity part then counts only as a move of the
   *  discovery slider away from its default, and the genre part not at all. */
  learned: boolean;
  /** Seed quotas apply (RankRequest.balance). */
  balance: boolean;
}

/** Per genre, the most any seed is in it: a genre seed 1, a track seed's
 *  genres 1, an artist seed's genres by share of its tracks (its main genre 1). */
export function seedGenreWeights(c: Catalog, seeds: SourceSeed[]): Float32Array {
  const w = new Float32Array(c.genres.length);
  const share = new Float32Array(c.genres.length);
  for (const s of seeds) {
    for (const g of s.genres) w[g] = 1;
    for (const t of s.tracks) for (const g of genresOf(c, t)) w[g] = 1;
    if (s.tracks.length) continue;
    for (const a of s.artists) {
      share.fill(0);
      for (const t of tracksOf(c, a)) for (const g of genresOf(c, t)) share[g]++;
      let top = 0;
      for (let g = 0; g < share.length; g++) top = Math.max(top, share[g]);
      for (let g = 0; g < share.length; g++) if (top > 0) w[g] = Math.max(w[g], share[g] / top);
    }
  }
  return w;
}

/** 0..1: mean closeness to the targets set (1 = on every target). */
export function targetCloseness(ctx: ScoreContext, t: number): number {
  if (!ctx.targets.length) return 0;
  let sum = 0;
  for (const name of ctx.targets) {
    const st = ctx.ix.attributes[name];
    let dist = Math.abs(st.values[t] - ctx.steer.attributes[name]!.target!);
    if (name === 'key') dist = Math.min(dist, 12 - dist);
    sum += Math.max(0, 1 - dist / (TARGET_WIDTH * st.span));
  }
  return sum / ctx.targets.length;
}

export function popularityPart(ctx: ScoreContext, popularity: number): number {
  const p = popularity / 100;
  const d = Math.min(1, Math.max(0, ctx.steer.discovery));
  if (ctx.learned) return W_POP * (d - DEFAULT_DISCOVERY) * (1 - 2 * p);
  return W_POP * ((1 - d) * p + d * (1 - p));
}

/** How well-known a track is, 0..100: half its song's popularity, half its
 *  best-known artist's, so an obscure re-release of a hit, or a deep cut by a
 *  star, is not taken for a discovery. */
export function trackPopularity(ctx: ScoreContext, t: number, artists: ArrayLike<number>): number {
  let a = 0;
  for (let i = 0; i < artists.length; i++) a = Math.max(a, ctx.ix.catalog.artistPopularity[artists[i]]);
  return (ctx.ix.songPopularity[t] + a) / 2;
}

export function trackGenre(ctx: ScoreContext, t: number): { weight: number; genre: number } {
  let weight = 0;
  let genre = -1;
  for (const g of genresOf(ctx.ix.catalog, t)) {
    if (genre < 0 || ctx.seedGenre[g] > weight) {
      weight = ctx.seedGenre[g];
      genre = g;
    }
  }
  return { weight, genre };
}

export interface Scored {
  id: number;
  base: number;
  parts: ScoreParts;
  blend: Blend;
  /** Tracks: its credited artists; artists: itself. */
  artists: Int32Array | number[];
  genre: number;
  bySeedArtist: boolean;
  track: number;
}

export function sum(p: ScoreParts): number {
  return p.similarity + p.target + p.popularity + p.genre + p.diversity;
}
