// "How well do we know you": hide the user's last 20% of listening (by time:
// everything from the 80% quantile of play times on), build Discover's lists
// from the earlier part with the one personalization function, and count how
// many of the artists first played later it found in its top 50, next to the
// 50 most popular artists the user had not played.
import type { Play } from '../../history/core/play.ts';
import { countPlays, tasteFromCounts, type FeedbackEvent } from '../../taste/core/feedback.ts';
import { personalize, type PersonalContext } from '../../recommend/core/personalize.ts';

/** The list's length, as the issue asks: "found in its top 50". */
const HINDSIGHT_TOP = 50;
/** Share of plays kept before the split. */
const KEPT = 0.8;
/** Fewer plays than this cannot be split usefully. */
const MIN_PLAYS = 10;

interface HindsightOk {
  empty: false;
  /** Plays from this time on (ms UTC) were hidden. */
  split: number;
  earlierPlays: number;
  laterPlays: number;
  /** Catalog artists first played after the split. */
  newArtists: number;
  /** Of those, the ones in our top 50 / in the 50 most popular unplayed artists. */
  found: string[];
  popularFound: string[];
  share: number;
  popularShare: number;
}
export type Hindsight = HindsightOk | { empty: true; message: string };

type PlayLike = Pick<Play, 'ts' | 'artist' | 'artists' | 'track' | 'skipped' | 'importId'>;

/** `top`: the list length compared (50 in the app; smaller in tests of a small catalog). */
export function hindsight(ctx: PersonalContext, plays: readonly PlayLike[], events: readonly FeedbackEvent[], top = HINDSIGHT_TOP): Hindsight {
  const c = ctx.ix.catalog;
  if (plays.length < MIN_PLAYS) return { empty: true, message: `Import at least ${MIN_PLAYS} plays to see how well your last ones could be predicted.` };
  const times = plays.map((p) => p.ts).sort((a, b) => a - b);
  const split = times[Math.floor(KEPT * times.length)];
  // Opinions given before the split; exclusions (left-out imports and stretches) whenever given.
  const kept = events.filter((e) => e.at < split || e.type === 'exclude-range' || e.type === 'exclude-import');
  const earlier = plays.filter((p) => p.ts < split);
  const later = plays.filter((p) => p.ts >= split);
  const taste = tasteFromCounts(countPlays(earlier, kept), kept, split);
  const hasTracks = (a: number) => c.artistTrackOffsets[a + 1] > c.artistTrackOffsets[a];
  const catalogIds = (key: string) => (ctx.keys.artistsByKey.get(key) ?? []).filter(hasTracks);
  const known = new Set<string>();
  for (const p of taste.artists.values()) if (p.listens + p.skips > 0 || p.explicit !== 0) known.add(p.key);
  // New artists: listened to (not only skipped) after the split, never played before it.
  const fresh = [...countPlays(later, kept).artists].filter(([key, x]) => x.listens > 0 && !known.has(key) && catalogIds(key).length).map(([key]) => key);
  if (!fresh.length) return { empty: true, message: 'Your last 20% of listening has no artist you had not played before, so there is nothing to predict.' };

  const r = personalize({ ...ctx, now: split }, taste, { seeds: [], mode: 'new', limit: { artists: top, tracks: 0 } });
  const ours = new Set(r.empty ? [] : r.artists.map((x) => x.artist));
  const knownIds = new Set([...known].flatMap(catalogIds));
  const popular = new Set(
    c.artists
      .map((_, a) => a)
      .filter((a) => hasTracks(a) && !knownIds.has(a))
      .sort((x, y) => c.artistPopularity[y] - c.artistPopularity[x] || x - y)
      .slice(0, top),
  );
  const hits = (list: Set<number>) => fresh.filter((key) => catalogIds(key).some((a) => list.has(a))).map((key) => c.artists[catalogIds(key).find((a) => list.has(a))!]);
  const found = hits(ours);
  const popularFound = hits(popular);
  return {
    empty: false,
    split,
    earlierPlays: earlier.length,
    laterPlays: later.length,
    newArtists: fresh.length,
    found,
    popularFound,
    share: found.length / fresh.length,
    popularShare: popularFound.length / fresh.length,
  };
}
