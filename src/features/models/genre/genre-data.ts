// Inputs for the genre models: per-track feature vectors, per-(track, genre)
// rows for scoring, and the seeded splits of the evaluation protocol.
import { artistsOf, genresOf, type CatalogColumns } from '../../catalog/core/catalog.ts';
import { rng, shuffle } from '../../../platform/random.ts';
import { familyOf } from '../../catalog/core/genre-families.ts';
import { topK } from '../../../lib/vectors.ts';

/** A dense row-major matrix. */
export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

/** The genre labels of each sample, in CSR form (a track can carry several). */
export interface LabelSets {
  offsets: Int32Array;
  labels: Uint16Array;
  /** Genre names; a label indexes this. */
  classes: string[];
}

export interface FeatureOptions {
  /** Add popularity and explicit (the audio-only model is the headline one). */
  withPopularity?: boolean;
}

/** Names of the model inputs, in column order. Skewed 0..1 features also come
 *  as logs, because most of their mass sits near 0 (instrumentalness is
 *  below 0.001 for half the tracks) and the log spreads that mass out. Key is
 *  a point on the pitch-class circle (so B sits next to C) plus a flag for
 *  "no key detected". */
export function featureNames(opts: FeatureOptions = {}): string[] {
  const names = [
    'danceability', 'energy', 'loudness', 'speechiness', 'log speechiness', 'acousticness', 'log acousticness',
    'instrumentalness', 'log instrumentalness', 'liveness', 'log liveness', 'valence', 'tempo', 'key sin',
    'key cos', 'no key', 'mode', 'time 3/4', 'time 4/4', 'time 5/4', 'time other', 'log duration',
  ];
  if (opts.withPopularity) names.push('popularity', 'explicit');
  return names;
}

const logOf = (x: number, eps: number): number => Math.log(Math.max(x, 0) + eps);

/** Raw (unstandardized) model inputs for the given tracks. */
export function trackFeatures(c: CatalogColumns, tracks: ArrayLike<number>, opts: FeatureOptions = {}): Matrix {
  const cols = featureNames(opts).length;
  const data = new Float32Array(tracks.length * cols);
  // Written straight into the typed array, column by column of featureNames (no per-track JS array).
  for (let i = 0, o = 0; i < tracks.length; i++, o += cols) {
    const t = tracks[i];
    const k = c.key[t];
    const ts = c.timeSignature[t];
    const angle = (2 * Math.PI * k) / 12;
    data[o] = c.danceability[t];
    data[o + 1] = c.energy[t];
    data[o + 2] = c.loudness[t];
    data[o + 3] = c.speechiness[t];
    data[o + 4] = logOf(c.speechiness[t], 0.01);
    data[o + 5] = c.acousticness[t];
    data[o + 6] = logOf(c.acousticness[t], 1e-3);
    data[o + 7] = c.instrumentalness[t];
    data[o + 8] = logOf(c.instrumentalness[t], 1e-4);
    data[o + 9] = c.liveness[t];
    data[o + 10] = logOf(c.liveness[t], 0.01);
    data[o + 11] = c.valence[t];
    data[o + 12] = c.tempo[t];
    data[o + 13] = k >= 0 ? Math.sin(angle) : 0;
    data[o + 14] = k >= 0 ? Math.cos(angle) : 0;
    data[o + 15] = k >= 0 ? 0 : 1;
    data[o + 16] = c.mode[t];
    data[o + 17] = ts === 3 ? 1 : 0;
    data[o + 18] = ts === 4 ? 1 : 0;
    data[o + 19] = ts === 5 ? 1 : 0;
    data[o + 20] = ts === 3 || ts === 4 || ts === 5 ? 0 : 1;
    data[o + 21] = Math.log(Math.max(c.durationMs[t], 1000));
    if (opts.withPopularity) {
      data[o + 22] = c.popularity[t] / 100;
      data[o + 23] = c.explicit[t];
    }
  }
  return { data, rows: tracks.length, cols };
}

/** The genres of each given track, as label sets over the catalog's genres. */
export function trackLabels(c: CatalogColumns, tracks: ArrayLike<number>): LabelSets {
  const offsets = new Int32Array(tracks.length + 1);
  for (let i = 0; i < tracks.length; i++) offsets[i + 1] = offsets[i] + genresOf(c, tracks[i]).length;
  const labels = new Uint16Array(offsets[tracks.length]);
  for (let i = 0; i < tracks.length; i++) labels.set(genresOf(c, tracks[i]), offsets[i]);
  return { offsets, labels, classes: c.genres };
}

/** Tracks that carry at least one genre (the only ones a genre model can learn from or be scored on). */
export function labelledTracks(c: CatalogColumns): Int32Array {
  const out: number[] = [];
  for (let t = 0; t < c.size; t++) if (c.genreOffsets[t + 1] > c.genreOffsets[t]) out.push(t);
  return Int32Array.from(out);
}

export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Seeded split of items into train and test such that items with the same
 * group key never sit on both sides. Groups are taken in shuffled order into
 * the test half until it holds `testFraction` of the items.
 */
export function splitByGroup(
  items: ArrayLike<number>,
  groupOf: (item: number) => string | number,
  seed: number,
  testFraction = 0.2,
): Split {
  const groups = new Map<string | number, number[]>();
  for (let i = 0; i < items.length; i++) {
    const key = groupOf(items[i]);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(items[i]);
  }
  const order = shuffle([...groups.values()], rng(seed));
  const want = Math.round(items.length * testFraction);
  const train: number[] = [];
  const test: number[] = [];
  for (const list of order) (test.length < want ? test : train).push(...list);
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  return { train: sorted(train), test: sorted(test) };
}

/** 80/20 by track_id: a track never sits in both halves. */
export function splitByTrack(c: CatalogColumns, tracks: ArrayLike<number>, seed: number, testFraction = 0.2): Split {
  return splitByGroup(tracks, (t) => c.trackId[t], seed, testFraction);
}

/** 80/20 grouped by first credited artist: no artist's tracks (as first credit) on both sides. */
export function splitByArtist(c: CatalogColumns, tracks: ArrayLike<number>, seed: number, testFraction = 0.2): Split {
  return splitByGroup(tracks, (t) => artistsOf(c, t)[0] ?? -1, seed, testFraction);
}

/** The given rows of a matrix, in the given order. */
export function selectRows(x: Matrix, rows: ArrayLike<number>): Matrix {
  const data = new Float32Array(rows.length * x.cols);
  for (let i = 0; i < rows.length; i++) data.set(x.data.subarray(rows[i] * x.cols, (rows[i] + 1) * x.cols), i * x.cols);
  return { data, rows: rows.length, cols: x.cols };
}

/** The label sets of the given samples, in the given order. */
export function selectLabels(y: LabelSets, rows: ArrayLike<number>): LabelSets {
  const offsets = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) offsets[i + 1] = offsets[i] + y.offsets[rows[i] + 1] - y.offsets[rows[i]];
  const labels = new Uint16Array(offsets[rows.length]);
  for (let i = 0; i < rows.length; i++) labels.set(y.labels.subarray(y.offsets[rows[i]], y.offsets[rows[i] + 1]), offsets[i]);
  return { offsets, labels, classes: y.classes };
}

/** Per-column mean and standard deviation, fitted on the training half only. */
export interface Scaler {
  mean: number[];
  std: number[];
}

export function fitScaler(x: Matrix): Scaler {
  const mean = new Array<number>(x.cols).fill(0);
  const sq = new Array<number>(x.cols).fill(0);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) mean[j] += x.data[i * x.cols + j];
  }
  for (let j = 0; j < x.cols; j++) mean[j] /= Math.max(x.rows, 1);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) sq[j] += (x.data[i * x.cols + j] - mean[j]) ** 2;
  }
  // A constant column (say, no 5/4 tracks in a small sample) keeps std 1 rather than dividing by 0.
  const std = sq.map((s) => Math.sqrt(s / Math.max(x.rows, 1)) || 1);
  return { mean, std };
}

export function applyScaler(s: Scaler, x: Matrix): Matrix {
  const data = new Float32Array(x.data.length);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) data[i * x.cols + j] = (x.data[i * x.cols + j] - s.mean[j]) / s.std[j];
  }
  return { data, rows: x.rows, cols: x.cols };
}

/** Soft targets: each sample's genres share its probability mass equally, so a
 *  track listed under two genres trains like its two dataset rows would. */
export function softTargets(y: LabelSets, smoothing = 0): Float32Array {
  const n = y.offsets.length - 1;
  const k = y.classes.length;
  const out = new Float32Array(n * k).fill(smoothing / k);
  for (let i = 0; i < n; i++) {
    const a = y.offsets[i];
    const b = y.offsets[i + 1];
    for (let j = a; j < b; j++) out[i * k + y.labels[j]] += (1 - smoothing) / (b - a);
  }
  return out;
}

export interface GenreScores {
  /** Number of scored (track, genre) rows. */
  rows: number;
  top1: number;
  top5: number;
  /** Top-1 counted right when it is any genre the track carries (per row, like the others). */
  anyTop1: number;
  /** Mean over genres of per-genre F1 of the top-1 prediction. */
  macroF1: number;
  /** Top-1 prediction in the same family as the row's genre. */
  familyTop1: number;
  /** [true family, predicted family, rows], most frequent first, only pairs that differ. */
  familyConfusions: [string, string, number][];
}

/**
 * Scores class probabilities (one row of `classes` scores per sample) per
 * (track, genre) row, as the protocol counts the dataset's rows: a track
 * listed under three genres is three rows, each with its own label.
 */
export function scoreGenres(probs: Float32Array, y: LabelSets): GenreScores {
  const n = y.offsets.length - 1;
  const k = y.classes.length;
  const tp = new Float64Array(k);
  const predicted = new Float64Array(k);
  const actual = new Float64Array(k);
  const families = new Map<string, number>();
  const every = new Uint8Array(k).fill(1);
  let rows = 0, top1 = 0, top5 = 0, any = 0, family = 0;
  for (let i = 0; i < n; i++) {
    const best = topK(probs.subarray(i * k, (i + 1) * k), every, 5);
    const p = best[0];
    const mine = y.labels.subarray(y.offsets[i], y.offsets[i + 1]);
    const hitAny = mine.includes(p);
    for (const g of mine) {
      rows++;
      actual[g]++;
      predicted[p]++;
      if (p === g) {
        top1++;
        tp[g]++;
      }
      if (best.includes(g)) top5++;
      if (hitAny) any++;
      const ft = familyOf(y.classes[g]);
      const fp = familyOf(y.classes[p]);
      if (ft === fp) family++;
      else families.set(`${ft}\t${fp}`, (families.get(`${ft}\t${fp}`) ?? 0) + 1);
    }
  }
  let f1Sum = 0, f1Classes = 0;
  for (let g = 0; g < k; g++) {
    if (actual[g] === 0) continue; // a genre absent from this test half has no recall to score
    f1Classes++;
    f1Sum += (2 * tp[g]) / (actual[g] + predicted[g]);
  }
  const familyConfusions = [...families.entries()]
    .map(([key, count]): [string, string, number] => {
      const [a, b] = key.split('\t');
      return [a, b, count];
    })
    .sort((a, b) => b[2] - a[2]);
  const frac = (x: number) => (rows ? x / rows : 0);
  return {
    rows,
    top1: frac(top1),
    top5: frac(top5),
    anyTop1: frac(any),
    macroF1: f1Classes ? f1Sum / f1Classes : 0,
    familyTop1: frac(family),
    familyConfusions,
  };
}
