// The seed analysis reproduced (issue 3): its 4-d ReLU autoencoder on 7 audio
// features averaged per raw `artists` string, against ours on the same input,
// and the seed's encoder applied to individual artists, judged on Last.fm
// co-listening. Its own section because the seed's recipe (50 epochs of
// batch 16) takes minutes: `npm run eval -- --only artists-seed`.
import type { Catalog, CatalogColumns } from '../../src/features/catalog/core/catalog.ts';
import { artistsOf } from '../../src/features/catalog/core/catalog.ts';
import { nodeTf } from '../../src/compute/tf-node.ts';
import { loadLastfm2k } from '../../data/load.ts';
import { fitStandardizer, standardize, type FeatureMatrix } from '../../src/features/models/artist/artist-features.ts';
import { encodeRows, trainAutoencoder, type ModelConfig } from '../../src/features/models/artist/dense-autoencoder.ts';
import { cosineNearest, genreAgreement, recallAtK, splitColisten } from './artists.ts';
import type { EvalContext, EvalSection } from '../context.ts';

/** The seed's architecture for `inputDim` inputs: 16-8-4-8-16-out, all ReLU. */
export function seedArchConfig(inputDim: number): ModelConfig {
  return { inputDim, hidden: [16, 8], codeDim: 4, activation: 'relu', codeActivation: 'relu' };
}

/** The seed's training recipe: Keras defaults (Adam 1e-3, constant), MSE,
 *  50 epochs, batch 16. */
const SEED_RECIPE = { epochs: 50, batchSize: 16, learningRate: 1e-3, constantRate: true } as const;

/** Ours on the seed's 7-feature input with the same 4-d code: hidden 64-32
 *  tanh, linear code, big batches and a decaying rate, so it is fast.
 *  Measured (seed 0): MSE 0.054 vs 0.068 for a single hidden layer of 64. */
const OUR_SEED_PROTOCOL_RECIPE = { hidden: [64, 32], epochs: 40, batchSize: 512, learningRate: 1e-2 } as const;

/** The 7 features the seed averaged per raw `artists` string. */
const SEED_FEATURES = ['danceability', 'energy', 'valence', 'tempo', 'acousticness', 'instrumentalness', 'liveness'] as const;

/** Tracks grouped by their raw `artists` string, as the seed grouped them (a
 *  collaboration "A;B" is its own row). The string is rebuilt by joining the
 *  track's credited names with ';' in credit order. */
export function rawArtistGroups(c: CatalogColumns): { names: string[]; offsets: Int32Array; tracks: Int32Array } {
  const byName = new Map<string, number>();
  const names: string[] = [];
  const groupOf = new Int32Array(c.size);
  for (let t = 0; t < c.size; t++) {
    const ids = artistsOf(c, t);
    let s = '';
    for (let i = 0; i < ids.length; i++) s += (i ? ';' : '') + c.artists[ids[i]];
    let g = byName.get(s);
    if (g === undefined) {
      g = names.length;
      byName.set(s, g);
      names.push(s);
    }
    groupOf[t] = g;
  }
  const offsets = new Int32Array(names.length + 1);
  for (let t = 0; t < c.size; t++) offsets[groupOf[t] + 1]++;
  for (let g = 0; g < names.length; g++) offsets[g + 1] += offsets[g];
  const fill = offsets.slice(0, names.length);
  const tracks = new Int32Array(c.size);
  for (let t = 0; t < c.size; t++) tracks[fill[groupOf[t]]++] = t;
  return { names, offsets, tracks };
}

/** Means of the seed's 7 raw features over groups of tracks (CSR). */
function seedMeans(c: CatalogColumns, offsets: Int32Array, tracks: Int32Array): FeatureMatrix {
  const n = offsets.length - 1;
  const dim = SEED_FEATURES.length;
  const data = new Float32Array(n * dim);
  const trackCount = new Int32Array(n);
  for (let g = 0; g < n; g++) {
    const k = offsets[g + 1] - offsets[g];
    trackCount[g] = k;
    if (!k) continue;
    SEED_FEATURES.forEach((name, j) => {
      const col = c[name];
      let s = 0;
      for (let i = offsets[g]; i < offsets[g + 1]; i++) s += col[tracks[i]];
      data[g * dim + j] = s / k;
    });
  }
  return { n, dim, data, names: [...SEED_FEATURES], blocks: [{ name: 'audio', start: 0, end: dim }], trackCount };
}

/** The seed's input: 7 features averaged per raw `artists` string. Scale it
 *  with `fitStandardizer(f, undefined, { audio: 7 })` (a plain StandardScaler). */
export function seedProtocolFeatures(c: CatalogColumns): FeatureMatrix & { rowNames: string[] } {
  const g = rawArtistGroups(c);
  return { ...seedMeans(c, g.offsets, g.tracks), rowNames: g.names };
}

/** The seed's 7 features averaged per individual artist: how the seed's
 *  encoder is applied to the artists the app shows. */
function seedFeaturesPerArtist(c: Catalog): FeatureMatrix {
  return seedMeans(c, c.artistTrackOffsets, c.artistTracks);
}


const round = (x: number, d = 4) => Number(x.toFixed(d));

const section: EvalSection = {
  name: 'artists-seed',
  needs: ['spotify', 'lastfm'],
  async run(ctx: EvalContext) {
    const c = ctx.catalog!;
    const tf = await nodeTf();
    const backend = tf.getBackend();
    const sp = seedProtocolFeatures(c);
    const st7 = fitStandardizer(sp, undefined, { audio: SEED_FEATURES.length });
    const x7 = standardize(sp, st7);
    const seedRun = await trainAutoencoder(tf, seedArchConfig(7), x7, { ...SEED_RECIPE, seed: ctx.seed });
    const oursOn7 = await trainAutoencoder(tf, { inputDim: 7, hidden: [...OUR_SEED_PROTOCOL_RECIPE.hidden], codeDim: 4, activation: 'tanh', codeActivation: 'linear' }, x7, { ...OUR_SEED_PROTOCOL_RECIPE, seed: ctx.seed });
    ctx.table('artists-seed: seed protocol (raw artists strings, 7 features, 4-d code)', [
      { recipe: 'seed: 16-8-4 ReLU, Adam 1e-3, batch 16, 50 epochs', rows: sp.n, mse: round(seedRun.reconstructionMse), train_ms: Math.round(seedRun.ms), backend },
      { recipe: `ours: 64-32-4 tanh, linear code, batch ${OUR_SEED_PROTOCOL_RECIPE.batchSize}, ${OUR_SEED_PROTOCOL_RECIPE.epochs} epochs`, rows: sp.n, mse: round(oursOn7.reconstructionMse), train_ms: Math.round(oursOn7.ms), backend },
    ]);
    const { task } = splitColisten(loadLastfm2k(ctx.lastfmDir!), c, ctx.seed);
    const seedCodes = await encodeRows(tf, seedRun.weights, standardize(seedFeaturesPerArtist(c), st7));
    const nearest = cosineNearest(c, seedCodes, 4);
    return {
      ae_seed_protocol_mse_seedarch: round(seedRun.reconstructionMse),
      ae_seed_protocol_mse_ours: round(oursOn7.reconstructionMse),
      artist_colisten_recall_at50_seedarch: round(recallAtK(task, nearest, 50)),
      artist_genre_agreement_at10_seedarch: round(genreAgreement(c, nearest, ctx.seed)),
      ae_train_ms_seedrecipe: Math.round(seedRun.ms),
    };
  },
};
export default section;
