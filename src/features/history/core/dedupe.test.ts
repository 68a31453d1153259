import { describe, expect, it } from 'vitest';
import { dedupePlays } from './dedupe.ts';
import { legacyPlayId, playId, type Play, type Precision } from './play.ts';

const play = (stamp: number, precision: Precision, track = 'Airbag', msPlayed?: number, artist = 'Radiohead'): Play => {
  const p = { ts: stamp - (msPlayed ?? 0), stamp, precision, artist, track, ...(msPlayed !== undefined ? { msPlayed } : {}), source: 'test' };
  return { id: playId(p), ...p };
};
const T = Date.UTC(2024, 0, 31, 21, 19);

describe('dedupePlays', () => {
  it('the same plays again add nothing', () => {
    const a = [play(T + 5000, 's'), play(T + 65_000, 's', 'Lucky')];
    expect(dedupePlays(a, a)).toEqual({ fresh: [], duplicates: 2 });
    // ...also repeated inside one import.
    expect(dedupePlays([...a, ...a], []).fresh).toHaveLength(2);
  });

  it('two different plays in the same minute are both kept', () => {
    const r = dedupePlays([play(T + 10_000, 's'), play(T + 41_000, 's')], []);
    expect(r.fresh).toHaveLength(2);
    // At minute precision, the time played tells them apart.
    expect(dedupePlays([play(T, 'min', 'Airbag', 9000), play(T, 'min', 'Airbag', 4000)], []).fresh).toHaveLength(2);
  });

  it('a minute-precision export and a second-precision one of the same listening count each play once', () => {
    const extended = [play(T + 44_000, 's', 'Airbag', 284_000), play(T + 70_000, 's', 'Android', 9000), play(T + 101_000, 's', 'Android', 4000)];
    const account = [play(T, 'min', 'Airbag', 284_000), play(T + 60_000, 'min', 'Android', 9000), play(T + 60_000, 'min', 'Android', 4000)];
    expect(dedupePlays(account, extended)).toEqual({ fresh: [], duplicates: 3 });
    expect(dedupePlays(extended, account)).toEqual({ fresh: [], duplicates: 3 });
    // Both in one import: three plays, not six.
    expect(dedupePlays([...account, ...extended], []).fresh).toHaveLength(3);
  });

  it('pairs each play with at most one of the other export', () => {
    // Two scrobbles of one track in a minute (seconds) vs one minute-string scrobble: one of the two is new.
    const fine = [play(T + 5000, 's'), play(T + 50_000, 's')];
    expect(dedupePlays(fine, [play(T, 'min')]).fresh).toHaveLength(1);
    // The same play twice in one import, and its twin of the other precision stored: counted once (it was
    // kept the second time, when only the first copy was checked against the stored one).
    const again = play(T + 5000, 's');
    expect(dedupePlays([again, { ...again }], [play(T, 'min')])).toEqual({ fresh: [], duplicates: 2 });
  });

  it('ids that are not 16 hex digits (hand-made, restored) are kept apart too', () => {
    const p = (id: string): Play => ({ ...play(T, 's'), id });
    expect(dedupePlays([p('p1'), p('p1'), p('P0123456789abcdef'), p('0123456789abcdef'), p('0123456789ABCDEF')], [p('x')]).fresh.map((x) => x.id)).toEqual([
      'p1',
      'P0123456789abcdef',
      '0123456789abcdef',
      '0123456789ABCDEF',
    ]);
  });

  it('does not pair different tracks, other minutes, or different times played', () => {
    expect(dedupePlays([play(T + 5000, 's', 'Lucky')], [play(T, 'min')]).fresh).toHaveLength(1);
    expect(dedupePlays([play(T + 185_000, 's')], [play(T, 'min')]).fresh).toHaveLength(1);
    expect(dedupePlays([play(T + 5000, 's', 'Airbag', 100_000)], [play(T, 'min', 'Airbag', 284_000)]).fresh).toHaveLength(1);
    // With the same time played, a neighbouring minute is the same play (one export rounds, the other truncates).
    expect(dedupePlays([play(T + 65_000, 's', 'Airbag', 284_000)], [play(T, 'min', 'Airbag', 284_000)]).fresh).toHaveLength(0);
  });

  it('knows plays stored before precision existed, by their old id (minute of the start + names)', () => {
    // A Spotify play stored by the old version: keyed by the minute of its start time.
    const p = play(T + 44_000, 's', 'Airbag', 284_000);
    const old = { id: legacyPlayId(p), ts: p.ts, artist: 'Radiohead', track: 'Airbag', msPlayed: 284_000, source: 'spotify-extended' };
    expect(dedupePlays([p], [old])).toEqual({ fresh: [], duplicates: 1 });
    // ...and an old Last.fm play at minute precision still pairs with a finer one of the same minute.
    const lastfm = { id: 'other-old-id', ts: T, artist: 'Radiohead', track: 'Airbag', source: 'lastfm-csv' };
    expect(dedupePlays([play(T + 30_000, 's')], [lastfm]).fresh).toHaveLength(0);
  });
});
