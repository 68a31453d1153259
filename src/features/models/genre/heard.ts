// The classifier applied to the catalog the app holds: what the artist page
// shows, and the genres filled in for a catalog loaded without any.
import type * as tfjs from '@tensorflow/tfjs-core';
import { genresOf, type CatalogColumns } from '../../catalog/core/catalog.ts';
import { topK } from '../../../lib/vectors.ts';
import { genreProbs, type GenreClassifier } from './pipeline.ts';
import { twinMemory, type TwinMemory } from './twins.ts';
import { describeArtist, describeShown, shownGenre } from './shown.ts';

type TF = typeof tfjs;

export interface HeardGenres {
  /** One line per given track: "rock 62% · alt-rock 48% (the catalog agrees)" or "no clear genre". */
  tracks: string[];
  /** One line over all of them. */
  artist: string;
}

// Built once per catalog (the whole catalog is the memory in the app: the track's own genres are never used for itself).
const memories = new WeakMap<CatalogColumns, TwinMemory>();

function memoryOf(c: CatalogColumns): TwinMemory {
  let m = memories.get(c);
  if (!m) memories.set(c, (m = twinMemory(c, Int32Array.from({ length: c.size }, (_, t) => t))));
  return m;
}

/**
 * `listed`: whether the catalog's genres are its own (false when the
 * classifier filled them in): only then are they a memory and a comparison.
 */
export function heardGenres(tf: TF, classifier: GenreClassifier, c: CatalogColumns, tracks: number[], listed: boolean): HeardGenres {
  const probs = genreProbs(tf, classifier, c, tracks, listed ? memoryOf(c) : null);
  const classes = classifier.network.classes;
  const k = classes.length;
  const shown = tracks.map((t, i) =>
    shownGenre(probs.subarray(i * k, (i + 1) * k), classes, classifier.thresholds, listed ? Array.from(genresOf(c, t), (g) => c.genres[g]) : []),
  );
  return { tracks: shown.map(describeShown), artist: describeArtist(shown) };
}

/** The network's top genre for every track (a catalog without genres has no memory to draw on). */
export function topGenres(tf: TF, classifier: GenreClassifier, c: CatalogColumns): Uint16Array {
  const all = Int32Array.from({ length: c.size }, (_, t) => t);
  const probs = genreProbs(tf, classifier, c, all, null);
  const k = classifier.network.classes.length;
  const every = new Uint8Array(k).fill(1);
  const out = new Uint16Array(c.size);
  for (let t = 0; t < c.size; t++) out[t] = topK(probs.subarray(t * k, (t + 1) * k), every, 1)[0];
  return out;
}
