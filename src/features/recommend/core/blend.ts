// Blending: candidates from every source, summed by weight. A source that
// proposes artists only lends its score to their first allowed tracks.
// Artist scores are normalized by the weights of the sources that propose
// artists, track scores by those that propose tracks, so each stays 0..1.
import { tracksOf } from '../../catalog/core/catalog.ts';
import type { Candidate, CandidateSource, RankingIndex, SourceQuery, WeightedSource } from './types.ts';
import type { Blend } from './score.ts';

/** Tracks per candidate artist ranked for a source that gives artists only. */
const INHERITED_TRACKS = 5;

function addBlend(map: Map<number, Blend>, id: number, source: CandidateSource, w: number, x: Candidate): void {
  let b = map.get(id);
  const seeds = x.seeds ?? [];
  if (!b) {
    b = { sim: 0, sources: {}, seeds, lead: source, leadShare: -1 };
    map.set(id, b);
  }
  if (source.name in b.sources) return; // a source lists an id once
  b.sources[source.name] = x.score;
  b.sim += w * x.score;
  if (w * x.score > b.leadShare) {
    b.leadShare = w * x.score;
    b.lead = source;
    b.phrase = x.phrase;
    b.seeds = seeds;
  }
}

export function blendCandidates(ix: RankingIndex, sources: WeightedSource[], query: SourceQuery, k: number): { artistBlend: Map<number, Blend>; trackBlend: Map<number, Blend> } {
  const c = ix.catalog;
  const { artistAllowed, trackAllowed } = query;
  const artistBlend = new Map<number, Blend>();
  const trackBlend = new Map<number, Blend>();
  let artistWeight = 0;
  let trackWeight = 0;
  for (const { source, weight } of sources) {
    if (weight <= 0) continue;
    const cands = source.candidates(query, k);
    const hasTracks = cands.some((x) => x.kind === 'track');
    if (cands.some((x) => x.kind === 'artist')) artistWeight += weight;
    if (cands.length) trackWeight += weight;
    for (const x of cands) {
      const map = x.kind === 'artist' ? artistBlend : trackBlend;
      if (x.kind === 'artist' && !artistAllowed[x.id]) continue;
      if (x.kind === 'track' && !trackAllowed[x.id]) continue;
      addBlend(map, x.id, source, weight, x);
      if (x.kind === 'artist' && !hasTracks) {
        let taken = 0;
        for (const t of tracksOf(c, x.id)) {
          if (taken >= INHERITED_TRACKS) break;
          if (!trackAllowed[t]) continue;
          addBlend(trackBlend, t, source, weight, x);
          taken++;
        }
      }
    }
  }
  for (const b of artistBlend.values()) b.sim /= artistWeight || 1;
  for (const b of trackBlend.values()) b.sim /= trackWeight || 1;
  return { artistBlend, trackBlend };
}
