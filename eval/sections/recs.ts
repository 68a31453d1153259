// Recommendation quality on the real catalog, against a popularity-only
// baseline in the same run. Seed sets of 1-5 artists are drawn from one genre
// family at a time (an artist belongs to the family of its main genre, the
// genre most of its tracks carry), as a user who likes one kind of music would.
//  - recs_seed_genre_precision_at20: share of the 20 recommended tracks with a
//    genre among the seeds' genres (every genre any seed artist's track has);
//  - recs_distinct_artists_at20: distinct artists among those 20 (a track's
//    first-credited artist, so the figure runs 1..20).
// The baseline recommends the 20 most popular tracks not by a seed artist.
import type { EvalContext, EvalSection } from '../context.ts';
import type { Catalog } from '../../src/features/catalog/core/catalog.ts';
import { artistsOf, genresOf, tracksOf } from '../../src/features/catalog/core/catalog.ts';
import { familyOf, FAMILY_NAMES } from '../../src/features/catalog/core/genre-families.ts';
import { rng } from '../../src/platform/random.ts';
import { defaultSteering, type RankingIndex, type Steering } from '../../src/features/recommend/core/types.ts';
import { prepareRanking } from '../../src/features/recommend/core/prepare.ts';
import { rank } from '../../src/features/recommend/core/rank.ts';

const SETS_PER_FAMILY = 25;
const K = 20;

/** Per artist, its main genre: the one most of its tracks carry (-1: none). */
function mainGenres(c: Catalog): Int32Array {
  const main = new Int32Array(c.artists.length).fill(-1);
  const count = new Int32Array(c.genres.length);
  for (let a = 0; a < c.artists.length; a++) {
    count.fill(0);
    let best = -1;
    for (const t of tracksOf(c, a)) for (const g of genresOf(c, t)) if (++count[g] > (best < 0 ? 0 : count[best])) best = g;
    main[a] = best;
  }
  return main;
}

/** Seeded seed sets, SETS_PER_FAMILY for each family with at least 5 artists. */
export function familySeedSets(c: Catalog, seed: number): { family: string; artists: number[] }[] {
  const rand = rng(seed);
  const main = mainGenres(c);
  const byFamily = new Map<string, number[]>();
  for (let a = 0; a < c.artists.length; a++) {
    if (main[a] < 0) continue;
    const f = familyOf(c.genres[main[a]]);
    if (!byFamily.has(f)) byFamily.set(f, []);
    byFamily.get(f)!.push(a);
  }
  const sets: { family: string; artists: number[] }[] = [];
  for (const family of FAMILY_NAMES) {
    const pool = byFamily.get(family) ?? [];
    if (pool.length < 5) continue;
    for (let i = 0; i < SETS_PER_FAMILY; i++) {
      const size = 1 + Math.floor(rand() * 5);
      const chosen = new Set<number>();
      while (chosen.size < size) chosen.add(pool[Math.floor(rand() * pool.length)]);
      sets.push({ family, artists: [...chosen] });
    }
  }
  return sets;
}

interface Score {
  precision: number;
  distinct: number;
}

function score(c: Catalog, tracks: number[], seedGenres: Set<number>): Score {
  let hits = 0;
  const artists = new Set<number>();
  for (const t of tracks) {
    if (Array.from(genresOf(c, t)).some((g) => seedGenres.has(g))) hits++;
    artists.add(c.artistIds[c.artistOffsets[t]]);
  }
  return { precision: tracks.length ? hits / tracks.length : 0, distinct: artists.size };
}

/** Most popular tracks first (ties: catalog order), computed once. */
function byPopularity(c: Catalog): Int32Array {
  return Int32Array.from({ length: c.size }, (_, i) => i).sort((x, y) => c.popularity[y] - c.popularity[x] || x - y);
}

function evaluate(ix: RankingIndex, sets: { family: string; artists: number[] }[], steering: Steering, order: Int32Array) {
  const c = ix.catalog;
  const rows = new Map<string, { recs: Score[]; base: Score[] }>();
  for (const set of sets) {
    const seedGenres = new Set<number>();
    for (const a of set.artists) for (const t of tracksOf(c, a)) for (const g of genresOf(c, t)) seedGenres.add(g);
    const r = rank(ix, { seeds: set.artists.map((id) => ({ kind: 'artist' as const, id })), steering, limit: { artists: K, tracks: K } });
    const recs = r.empty ? [] : r.tracks.map((x) => x.track);
    const seedArtists = new Set(set.artists);
    const base: number[] = [];
    for (let i = 0; i < order.length && base.length < K; i++) {
      if (!Array.from(artistsOf(c, order[i])).some((a) => seedArtists.has(a))) base.push(order[i]);
    }
    if (!rows.has(set.family)) rows.set(set.family, { recs: [], base: [] });
    rows.get(set.family)!.recs.push(score(c, recs, seedGenres));
    rows.get(set.family)!.base.push(score(c, base, seedGenres));
  }
  return rows;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const r3 = (x: number) => Number(x.toFixed(3));

const section: EvalSection = {
  name: 'recs',
  needs: ['spotify'],
  async run(ctx: EvalContext) {
    const c = ctx.catalog!;
    const t0 = performance.now();
    const ix = prepareRanking(c);
    const prepareS = (performance.now() - t0) / 1000;
    const sets = familySeedSets(c, ctx.seed);
    const order = byPopularity(c);

    // The plain artist vectors hold a genre profile, so genre precision is
    // partly by construction; the ablation uses sound alone for artists.
    const audioOnly = prepareRanking(c, ix.artistAudio);
    const variants: [string, Steering, RankingIndex][] = [
      ['default', defaultSteering(), ix],
      ['discovery 1', { ...defaultSteering(), discovery: 1 }, ix],
      ['diversity 0', { ...defaultSteering(), diversity: 0 }, ix],
      ['diversity 1', { ...defaultSteering(), diversity: 1 }, ix],
      ['audio vectors', defaultSteering(), audioOnly],
    ];
    const out: Record<string, number | string> = {};
    const summary: Record<string, unknown>[] = [];
    let baseline: { precision: number; distinct: number } | null = null;
    for (const [name, steering, index] of variants) {
      const rows = evaluate(index, sets, steering, order);
      const all = [...rows.values()];
      const recs = all.flatMap((r) => r.recs);
      const base = all.flatMap((r) => r.base);
      baseline ??= { precision: mean(base.map((s) => s.precision)), distinct: mean(base.map((s) => s.distinct)) };
      summary.push({
        ranking: name,
        precision_at20: r3(mean(recs.map((s) => s.precision))),
        distinct_artists_at20: r3(mean(recs.map((s) => s.distinct))),
      });
      if (name === 'default') {
        out.recs_seed_genre_precision_at20 = r3(mean(recs.map((s) => s.precision)));
        out.recs_distinct_artists_at20 = r3(mean(recs.map((s) => s.distinct)));
        ctx.table(
          'recs: per genre family (default steering), vs popularity-only',
          [...rows].map(([family, r]) => ({
            family,
            sets: r.recs.length,
            precision_at20: r3(mean(r.recs.map((s) => s.precision))),
            popularity_precision_at20: r3(mean(r.base.map((s) => s.precision))),
            distinct_artists_at20: r3(mean(r.recs.map((s) => s.distinct))),
          })),
        );
      } else {
        const key = name.replace(' ', '_');
        out[`recs_seed_genre_precision_at20_${key}`] = r3(mean(recs.map((s) => s.precision)));
        out[`recs_distinct_artists_at20_${key}`] = r3(mean(recs.map((s) => s.distinct)));
      }
    }
    summary.push({ ranking: 'popularity only', precision_at20: r3(baseline!.precision), distinct_artists_at20: r3(baseline!.distinct) });
    out.recs_seed_genre_precision_at20_popularity = r3(baseline!.precision);
    out.recs_distinct_artists_at20_popularity = r3(baseline!.distinct);
    out.recs_seed_sets = sets.length;
    out.recs_prepare_s = r3(prepareS);
    ctx.table(`recs: ${sets.length} seed sets of 1-5 artists from one genre family (seed ${ctx.seed})`, summary);
    return out;
  },
};
export default section;
