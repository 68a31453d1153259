// The user's taste for the ranking, read from IndexedDB in the worker: plays
// are recounted only when plays or exclusions changed (the slow, linear part);
// opinions and hiding are applied on every change (milliseconds).
import type { Catalog } from '../catalog/core/catalog.ts';
import { artistsOf } from '../catalog/core/catalog.ts';
import { db } from '../../platform/db.ts';
import { countPlays, exclusionIdsOf, tasteFromCounts, type PlayCounts, type Taste } from './core/feedback.ts';
import { artistKey, titleKey } from '../../lib/keys.ts';

let counts: { plays: number; counts: PlayCounts } | null = null;
let cached: { version: number; eps: number; taste: Taste } | null = null;

/** `version` changes whenever plays or feedback change (see feedback.svelte.ts);
 *  `eps` scales play counts as the community model was trained. */
export async function currentTaste(version: number, eps = 1): Promise<Taste> {
  if (cached?.version === version && cached.eps === eps) return cached.taste;
  const [events, plays] = await Promise.all([db().feedback.toArray(), db().plays.count()]);
  if (!counts || counts.plays !== plays || counts.counts.exclusionIds !== exclusionIdsOf(events)) {
    counts = { plays, counts: countPlays(await db().plays.toArray(), events) };
  }
  const taste = tasteFromCounts(counts.counts, events, Date.now(), { eps });
  cached = { version, eps, taste };
  return taste;
}

/** Catalog artists and tracks the taste rules out: hidden, disliked or hated. */
export function tasteExclusions(c: Catalog, taste: Taste, keys: CatalogKeys): { artists: Set<number>; tracks: Set<number> } {
  const artists = new Set<number>();
  const tracks = new Set<number>();
  for (const key of taste.hiddenArtists) for (const a of keys.artistsByKey.get(key) ?? []) artists.add(a);
  for (const p of taste.artists.values()) if (p.explicit < 0 || p.score < 0) for (const a of keys.artistsByKey.get(p.key) ?? []) artists.add(a);
  const badTracks = new Set(taste.hiddenTracks);
  for (const p of taste.tracks.values()) if (p.explicit < 0) badTracks.add(p.key);
  if (badTracks.size || taste.hiddenTrackIds.size) {
    for (let t = 0; t < c.size; t++) {
      if (taste.hiddenTrackIds.has(c.trackId[t])) tracks.add(t);
      else for (const a of artistsOf(c, t)) if (badTracks.has(`${keys.artistKeys[a]}\u0001${keys.titleKeys[t]}`)) tracks.add(t);
    }
  }
  return { artists, tracks };
}

/** Match keys of the catalog's artists and titles, computed once per catalog,
 *  so that a taste change costs map lookups, not string normalization. */
export interface CatalogKeys {
  /** artistKey → catalog artist ids (names that normalize alike). */
  artistsByKey: Map<string, number[]>;
  artistKeys: string[];
  /** titleKey of each track: trackKey(artist, title) = artistKey + U+0001 + titleKey. */
  titleKeys: string[];
}

export function catalogKeys(c: Catalog): CatalogKeys {
  const artistsByKey = new Map<string, number[]>();
  const artistKeys = c.artists.map((name, a) => {
    const key = artistKey(name);
    const list = artistsByKey.get(key);
    if (list) list.push(a);
    else artistsByKey.set(key, [a]);
    return key;
  });
  return { artistsByKey, artistKeys, titleKeys: c.trackName.map(titleKey) };
}
