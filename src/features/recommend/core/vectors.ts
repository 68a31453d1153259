// The vectors the ranking compares: one per track (its standardized sound) and
// one per artist (where the artist sits among all artists). The ranking takes
// any artist matrix (e.g. the trained artist model's codes, joined with these);
// the plain one here is the no-model stand-in built from the catalog alone.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { genresOf } from '../../catalog/core/catalog.ts';
import { AUDIO_TRANSFORMS, l2NormalizeRows } from '../../models/artist/artist-features.ts';
import { withPlain } from '../../models/artist/autoencoder.ts';
import type { ArtistVectors } from '../../artists/store.ts';

/** Row-major vectors, one row per track or artist. */
export interface Vectors {
  /** Rows. */
  n: number;
  dim: number;
  data: Float32Array;
}

/** Per track: the audio features (skewed ones log/sqrt transformed, as the
 *  artist model does), each standardized to mean 0, sd 1 over the catalog.
 *  Key, mode and time signature are left out: they are categories, not
 *  distances, and the steering handles them as bounds and targets. */
export function trackVectors(c: Catalog): Vectors {
  const dim = AUDIO_TRANSFORMS.length;
  const n = c.size;
  const data = new Float32Array(n * dim);
  for (let j = 0; j < dim; j++) {
    const { column, f } = AUDIO_TRANSFORMS[j];
    const src = c[column] as ArrayLike<number>;
    let s = 0;
    let s2 = 0;
    for (let t = 0; t < n; t++) {
      const v = f(src[t]);
      data[t * dim + j] = v;
      s += v;
      s2 += v * v;
    }
    const mean = s / Math.max(1, n);
    const sd = Math.sqrt(Math.max(0, s2 / Math.max(1, n) - mean * mean)) || 1;
    for (let t = 0; t < n; t++) data[t * dim + j] = (data[t * dim + j] - mean) / sd;
  }
  return { n, dim, data };
}

/** Share of cosine similarity that comes from sound (the rest from genres). */
const AUDIO_SHARE = 0.5;

/** The plain artist vectors: [mean track vector, genre profile], each block
 *  scaled so that for typical artists sound and genre weigh about the same in
 *  the cosine, then the whole row L2-normalized. The genre profile is the share
 *  of the artist's tracks in each genre (a track in k genres counts 1/k each).
 *  An artist whose sound is average leans on genre, which is what we want. */
export function sparseArtistVectors(c: Catalog, tracks: Vectors = trackVectors(c)): Vectors {
  const nA = c.artists.length;
  const da = tracks.dim;
  const nG = c.genres.length;
  const dim = da + nG;
  const data = new Float32Array(nA * dim);
  // A single typical track has audio norm ~sqrt(da); bring it to ~1.
  const wa = Math.sqrt(AUDIO_SHARE / da);
  const wg = Math.sqrt(1 - AUDIO_SHARE);
  for (let a = 0; a < nA; a++) {
    const from = c.artistTrackOffsets[a];
    const to = c.artistTrackOffsets[a + 1];
    if (to === from) continue;
    const row = a * dim;
    for (let i = from; i < to; i++) {
      const t = c.artistTracks[i];
      for (let j = 0; j < da; j++) data[row + j] += tracks.data[t * da + j];
      const gs = genresOf(c, t);
      for (let g = 0; g < gs.length; g++) data[row + da + gs[g]] += 1 / gs.length;
    }
    const k = to - from;
    for (let j = 0; j < da; j++) data[row + j] *= wa / k;
    let g2 = 0;
    for (let g = 0; g < nG; g++) g2 += data[row + da + g] ** 2;
    const gInv = g2 > 0 ? wg / Math.sqrt(g2) : 0;
    for (let g = 0; g < nG; g++) data[row + da + g] *= gInv;
  }
  l2NormalizeRows(data, dim);
  return { n: nA, dim, data };
}


/**
 * The artist vectors the ranking scans. Without a model: none given, so the
 * ranking uses its own plain vectors (sparse genre profile, fast to scan).
 * With a model: the model's code joined with those same plain vectors, as the
 * model's own vector joins its code with its (dense, standardized) inputs —
 * same idea, but a scan reads 64 dense columns plus a few sparse ones instead
 * of 203 dense ones (p95 about 3× lower). `plain`: those vectors when already
 * at hand (the stored ranking base has them).
 */
export function rankingVectors(c: Catalog, v: ArtistVectors, plain?: Vectors): Float32Array | undefined {
  if (v.source !== 'model' || !v.codeDim) return undefined;
  const codes = new Float32Array(c.artists.length * v.codeDim);
  for (let a = 0; a < c.artists.length; a++) codes.set(v.data.subarray(a * v.dim, a * v.dim + v.codeDim), a * v.codeDim);
  plain ??= sparseArtistVectors(c);
  return withPlain(l2NormalizeRows(codes, v.codeDim), v.codeDim, plain.data, plain.dim, 1).vectors;
}
