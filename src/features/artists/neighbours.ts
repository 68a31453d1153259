// Nearest artists by cosine similarity: one scan over a Float32Array of
// L2-normalized rows (so cosine = dot product), keeping the best k in a small
// min-heap. No n x n similarity matrix is ever built.
import type { Catalog } from '../catalog/core/catalog.ts';
import { genresOf } from '../catalog/core/catalog.ts';

export interface Neighbour {
  index: number;
  score: number;
}

/** The k rows most similar to row `query` (itself excluded), best first.
 *  `skip(i)` may exclude more rows (e.g. artists without tracks). */
export function topK(vectors: Float32Array, dim: number, query: number, k: number, skip?: (i: number) => boolean): Neighbour[] {
  return topKOf(vectors, dim, vectors.subarray(query * dim, query * dim + dim), k, (i) => i === query || (skip ? skip(i) : false));
}

/** The k rows most similar to a unit vector `q`, best first. Ties go to the
 *  lower row index, so results are deterministic. */
export function topKOf(vectors: Float32Array, dim: number, q: ArrayLike<number>, k: number, skip?: (i: number) => boolean): Neighbour[] {
  const n = Math.floor(vectors.length / dim);
  k = Math.min(k, n);
  if (k <= 0) return [];
  // Min-heap on (score, -index): the root is the worst of the best k so far.
  const hs = new Float64Array(k);
  const hi = new Int32Array(k);
  let size = 0;
  const worse = (a: number, b: number) => hs[a] < hs[b] || (hs[a] === hs[b] && hi[a] > hi[b]);
  const swap = (a: number, b: number) => {
    const s = hs[a];
    hs[a] = hs[b];
    hs[b] = s;
    const t = hi[a];
    hi[a] = hi[b];
    hi[b] = t;
  };
  const down = (p: number) => {
    for (;;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < size && worse(l, m)) m = l;
      if (r < size && worse(r, m)) m = r;
      if (m === p) return;
      swap(p, m);
      p = m;
    }
  };
  for (let i = 0, o = 0; i < n; i++, o += dim) {
    if (skip && skip(i)) continue;
    let s = 0;
    for (let j = 0; j < dim; j++) s += vectors[o + j] * q[j];
    if (size < k) {
      hs[size] = s;
      hi[size] = i;
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
    } else if (s > hs[0]) {
      hs[0] = s;
      hi[0] = i;
      down(0);
    }
  }
  const out: Neighbour[] = [];
  for (let i = 0; i < size; i++) out.push({ index: hi[i], score: hs[i] });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}

// ---------------------------------------------------------------------------
// Why two artists are neighbours, in words for the UI.

export interface ArtistTraits {
  /** Main genres of the artist (share of tracks ≥ 20%, at most 3), by share. */
  genres: string[];
  /** Audio traits in words, e.g. "high energy", "acoustic". */
  traits: string[];
}

/** Audio trait thresholds on an artist's mean value (Spotify's 0..1 scales). */
const TRAIT_RULES: { column: 'energy' | 'danceability' | 'valence' | 'acousticness' | 'instrumentalness' | 'speechiness' | 'liveness'; high?: [number, string]; low?: [number, string] }[] = [
  { column: 'energy', high: [0.75, 'high energy'], low: [0.35, 'calm'] },
  { column: 'danceability', high: [0.7, 'danceable'] },
  { column: 'valence', high: [0.65, 'upbeat'], low: [0.3, 'dark'] },
  { column: 'acousticness', high: [0.6, 'acoustic'] },
  { column: 'instrumentalness', high: [0.5, 'instrumental'] },
  { column: 'speechiness', high: [0.25, 'spoken / rap'] },
  { column: 'liveness', high: [0.5, 'live'] },
];

/** Main genres and audio traits of one artist, from their tracks. */
export function artistTraits(c: Catalog, artist: number): ArtistTraits {
  const from = c.artistTrackOffsets[artist];
  const to = c.artistTrackOffsets[artist + 1];
  const k = to - from;
  if (!k) return { genres: [], traits: [] };
  const share = new Map<number, number>();
  const means: Record<string, number> = {};
  for (const r of TRAIT_RULES) means[r.column] = 0;
  let tempo = 0;
  for (let i = from; i < to; i++) {
    const t = c.artistTracks[i];
    const gs = genresOf(c, t);
    for (const g of gs) share.set(g, (share.get(g) ?? 0) + 1 / gs.length / k);
    for (const r of TRAIT_RULES) means[r.column] += c[r.column][t] / k;
    tempo += c.tempo[t] / k;
  }
  const genres = [...share]
    .filter(([, s]) => s >= 0.2)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([g]) => c.genres[g]);
  const traits: string[] = [];
  for (const r of TRAIT_RULES) {
    if (r.high && means[r.column] >= r.high[0]) traits.push(r.high[1]);
    if (r.low && means[r.column] <= r.low[0]) traits.push(r.low[1]);
  }
  if (tempo >= 135) traits.push('fast');
  return { genres, traits };
}

/** What two artists share: their common main genres and audio traits. */
export function reason(c: Catalog, a: number, b: number): ArtistTraits {
  const ta = artistTraits(c, a);
  const tb = artistTraits(c, b);
  return { genres: ta.genres.filter((g) => tb.genres.includes(g)), traits: ta.traits.filter((t) => tb.traits.includes(t)) };
}

/** A short sentence for the UI, e.g. "Both k-pop; both high energy, danceable". */
export function reasonText(r: ArtistTraits): string {
  const parts: string[] = [];
  if (r.genres.length) parts.push(`both ${r.genres.join(', ')}`);
  if (r.traits.length) parts.push(`both ${r.traits.join(', ')}`);
  if (!parts.length) return 'similar overall sound';
  const s = parts.join('; ');
  return s[0].toUpperCase() + s.slice(1);
}
