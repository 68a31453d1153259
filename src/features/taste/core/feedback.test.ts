import { describe, expect, it } from 'vitest';
import { foldInRow, tasteFrom, type FeedbackEvent, type Taste } from './feedback.ts';
import { artistKey, trackKey } from '../../../lib/keys.ts';

/** Whether a track is hidden under this taste: its id, an artist or the track by name (as tasteExclusions reads the sets). */
function isHidden(taste: Taste, artistNames: readonly string[], trackName: string, trackId?: string): boolean {
  if (trackId && taste.hiddenTrackIds.has(trackId)) return true;
  return artistNames.some((a) => taste.hiddenArtists.has(artistKey(a)) || taste.hiddenTracks.has(trackKey(a, trackName)));
}

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2024, 0, 1);
const now = T0 + 30 * DAY;
const plays = [
  ...Array.from({ length: 6 }, (_, i) => ({ ts: T0 + i * DAY, artist: 'Radiohead', track: 'Airbag', importId: 'imp1' })),
  ...Array.from({ length: 3 }, (_, i) => ({ ts: T0 + i * DAY, artist: 'Portishead', track: 'Roads', importId: 'imp1' })),
  { ts: T0 + 2 * DAY, artist: 'Portishead', track: 'Sour Times', skipped: true, importId: 'imp1' },
  ...Array.from({ length: 5 }, (_, i) => ({ ts: T0 + 20 * DAY + i * 60_000, artist: 'Party Band', track: 'Loud', importId: 'imp2' })),
];
let n = 0;
type NewEvent = FeedbackEvent extends infer E ? (E extends FeedbackEvent ? Omit<E, 'id' | 'at'> & { at?: number } : never) : never;
const ev = (e: NewEvent): FeedbackEvent => ({ id: `e${n++}`, at: e.at ?? T0 + 25 * DAY, ...e }) as FeedbackEvent;
const score = (events: FeedbackEvent[], artist: string) => tasteFrom(plays, events, now).artists.get(artistKey(artist))?.score ?? 0;

describe('tasteFrom', () => {
  it('turns plays into diminishing positive weights; skips pull down', () => {
    const t = tasteFrom(plays, [], now);
    const rh = t.artists.get(artistKey('Radiohead'));
    expect(rh).toMatchObject({ listens: 6, skips: 0 });
    expect(rh?.score).toBeCloseTo(Math.log1p(6));
    const ph = t.artists.get(artistKey('Portishead'));
    expect(ph?.skips).toBe(1);
    expect(ph?.score).toBeLessThan(Math.log1p(3));
    expect(t.tracks.get(trackKey('Portishead', 'Sour Times'))?.score).toBeLessThan(0);
    expect(t.usedPlays).toBe(plays.length);
  });

  it('moves scores in the direction of the feedback', () => {
    const base = score([], 'Portishead');
    const target = { kind: 'artist' as const, artist: 'Portishead' };
    const love = score([ev({ type: 'love', target })], 'Portishead');
    const like = score([ev({ type: 'like', target })], 'Portishead');
    const dislike = score([ev({ type: 'dislike', target })], 'Portishead');
    const hate = score([ev({ type: 'hate', target })], 'Portishead');
    expect(love).toBeGreaterThan(like);
    expect(like).toBeGreaterThan(base);
    expect(dislike).toBeLessThan(base);
    expect(hate).toBeLessThan(dislike);
    expect(hate).toBeLessThan(0);
    expect(score([ev({ type: 'rating', stars: 5, target })], 'Portishead')).toBeCloseTo(love);
    expect(score([ev({ type: 'rating', stars: 3, target })], 'Portishead')).toBeCloseTo(base);
    // A track opinion reaches the artist, at half strength.
    const trackLove = score([ev({ type: 'love', target: { kind: 'track', artist: 'Portishead', track: 'Roads' } })], 'Portishead');
    expect(trackLove).toBeGreaterThan(base);
    expect(trackLove).toBeLessThan(love);
    // An artist nobody played, only liked, gets a positive score.
    expect(score([ev({ type: 'like', target: { kind: 'artist', artist: 'Massive Attack' } })], 'Massive Attack')).toBeGreaterThan(0);
  });

  it('lets the latest opinion win, and undo (deleting the event) restore the old score', () => {
    const target = { kind: 'artist' as const, artist: 'Radiohead' };
    const love = ev({ type: 'love', target, at: T0 + 10 * DAY });
    const hate = ev({ type: 'hate', target, at: T0 + 11 * DAY });
    expect(score([hate, love], 'Radiohead')).toBeCloseTo(score([hate], 'Radiohead'));
    expect(score([love], 'Radiohead')).toBeGreaterThan(score([], 'Radiohead'));
  });

  it('excludes plays by date range or by import', () => {
    const range = ev({ type: 'exclude-range', from: T0 + 19 * DAY, to: T0 + 21 * DAY });
    const t = tasteFrom(plays, [range], now);
    expect(t.artists.has(artistKey('Party Band'))).toBe(false);
    expect(t.excludedPlays).toBe(5);
    const byImport = tasteFrom(plays, [ev({ type: 'exclude-import', importId: 'imp1' })], now);
    expect([...byImport.artists.keys()]).toEqual([artistKey('Party Band')]);
  });

  it('hides not-now targets for a week and dont-recommend until expiry, without changing taste', () => {
    const target = { kind: 'track' as const, artist: 'Radiohead', track: 'Airbag', trackId: 'X1' };
    const notNow = ev({ type: 'not-now', target, at: now - 2 * DAY });
    const t = tasteFrom(plays, [notNow], now);
    expect(isHidden(t, ['Radiohead'], 'Airbag - Remastered')).toBe(true);
    expect(isHidden(t, ['Other'], 'Other', 'X1')).toBe(true);
    expect(isHidden(t, ['Radiohead'], 'Creep')).toBe(false);
    expect(isHidden(tasteFrom(plays, [notNow], now + 6 * DAY), ['Radiohead'], 'Airbag')).toBe(false);
    expect(t.artists.get(artistKey('Radiohead'))?.score).toBeCloseTo(score([], 'Radiohead'));
    const block = ev({ type: 'dont-recommend', target: { kind: 'artist', artist: 'Portishead' }, until: now + DAY });
    expect(isHidden(tasteFrom(plays, [block], now), ['Portishead'], 'Roads')).toBe(true);
    expect(isHidden(tasteFrom(plays, [block], now + 2 * DAY), ['Portishead'], 'Roads')).toBe(false);
    const forever = ev({ type: 'dont-recommend', target: { kind: 'artist', artist: 'Portishead' } });
    expect(isHidden(tasteFrom(plays, [forever], now + 999 * DAY), ['The Portishead'], 'x')).toBe(true);
  });
});

describe('foldInRow', () => {
  it('makes likes confident ones and dislikes confident zeros', () => {
    const t = tasteFrom(plays, [ev({ type: 'hate', target: { kind: 'artist', artist: 'Party Band' } })], now);
    const index = new Map([artistKey('Radiohead'), artistKey('Party Band')].map((k, i) => [k, i]));
    const row = foldInRow(t.artists.values(), (k) => index.get(k) ?? -1, 2);
    expect([...row.items]).toEqual([0, 1]);
    expect([...row.preference]).toEqual([1, 0]);
    expect(row.confidence[0]).toBeCloseTo(1 + 2 * Math.log1p(6));
    expect(row.confidence[1]).toBeGreaterThan(1);
  });
});

describe('countPlays + tasteFromCounts', () => {
  it('gives the same taste as tasteFrom, and refuses stale counts after an exclusion', async () => {
    const { countPlays, tasteFromCounts } = await import('./feedback.ts');
    const like = ev({ type: 'like', target: { kind: 'artist', artist: 'Portishead' } });
    const counts = countPlays(plays, []);
    expect(tasteFromCounts(counts, [like], now)).toEqual(tasteFrom(plays, [like], now));
    const range = ev({ type: 'exclude-range', from: T0, to: T0 + DAY });
    expect(() => tasteFromCounts(counts, [like, range], now)).toThrow(/stale/);
  });
});

describe('undone events', () => {
  it('count for nothing', () => {
    const hate = ev({ type: 'hate', target: { kind: 'artist', artist: 'Radiohead' } });
    const range = ev({ type: 'exclude-range', from: T0, to: now });
    expect(score([{ ...hate, undoneAt: now }], 'Radiohead')).toBeCloseTo(score([], 'Radiohead'));
    expect(tasteFrom(plays, [{ ...range, undoneAt: now }], now).excludedPlays).toBe(0);
  });
});
