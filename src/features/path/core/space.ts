// The space a sonic path walks through: a track is the point of its artist in
// the ranking's artist space (taste and genre; unit vectors) joined with its
// own standardized sound (the ranking's track vector over √D, so that a
// typical difference weighs about as much as one between artists). Distances
// are Euclidean; the planner, its reasons and the eval all measure here.
import type { RankingIndex } from '../../recommend/core/types.ts';
import { dot } from '../../../lib/vectors.ts';

/** A point of the space: an artist-space row and a sound row, and the artist row's squared norm. */
export interface Point {
  a: Float32Array;
  s: Float32Array;
  na: number;
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
  const { denseCols, dense, offsets, columns, values } = ix.artistSplit;
  const nd = denseCols.length;
  const scale = 1 / Math.sqrt(Math.max(1, D));
  const artistOf = (t: number) => c.artistIds[c.artistOffsets[t]];
  return {
    ix,
    point(t) {
      const a = A.slice(artistOf(t) * d, artistOf(t) * d + d);
      const s = X.slice(t * D, t * D + D).map((x) => x * scale);
      return { a, s, na: dot(a, 0, a, 0, d) };
    },
    dist2(t, p) {
      // The artist row from its split form (a few dense and sparse terms, not all d).
      const r = artistOf(t);
      let aa = 0;
      let ap = 0;
      for (let i = 0, o = r * nd; i < nd; i++) {
        const v = dense[o + i];
        aa += v * v;
        ap += v * p.a[denseCols[i]];
      }
      for (let j = offsets[r]; j < offsets[r + 1]; j++) {
        aa += values[j] * values[j];
        ap += values[j] * p.a[columns[j]];
      }
      let ss = 0;
      for (let j = 0; j < D; j++) ss += (X[t * D + j] * scale - p.s[j]) ** 2;
      return Math.max(0, aa - 2 * ap + p.na) + ss;
    },
  };
}

/** (1 − f)·p + f·q, block by block. */
export function lerp(p: Point, q: Point, f: number): Point {
  const mix = (x: Float32Array, y: Float32Array) => x.map((v, i) => (1 - f) * v + f * y[i]);
  const a = mix(p.a, q.a);
  return { a, s: mix(p.s, q.s), na: dot(a, 0, a, 0, a.length) };
}
