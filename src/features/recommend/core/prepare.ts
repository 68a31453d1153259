// Preparation, once per catalog: everything a request reuses. The part that
// needs no model (RankingBase) is built at import and stored beside the catalog.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { artistsOf, genresOf, tracksOf } from '../../catalog/core/catalog.ts';
import { songKey } from '../../../lib/keys.ts';
import { dot } from '../../../lib/vectors.ts';
import { l2NormalizeRows } from '../../models/artist/artist-features.ts';
import type { Vectors } from './vectors.ts';
import { sparseArtistVectors, trackVectors } from './vectors.ts';
import { STEERABLE, type AttributeStats, type CandidateSource, type RankingIndex, type Steerable, type SplitRows } from './types.ts';
import { contentSource } from './sources/content.ts';

/** A column set in more than this share of rows goes in the dense block. */
const DENSE_COLUMN = 0.3;

function splitRows(v: Vectors): SplitRows {
  const used = new Int32Array(v.dim);
  for (let i = 0; i < v.data.length; i++) if (v.data[i] !== 0) used[i % v.dim]++;
  const denseCols = Int32Array.from({ length: v.dim }, (_, j) => j).filter((j) => used[j] > DENSE_COLUMN * v.n);
  const isDense = new Uint8Array(v.dim);
  for (const j of denseCols) isDense[j] = 1;
  const nd = denseCols.length;
  const dense = new Float32Array(v.n * nd);
  let nnz = 0;
  for (let j = 0; j < v.dim; j++) if (!isDense[j]) nnz += used[j];
  const offsets = new Int32Array(v.n + 1);
  const columns = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let r = 0; r < v.n; r++) {
    for (let i = 0; i < nd; i++) dense[r * nd + i] = v.data[r * v.dim + denseCols[i]];
    for (let j = 0; j < v.dim; j++) {
      const x = v.data[r * v.dim + j];
      if (x !== 0 && !isDense[j]) {
        columns[k] = j;
        values[k++] = x;
      }
    }
    offsets[r + 1] = k;
  }
  return { denseCols, dense, offsets, columns, values };
}

/** What the ranking needs that depends on the catalog alone (not on a trained
 *  model): built at import by the catalog worker and stored beside the catalog
 *  (typed arrays, which IndexedDB stores as they are), so that a reload reads
 *  it back instead of spending half a second on it before the first list. */
export interface RankingBase {
  tracks: Vectors;
  trackNorm2: Float32Array;
  artistAudio: Float32Array;
  genreAudio: Float32Array;
  /** Each attribute's stats but its values (a copy of the catalog column). */
  stats: Record<Steerable, Omit<AttributeStats, 'values'>>;
  song: Int32Array;
  songPopularity: Uint8Array;
  /** The plain artist vectors (the no-model stand-in), stored as their split
   *  only (the dense matrix is the split put back), with their genre vectors. */
  plain: { dim: number; split: SplitRows; genreArtist: Float32Array };
}

export function rankingBase(c: Catalog): RankingBase {
  const nA = c.artists.length;
  const tracks = trackVectors(c);
  const D = tracks.dim;
  const trackNorm2 = new Float32Array(c.size);
  for (let t = 0; t < c.size; t++) trackNorm2[t] = dot(tracks.data, t * D, tracks.data, t * D, D);

  const artistAudio = new Float32Array(nA * D);
  for (let a = 0; a < nA; a++) {
    const list = tracksOf(c, a);
    for (const t of list) for (let j = 0; j < D; j++) artistAudio[a * D + j] += tracks.data[t * D + j];
    for (let j = 0; j < D; j++) artistAudio[a * D + j] /= Math.max(1, list.length);
  }

  const nG = c.genres.length;
  const genreAudio = new Float32Array(nG * D);
  const genreCount = new Float32Array(nG);
  for (let t = 0; t < c.size; t++) {
    for (const g of genresOf(c, t)) {
      genreCount[g]++;
      for (let j = 0; j < D; j++) genreAudio[g * D + j] += tracks.data[t * D + j];
    }
  }
  for (let g = 0; g < nG; g++) for (let j = 0; j < D; j++) genreAudio[g * D + j] /= Math.max(1, genreCount[g]);

  const stats = {} as RankingBase['stats'];
  // Each steerable attribute is the catalog column of that name.
  for (const name of STEERABLE) stats[name] = attributeStats(c[name] as ArrayLike<number>, c.size, name);
  const plain = sparseArtistVectors(c, tracks);
  return {
    tracks,
    trackNorm2,
    artistAudio,
    genreAudio,
    stats,
    ...songs(c),
    plain: { dim: plain.dim, split: splitRows(plain), genreArtist: genreArtistVectors(c, plain) },
  };
}

/** Per genre: the normalized sum of its tracks' artists' vectors. */
function genreArtistVectors(c: Catalog, artists: Vectors): Float32Array {
  const d = artists.dim;
  const genreArtist = new Float32Array(c.genres.length * d);
  for (let t = 0; t < c.size; t++) {
    for (const g of genresOf(c, t)) for (const a of artistsOf(c, t)) for (let j = 0; j < d; j++) genreArtist[g * d + j] += artists.data[a * d + j];
  }
  return l2NormalizeRows(genreArtist, d);
}

/** The catalog's plain artist vectors, from a ranking base (as sparseArtistVectors gives them). */
export const plainVectors = (c: Catalog, base: RankingBase): Vectors => unsplit(base.plain.split, c.artists.length, base.plain.dim);

/** The dense rows a split was made from. */
function unsplit(s: SplitRows, n: number, dim: number): Vectors {
  const data = new Float32Array(n * dim);
  const nd = s.denseCols.length;
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < nd; i++) data[r * dim + s.denseCols[i]] = s.dense[r * nd + i];
    for (let k = s.offsets[r]; k < s.offsets[r + 1]; k++) data[r * dim + s.columns[k]] = s.values[k];
  }
  return { n, dim, data };
}

/** Precomputes everything a request reuses. `artistVectors`: any row-per-artist
 *  matrix (rows are L2-normalized here; a copy is made); default the plain vectors.
 *  `base`: the catalog's stored RankingBase, when there is one. */
export function prepareRanking(c: Catalog, artistVectors?: Vectors | Float32Array, base: RankingBase = rankingBase(c)): RankingIndex {
  const nA = c.artists.length;
  let artists: Vectors;
  let artistSplit: SplitRows;
  let genreArtist: Float32Array;
  if (!artistVectors) {
    artists = plainVectors(c, base);
    artistSplit = base.plain.split;
    genreArtist = base.plain.genreArtist;
  } else {
    const data = artistVectors instanceof Float32Array ? artistVectors : artistVectors.data;
    const dim = nA > 0 ? data.length / nA : 0;
    if (!Number.isInteger(dim)) throw new Error(`artist vectors: ${data.length} values do not split into ${nA} rows`);
    artists = { n: nA, dim, data: l2NormalizeRows(Float32Array.from(data), dim) };
    artistSplit = splitRows(artists);
    genreArtist = genreArtistVectors(c, artists);
  }
  const attributes = {} as Record<Steerable, AttributeStats>;
  for (const name of STEERABLE) attributes[name] = { values: Float32Array.from(c[name] as ArrayLike<number>), ...base.stats[name] };

  const ix: RankingIndex = {
    catalog: c,
    artistSplit,
    song: base.song,
    songPopularity: base.songPopularity,
    artists,
    tracks: base.tracks,
    trackNorm2: base.trackNorm2,
    artistAudio: base.artistAudio,
    genreArtist,
    genreAudio: base.genreAudio,
    attributes,
    content: null as unknown as CandidateSource,
    scratch: {
      trackAllowed: new Uint8Array(c.size),
      artistAllowed: new Uint8Array(nA),
      artistHasTracks: new Uint8Array(nA),
      artistScore: new Float32Array(nA),
    },
  };
  ix.content = contentSource(ix);
  return ix;
}

function songs(c: Catalog): { song: Int32Array; songPopularity: Uint8Array } {
  const ids = new Map<string, number>();
  const song = new Int32Array(c.size);
  const best: number[] = [];
  for (let t = 0; t < c.size; t++) {
    const key = songKey(c.trackName[t], artistsOf(c, t));
    let id = ids.get(key);
    if (id === undefined) {
      id = best.length;
      ids.set(key, id);
      best.push(0);
    }
    song[t] = id;
    best[id] = Math.max(best[id], c.popularity[t]);
  }
  const songPopularity = new Uint8Array(c.size);
  for (let t = 0; t < c.size; t++) songPopularity[t] = best[song[t]];
  return { song, songPopularity };
}

function attributeStats(src: ArrayLike<number>, n: number, name: Steerable): Omit<AttributeStats, 'values'> {
  const values = new Float32Array(n);
  values.set(src);
  let s = 0;
  let s2 = 0;
  let min = n ? values[0] : 0;
  let max = min;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    s += v;
    s2 += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = s / Math.max(1, n);
  const sd = Math.sqrt(Math.max(0, s2 / Math.max(1, n) - mean * mean)) || 1;
  // Two quantiles by selection, not a full sort (14 sorts of 90k values were a tenth of the preparation).
  const q = (p: number) => (n ? nth(values, Math.min(n - 1, Math.floor(p * n))) : 0);
  // Key is a circle of 12 pitch classes: at most 6 apart.
  const span = name === 'key' ? 6 : Math.max(q(0.98) - q(0.02), 1e-6);
  return { mean, sd, span, min, max };
}

/** The k-th smallest (0-based) of v, as a sort would place it; reorders v. */
function nth(v: Float32Array, k: number): number {
  let lo = 0;
  let hi = v.length - 1;
  while (hi > lo) {
    // Median of three, then a three-way partition (columns such as key and mode are all ties).
    const a = v[lo];
    const b = v[(lo + hi) >> 1];
    const c = v[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const x = v[i];
      if (x < pivot) {
        v[i++] = v[lt];
        v[lt++] = x;
      } else if (x > pivot) {
        v[i] = v[gt];
        v[gt--] = x;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return v[k];
}
