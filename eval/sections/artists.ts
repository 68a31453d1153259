// Similar artists (issue 3): the seed's autoencoder reproduced, our artist
// model, and plain baselines, judged by Last.fm co-listening and genre.
import type { Catalog } from '../../src/features/catalog/core/catalog.ts';
import { genresOf } from '../../src/features/catalog/core/catalog.ts';
import { rng, shuffle } from '../../src/platform/random.ts';
import { colisteningPairs, listenerCount, matchCatalog, mostSharedListeners, splitUsers, type Lastfm2k, type ArtistMatch } from '../../src/features/models/cf/lastfm2k.ts';
import { topK } from '../../src/features/artists/neighbours.ts';
import { nodeTf } from '../../src/compute/tf-node.ts';
import { loadLastfm2k } from '../../data/load.ts';
import {
  artistFeatures,
  catalogPairs,
  fitStandardizer,
  joinPairs,
  plainArtistVectors,
  SEED_FEATURES,
  seedFeaturesPerArtist,
  seedProtocolFeatures,
  standardize,
} from '../../src/features/models/artist/artist-features.ts';
import { encodeRows, OUR_SEED_PROTOCOL_RECIPE, SEED_RECIPE, seedArchConfig, trainArtistModel, trainAutoencoder } from '../../src/features/models/artist/autoencoder.ts';
import type { EvalContext, EvalSection } from '../context.ts';

export interface Colisten {
  match: ArtistMatch;
  /** Query artists as catalog ids. */
  queries: Int32Array;
  /** Per query: its truth as catalog ids. */
  truth: Int32Array[];
}

/** The co-listening task: queries are matched artists with ≥ minListeners
 *  listeners; each one's truth is the `top` matched artists sharing the most
 *  listeners with it. `useUser` restricts both to a half of the users. */
export function colistenTask(lf: Lastfm2k, c: Catalog, opts: { minListeners?: number; top?: number; useUser?: Uint8Array } = {}): Colisten {
  const { minListeners = 5, top = 10, useUser } = opts;
  const match = matchCatalog(lf, c);
  const q: number[] = [];
  for (let i = 0; i < lf.artistName.length; i++) {
    if (match.toCatalog[i] >= 0 && listenerCount(lf, i, useUser) >= minListeners) q.push(i);
  }
  const truthLf = mostSharedListeners(lf, q, top, (a) => match.toCatalog[a] >= 0, useUser);
  const keep = q.map((_, i) => truthLf[i].length > 0);
  return {
    match,
    queries: Int32Array.from(q.filter((_, i) => keep[i]), (i) => match.toCatalog[i]),
    truth: truthLf.filter((_, i) => keep[i]).map((t) => Int32Array.from(t, (a) => match.toCatalog[a])),
  };
}

/** The honest split for a model that learns from Last.fm: a seeded half A of
 *  the users gives the training pairs (`colisteningPairs`), the other half B
 *  the co-listening truth, so the eval measures generalization, not memory. */
export function splitColisten(lf: Lastfm2k, c: Catalog, seed: number): { task: Colisten; pairsA: Int32Array; usersB: number } {
  const inA = splitUsers(lf.userId.length, rng(seed ^ 0x5eed));
  const inB = inA.map((v) => 1 - v);
  const task = colistenTask(lf, c, { useUser: inB });
  return { task, pairsA: colisteningPairs(lf, task.match.toCatalog, { useUser: inA }), usersB: lf.userId.length - (lf.userId.length >> 1) };
}

/** Mean over queries of the share of its truth among its k nearest artists. */
export function recallAtK(task: Colisten, nearest: (a: number, k: number) => ArrayLike<number>, k = 50): number {
  let sum = 0;
  task.queries.forEach((a, i) => {
    const got = new Set(Array.from(nearest(a, k)));
    let hit = 0;
    for (const t of task.truth[i]) if (got.has(t)) hit++;
    sum += hit / task.truth[i].length;
  });
  return sum / Math.max(1, task.queries.length);
}

/** Cosine neighbours over unit rows, for recallAtK / genreAgreement. */
export const cosineNearest = (vectors: Float32Array, dim: number) => (a: number, k: number) =>
  topK(vectors, dim, a, k).map((n) => n.index);

/** Nearest by popularity (the catalog's per-artist popularity), ties broken
 *  by a seeded random jitter: the k closest values around the query's, found
 *  by walking out from its place in the sorted order. */
export function popularityNearest(c: Catalog, seed: number): (a: number, k: number) => number[] {
  const n = c.artists.length;
  const r = rng(seed);
  const value = Float64Array.from({ length: n }, (_, i) => c.artistPopularity[i] + r() * 1e-3);
  const sorted = Int32Array.from({ length: n }, (_, i) => i).sort((x, y) => value[x] - value[y]);
  const pos = new Int32Array(n);
  sorted.forEach((a, i) => (pos[a] = i));
  return (a, k) => {
    const out: number[] = [];
    let lo = pos[a] - 1;
    let hi = pos[a] + 1;
    while (out.length < k && (lo >= 0 || hi < n)) {
      const dl = lo >= 0 ? value[a] - value[sorted[lo]] : Infinity;
      const dh = hi < n ? value[sorted[hi]] - value[a] : Infinity;
      out.push(dl <= dh ? sorted[lo--] : sorted[hi++]);
    }
    return out;
  };
}

/** The genre with the largest share of an artist's tracks (lowest id on ties). */
export function mainGenres(c: Catalog): Int32Array {
  const main = new Int32Array(c.artists.length).fill(-1);
  const share = new Float64Array(c.genres.length);
  for (let a = 0; a < c.artists.length; a++) {
    share.fill(0);
    for (let i = c.artistTrackOffsets[a]; i < c.artistTrackOffsets[a + 1]; i++) {
      const gs = genresOf(c, c.artistTracks[i]);
      for (const g of gs) share[g] += 1 / gs.length;
    }
    let best = -1;
    for (let g = 0; g < share.length; g++) if (share[g] > 0 && (best < 0 || share[g] > share[best])) best = g;
    main[a] = best;
  }
  return main;
}

/** Over artists with ≥ minTracks tracks (a seeded sample of `sample` of them),
 *  the share of their k nearest whose main genre equals theirs. */
export function genreAgreement(c: Catalog, nearest: (a: number, k: number) => ArrayLike<number>, seed: number, opts: { k?: number; minTracks?: number; sample?: number } = {}): number {
  const { k = 10, minTracks = 3, sample = 2000 } = opts;
  const main = mainGenres(c);
  const pool: number[] = [];
  for (let a = 0; a < c.artists.length; a++) if (c.artistTrackOffsets[a + 1] - c.artistTrackOffsets[a] >= minTracks) pool.push(a);
  const qs = shuffle(pool, rng(seed)).slice(0, sample);
  let agree = 0;
  let total = 0;
  for (const a of qs) {
    for (const b of Array.from(nearest(a, k))) {
      agree += main[b] === main[a] ? 1 : 0;
      total++;
    }
  }
  return agree / Math.max(1, total);
}

/** k artists drawn at random (seeded per query), for the genre floor. */
export function randomNearest(n: number, seed: number): (a: number, k: number) => number[] {
  return (a, k) => {
    const r = rng(seed * 1_000_003 + a);
    const out = new Set<number>();
    while (out.size < Math.min(k, n - 1)) {
      const i = Math.floor(r() * n);
      if (i !== a) out.add(i);
    }
    return [...out];
  };
}

const round = (x: number, d = 4) => Number(x.toFixed(d));

const section: EvalSection = {
  name: 'artists',
  needs: ['spotify', 'lastfm'],
  async run(ctx: EvalContext) {
    const c = ctx.catalog!;
    const tf = await nodeTf();
    const backend = tf.getBackend();

    // 1. The seed's protocol: 7 features averaged per raw artists string.
    const sp = seedProtocolFeatures(c);
    const st7 = fitStandardizer(sp, undefined, { audio: SEED_FEATURES.length });
    const x7 = standardize(sp, st7);
    const seedRun = await trainAutoencoder(tf, seedArchConfig(7), x7, { ...SEED_RECIPE, seed: ctx.seed });
    const oursOn7 = await trainAutoencoder(tf, { inputDim: 7, hidden: [...OUR_SEED_PROTOCOL_RECIPE.hidden], codeDim: 4, activation: 'tanh', codeActivation: 'linear' }, x7, { ...OUR_SEED_PROTOCOL_RECIPE, seed: ctx.seed });
    ctx.table('artists: seed protocol (raw artists strings, 7 features, 4-d code)', [
      { recipe: 'seed: 16-8-4 ReLU, Adam 1e-3, batch 16, 50 epochs', rows: sp.n, mse: round(seedRun.reconstructionMse), train_ms: Math.round(seedRun.ms), backend },
      { recipe: `ours: 64-32-4 tanh, linear code, batch ${OUR_SEED_PROTOCOL_RECIPE.batchSize}, ${OUR_SEED_PROTOCOL_RECIPE.epochs} epochs`, rows: sp.n, mse: round(oursOn7.reconstructionMse), train_ms: Math.round(oursOn7.ms), backend },
    ]);

    // 2. Our artist model on individual artists, trained on catalog pairs plus
    //    co-listening pairs from half A of the Last.fm users (truth: half B);
    //    the same model on catalog pairs alone, to show what listening adds;
    //    the plain features it sees; the seed's encoder on individual artists.
    const lf = loadLastfm2k(ctx.lastfmDir!);
    const { task, pairsA, usersB } = splitColisten(lf, c, ctx.seed);
    const features = artistFeatures(c);
    const catPairs = catalogPairs(c);
    const ours = await trainArtistModel(tf, features, { seed: ctx.seed, pairs: joinPairs(catPairs, pairsA) });
    const oursCatalog = await trainArtistModel(tf, features, { seed: ctx.seed, pairs: catPairs });
    const plain = plainArtistVectors(features, ours.model.standardizer);
    // Our vectors are the code with the plain vector appended (see OUR_RECIPE);
    // the code alone is reported too, so the code's own share is visible.
    const codeOnly = await encodeRows(tf, ours.weights, standardize(features, ours.model.standardizer));
    const s7 = seedFeaturesPerArtist(c);
    const seedCodes = await encodeRows(tf, seedRun.weights, standardize(s7, st7));

    // 3. Co-listening recall@50 against Last.fm 2K (half B of the users).
    const methods: [string, (a: number, k: number) => ArrayLike<number>][] = [
      ['ours', cosineNearest(ours.codes, ours.dim)],
      ['plain', cosineNearest(plain, features.dim)],
      ['seedarch', cosineNearest(seedCodes, 4)],
      ['popularity', popularityNearest(c, ctx.seed)],
      ['ours_code', cosineNearest(codeOnly, ours.weights.config.codeDim)],
      ['ours_catalog_pairs', cosineNearest(oursCatalog.codes, oursCatalog.dim)],
    ];
    const recall: Record<string, number> = {};
    for (const [name, nearest] of methods) recall[name] = recallAtK(task, nearest, 50);
    const genreMethods: [string, (a: number, k: number) => ArrayLike<number>][] = [
      ...methods.slice(0, 3),
      ['random', randomNearest(c.artists.length, ctx.seed)],
    ];
    const agree: Record<string, number> = {};
    for (const [name, nearest] of genreMethods) agree[name] = genreAgreement(c, nearest, ctx.seed);
    ctx.table(
      `artists: neighbours (${task.match.matched} Last.fm artists matched; truth from ${usersB} of ${lf.userId.length} users (half B), ${task.queries.length} queries with ≥ 5 listeners there; ` +
        `ours trained on ${catPairs.length / 2} catalog + ${pairsA.length / 2} half-A co-listening pairs; genre over a seeded 2000 artists with ≥ 3 tracks)`,
      ['ours', 'ours_code', 'ours_catalog_pairs', 'plain', 'seedarch', 'popularity', 'random'].map((m) => ({
        method: m,
        colisten_recall_at50: m in recall ? round(recall[m]) : '',
        genre_agreement_at10: m in agree ? round(agree[m]) : '',
      })),
    );
    ctx.table('artists: training time (full set, same backend)', [
      { model: `ours (${features.n} artists x ${features.dim} features, code ${ours.weights.config.codeDim} + plain = ${ours.dim}, ${ours.epochs} epochs)`, ms: Math.round(ours.ms), final_loss: round(ours.finalLoss), backend },
      { model: `seed recipe (${sp.n} raw strings x 7, 50 epochs, batch 16)`, ms: Math.round(seedRun.ms), final_loss: round(seedRun.finalLoss), backend },
    ]);

    return {
      ae_seed_protocol_mse_seedarch: round(seedRun.reconstructionMse),
      ae_seed_protocol_mse_ours: round(oursOn7.reconstructionMse),
      artist_lastfm_matched: task.match.matched,
      artist_colisten_queries: task.queries.length,
      artist_colisten_recall_at50_ours: round(recall.ours),
      artist_colisten_recall_at50_plain: round(recall.plain),
      artist_colisten_recall_at50_seedarch: round(recall.seedarch),
      artist_colisten_recall_at50_popularity: round(recall.popularity),
      artist_colisten_recall_at50_ours_code: round(recall.ours_code),
      artist_colisten_recall_at50_ours_catalog_pairs: round(recall.ours_catalog_pairs),
      artist_colisten_truth_users: usersB,
      artist_train_pairs_catalog: catPairs.length / 2,
      artist_train_pairs_lastfm_a: pairsA.length / 2,
      artist_genre_agreement_at10_ours: round(agree.ours),
      artist_genre_agreement_at10_plain: round(agree.plain),
      artist_genre_agreement_at10_seedarch: round(agree.seedarch),
      artist_genre_agreement_at10_random: round(agree.random),
      ae_train_ms_ours: Math.round(ours.ms),
      ae_train_ms_seedrecipe: Math.round(seedRun.ms),
      ae_backend: backend,
    };
  },
};
export default section;
