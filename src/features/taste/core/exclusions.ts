// The taste in catalog terms: which catalog artists and tracks a taste names
// (by normalized name), and which of them must not be recommended.
import type { Catalog } from '../../catalog/core/catalog.ts';
import { artistsOf } from '../../catalog/core/catalog.ts';
import { artistKey, titleKey } from '../../../lib/keys.ts';
import type { Taste } from './feedback.ts';

/** Match keys of the catalog's artists and titles, computed once per catalog,
 *  so that a taste change costs map lookups, not string normalization. */
export interface CatalogKeys {
  /** artistKey → catalog artist ids (names that normalize alike). */
  artistsByKey: Map<string, number[]>;
  artistKeys: string[];
  /** titleKey of each track: trackKey(artist, title) = artistKey + U+0001 + titleKey. */
  titleKeys: string[];
}

/** `stored`: the artist and title keys kept beside the catalog (built at import), so a reload only maps them. */
export function catalogKeys(c: Catalog, stored?: Pick<CatalogKeys, 'artistKeys' | 'titleKeys'>): CatalogKeys {
  const artistsByKey = new Map<string, number[]>();
  const artistKeys = stored?.artistKeys ?? c.artists.map(artistKey);
  artistKeys.forEach((key, a) => {
    const list = artistsByKey.get(key);
    if (list) list.push(a);
    else artistsByKey.set(key, [a]);
  });
  return { artistsByKey, artistKeys, titleKeys: stored?.titleKeys ?? c.trackName.map(titleKey) };
}

/** Catalog artists and tracks the taste rules out: hidden, disliked or hated.
 *  An artist is ruled out by opinions (its own, or its tracks'), never by skips
 *  alone: a skip is evidence against one track. */
export function tasteExclusions(c: Catalog, taste: Taste, keys: CatalogKeys): { artists: Set<number>; tracks: Set<number> } {
  const artists = new Set<number>();
  const tracks = new Set<number>();
  for (const key of taste.hiddenArtists) for (const a of keys.artistsByKey.get(key) ?? []) artists.add(a);
  for (const p of taste.artists.values()) {
    const byOpinion = p.explicit < 0 || (p.score < 0 && p.score - p.implicit < 0);
    if (byOpinion) for (const a of keys.artistsByKey.get(p.key) ?? []) artists.add(a);
  }
  const badTracks = new Set(taste.hiddenTracks);
  for (const p of taste.tracks.values()) if (p.explicit < 0) badTracks.add(p.key);
  if (badTracks.size || taste.hiddenTrackIds.size) {
    const titleKeys = keys.titleKeys; // read once: the stored keys split it on first use (a getter)
    for (let t = 0; t < c.size; t++) {
      if (taste.hiddenTrackIds.has(c.trackId[t])) tracks.add(t);
      else for (const a of artistsOf(c, t)) if (badTracks.has(`${keys.artistKeys[a]}\u0001${titleKeys[t]}`)) tracks.add(t);
    }
  }
  return { artists, tracks };
}

/** Catalog artists the user knows: played (listened or skipped) or given an opinion on. */
export function knownArtists(taste: Taste, keys: CatalogKeys): Set<number> {
  const known = new Set<number>();
  for (const p of taste.artists.values()) if (p.listens + p.skips > 0 || p.explicit !== 0) for (const a of keys.artistsByKey.get(p.key) ?? []) known.add(a);
  return known;
}
