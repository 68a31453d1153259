// Feedback events and the one pure function that turns plays + events into
// taste: per-artist and per-track preference scores (for ranking and for
// folding the user into the collaborative-filtering model), plus what must not
// be recommended right now. Recomputed from scratch on every change (it is
// linear in the plays), so undo is marking an event undone (undoneAt).
//
// Weighting, in "log plays" units so that listening and opinions add up:
//   track implicit  = log1p(listens) - 0.5 * log1p(skips)
//   artist implicit = log1p(listens) - 0.25 * log1p(skips)
//   (a skip is weak evidence against that one track, weaker against its artist;
//   skips alone never hide an artist, see tasteExclusions)
//   explicit = the latest opinion on that target: love +3, like +1.5,
//              dislike -1.5, hate -3, rating r stars (r - 3) * 1.5
//              (5 = love, 4 = like, 3 = neutral, 2 = dislike, 1 = hate)
//   artist score = implicit(artist's plays) + explicit(artist)
//                  + clamp(0.5 * sum of explicit(artist's tracks), -3, 3)
//   track score  = implicit(track's plays) + explicit(track)
// So a love counts like ~20 plays (log1p(19) ≈ 3), and a hate outweighs ~20.
// "Not now" hides the target for 7 days without changing taste;
// "don't recommend" hides it until its expiry (or for good) without changing
// taste; excluded plays (a date range or one import) are not counted at all.
import type { Play } from '../../history/core/play.ts';
import { artistKey, titleKey, trackKey } from '../../../lib/keys.ts';

export type FeedbackTarget =
  | { kind: 'artist'; artist: string }
  | { kind: 'track'; artist: string; track: string; trackId?: string };

interface EventBase {
  /** Unique id (the database key; undo deletes by it). */
  id: string;
  /** When it was given, ms UTC. */
  at: number;
  /** Set when undone: the event stays for the History page but counts for nothing. */
  undoneAt?: number;
}

export type Opinion = 'love' | 'like' | 'dislike' | 'hate';

export type FeedbackEvent = EventBase &
  (
    | { type: Opinion; target: FeedbackTarget }
    | { type: 'rating'; stars: 1 | 2 | 3 | 4 | 5; target: FeedbackTarget }
    | { type: 'not-now'; target: FeedbackTarget }
    | { type: 'dont-recommend'; target: FeedbackTarget; until?: number }
    | { type: 'exclude-range'; from: number; to: number; note?: string }
    | { type: 'exclude-import'; importId: string; note?: string }
  );

export const FEEDBACK_WEIGHTS = {
  love: 3,
  like: 1.5,
  dislike: -1.5,
  hate: -3,
  /** Per star away from 3. */
  ratingStep: 1.5,
  /** Skips count against that track at this fraction of listens (log scale)... */
  skip: 0.5,
  /** ...and against its artist at this one. */
  artistSkip: 0.25,
  /** Track opinions reach their artist at this fraction, clamped to ±3. */
  trackToArtist: 0.5,
  notNowMs: 7 * 24 * 3600 * 1000,
} as const;

export interface Preference {
  /** artistKey or trackKey. */
  key: string;
  /** Display name ("Artist" or "Artist – Track"), as first seen. */
  name: string;
  listens: number;
  skips: number;
  implicit: number;
  explicit: number;
  /** implicit + explicit (+ tracks' opinions for artists): > 0 liked, < 0 disliked. */
  score: number;
  /** Latest listen (ms UTC), 0 when none is known. */
  lastListen: number;
}

export interface Taste {
  artists: Map<string, Preference>;
  tracks: Map<string, Preference>;
  /** Not to be recommended now (don't-recommend not expired, or not-now within 7 days). */
  hiddenArtists: Set<string>;
  hiddenTracks: Set<string>;
  /** Spotify ids of hidden tracks, when the event had one. */
  hiddenTrackIds: Set<string>;
  /** Plays counted, and plays left out by exclusions. */
  usedPlays: number;
  excludedPlays: number;
}

function opinionValue(e: FeedbackEvent): number | null {
  switch (e.type) {
    case 'love':
    case 'like':
    case 'dislike':
    case 'hate':
      return FEEDBACK_WEIGHTS[e.type];
    case 'rating':
      return (e.stars - 3) * FEEDBACK_WEIGHTS.ratingStep;
    default:
      return null;
  }
}

const targetKey = (t: FeedbackTarget): string => (t.kind === 'artist' ? artistKey(t.artist) : trackKey(t.artist, t.track));


/** Listens and skips per artist and per track, after exclusions. The slow part
 *  (linear in plays): keep it and recount only when plays or exclusion events
 *  change; opinions and hiding go through tasteFromCounts, which is cheap. */
interface PlayCount {
  name: string;
  listens: number;
  skips: number;
  /** Latest listen (ms UTC), 0 when none. */
  lastListen: number;
}

export interface PlayCounts {
  artists: Map<string, PlayCount>;
  tracks: Map<string, PlayCount>;
  usedPlays: number;
  excludedPlays: number;
  /** The exclusion events these counts honour (ids), to tell when to recount. */
  exclusionIds: string;
}

const live = (events: readonly FeedbackEvent[]): FeedbackEvent[] => events.filter((e) => e.undoneAt === undefined);

export const exclusionIdsOf = (events: readonly FeedbackEvent[]): string =>
  live(events)
    .filter((e) => e.type === 'exclude-range' || e.type === 'exclude-import')
    .map((e) => e.id)
    .sort()
    .join(',');

export function countPlays(
  plays: Iterable<Pick<Play, 'ts' | 'artist' | 'artists' | 'track' | 'skipped' | 'importId'>>,
  events: readonly FeedbackEvent[],
): PlayCounts {
  const ranges: [number, number][] = [];
  const imports = new Set<string>();
  for (const e of live(events)) {
    if (e.type === 'exclude-range') ranges.push([Math.min(e.from, e.to), Math.max(e.from, e.to)]);
    else if (e.type === 'exclude-import') imports.add(e.importId);
  }
  const artists: PlayCounts['artists'] = new Map();
  const tracks: PlayCounts['tracks'] = new Map();
  // Histories repeat the same names a lot: normalize each distinct string once.
  const aKeys = new Map<string, string>();
  const tKeys = new Map<string, string>();
  let usedPlays = 0;
  let excludedPlays = 0;
  for (const p of plays) {
    if ((p.importId !== undefined && imports.has(p.importId)) || (ranges.length && ranges.some(([a, b]) => p.ts >= a && p.ts <= b))) {
      excludedPlays++;
      continue;
    }
    usedPlays++;
    // A play crediting several artists (matched at import) counts for each of them;
    // the track is keyed by the first.
    const several = p.artists && p.artists.length > 1 ? p.artists : null;
    const first = several ? several[0] : p.artist;
    let ak = aKeys.get(first);
    if (ak === undefined) aKeys.set(first, (ak = artistKey(first)));
    let title = tKeys.get(p.track);
    if (title === undefined) tKeys.set(p.track, (title = titleKey(p.track)));
    const tk = `${ak}\u0001${title}`;
    let a = artists.get(ak);
    if (!a) artists.set(ak, (a = { name: first, listens: 0, skips: 0, lastListen: 0 }));
    let t = tracks.get(tk);
    if (!t) tracks.set(tk, (t = { name: `${first} – ${p.track}`, listens: 0, skips: 0, lastListen: 0 }));
    if (p.skipped) a.skips++, t.skips++;
    else {
      a.listens++, t.listens++;
      a.lastListen = Math.max(a.lastListen, p.ts);
      t.lastListen = Math.max(t.lastListen, p.ts);
    }
    if (several)
      for (let i = 1; i < several.length; i++) {
        let k = aKeys.get(several[i]);
        if (k === undefined) aKeys.set(several[i], (k = artistKey(several[i])));
        let b = artists.get(k);
        if (!b) artists.set(k, (b = { name: several[i], listens: 0, skips: 0, lastListen: 0 }));
        if (p.skipped) b.skips++;
        else {
          b.listens++;
          b.lastListen = Math.max(b.lastListen, p.ts);
        }
      }
  }
  return { artists, tracks, usedPlays, excludedPlays, exclusionIds: exclusionIdsOf(events) };
}

/** Plays + feedback → taste at time `now`. The scale is the taste's own, never
 *  a model's: who the user's top artists are does not depend on what is trained. */
export function tasteFrom(
  plays: Iterable<Pick<Play, 'ts' | 'artist' | 'track' | 'skipped' | 'importId'>>,
  events: readonly FeedbackEvent[],
  now: number,
): Taste {
  return tasteFromCounts(countPlays(plays, events), events, now);
}

// Preferences from plays alone, per counts: shared (read-only) by every taste
// computed from the same counts, so a feedback change copies only what it touches.
const implicitCache = new WeakMap<PlayCounts, { artists: Map<string, Preference>; tracks: Map<string, Preference> }>();

function implicitPrefs(counts: PlayCounts): { artists: Map<string, Preference>; tracks: Map<string, Preference> } {
  const hit = implicitCache.get(counts);
  if (hit) return hit;
  const W = FEEDBACK_WEIGHTS;
  const build = (m: Map<string, PlayCount>, skipWeight: number): Map<string, Preference> => {
    const out = new Map<string, Preference>();
    for (const [key, c] of m) {
      const implicit = Math.log1p(c.listens) - skipWeight * Math.log1p(c.skips);
      out.set(key, { key, name: c.name, listens: c.listens, skips: c.skips, implicit, explicit: 0, score: implicit, lastListen: c.lastListen });
    }
    return out;
  };
  const built = { artists: build(counts.artists, W.artistSkip), tracks: build(counts.tracks, W.skip) };
  implicitCache.set(counts, built);
  return built;
}

/** Counts + feedback → taste. Cheap: run it on every feedback change. The
 *  returned maps and preferences are shared between calls: read, don't mutate. */
export function tasteFromCounts(counts: PlayCounts, events: readonly FeedbackEvent[], now: number): Taste {
  if (counts.exclusionIds !== exclusionIdsOf(events)) throw new Error('play counts are stale: recount after an exclusion changes');
  const W = FEEDBACK_WEIGHTS;
  const base = implicitPrefs(counts);
  const { usedPlays, excludedPlays } = counts;

  // The latest opinion per target wins (events are applied in time order).
  const latest = new Map<string, { value: number; target: FeedbackTarget }>();
  const hiddenArtists = new Set<string>();
  const hiddenTracks = new Set<string>();
  const hiddenTrackIds = new Set<string>();
  const hide = (t: FeedbackTarget): void => {
    if (t.kind === 'artist') hiddenArtists.add(artistKey(t.artist));
    else {
      hiddenTracks.add(trackKey(t.artist, t.track));
      if (t.trackId) hiddenTrackIds.add(t.trackId);
    }
  };
  for (const e of live(events).sort((a, b) => a.at - b.at)) {
    const v = opinionValue(e);
    if (v !== null && 'target' in e) latest.set(`${e.target.kind}\u0002${targetKey(e.target)}`, { value: v, target: e.target });
    else if (e.type === 'not-now' && now - e.at < W.notNowMs) hide(e.target);
    else if (e.type === 'dont-recommend' && (e.until === undefined || now < e.until)) hide(e.target);
  }
  // Copy on write: only the maps with opinions are copied, only touched entries replaced.
  const artistExplicit = new Map<string, { name: string; explicit: number; fromTracks: number }>();
  const trackExplicit = new Map<string, { name: string; explicit: number }>();
  for (const { value, target } of latest.values()) {
    const ak = artistKey(target.artist);
    const a = artistExplicit.get(ak) ?? { name: target.artist, explicit: 0, fromTracks: 0 };
    artistExplicit.set(ak, a);
    if (target.kind === 'artist') a.explicit += value;
    else {
      a.fromTracks += W.trackToArtist * value;
      const tk = trackKey(target.artist, target.track);
      const t = trackExplicit.get(tk) ?? { name: `${target.artist} – ${target.track}`, explicit: 0 };
      trackExplicit.set(tk, t);
      t.explicit += value;
    }
  }
  const withOpinions = <T extends { name: string; explicit: number }>(
    m: Map<string, Preference>,
    changes: Map<string, T>,
    extra: (c: T) => number,
  ): Map<string, Preference> => {
    if (!changes.size) return m;
    const out = new Map(m);
    for (const [key, c] of changes) {
      const old = m.get(key) ?? { key, name: c.name, listens: 0, skips: 0, implicit: 0, explicit: 0, score: 0, lastListen: 0 };
      out.set(key, { ...old, explicit: c.explicit, score: old.implicit + c.explicit + extra(c) });
    }
    return out;
  };
  const artists = withOpinions(base.artists, artistExplicit, (c) => Math.max(-3, Math.min(3, c.fromTracks)));
  const tracks = withOpinions(base.tracks, trackExplicit, () => 0);
  return { artists, tracks, hiddenArtists, hiddenTracks, hiddenTrackIds, usedPlays, excludedPlays };
}

/** A dislike's confidence in the fold-in, against a like's: a dislike says less
 *  about the neighbourhood than a like does (measured on the Discover validation split). */
const NEGATIVE_CONFIDENCE = 0.25;

/** The user's row for the community model's fold-in: liked items p = 1,
 *  disliked p = 0, with confidence weight(p) · (1 + alpha · |score|) (a
 *  dislike's |score| at a quarter). Items the model does not know are left out. */
export function foldInRow(
  prefs: Iterable<Preference>,
  itemOf: (key: string) => number,
  alpha: number,
  weight: (p: Preference) => number = () => 1,
): { items: Int32Array; confidence: Float32Array; preference: Float32Array } {
  const items: number[] = [];
  const conf: number[] = [];
  const p: number[] = [];
  for (const x of prefs) {
    const i = itemOf(x.key);
    if (i < 0 || x.score === 0) continue;
    items.push(i);
    conf.push(weight(x) * (1 + alpha * Math.abs(x.score) * (x.score < 0 ? NEGATIVE_CONFIDENCE : 1)));
    p.push(x.score > 0 ? 1 : 0);
  }
  return { items: Int32Array.from(items), confidence: Float32Array.from(conf), preference: Float32Array.from(p) };
}
