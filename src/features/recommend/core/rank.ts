// Recommendations from seeds: pure and synchronous, so it runs in Node tests,
// a worker or the main thread unchanged. A request goes through four steps,
// each a few scans over typed arrays:
//  1. seeds are resolved (unknown ones reported, not guessed) — bounds.ts;
//  2. masks: which tracks pass the steering bounds, the explicit switch and
//     the exclusions, and which artists have at least one such track — bounds.ts;
//  3. candidate sources (content similarity, the community model, the learned
//     personal score; all through CandidateSource) propose artists and tracks
//     with a 0..1 score, blended by weight — blend.ts;
//  4. every candidate gets a score that is a plain sum of named parts
//     (similarity, target, popularity, genre, diversity), picked greedily with
//     a diversity penalty (maximal marginal relevance), and explained — pick.ts.
//
// The recommended tracks are tracks by neighbour artists plus "deeper cuts" by
// the seed artists themselves; the latter are capped, less as discovery rises,
// because a user knows their seeds. Seed tracks are never recommended, nor are
// seed artists (or the artists of seed tracks) as artists.
import { defaultSteering, STEERABLE, type RankingIndex, type RankRequest, type RankResult, type SourceQuery } from './types.ts';
import { masks, resolveSeeds } from './bounds.ts';
import { blendCandidates } from './blend.ts';
import { seedGenreWeights, type ScoreContext } from './score.ts';
import { pickArtists, pickTracks } from './pick.ts';

export function rank(ix: RankingIndex, req: RankRequest): RankResult {
  const c = ix.catalog;
  const steer = { ...defaultSteering(), ...req.steering };
  const limitArtists = req.limit?.artists ?? 20;
  const limitTracks = req.limit?.tracks ?? 50;

  const seeds = resolveSeeds(c, req.seeds);
  if ('empty' in seeds) return seeds;
  const { resolved, seedIndex, ignoredSeeds } = seeds;
  const m = masks(ix, steer, resolved, req.exclude);
  if ('empty' in m) return m;
  const { trackAllowed, artistAllowed, artistHasTracks, seedArtists, allowedTracks } = m;

  const sources = req.sources ?? [{ source: ix.content, weight: 1 }];
  const query: SourceQuery = { seeds: resolved, trackAllowed, artistAllowed, artistHasTracks };
  const k = Math.max(100, 5 * Math.max(limitArtists, limitTracks));
  const { artistBlend, trackBlend } = blendCandidates(ix, sources, query, k);

  const ctx: ScoreContext = {
    ix,
    steer,
    targets: STEERABLE.filter((a) => steer.attributes[a]?.target !== undefined),
    seedGenre: seedGenreWeights(c, resolved),
    resolved,
    seedIndex,
    seedArtists,
    trackAllowed,
    seedWeights: req.seedWeights,
    learned: req.learned ?? false,
    balance: req.balance ?? true,
  };
  const tracks = pickTracks(ctx, trackBlend, limitTracks);
  const artists = pickArtists(ctx, artistBlend, limitArtists);
  return { empty: false, artists, tracks, ignoredSeeds, allowedTracks };
}
