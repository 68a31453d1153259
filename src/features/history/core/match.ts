// Matching plays (and likes) to catalog tracks and artists: the Spotify track
// id when there is one, else normalized artist + title (exact, then with
// version suffixes like " - Remastered 2011" stripped on both sides), else the
// artist alone. An artist field that credits several artists ("A feat. B",
// "A; B", "A, B") is tried whole first (the catalog has "Simon & Garfunkel"),
// then split into its artists, each matched on its own: every one of them
// counts for the taste.
import { artistsOf, type Catalog } from '../../catalog/core/catalog.ts';
import { fastMatchKey, titleKey } from '../../../lib/keys.ts';
import type { Play } from './play.ts';

// The credit separators artist fields use.
const SPLIT_ARTISTS = /\s+(?:feat\.?|ft\.?|featuring|with|x|vs\.?|and)\s+|\s*[,;&/+]\s*|\s+×\s+/i;
// Video exports name the artist's auto-generated channel: "Artist - Topic".
const TOPIC = /\s+-\s+Topic$/i;

/** The artists an artist field names, in order ("A feat. B & C" → A, B, C); the field itself when it names one. */
export function splitArtists(field: string): string[] {
  const parts = field.replace(TOPIC, '').split(SPLIT_ARTISTS).map((s) => s.trim()).filter(Boolean);
  return parts.length ? [...new Set(parts)] : [field];
}

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
  const artistKeys = catalog.artists.map(fastMatchKey);
  artistKeys.forEach((k, a) => {
    const prev = artists.get(k);
    if (k && (prev === undefined || catalog.artistPopularity[a] > catalog.artistPopularity[prev])) artists.set(k, a);
  });
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

let cached: { fingerprint: string; matcher: PlayMatcher } | null = null;

/** The matcher for a catalog, built once per catalog fingerprint and reused by every import. */
export async function matcherFor(fingerprint: string, load: () => Promise<Catalog> | Catalog): Promise<PlayMatcher> {
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, matcher: buildMatcher(await load()) };
  return cached.matcher;
}

type MatchHow = 'track-id' | 'artist-title' | 'artist' | 'none';

interface PlayMatch {
  /** Catalog track index, or -1. */
  track: number;
  /** The catalog artist the play is credited to, or -1. */
  artist: number;
  /** Every catalog artist the artist field names (for the taste); [] when none. */
  artists: number[];
  how: MatchHow;
}

type Matchable = Pick<Play, 'artist' | 'track' | 'spotifyTrackId' | 'artists'>;

function artistId(m: PlayMatcher, name: string): number {
  return m.artists.get(fastMatchKey(name.replace(TOPIC, ''))) ?? -1;
}

/** The catalog artists a play names: the whole field when it is one artist, else each credit found. */
function creditedArtists(m: PlayMatcher, p: Matchable): number[] {
  const whole = artistId(m, p.artist);
  if (whole >= 0 && !p.artists) return [whole];
  const ids = (p.artists ?? splitArtists(p.artist)).map((a) => artistId(m, a)).filter((a) => a >= 0);
  return [...new Set(whole >= 0 ? [whole, ...ids] : ids)];
}

export function matchPlay(m: PlayMatcher, p: Matchable): PlayMatch {
  const c = m.catalog;
  if (p.spotifyTrackId) {
    const t = c.trackIndex.get(p.spotifyTrackId);
    if (t !== undefined) {
      const credits = Array.from(artistsOf(c, t));
      return { track: t, artist: credits[0], artists: credits, how: 'track-id' };
    }
  }
  const exactTitle = fastMatchKey(p.track);
  let base: string | undefined;
  const trackBy = (ak: string): number | undefined => m.exact.get(`${ak}\u0001${exactTitle}`) ?? m.base.get(`${ak}\u0001${(base ??= titleKey(p.track))}`);
  // The field as one artist first (most plays); its credits one by one only when that fails.
  const whole = p.artist.replace(TOPIC, '');
  let ak = fastMatchKey(whole);
  let t = trackBy(ak);
  if (t === undefined)
    for (const name of p.artists ?? splitArtists(p.artist)) {
      if (name === whole) continue;
      ak = fastMatchKey(name);
      if ((t = trackBy(ak)) !== undefined) break;
    }
  const named = creditedArtists(m, p);
  if (t !== undefined) {
    // Credit the play to the catalog artist it names, when that is one of the track's.
    const credits = artistsOf(c, t);
    const own = m.artists.get(ak);
    const artist = own !== undefined && credits.includes(own) ? own : credits[0];
    return { track: t, artist, artists: [...new Set([artist, ...named])], how: 'artist-title' };
  }
  return named.length ? { track: -1, artist: named[0], artists: named, how: 'artist' } : { track: -1, artist: -1, artists: [], how: 'none' };
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
  /** Plays whose artist field named several artists, and how many of those matched two or more. */
  multiArtist: number;
  multiArtistMatched: number;
  /** Artists with no catalog match, most played first. */
  unmatchedArtists: { artist: string; plays: number }[];
}

/** Matches many plays; memoizes by (artist, track, id) since histories repeat a lot. */
export function matchPlays(m: PlayMatcher, plays: readonly Matchable[], maxUnmatched = 100): { matches: PlayMatch[]; report: MatchReport } {
  // Per distinct (id, artist, track): the match, and whether the field named several artists.
  const memo = new Map<string, { r: PlayMatch; several: boolean }>();
  const missing = new Map<string, { artist: string; plays: number }>();
  const counts: Record<MatchHow, number> = { 'track-id': 0, 'artist-title': 0, artist: 0, none: 0 };
  let multiArtist = 0;
  let multiArtistMatched = 0;
  const matches = plays.map((p) => {
    const k = `${p.spotifyTrackId ?? ''}\u0001${p.artist}\u0001${p.track}`;
    let e = memo.get(k);
    if (!e) {
      const r = matchPlay(m, p);
      // Several artists in one field: given as a list, or a field that is no catalog artist and splits.
      const several = (p.artists?.length ?? 0) > 1 || (r.how !== 'track-id' && artistId(m, p.artist) < 0 && splitArtists(p.artist).length > 1);
      memo.set(k, (e = { r, several }));
    }
    const r = e.r;
    counts[r.how]++;
    if (e.several) {
      multiArtist++;
      if (r.artists.length > 1) multiArtistMatched++;
    }
    if (r.how === 'none') {
      const ak = fastMatchKey(p.artist);
      const x = missing.get(ak);
      if (x) x.plays++;
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
      multiArtist,
      multiArtistMatched,
      unmatchedArtists: [...missing.values()].sort((a, b) => b.plays - a.plays || a.artist.localeCompare(b.artist)).slice(0, maxUnmatched),
    },
  };
}
