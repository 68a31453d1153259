// The one genre pipeline, called by the models worker and by the eval: catalog
// tracks → inputs → network → thresholds for what the UI shows, and, at
// prediction time, the network blended with the near-duplicate memory.
import type * as tfjs from '@tensorflow/tfjs-core';
import { genresOf, type CatalogColumns } from '../../catalog/core/catalog.ts';
import { featureNames, scoreGenres, splitByArtist, trackFeatures, trackLabels, type FeatureOptions, type GenreScores } from './genre-data.ts';
import { GENRE_DEFAULTS, predictGenreProbs, trainGenreClassifier, type GenreModel, type GenreTrainOptions } from './genre-classifier.ts';
import { blendTwins, twinMemory, type TwinMemory } from './twins.ts';
import { calibrate, shownStats, type ShowThresholds } from './shown.ts';

type TF = typeof tfjs;

/** Popularity and explicit are catalog columns every catalog has, genres or not, and they carry genre: on
 *  held-out artists (seed 0) top-1 0.171 → 0.242 with them. */
export const GENRE_FEATURES: FeatureOptions = { withPopularity: true };

/** Share of the training artists held out to choose the thresholds (and to report held-out accuracy). */
const VALIDATION_FRACTION = 0.1;

/** What the app stores: the network, its inputs, and the thresholds for showing its labels. */
export interface GenreClassifier {
  kind: 'genre-classifier';
  network: GenreModel;
  features: FeatureOptions;
  thresholds: ShowThresholds;
}

interface TrainedGenres {
  classifier: GenreClassifier;
  /** On the validation artists: the network's scores, and precision / coverage of the shown labels. */
  validation: GenreScores & { shownPrecision: number; shownCoverage: number; tracks: number };
}

interface GenrePipelineOptions {
  seed?: number;
  features?: FeatureOptions;
  /** Network recipe overrides (epochs, batch size, …). */
  recipe?: Partial<typeof GENRE_DEFAULTS>;
  signal?: AbortSignal;
  /** epoch counts from 1 to `epochsOf(recipe)`. */
  onEpoch?: GenreTrainOptions['onEpoch'];
}

/** Number of epochs a run reports progress for (every ensemble member trains the full schedule). */
export function epochsOf(recipe: Partial<typeof GENRE_DEFAULTS> = {}): number {
  const r = { ...GENRE_DEFAULTS, ...recipe };
  return r.epochs * r.ensemble;
}

const listedOf = (c: CatalogColumns, tracks: ArrayLike<number>) => (i: number) => Array.from(genresOf(c, tracks[i]), (g) => c.genres[g]);

/**
 * Trains on the given tracks (those with genres): a seeded tenth of their
 * artists is held out to choose the thresholds, the network trains on the rest.
 */
export async function trainGenrePipeline(tf: TF, c: CatalogColumns, tracks: Int32Array, opts: GenrePipelineOptions = {}): Promise<TrainedGenres> {
  const seed = opts.seed ?? 0;
  const features = opts.features ?? GENRE_FEATURES;
  const { train, test: val } = splitByArtist(c, tracks, seed + 1, VALIDATION_FRACTION);
  const valX = trackFeatures(c, val, features);
  const valY = trackLabels(c, val);
  const network = await trainGenreClassifier(tf, trackFeatures(c, train, features), trackLabels(c, train), {
    ...opts.recipe,
    seed,
    featureNames: featureNames(features),
    validation: opts.onEpoch ? { x: valX, y: valY } : undefined,
    signal: opts.signal,
    onEpoch: opts.onEpoch,
  });
  const classifier: GenreClassifier = { kind: 'genre-classifier', network, features, thresholds: { family: Infinity, genre: Infinity } };
  const probs = genreProbs(tf, classifier, c, val, twinMemory(c, train));
  classifier.thresholds = calibrate(probs, c.genres, listedOf(c, val), val.length);
  const shown = shownStats(probs, c.genres, listedOf(c, val), val.length, classifier.thresholds);
  return {
    classifier,
    validation: { ...scoreGenres(probs, valY), shownPrecision: shown.precision, shownCoverage: shown.coverage, tracks: val.length },
  };
}

/** Class probabilities (rows × classes) for the tracks: the network, with the twins' genres blended in where the memory has any. */
export function genreProbs(tf: TF, classifier: GenreClassifier, c: CatalogColumns, tracks: ArrayLike<number>, memory: TwinMemory | null): Float32Array {
  const probs = predictGenreProbs(tf, classifier.network, trackFeatures(c, tracks, classifier.features));
  // The memory votes in the catalog's genre ids, which index the network's classes only when the lists match.
  const classes = classifier.network.classes;
  if (memory && classes.length === c.genres.length && classes.every((g, i) => g === c.genres[i])) blendTwins(c, memory, tracks, probs);
  return probs;
}

/** Precision and coverage of the shown labels on held-out tracks, for the eval. */
export function shownOn(classifier: GenreClassifier, c: CatalogColumns, tracks: ArrayLike<number>, probs: Float32Array) {
  return shownStats(probs, classifier.network.classes, listedOf(c, tracks), tracks.length, classifier.thresholds);
}
