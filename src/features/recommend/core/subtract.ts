// "Radiohead minus Coldplay": a seed with a negative weight subtracts. It is
// not a seed; instead its own tracks, and the artists among its nearest
// neighbours that sit closer to it (times its weight) than to every positive
// seed, are left out of the lists. With no positive seed its nearest
// neighbours (at most 2% of the artists per unit of weight) go, and the lists
// start from the history, as with no seeds.
import { dot, topK } from '../../../lib/vectors.ts';
import { tracksOf } from '../../catalog/core/catalog.ts';
import type { RankingIndex, RankRequest, Seed } from './types.ts';

/** Nearest artists one subtracted seed of weight −1 may take out (scaled by its weight). */
const NEIGHBOURS = 200;

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
  req.seeds.forEach((s, i) => {
    if (!negative(i)) return;
    const weight = -w[i];
    if (s.kind === 'track') tracks.add(s.id);
    if (s.kind === 'artist') for (const t of tracksOf(c, s.id)) tracks.add(t);
    const r = row(s);
    if (!r) return;
    for (let a = 0; a < nA; a++) sim[a] = dot(data, a * dim, r, 0, dim);
    const k = positive.length ? NEIGHBOURS : Math.min(NEIGHBOURS, Math.ceil(nA / 50));
    for (const a of topK(sim, everyone, Math.round(k * weight))) {
      let closest = -Infinity;
      for (const p of positive) closest = Math.max(closest, dot(data, a * dim, p, 0, dim));
      if (weight * sim[a] > closest) artists.add(a);
    }
  });
  return { ...req, seeds: req.seeds.filter((_, i) => !negative(i)), seedWeights: req.seeds.flatMap((_, i) => (negative(i) ? [] : [w[i] ?? 1])), exclude: { artists, tracks } };
}
