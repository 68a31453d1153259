// Per-artist feature vectors: what the artist model (and the no-model fallback)
// knows about an artist. One row per individual catalog artist (collaborations
// are split by the catalog's credits), built from that artist's tracks:
// mean and spread of the audio features, a genre profile, popularity,
// explicit share, major-mode share and track count.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { artistsOf, genresOf } from '../../catalog/core/catalog.ts';
import { TRANSFORMED_FEATURES } from '../../../lib/features.ts';

/** A row-major matrix of features with named columns. */
export interface FeatureMatrix {
  /** Rows (artists). */
  n: number;
  /** Columns. */
  dim: number;
  /** Row-major, n x dim. */
  data: Float32Array;
  /** Column names, e.g. "mean energy", "genre: k-pop". */
  names: string[];
  /** Column ranges [start, end) of each block, for block weights. */
  blocks: FeatureBlock[];
  /** Tracks behind each row. */
  trackCount: Int32Array;
}

interface FeatureBlock {
  name: 'audio' | 'genre' | 'meta';
  start: number;
  end: number;
}

/** Per-track transforms that make the skewed features closer to symmetric
 *  (the table's transforms, src/lib/features.ts). */
export const AUDIO_TRANSFORMS = TRANSFORMED_FEATURES.map((t) => ({ column: t.column, label: t.transform.label, f: t.transform.f }));

const META_NAMES = ['mean popularity', 'max popularity', 'explicit share', 'major-mode share', 'log track count'];

/** Feature rows for every individual artist of the catalog (row = artist id). */
export function artistFeatures(c: Catalog): FeatureMatrix {
  const nA = AUDIO_TRANSFORMS.length;
  const nG = c.genres.length;
  const dim = 2 * nA + nG + META_NAMES.length;
  const n = c.artists.length;
  const data = new Float32Array(n * dim);
  const trackCount = new Int32Array(n);
  // Transformed audio values per track, computed once.
  const cols = AUDIO_TRANSFORMS.map(({ column, f }) => {
    const src = c[column] as ArrayLike<number>;
    const out = new Float64Array(c.size);
    for (let t = 0; t < c.size; t++) out[t] = f(src[t]);
    return out;
  });
  const gBase = 2 * nA;
  const mBase = gBase + nG;
  for (let a = 0; a < n; a++) {
    const from = c.artistTrackOffsets[a];
    const to = c.artistTrackOffsets[a + 1];
    const k = to - from;
    trackCount[a] = k;
    if (k === 0) continue;
    const row = a * dim;
    for (let j = 0; j < nA; j++) {
      const col = cols[j];
      let s = 0;
      let s2 = 0;
      for (let i = from; i < to; i++) {
        const v = col[c.artistTracks[i]];
        s += v;
        s2 += v * v;
      }
      const m = s / k;
      data[row + j] = m;
      data[row + nA + j] = Math.sqrt(Math.max(0, s2 / k - m * m));
    }
    let pop = 0;
    let maxPop = 0;
    let explicit = 0;
    let major = 0;
    for (let i = from; i < to; i++) {
      const t = c.artistTracks[i];
      pop += c.popularity[t];
      maxPop = Math.max(maxPop, c.popularity[t]);
      explicit += c.explicit[t];
      major += c.mode[t] === 1 ? 1 : 0;
      // A track in several genres counts once, split evenly among them.
      const gs = genresOf(c, t);
      for (let g = 0; g < gs.length; g++) data[row + gBase + gs[g]] += 1 / gs.length;
    }
    for (let g = 0; g < nG; g++) data[row + gBase + g] /= k;
    data[row + mBase] = pop / k / 100;
    data[row + mBase + 1] = maxPop / 100;
    data[row + mBase + 2] = explicit / k;
    data[row + mBase + 3] = major / k;
    data[row + mBase + 4] = Math.log(k);
  }
  const names = [
    ...AUDIO_TRANSFORMS.map((t) => `mean ${t.label}`),
    ...AUDIO_TRANSFORMS.map((t) => `spread ${t.label}`),
    ...c.genres.map((g) => `genre: ${g}`),
    ...META_NAMES,
  ];
  const blocks: FeatureBlock[] = [
    { name: 'audio', start: 0, end: gBase },
    { name: 'genre', start: gBase, end: mBase },
    { name: 'meta', start: mBase, end: dim },
  ];
  return { n, dim, data, names, blocks, trackCount };
}

/** Per-column centre and scale, fitted on training rows; serializable as is
 *  (plain arrays) so it can be stored with a trained model. */
export interface Standardizer {
  mean: number[];
  /** Per-column divisor: std / block weight (never 0). */
  scale: number[];
}

/** How much each block counts after standardization: a block of d columns is
 *  scaled so its columns' variances sum to its weight (instead of d), so a
 *  114-column genre profile doesn't drown 20 audio columns by sheer count. */
type BlockWeights = Partial<Record<FeatureBlock['name'], number>>;

/** Block weights chosen by measurement on co-listening recall of the plain
 *  (no-model) vectors; see models/README.md. */
const DEFAULT_BLOCK_WEIGHTS: BlockWeights = { audio: 1, genre: 1, meta: 1 };

/** Fits column means and standard deviations on the given rows (default: all
 *  rows with at least one track). */
export function fitStandardizer(f: FeatureMatrix, rows?: ArrayLike<number>, weights: BlockWeights = DEFAULT_BLOCK_WEIGHTS): Standardizer {
  const use = rows ?? Array.from({ length: f.n }, (_, i) => i).filter((i) => f.trackCount[i] > 0);
  const mean = new Float64Array(f.dim);
  const sq = new Float64Array(f.dim);
  for (let r = 0; r < use.length; r++) {
    const o = use[r] * f.dim;
    for (let j = 0; j < f.dim; j++) mean[j] += f.data[o + j];
  }
  for (let j = 0; j < f.dim; j++) mean[j] /= Math.max(1, use.length);
  for (let r = 0; r < use.length; r++) {
    const o = use[r] * f.dim;
    for (let j = 0; j < f.dim; j++) sq[j] += (f.data[o + j] - mean[j]) ** 2;
  }
  const scale = new Array<number>(f.dim).fill(1);
  for (const b of f.blocks) {
    const w = weights[b.name] ?? 1;
    const perColumn = Math.sqrt(w / (b.end - b.start));
    for (let j = b.start; j < b.end; j++) {
      const sd = Math.sqrt(sq[j] / Math.max(1, use.length));
      scale[j] = sd > 1e-9 && perColumn > 0 ? sd / perColumn : sd > 1e-9 ? Infinity : 1;
    }
  }
  return { mean: Array.from(mean), scale };
}

/** (x - mean) / scale for every row; a new matrix. */
export function standardize(f: FeatureMatrix, s: Standardizer): Float32Array {
  const out = new Float32Array(f.n * f.dim);
  for (let i = 0; i < f.n; i++) {
    const o = i * f.dim;
    for (let j = 0; j < f.dim; j++) out[o + j] = (f.data[o + j] - s.mean[j]) / s.scale[j];
  }
  return out;
}

/** Scales each row to unit length in place (a zero row stays zero). */
export function l2NormalizeRows(data: Float32Array, dim: number): Float32Array {
  for (let o = 0; o < data.length; o += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += data[o + j] * data[o + j];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dim; j++) data[o + j] *= inv;
  }
  return data;
}

/** The no-model fallback: standardized features, L2-normalized, ready for
 *  cosine neighbours. Row = artist id. */
export function plainArtistVectors(f: FeatureMatrix, s: Standardizer = fitStandardizer(f)): Float32Array {
  return l2NormalizeRows(standardize(f, s), f.dim);
}

// ---------------------------------------------------------------------------
// Pairs of artists the catalog itself says belong together: positives for the
// contrastive term of the artist model.

/** Distinct unordered pairs (flat [a0, b0, a1, b1, ...], a < b) of artists
 *  credited together on a track, and (with `albums`) of artists whose tracks
 *  share an album title, for albums with at most `maxAlbumArtists` artists
 *  (bigger ones are compilations or generic titles like "Greatest Hits"). */
export function catalogPairs(c: Catalog, opts: { credits?: boolean; albums?: boolean; maxAlbumArtists?: number } = {}): Int32Array {
  const { credits = true, albums = true, maxAlbumArtists = 6 } = opts;
  const out: number[] = [];
  const allPairs = (ids: ArrayLike<number>) => {
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push(ids[i], ids[j]);
  };
  if (credits) {
    for (let t = 0; t < c.size; t++) allPairs(artistsOf(c, t));
  }
  if (albums) {
    const byAlbum = new Map<string, Set<number>>();
    for (let t = 0; t < c.size; t++) {
      const name = c.albumName[t];
      if (!name) continue;
      let s = byAlbum.get(name);
      if (!s) byAlbum.set(name, (s = new Set()));
      for (const a of artistsOf(c, t)) s.add(a);
    }
    for (const s of byAlbum.values()) if (s.size >= 2 && s.size <= maxAlbumArtists) allPairs([...s]);
  }
  return joinPairs(Int32Array.from(out));
}

/** Pair lists joined, each unordered pair once, in first-seen order (flat,
 *  a < b within a pair); pairs of an artist with itself are dropped. */
export function joinPairs(...lists: Int32Array[]): Int32Array {
  let n = 1;
  for (const list of lists) for (const a of list) n = Math.max(n, a + 1);
  const seen = new Set<number>(); // lo * n + hi: exact while n < 9e7
  const out: number[] = [];
  for (const list of lists) {
    for (let i = 0; i + 1 < list.length; i += 2) {
      const lo = Math.min(list[i], list[i + 1]);
      const hi = Math.max(list[i], list[i + 1]);
      if (lo === hi || seen.has(lo * n + hi)) continue;
      seen.add(lo * n + hi);
      out.push(lo, hi);
    }
  }
  return Int32Array.from(out);
}
