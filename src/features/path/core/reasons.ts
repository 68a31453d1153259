// Why a track is on the path: where it lies between the waypoints either side
// of it, and its artist's traits and main genre in the artist page's words
// ("between Portishead and Massive Attack: calm, dark, trip-hop").
import { artistTraits } from '../../artists/core/traits.ts';
import type { PathSpace } from './space.ts';
import type { StepRole } from './plan.ts';

/** A step this share of the way from one waypoint to the next, or less, is "near" the first. */
const NEAR = 1 / 3;

export function stepReason(space: PathSpace, t: number, role: StepRole, prev: number, next: number): string {
  const c = space.ix.catalog;
  const artistOf = (x: number) => c.artistIds[c.artistOffsets[x]];
  const { traits, genres } = artistTraits(c, artistOf(t));
  const words = [...traits.slice(0, 2), ...genres.slice(0, 1)].join(', ');
  let lead: string;
  if (role !== 'step') lead = role;
  else {
    const from = c.artists[artistOf(prev)];
    const to = c.artists[artistOf(next)];
    const dp = Math.sqrt(space.dist2(t, space.point(prev)));
    const dn = Math.sqrt(space.dist2(t, space.point(next)));
    const f = dp / Math.max(1e-9, dp + dn);
    lead = f <= NEAR ? `near ${from}, heading for ${to}` : f >= 1 - NEAR ? `nearing ${to}, from ${from}` : `between ${from} and ${to}`;
  }
  return words ? `${lead}: ${words}` : lead;
}
