// "We hid your last 20% of listening and tried to predict it", on the scenes
// catalog: a metal listener who later finds another metal band and a famous
// dance act; Discover's list finds the first, "most popular" the second.
import { describe, expect, it } from 'vitest';
import { catalogKeys } from '../../taste/core/exclusions.ts';
import { buildCatalog, specs } from '../../../../test/scene-catalog.ts';
import { prepareRanking } from '../../recommend/core/prepare.ts';
import { hindsight } from './hindsight.ts';

const c = buildCatalog(specs());
const ctx = { ix: prepareRanking(c), keys: catalogKeys(c), cf: null };
const DAY = 86400e3;
let t = Date.UTC(2024, 0, 1);
const play = (artist: string, skipped = false) => ({ ts: (t += DAY / 4), artist, track: `${artist} song 1`, skipped });
const times = (n: number, artist: string, skipped = false) => Array.from({ length: n }, () => play(artist, skipped));

describe('hindsight', () => {
  const earlier = [...times(30, 'Iron Anvil'), ...times(10, 'Doom Hollow')];
  const later = [...times(6, 'Gravecrawl'), ...times(2, 'Neon Pulse'), ...times(1, 'Strobe', true), ...times(1, 'Iron Anvil')];

  it('splits at the 80% quantile of play times and scores the later new artists', () => {
    const r = hindsight(ctx, [...later, ...earlier], [], 3);
    if (r.empty) throw new Error(r.message);
    expect(r.split).toBe(later[0].ts);
    expect([r.earlierPlays, r.laterPlays]).toEqual([40, 10]);
    // Gravecrawl and Neon Pulse are new; Strobe was only skipped, Iron Anvil known.
    expect(r.newArtists).toBe(2);
    expect(r.found).toEqual(['Gravecrawl']);
    expect(r.popularFound).toEqual(['Neon Pulse']);
    expect([r.share, r.popularShare]).toEqual([0.5, 0.5]);
  });

  it('counts opinions given before the split only', () => {
    const liked = { id: 'l', at: later[0].ts + 1, type: 'like' as const, target: { kind: 'artist' as const, artist: 'Gravecrawl' } };
    const r = hindsight(ctx, [...earlier, ...later], [liked], 3);
    if (r.empty) throw new Error(r.message);
    expect(r.newArtists).toBe(2);
  });

  it('says why when there is nothing to predict', () => {
    expect(hindsight(ctx, earlier.slice(0, 5), [])).toMatchObject({ empty: true, message: expect.stringMatching(/at least 10 plays/) });
    expect(hindsight(ctx, earlier, [])).toMatchObject({ empty: true, message: expect.stringMatching(/no artist you had not played/) });
  });
});
