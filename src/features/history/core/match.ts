// Matching plays to catalog tracks and artists: the Spotify track id when the
// play has one, else normalized artist + title (exact, then with version
// suffixes like " - Remastered 2011" or "(feat. X)" stripped on both sides),
// else the artist alone. Reports the match rate and the artists not found.
import { artistsOf, type Catalog } from '../../catalog/core/catalog.ts';
import { fastMatchKey, titleKey } from '../../../lib/keys.ts';
import type { Play } from './play.ts';

// "A feat. B", "A & B", "A, B", "A x B", "A; B": the first credit, for the artist-only fallback.
const SPLIT_ARTISTS = /\s+(?:feat\.?|ft\.?|featuring|with|x|vs\.?)\s+|\s*[,;&/]\s*/i;

export interface PlayMatcher {
  catalog: Catalog;
  /** matchKey(artist) + exact matchKey(title) → track. */
  exact: Map<string, number>;
  /** trackKey (base titles) → track. */
  base: Map<string, number>;
  /** matchKey(artist) → catalog artist id. */
  artists: Map<string, number>;
}

/** Builds the lookup maps once per catalog (~150k keys for the full dataset).
 *  Where several tracks share a key, the most popular wins. */
export function buildMatcher(catalog: Catalog): PlayMatcher {
  const exact = new Map<string, number>();
  const base = new Map<string, number>();
  const artists = new Map<string, number>();
  const better = (map: Map<string, number>, k: string, t: number): void => {
    const prev = map.get(k);
    if (prev === undefined || catalog.popularity[t] > catalog.popularity[prev]) map.set(k, t);
  };
  catalog.artists.forEach((name, a) => {
    const k = fastMatchKey(name);
    const prev = artists.get(k);
    if (k && (prev === undefined || catalog.artistPopularity[a] > catalog.artistPopularity[prev])) artists.set(k, a);
  });
  const artistKeys = catalog.artists.map(fastMatchKey);
  for (let t = 0; t < catalog.size; t++) {
    const title = catalog.trackName[t];
    const exactTitle = fastMatchKey(title);
    const baseKey = titleKey(title);
    for (const a of artistsOf(catalog, t)) {
      const ak = artistKeys[a];
      better(exact, `${ak}\u0001${exactTitle}`, t);
      better(base, `${ak}\u0001${baseKey}`, t);
    }
  }
  return { catalog, exact, base, artists };
}

export type MatchHow = 'track-id' | 'artist-title' | 'artist' | 'none';

export interface PlayMatch {
  /** Catalog track index, or -1. */
  track: number;
  /** Catalog artist id, or -1. */
  artist: number;
  how: MatchHow;
}

function findArtist(m: PlayMatcher, artist: string): number {
  const a = m.artists.get(fastMatchKey(artist));
  if (a !== undefined) return a;
  const first = artist.split(SPLIT_ARTISTS)[0];
  return first && first !== artist ? (m.artists.get(fastMatchKey(first)) ?? -1) : -1;
}

export function matchPlay(m: PlayMatcher, p: Pick<Play, 'artist' | 'track' | 'spotifyTrackId'>): PlayMatch {
  const c = m.catalog;
  if (p.spotifyTrackId) {
    const t = c.trackIndex.get(p.spotifyTrackId);
    if (t !== undefined) return { track: t, artist: c.artistIds[c.artistOffsets[t]], how: 'track-id' };
  }
  const artistVariants = [p.artist, p.artist.split(SPLIT_ARTISTS)[0]].filter((x, i, xs) => x && xs.indexOf(x) === i);
  for (const name of artistVariants) {
    const ak = fastMatchKey(name);
    const t = m.exact.get(`${ak}\u0001${fastMatchKey(p.track)}`) ?? m.base.get(`${ak}\u0001${titleKey(p.track)}`);
    if (t !== undefined) {
      // Credit the play to the catalog artist it names, when that is one of the track's.
      const named = m.artists.get(ak);
      const credits = artistsOf(c, t);
      const artist = named !== undefined && credits.includes(named) ? named : credits[0];
      return { track: t, artist, how: 'artist-title' };
    }
  }
  const a = findArtist(m, p.artist);
  return a >= 0 ? { track: -1, artist: a, how: 'artist' } : { track: -1, artist: -1, how: 'none' };
}

export interface MatchReport {
  plays: number;
  byTrackId: number;
  byArtistTitle: number;
  byArtistOnly: number;
  unmatched: number;
  /** Plays matched to at least an artist, 0..1. */
  matchRate: number;
  /** Plays matched to a track, 0..1. */
  trackMatchRate: number;
  /** Artists with no catalog match, most played first. */
  unmatchedArtists: { artist: string; plays: number }[];
}

/** Matches many plays; memoizes by (artist, track, id) since histories repeat a lot. */
export function matchPlays(
  m: PlayMatcher,
  plays: readonly Pick<Play, 'artist' | 'track' | 'spotifyTrackId'>[],
  maxUnmatched = 100,
): { matches: PlayMatch[]; report: MatchReport } {
  const memo = new Map<string, PlayMatch>();
  const missing = new Map<string, { artist: string; plays: number }>();
  const counts: Record<MatchHow, number> = { 'track-id': 0, 'artist-title': 0, artist: 0, none: 0 };
  const matches = plays.map((p) => {
    const k = `${p.spotifyTrackId ?? ''}\u0001${p.artist}\u0001${p.track}`;
    let r = memo.get(k);
    if (!r) memo.set(k, (r = matchPlay(m, p)));
    counts[r.how]++;
    if (r.how === 'none') {
      const ak = fastMatchKey(p.artist);
      const e = missing.get(ak);
      if (e) e.plays++;
      else missing.set(ak, { artist: p.artist, plays: 1 });
    }
    return r;
  });
  const n = plays.length;
  return {
    matches,
    report: {
      plays: n,
      byTrackId: counts['track-id'],
      byArtistTitle: counts['artist-title'],
      byArtistOnly: counts.artist,
      unmatched: counts.none,
      matchRate: n ? (n - counts.none) / n : 0,
      trackMatchRate: n ? (counts['track-id'] + counts['artist-title']) / n : 0,
      unmatchedArtists: [...missing.values()].sort((a, b) => b.plays - a.plays || a.artist.localeCompare(b.artist)).slice(0, maxUnmatched),
    },
  };
}
