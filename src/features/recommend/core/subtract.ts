// "Radiohead minus Coldplay": a seed with a negative weight subtracts. It is
// not a seed; instead its own tracks go, every artist near it that is closer
// to it (times its weight) than to all positive seeds, and, of the positive
// seeds' neighbours (where the lists come from), the half (times its weight,
// at most 90%) most like it. With no positive seed its nearest neighbours (at
// most 2% of the artists per unit of weight) go, and the lists start from the
// history, as with no seeds.
import { dot, topK } from '../../../lib/vectors.ts';
import { tracksOf } from '../../catalog/core/catalog.ts';
import type { RankingIndex, RankRequest, Seed } from './types.ts';

/** Nearest artists of a subtracted seed of weight −1 that may go (scaled by its weight)... */
const NEIGHBOURS = 200;
/** ...and of each positive seed, where the lists come from. */
const POSITIVE_NEIGHBOURS = 300;
/** Share of those that goes per unit of weight (the most like the subtracted seed first), and the most that goes. */
const LEAN_SHARE = 0.5;
const MOST_SHARE = 0.9;

/** The request without its negative seeds, and what they take out added to its exclusions. */
export function subtractSeeds<R extends RankRequest>(ix: RankingIndex, req: R): R {
  const w = req.seedWeights ?? [];
  const negative = (i: number) => (w[i] ?? 1) < 0;
  if (!req.seeds.some((_, i) => negative(i))) return req;
  const c = ix.catalog;
  const { data, dim } = ix.artists;
  const nA = c.artists.length;
  const row = (s: Seed): Float32Array | null => {
    if (s.kind === 'genre') return s.id >= 0 && s.id < c.genres.length ? ix.genreArtist.subarray(s.id * dim, (s.id + 1) * dim) : null;
    const a = s.kind === 'artist' ? s.id : s.id >= 0 && s.id < c.size ? c.artistIds[c.artistOffsets[s.id]] : -1;
    return a >= 0 && a < nA ? data.subarray(a * dim, (a + 1) * dim) : null;
  };
  const positive = req.seeds.filter((_, i) => !negative(i)).flatMap((s) => row(s) ?? []);
  const artists = new Set(req.exclude?.artists ?? []);
  const tracks = new Set(req.exclude?.tracks ?? []);
  const everyone = new Uint8Array(nA).fill(1);
  const sim = new Float32Array(nA);
  const scan = (r: Float32Array) => {
    for (let a = 0; a < nA; a++) sim[a] = dot(data, a * dim, r, 0, dim);
  };
  // A positive seed's own artists never go (that would take their tracks out too).
  const keep = new Set(req.seeds.flatMap((s, i) => (negative(i) ? [] : s.kind === 'artist' ? [s.id] : s.kind === 'track' && s.id >= 0 && s.id < c.size ? Array.from(c.artistIds.subarray(c.artistOffsets[s.id], c.artistOffsets[s.id + 1])) : [])));
  const out = (a: number) => !keep.has(a) && artists.add(a);
  const near = new Set<number>();
  for (const p of positive) {
    scan(p);
    for (const a of topK(sim, everyone, POSITIVE_NEIGHBOURS)) if (!keep.has(a)) near.add(a);
  }
  req.seeds.forEach((s, i) => {
    if (!negative(i)) return;
    const weight = -w[i];
    if (s.kind === 'track') tracks.add(s.id);
    if (s.kind === 'artist') for (const t of tracksOf(c, s.id)) tracks.add(t);
    const r = row(s);
    if (!r) return;
    scan(r);
    const k = positive.length ? NEIGHBOURS : Math.min(NEIGHBOURS, Math.ceil(nA / 50));
    for (const a of topK(sim, everyone, Math.round(k * weight))) {
      let closest = -Infinity;
      for (const p of positive) closest = Math.max(closest, dot(data, a * dim, p, 0, dim));
      if (weight * sim[a] > closest) out(a);
    }
    const likeIt = [...near].sort((x, y) => sim[y] - sim[x] || x - y);
    for (const a of likeIt.slice(0, Math.round(Math.min(MOST_SHARE, LEAN_SHARE * weight) * likeIt.length))) out(a);
  });
  return { ...req, seeds: req.seeds.filter((_, i) => !negative(i)), seedWeights: req.seeds.flatMap((_, i) => (negative(i) ? [] : [w[i] ?? 1])), exclude: { artists, tracks } };
}
