// From what the importers read to what the store keeps: the plays matched to
// the catalog (several credited artists → each artist, by its catalog name,
// for the taste), likes turned into feedback on the catalog's track, and a
// playlist taken as seeds turned into catalog tracks.
import { trackKey } from '../../../lib/keys.ts';
import type { FeedbackTarget } from '../../taste/core/feedback.ts';
import { matchPlays, type MatchReport, type PlayMatcher } from './match.ts';
import type { ImportResult, Like, Play } from './play.ts';
import type { ReadFile } from './read.ts';

interface SeedTrack {
  /** Catalog track id (the seed's key). */
  key: string;
  label: string;
}

/** A like as the store keeps it (a FeedbackEvent). */
interface LikeEvent {
  id: string;
  at: number;
  type: 'like';
  target: Extract<FeedbackTarget, { kind: 'track' }>;
}

export interface PreparedImport {
  plays: Play[];
  /** Like events with stable ids (the same like imported twice is one event). */
  likes: LikeEvent[];
  seeds: SeedTrack[];
  /** Seeds asked for that are not in the catalog. */
  seedsUnmatched: number;
  match: MatchReport | null;
  /** The likes' and seeds' match, counted like plays. */
  likesMatch: MatchReport | null;
  totals: Pick<ImportResult, 'read' | 'listens' | 'skips' | 'dropped' | 'droppedByReason' | 'droppedSamples'>;
}

/** What every imported like's id starts with. */
export const LIKE_ID_PREFIX = 'like:';

/** The stable id of a like: the same track liked in two imports is one event. */
const likeId = (l: Like): string => `${LIKE_ID_PREFIX}${l.spotifyTrackId ?? trackKey(l.artist, l.track)}`;

export function prepareImport(files: readonly ReadFile[], matcher: PlayMatcher | null, now = Date.now()): PreparedImport {
  const totals: PreparedImport['totals'] = { read: 0, listens: 0, skips: 0, dropped: 0, droppedByReason: {}, droppedSamples: [] };
  for (const { result: r } of files) {
    totals.read += r.read;
    totals.listens += r.listens;
    totals.skips += r.skips;
    totals.dropped += r.dropped;
    for (const [k, v] of Object.entries(r.droppedByReason)) totals.droppedByReason[k] = (totals.droppedByReason[k] ?? 0) + v;
    totals.droppedSamples.push(...r.droppedSamples.slice(0, 20 - totals.droppedSamples.length));
  }
  const plays = files.length === 1 ? files[0].result.plays : files.flatMap((f) => f.result.plays);
  const likeRows = files.filter((f) => !f.asSeeds).flatMap((f) => f.result.likes);
  const seedRows = files.filter((f) => f.asSeeds).flatMap((f) => f.result.likes);
  let match: MatchReport | null = null;
  let likesMatch: MatchReport | null = null;
  const seeds: SeedTrack[] = [];
  let seedsUnmatched = 0;
  let likes: PreparedImport['likes'] = [];
  if (matcher) {
    const c = matcher.catalog;
    const m = matchPlays(matcher, plays);
    match = m.report;
    // The taste counts every credited artist: keep their catalog names when there are several.
    m.matches.forEach((x, i) => {
      if (x.artists.length > 1) plays[i].artists = x.artists.map((a) => c.artists[a]);
    });
    const lm = matchPlays(matcher, [...likeRows, ...seedRows]);
    likesMatch = likeRows.length + seedRows.length ? lm.report : null;
    likes = likeRows.map((l, i) => {
      const x = lm.matches[i];
      // Name the catalog's track when matched, so the like lands on it.
      const target = x.track >= 0 ? { artist: c.artists[x.artist], track: c.trackName[x.track], trackId: c.trackId[x.track] } : { artist: l.artist, track: l.track, ...(l.spotifyTrackId ? { trackId: l.spotifyTrackId } : {}) };
      return { id: likeId(l), at: l.at ?? now, type: 'like' as const, target: { kind: 'track' as const, ...target } };
    });
    seedRows.forEach((l, i) => {
      const x = lm.matches[likeRows.length + i];
      if (x.track < 0) return void seedsUnmatched++;
      const key = c.trackId[x.track];
      if (!seeds.some((s) => s.key === key)) seeds.push({ key, label: `${c.trackName[x.track]} – ${c.artists[x.artist]}` });
    });
  } else {
    likes = likeRows.map((l) => ({ id: likeId(l), at: l.at ?? now, type: 'like' as const, target: { kind: 'track' as const, artist: l.artist, track: l.track, ...(l.spotifyTrackId ? { trackId: l.spotifyTrackId } : {}) } }));
    seedsUnmatched = seedRows.length;
  }
  return { plays, likes, seeds, seedsUnmatched, match, likesMatch, totals };
}
