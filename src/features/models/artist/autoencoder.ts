// The artist model: the dense autoencoder (dense-autoencoder.ts) trained with
// our recipe on per-artist features, and the one training pipeline that the
// models worker and the eval both call. An artist's vector is its code (a
// linear layer, so cosine on codes means something) joined with its plain
// feature vector; similar artists are found from it in artists/core/similar.ts.
import type * as TF from '@tensorflow/tfjs-core';
import type { Catalog } from '../../catalog/core/catalog.ts';
import type { FeatureMatrix, Standardizer } from './artist-features.ts';
import { artistFeatures, catalogPairs, fitStandardizer, joinPairs, l2NormalizeRows, standardize } from './artist-features.ts';
import { trainAutoencoder, type Activation, type ModelConfig, type ModelWeights, type TrainResult } from './dense-autoencoder.ts';
import { colisteningPairs, matchCatalog, type Lastfm2k } from '../cf/lastfm2k.ts';

type Tf = typeof TF;

/** Our recipe, chosen by measurement (see models/README.md): a 64-d code
 *  trained on reconstruction (denoising) plus a strong contrastive term on
 *  pairs of artists that belong together (catalog pairs, and co-listening
 *  pairs where community listening is loaded), in 60 big-batch steps (4 epochs
 *  of 2048); the artist's vector is that code with the plain feature vector
 *  appended at weight 0.6 (`plainWeight`), which beat the code alone, the
 *  plain vector, and weights 0.5–1.4 on co-listening (seeds 0 and 1). */
export const OUR_RECIPE = {
  hidden: [64],
  codeDim: 64,
  activation: 'tanh' as Activation,
  epochs: 4,
  batchSize: 2048,
  learningRate: 1e-2,
  dropout: 0.2,
  contrastWeight: 4,
  temperature: 0.05,
  pairBatch: 512,
  plainWeight: 0.6,
};

/** What is stored (IndexedDB) to reuse a trained artist model. */
export interface ArtistModel {
  weights: ModelWeights;
  standardizer: Standardizer;
  /** Weight of the plain (standardized, L2-normalized) features appended to
   *  the code; 0 or absent: the code alone. */
  plainWeight?: number;
}

/** An artist's vector: its unit code with its unit plain feature vector
 *  appended at weight w, rescaled to unit length, so cosine = code cosine and
 *  plain cosine blended (1 : w²). New arrays; row = artist. */
export function withPlain(codes: Float32Array, codeDim: number, plain: Float32Array, plainDim: number, w: number): { vectors: Float32Array; dim: number } {
  if (!(w > 0)) return { vectors: codes, dim: codeDim };
  const n = codes.length / codeDim;
  const dim = codeDim + plainDim;
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    out.set(codes.subarray(i * codeDim, (i + 1) * codeDim), i * dim);
    for (let j = 0; j < plainDim; j++) out[i * dim + codeDim + j] = w * plain[i * plainDim + j];
  }
  return { vectors: l2NormalizeRows(out, dim), dim };
}

interface TrainArtistsOptions {
  seed: number;
  epochs?: number;
  batchSize?: number;
  /** Community listening (Last.fm 2K), when loaded: artists the same people
   *  play become positives too. `useUser` restricts it to some users (the
   *  eval learns from one half and judges on the other). */
  listening?: Lastfm2k;
  useUser?: Uint8Array;
  signal?: AbortSignal;
  onEpoch?: (epoch: number, loss: number) => void;
}

interface TrainedArtists extends TrainResult {
  model: ArtistModel;
  features: FeatureMatrix;
  /** Positives the contrastive term saw, as counts of pairs. */
  catalogPairs: number;
  listeningPairs: number;
}

/** The artist model's one training pipeline, shared by the models worker and
 *  the eval: per-artist features, positives (artists credited together or on
 *  one album, and, with community listening, played by the same people), the
 *  standardizer, and our recipe (OUR_RECIPE). `codes` are the artists'
 *  vectors (row = artist id, L2-normalized, `dim` wide: code + plain). */
export async function trainArtistModel(tf: Tf, catalog: Catalog, opts: TrainArtistsOptions): Promise<TrainedArtists> {
  const features = artistFeatures(catalog);
  const fromCatalog = catalogPairs(catalog);
  const fromListening = opts.listening ? colisteningPairs(opts.listening, matchCatalog(opts.listening, catalog).toCatalog, { useUser: opts.useUser }) : new Int32Array(0);
  const pairs = joinPairs(fromCatalog, fromListening);
  const standardizer = fitStandardizer(features);
  const x = standardize(features, standardizer);
  const rows = Int32Array.from({ length: features.n }, (_, i) => i).filter((i) => features.trackCount[i] > 0);
  const R = OUR_RECIPE;
  const cfg: ModelConfig = { inputDim: features.dim, hidden: R.hidden, codeDim: R.codeDim, activation: R.activation, codeActivation: 'linear' };
  const result = await trainAutoencoder(tf, cfg, x, {
    epochs: opts.epochs ?? R.epochs,
    batchSize: opts.batchSize ?? R.batchSize,
    seed: opts.seed,
    learningRate: R.learningRate,
    dropout: R.dropout,
    pairs,
    contrastWeight: pairs.length ? R.contrastWeight : 0,
    temperature: R.temperature,
    pairBatch: R.pairBatch,
    rows,
    signal: opts.signal,
    onEpoch: opts.onEpoch,
  });
  const model: ArtistModel = { weights: result.weights, standardizer, plainWeight: R.plainWeight };
  const { vectors, dim } = withPlain(result.codes, result.dim, l2NormalizeRows(x, features.dim), features.dim, R.plainWeight);
  return { ...result, codes: vectors, dim, model, features, catalogPairs: fromCatalog.length / 2, listeningPairs: fromListening.length / 2 };
}
