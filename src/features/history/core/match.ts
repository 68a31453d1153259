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
  /** matchKey(artist) → exact matchKey(title) → track (nested: lookups build no key strings). */
  exact: Map<string, Map<string, number>>;
  /** matchKey(artist) → titleKey (base title) → track. */
  base: Map<string, Map<string, number>>;
  /** matchKey(artist) → a catalog title as written → what `exact` gives for it: most
   *  exports write the catalog's own titles, and this lookup needs no key. */
  written: Map<string, Map<string, number>>;
  /** matchKey(artist) → catalog artist id. */
  artists: Map<string, number>;
}

/** Builds the lookup maps once per catalog (~150k keys for the full dataset).
 *  Where several tracks share a key, the most popular wins. */
export function buildMatcher(catalog: Catalog): PlayMatcher {
  const exact = new Map<string, Map<string, number>>();
  const base = new Map<string, Map<string, number>>();
  const artists = new Map<string, number>();
  const better = (map: Map<string, Map<string, number>>, ak: string, k: string, t: number): void => {
    let inner = map.get(ak);
    if (!inner) map.set(ak, (inner = new Map()));
    const prev = inner.get(k);
    if (prev === undefined || catalog.popularity[t] > catalog.popularity[prev]) inner.set(k, t);
  };
  const artistKeys = catalog.artists.map(fastMatchKey);
  artistKeys.forEach((k, a) => {
    const prev = artists.get(k);
    if (k && (prev === undefined || catalog.artistPopularity[a] > catalog.artistPopularity[prev])) artists.set(k, a);
  });
  const exactTitles = catalog.trackName.map(fastMatchKey);
  for (let t = 0; t < catalog.size; t++) {
    const baseKey = titleKey(catalog.trackName[t]);
    for (const a of artistsOf(catalog, t)) {
      const ak = artistKeys[a];
      better(exact, ak, exactTitles[t], t);
      better(base, ak, baseKey, t);
    }
  }
  const written = new Map<string, Map<string, number>>();
  for (let t = 0; t < catalog.size; t++) {
    for (const a of artistsOf(catalog, t)) {
      const ak = artistKeys[a];
      let inner = written.get(ak);
      if (!inner) written.set(ak, (inner = new Map()));
      inner.set(catalog.trackName[t], exact.get(ak)!.get(exactTitles[t])!);
    }
  }
  return { catalog, exact, base, written, artists };
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

/** What an artist field says, worked out once per distinct field of an import. */
interface Credit {
  /** Keys to try for the track, in order: the field as one artist, then each credit. */
  keys: string[];
  /** The catalog artists it names: the whole field when it is one artist, else each credit found. */
  named: number[];
  /** The field names several artists (given as a list, or no catalog artist and it splits). */
  several: boolean;
}

function creditOf(m: PlayMatcher, p: Matchable): Credit {
  const whole = p.artist.replace(TOPIC, '');
  const split = p.artists ? null : splitArtists(p.artist);
  const names = p.artists ?? (split as string[]);
  // Each name is keyed once (fastMatchKey is the costly part, once per distinct field).
  const wholeKey = fastMatchKey(whole);
  const keys = [wholeKey];
  const nameKeys = names.map((name) => (name === whole ? wholeKey : fastMatchKey(name)));
  names.forEach((name, i) => name !== whole && keys.push(nameKeys[i]));
  const wholeId = m.artists.get(wholeKey) ?? -1;
  let named: number[];
  if (wholeId >= 0 && !p.artists) named = [wholeId];
  else {
    // (A name is looked up without a "- Topic" suffix; split names have none.)
    const ids = names.map((name, i) => m.artists.get(TOPIC.test(name) ? fastMatchKey(name.replace(TOPIC, '')) : nameKeys[i]) ?? -1).filter((a) => a >= 0);
    named = [...new Set(wholeId >= 0 ? [wholeId, ...ids] : ids)];
  }
  return { keys, named, several: (p.artists?.length ?? 0) > 1 || (wholeId < 0 && (split ?? splitArtists(p.artist)).length > 1) };
}

function byTrackId(m: PlayMatcher, t: number): PlayMatch {
  const credits = Array.from(artistsOf(m.catalog, t));
  return { track: t, artist: credits[0], artists: credits, how: 'track-id' };
}

function byNames(m: PlayMatcher, credit: Credit, title: string): PlayMatch {
  let exactTitle: string | undefined;
  let base: string | undefined;
  let t: number | undefined;
  let ak = '';
  for (ak of credit.keys) {
    t = m.written.get(ak)?.get(title);
    if (t !== undefined) break;
    const exact = m.exact.get(ak);
    if (exact) t = exact.get((exactTitle ??= fastMatchKey(title)));
    if (t === undefined) {
      const inner = m.base.get(ak);
      if (inner) t = inner.get((base ??= titleKey(title)));
    }
    if (t !== undefined) break;
  }
  if (t !== undefined) return trackMatch(m, credit, t, m.artists.get(ak));
  const named = credit.named;
  return named.length ? { track: -1, artist: named[0], artists: named, how: 'artist' } : { track: -1, artist: -1, artists: [], how: 'none' };
}

/** Track t found for a credit by the artist key whose catalog artist is `own`. */
function trackMatch(m: PlayMatcher, credit: Credit, t: number, own: number | undefined): PlayMatch {
  const named = credit.named;
  // Credit the play to the catalog artist it names, when that is one of the track's.
  const credits = artistsOf(m.catalog, t);
  const artist = own !== undefined && credits.includes(own) ? own : credits[0];
  return { track: t, artist, artists: named.length === 0 || (named.length === 1 && named[0] === artist) ? [artist] : [...new Set([artist, ...named])], how: 'artist-title' };
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

/** Matches many plays; memoizes by track id, by artist field and by (field, title), since histories repeat a lot. */
export function matchPlays(m: PlayMatcher, plays: readonly Matchable[], maxUnmatched = 100): { matches: PlayMatch[]; report: MatchReport } {
  // Per catalog track found by id: its match (an array: no second string lookup).
  const byTrack = new Array<PlayMatch | undefined>(m.catalog.size);
  // Per distinct artist field (and credit list, when the source gives one): its credit, its
  // titles' matches, and its unmatched-artist entry. Keyed by the field alone: a list (the
  // same for nearly every play of a field) is compared, not joined into a key once per play.
  // A play costs two string lookups (field, then title) once its pair has been seen.
  interface Field {
    credit: Credit;
    written: Map<string, number> | undefined;
    own: number | undefined;
    titles: Map<string, PlayMatch>;
    list: string[] | undefined;
    /** The same field with other credit lists, by the joined list. */
    other?: Map<string, Field>;
    missing?: { artist: string; plays: number };
  }
  const fields = new Map<string, Field>();
  const newField = (p: Matchable): Field => {
    const credit = creditOf(m, p);
    // The first key byNames would look under (keys the catalog lacks are passed over there too).
    const ak = credit.keys.find((k) => m.exact.has(k)) ?? '';
    return { credit, written: m.written.get(ak), own: m.artists.get(ak), titles: new Map(), list: p.artists };
  };
  const sameList = (a: string[] | undefined, b: string[] | undefined): boolean => {
    if (a === b) return true;
    if (!a || !b || a.length !== b.length) return false;
    for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
    return true;
  };
  const fieldOf = (p: Matchable): Field => {
    let f = fields.get(p.artist);
    if (!f) fields.set(p.artist, (f = newField(p)));
    if (sameList(p.artists, f.list)) return f;
    const k = p.artists ? p.artists.join('\u0001') : '';
    let g = (f.other ??= new Map()).get(k);
    if (!g) f.other.set(k, (g = newField(p)));
    return g;
  };
  const missing = new Map<string, { artist: string; plays: number }>();
  const counts: Record<MatchHow, number> = { 'track-id': 0, 'artist-title': 0, artist: 0, none: 0 };
  let multiArtist = 0;
  let multiArtistMatched = 0;
  const matches = new Array<PlayMatch>(plays.length);
  const trackIndex = m.catalog.trackIndex;
  for (let i = 0; i < plays.length; i++) {
    const p = plays[i];
    const t = p.spotifyTrackId === undefined ? undefined : trackIndex.get(p.spotifyTrackId);
    let r: PlayMatch;
    let several = false;
    if (t !== undefined) {
      r = byTrack[t] ??= byTrackId(m, t);
      several = (p.artists?.length ?? 0) > 1;
    } else {
      const f = fieldOf(p);
      let x = f.titles.get(p.track);
      if (!x) {
        // Most plays name a catalog title as written, under the field's own key: no key to build.
        const wt = f.written?.get(p.track);
        f.titles.set(p.track, (x = wt !== undefined ? trackMatch(m, f.credit, wt, f.own) : byNames(m, f.credit, p.track)));
      }
      r = x;
      several = f.credit.several;
      if (r.how === 'none') {
        if (!f.missing) {
          const ak = fastMatchKey(p.artist);
          f.missing = missing.get(ak);
          if (!f.missing) missing.set(ak, (f.missing = { artist: p.artist, plays: 0 }));
        }
        f.missing.plays++;
      }
    }
    matches[i] = r;
    counts[r.how]++;
    if (several) {
      multiArtist++;
      if (r.artists.length > 1) multiArtistMatched++;
    }
  }
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
