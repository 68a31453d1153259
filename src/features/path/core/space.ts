// The space a sonic path walks through: a track is the point of its artist in
// the ranking's artist space (taste and genre; unit vectors) joined with its
// own standardized sound (the ranking's track vector over √D, so that a
// typical difference weighs about as much as one between artists). Distances
// are Euclidean; the planner, its reasons and the eval all measure here.
import type { RankingIndex } from '../../recommend/core/types.ts';
import { dot } from '../../../lib/vectors.ts';

/** A point of the space: an artist-space row and a sound row. */
export interface Point {
  a: Float32Array;
  s: Float32Array;
}

export interface PathSpace {
  ix: RankingIndex;
  /** The point of a track (fresh arrays). */
  point(t: number): Point;
  /** Squared distance from track t to a point. */
  dist2(t: number, p: Point): number;
}

export function pathSpace(ix: RankingIndex): PathSpace {
  const c = ix.catalog;
  const d = ix.artists.dim;
  const D = ix.tracks.dim;
  const A = ix.artists.data;
  const X = ix.tracks.data;
  const scale = 1 / Math.sqrt(Math.max(1, D));
  const artistOf = (t: number) => c.artistIds[c.artistOffsets[t]];
  const norm2 = (v: Float32Array) => dot(v, 0, v, 0, v.length);
  return {
    ix,
    point(t) {
      const a = A.slice(artistOf(t) * d, artistOf(t) * d + d);
      const s = X.slice(t * D, t * D + D).map((x) => x * scale);
      return { a, s };
    },
    dist2(t, p) {
      const r = artistOf(t) * d;
      const ta = dot(A, r, A, r, d) - 2 * dot(A, r, p.a, 0, d) + norm2(p.a);
      let ts = 0;
      for (let j = 0; j < D; j++) ts += (X[t * D + j] * scale - p.s[j]) ** 2;
      return Math.max(0, ta) + ts;
    },
  };
}

/** (1 − f)·p + f·q, block by block. */
export function lerp(p: Point, q: Point, f: number): Point {
  const mix = (x: Float32Array, y: Float32Array) => x.map((v, i) => (1 - f) * v + f * y[i]);
  return { a: mix(p.a, q.a), s: mix(p.s, q.s) };
}
