// The content source: artist vectors for artists, artist + sound for tracks.
import { tracksOf } from '../../../catalog/core/catalog.ts';
import { dot, topK } from '../../../../lib/vectors.ts';
import { l2NormalizeRows } from '../../../models/artist/artist-features.ts';
import { arena, kernels, type Kernels } from '../../../../lib/simd.ts';
import type { Candidate, CandidateSource, RankingIndex, SourceQuery, SourceSeed } from '../types.ts';

/** Content similarity to several seeds: this much of the best seed, the rest the mean. */
const MAX_SHARE = 0.7;
/** Content track similarity: this much from the track's artists, the rest from its sound. */
const ARTIST_SHARE = 0.6;
/** Closest artists whose tracks the content source scores (it stops earlier
 *  once it has enough tracks). */
const ARTIST_POOL = 2000;
/** A second seed is named in the reason when this close to the best one. */
const SECOND_SEED_MARGIN = 0.05;

export function contentSource(ix: RankingIndex): CandidateSource {
  return {
    name: 'content',
    phrase: (names) => `close to ${names}`,
    candidates: (q, k) => contentCandidates(ix, q, k),
  };
}

// Per index, per-seed cosine to every artist, kept for the last few seeds: a
// slider change or one added seed then costs no (or one) scan of the artist matrix.
const caches = new WeakMap<RankingIndex, Map<string, Float32Array>>();

/** Per seed, every artist's cosine to it; and their combination (mostly the
 *  best seed, partly the mean), ≥ 0, written into `out`. */
export function contentSims(ix: RankingIndex, seeds: SourceSeed[], out: Float32Array): Float32Array[] {
  let cache = caches.get(ix);
  if (!cache) caches.set(ix, (cache = new Map()));
  const A = seedArtistSims(ix, seeds, cache);
  const S = seeds.length;
  if (S === 0) return (out.fill(0), A);
  // The best and the sum in the same order as a loop over the seeds; up to
  // four seeds unrolled (a loop over an array of arrays per artist is slow).
  const n = out.length;
  if (S > 4) {
    for (let a = 0; a < n; a++) {
      let best = -1;
      let sum = 0;
      for (let s = 0; s < S; s++) {
        const v = A[s][a];
        if (v > best) best = v;
        sum += v;
      }
      out[a] = Math.max(0, MAX_SHARE * best + ((1 - MAX_SHARE) * sum) / S);
    }
    return A;
  }
  const [A0, A1, A2, A3] = [A[0], A[Math.min(1, S - 1)], A[Math.min(2, S - 1)], A[Math.min(3, S - 1)]];
  for (let a = 0; a < n; a++) {
    let v = A0[a];
    let best = v > -1 ? v : -1;
    let sum = 0 + v;
    if (S > 1) {
      v = A1[a];
      if (v > best) best = v;
      sum += v;
    }
    if (S > 2) {
      v = A2[a];
      if (v > best) best = v;
      sum += v;
    }
    if (S > 3) {
      v = A3[a];
      if (v > best) best = v;
      sum += v;
    }
    out[a] = Math.max(0, MAX_SHARE * best + ((1 - MAX_SHARE) * sum) / S);
  }
  return A;
}

/** Seeds whose artist similarities are kept (30k artists: 120 KB each). */
const SEED_CACHE_SIZE = 32;

/** Per seed, the cosine of every artist to the seed's point: from the cache,
 *  or computed by one scan of the artist matrix per uncached seed. */
function seedArtistSims(ix: RankingIndex, seeds: SourceSeed[], cache: Map<string, Float32Array>): Float32Array[] {
  const d = ix.artists.dim;
  const V = ix.artists.data;
  const n = ix.artists.n;
  const out: Float32Array[] = new Array(seeds.length);
  const missing: number[] = [];
  seeds.forEach((seed, s) => {
    const key = `${seed.seed.kind}:${seed.seed.id}`;
    const hit = cache.get(key);
    if (!hit) return missing.push(s);
    cache.delete(key); // re-insert: most recently used last
    cache.set(key, hit);
    out[s] = hit;
  });
  if (!missing.length) return out;
  const points = new Float32Array(missing.length * d);
  missing.forEach((s, i) => {
    for (const a of seeds[s].artists) addRow(points, i * d, V, a * d, d, 1);
    for (const g of seeds[s].genres) addRow(points, i * d, ix.genreArtist, g * d, d, 1);
  });
  l2NormalizeRows(points, d);
  const sims = artistDotsMany(ix, points, missing.length);
  missing.forEach((s, i) => {
    out[s] = sims[i];
    cache.set(`${seeds[s].seed.kind}:${seeds[s].seed.id}`, sims[i]);
    if (cache.size > SEED_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  });
  return out;
}

/** Every artist's dot product with one point of the artist space (a row of
 *  ix.artists.dim values), written into `out`: the dense block, then the few
 *  sparse terms of each row. */
export function artistDots(ix: RankingIndex, point: Float32Array, out: Float32Array): Float32Array {
  artistDotsMany(ix, point, 1, [out]);
  return out;
}

/** Points per call of the dots kernel. */
const POINTS = 8;

interface ArtistRows {
  dots: Kernels['dots'];
  /** Byte offsets in the kernel's memory: dense block, points' dense parts
   *  (f64), sums (f32), row offsets, columns and values, points (f32). */
  at: number[];
  q: Float64Array;
  sums: Float32Array;
  points: Float32Array;
}
const artistRows = new WeakMap<RankingIndex, ArtistRows>();

/** The index's artist rows (dense block and sparse terms) copied once into a kernel memory, with room for POINTS points. */
function artistRowsOf(ix: RankingIndex): ArtistRows {
  let k = artistRows.get(ix);
  if (!k) {
    const n = ix.artists.n;
    const { dense, denseCols, offsets, columns, values } = ix.artistSplit;
    const nd = denseCols.length;
    const mem = arena([{ f32: n * nd }, { f64: POINTS * nd }, { f32: POINTS * n }, { i32: n + 1 }, { i32: columns.length }, { f32: values.length }, { f32: POINTS * ix.artists.dim }]);
    mem.f32[0].set(dense);
    mem.i32[3].set(offsets);
    mem.i32[4].set(columns);
    mem.f32[5].set(values);
    k = { dots: kernels(mem.mem).dots, at: mem.at, q: mem.f64[1], sums: mem.f32[2], points: mem.f32[6] };
    artistRows.set(ix, k);
  }
  return k;
}

/** The same for m points at once (row-major in `points`), in the SIMD kernel
 *  (dense block and sparse terms, the same values as dot() and a loop). */
function artistDotsMany(ix: RankingIndex, points: Float32Array, m: number, outs: Float32Array[] = Array.from({ length: m }, () => new Float32Array(ix.artists.n))): Float32Array[] {
  const d = ix.artists.dim;
  const n = ix.artists.n;
  const { denseCols } = ix.artistSplit;
  const nd = denseCols.length;
  const k = artistRowsOf(ix);
  const [dn, qp, out, offs, cols, vals, pts] = k.at;
  for (let i0 = 0; i0 < m; i0 += POINTS) {
    const count = Math.min(POINTS, m - i0);
    for (let i = 0; i < count; i++) for (let c = 0; c < nd; c++) k.q[i * nd + c] = points[(i0 + i) * d + denseCols[c]];
    k.points.set(points.subarray(i0 * d, (i0 + count) * d));
    k.dots(dn, nd, n, qp, count, out, offs, cols, vals, pts, d);
    for (let i = 0; i < count; i++) outs[i0 + i].set(k.sums.subarray(i * n, (i + 1) * n));
  }
  return outs;
}

function contentCandidates(ix: RankingIndex, q: SourceQuery, k: number): Candidate[] {
  const c = ix.catalog;
  const S = q.seeds.length;
  const D = ix.tracks.dim;
  const X = ix.tracks.data;
  // Each seed is a point among artists (cosines cached) and a sound profile among tracks.
  const artistScore = ix.scratch.artistScore;
  const A = contentSims(ix, q.seeds, artistScore);
  const profiles = new Float32Array(S * D);
  const profileNorm2 = new Float32Array(S);
  for (let s = 0; s < S; s++) {
    const seed = q.seeds[s];
    if (seed.tracks.length) for (const t of seed.tracks) addRow(profiles, s * D, X, t * D, D, 1 / seed.tracks.length);
    else if (seed.artists.length) for (const a of seed.artists) addRow(profiles, s * D, ix.artistAudio, a * D, D, 1 / seed.artists.length);
    else for (const g of seed.genres) addRow(profiles, s * D, ix.genreAudio, g * D, D, 1 / seed.genres.length);
    profileNorm2[s] = dot(profiles, s * D, profiles, s * D, D);
  }


  // The closest artists with allowed tracks, once for both lists below: the
  // artists allowed as candidates are those, less the few seed and hidden ones.
  const { artistAllowed, artistHasTracks } = q;
  let left = 0;
  let subset = true;
  for (let a = 0; a < artistHasTracks.length; a++) {
    if (artistHasTracks[a] && !artistAllowed[a]) left++;
    else if (artistAllowed[a] && !artistHasTracks[a]) subset = false;
  }
  const closest = subset && left <= k ? topK(artistScore, artistHasTracks, k + left) : null;
  const candidates = closest ? closest.filter((a) => artistAllowed[a]).slice(0, k) : topK(artistScore, artistAllowed, k);
  const out: Candidate[] = [];
  for (const a of candidates) {
    out.push({ kind: 'artist', id: a, score: artistScore[a], seeds: closeSeeds(A.map((As) => As[a])) });
  }

  // Tracks come from the closest artists that have allowed tracks (seed
  // artists included, for their deeper cuts), walked best first until k
  // tracks and k/2 artists besides the seeds are in hand. Scoring every track
  // of the catalog would cost a scan per seed for tracks that, their artist
  // being far, cannot make the list.
  const { artistOffsets, artistIds } = c;
  // The walk rarely goes past the closest k artists, so those come first and
  // the whole pool (whose first k they are) only when it does: a top-k of
  // 2,000 costs more than the scan that scored the artists.
  let pool = closest ? closest.slice(0, Math.min(k, ARTIST_POOL)) : topK(artistScore, artistHasTracks, Math.min(k, ARTIST_POOL));
  const seen = new Set<number>();
  const tracks: { t: number; score: number; seeds: number[] }[] = [];
  const seedArtists = new Set(q.seeds.flatMap((x) => x.artists));
  // A track's similarity to seed s: its closest artist's, and its sound's.
  const perSeed = (t: number, s: number): number => {
    let as = -1;
    for (let j = artistOffsets[t]; j < artistOffsets[t + 1]; j++) as = Math.max(as, A[s][artistIds[j]]);
    const dist2 = Math.max(0, ix.trackNorm2[t] - 2 * dot(X, t * D, profiles, s * D, D) + profileNorm2[s]);
    return ARTIST_SHARE * as + (1 - ARTIST_SHARE) / (1 + dist2 / D);
  };
  const sims = new Float64Array(S);
  let others = 0;
  for (let i = 0; i < pool.length; i++) {
    // Enough tracks, from enough other artists that a diverse list can be made.
    if (tracks.length >= k && others >= k / 2) break;
    if (i === k - 1 && pool.length === k && k < ARTIST_POOL) pool = topK(artistScore, artistHasTracks, ARTIST_POOL);
    const a = pool[i];
    if (!seedArtists.has(a)) others++;
    for (const t of tracksOf(c, a)) {
      if (!q.trackAllowed[t] || seen.has(t)) continue;
      seen.add(t);
      let best = -1;
      let sum = 0;
      for (let s = 0; s < S; s++) {
        const v = (sims[s] = perSeed(t, s));
        best = Math.max(best, v);
        sum += v;
      }
      tracks.push({ t, score: Math.max(0, MAX_SHARE * best + ((1 - MAX_SHARE) * sum) / S), seeds: closeSeeds(sims) });
    }
  }
  // Best first, at most k/20 per artist (a seed artist's many tracks would
  // otherwise fill the list), up to k.
  tracks.sort((x, y) => y.score - x.score || x.t - y.t);
  const perArtist = new Map<number, number>();
  const cap = Math.max(1, Math.floor(k / 20));
  let taken = 0;
  for (const x of tracks) {
    if (taken >= k) break;
    const first = c.artistIds[artistOffsets[x.t]];
    const n = perArtist.get(first) ?? 0;
    if (n >= cap) continue;
    perArtist.set(first, n + 1);
    out.push({ kind: 'track', id: x.t, score: x.score, seeds: x.seeds });
    taken++;
  }
  return out;
}

/** The best seed, and the second when nearly as close. */
function closeSeeds(sim: ArrayLike<number>): number[] {
  let b1 = -1;
  let b2 = -1;
  let v1 = -Infinity;
  let v2 = -Infinity;
  for (let s = 0; s < sim.length; s++) {
    const v = sim[s];
    if (v > v1) {
      b2 = b1;
      v2 = v1;
      b1 = s;
      v1 = v;
    } else if (v > v2) {
      b2 = s;
      v2 = v;
    }
  }
  if (b1 < 0) return [];
  return b2 >= 0 && v2 >= v1 - SECOND_SEED_MARGIN ? [b1, b2] : [b1];
}

function addRow(out: Float32Array, oo: number, src: Float32Array, so: number, n: number, w: number): void {
  for (let j = 0; j < n; j++) out[oo + j] += w * src[so + j];
}
