// Why a track is on the path: where it lies between the waypoints either side
// of it, and its artist's traits and main genre in the artist page's words
// ("between Portishead and Massive Attack: calm, dark, trip-hop").
import type { Catalog } from '../../catalog/core/catalog.ts';
import { artistTraits } from '../../artists/core/traits.ts';
import type { StepRole } from './plan.ts';

/** A step this share of the way from one waypoint to the next, or less, is "near" the first. */
const NEAR = 1 / 3;

/** `way`: the tracks of the waypoints either side, and the share of the way (by position) from the first. */
export function stepReason(c: Catalog, t: number, role: StepRole, way: { from: number; to: number; at: number }): string {
  const artistOf = (x: number) => c.artistIds[c.artistOffsets[x]];
  const { traits, genres } = artistTraits(c, artistOf(t));
  const words = [...traits.slice(0, 2), ...genres.slice(0, 1)].join(', ');
  let lead: string;
  if (role !== 'step') lead = role;
  else {
    const from = c.artists[artistOf(way.from)];
    const to = c.artists[artistOf(way.to)];
    lead = way.at <= NEAR ? `near ${from}, heading for ${to}` : way.at >= 1 - NEAR ? `nearing ${to}, from ${from}` : `between ${from} and ${to}`;
  }
  return words ? `${lead}: ${words}` : lead;
}
