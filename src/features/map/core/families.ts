// Each artist's genre family (the family most of its tracks' genres fall in),
// and one colour per family for the map and its legend.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { FAMILY_NAMES, familyOf } from '../../catalog/core/genre-families.ts';

/** One colour per FAMILY_NAMES entry, in that order: distinct hues, readable
 *  on the map's dark background; 'other' is grey. */
export const FAMILY_COLOURS = [
  '#ff6b9a', '#ff9f43', '#e84a3f', '#b0b7c3', '#3ec7ff', '#c77dff', '#ffd23f', '#ff7aa8',
  '#5ee06a', '#2ec4a6', '#4d7cff', '#f5e6c8', '#c2a36b', '#8fd3ff', '#ffc6e8', '#a3e635', '#808890',
];

/** Per artist: an index into FAMILY_NAMES (the last, 'other', when it has no genres). */
export function artistFamilies(c: Catalog): Uint8Array {
  const ofGenre = c.genres.map((g) => FAMILY_NAMES.indexOf(familyOf(g)));
  const other = FAMILY_NAMES.length - 1;
  const out = new Uint8Array(c.artists.length).fill(other);
  const count = new Float32Array(FAMILY_NAMES.length);
  for (let a = 0; a < c.artists.length; a++) {
    count.fill(0);
    for (let i = c.artistTrackOffsets[a]; i < c.artistTrackOffsets[a + 1]; i++) {
      const t = c.artistTracks[i];
      const from = c.genreOffsets[t], to = c.genreOffsets[t + 1];
      for (let g = from; g < to; g++) count[ofGenre[c.genreIds[g]]] += 1 / (to - from);
    }
    let best = other;
    for (let f = 0; f < count.length; f++) if (count[f] > (best === other ? 0 : count[best])) best = f;
    out[a] = best;
  }
  return out;
}
