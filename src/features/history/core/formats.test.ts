// Every format's importer on its hand-written fixture (good), and on broken
// input: wrong columns, truncated, binary, empty.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lastfmCsvImporter } from './lastfm.ts';
import { ImportError, type ImportResult } from './play.ts';
import { librefmImporter, listenbrainzJsonImporter, listenbrainzJsonlImporter, malojaImporter, panoscrobblerImporter, scrobblerLogImporter } from './scrobblers.ts';
import { appleActivityImporter, appleDailyImporter, exportifyImporter, lastfmJsonImporter, youtubeMusicImporter } from './services.ts';
import type { ImporterOptions, StreamingImporter } from './stream.ts';
import { importAll } from '../../../../test/history-sources.ts';

const dir = 'data/fixtures/history';
const bytes = (path: string): Uint8Array => readFileSync(`${dir}/${path}`);
type Make = (o?: ImporterOptions) => StreamingImporter;

interface Case {
  make: Make;
  fixture: string;
  kind: 'csv' | 'lines' | 'json';
  want: { read: number; listens: number; skips: number; likes?: number; dropped: Record<string, number> };
  check(r: ImportResult): void;
  /** Input in the right syntax with the wrong fields. */
  wrong: string;
}

const T = (iso: string) => Date.parse(iso);

const CASES: Record<string, Case> = {
  'Exportify liked songs': {
    make: exportifyImporter,
    fixture: 'exportify-liked/Liked_Songs.csv',
    kind: 'csv',
    want: { read: 4, listens: 0, skips: 0, likes: 3, dropped: { 'missing artist or track': 1 } },
    check(r) {
      // Likes, not plays; the quoted comma stays in the title.
      expect(r.plays).toHaveLength(0);
      expect(r.likes[0]).toEqual({ artist: 'Radiohead', track: 'Airbag', spotifyTrackId: '6ie2Bw3xLj2JcGowOlcMhb', at: T('2024-02-01T10:00:00Z') });
      expect(r.likes[1].artist).toBe('Daft Punk,Pharrell Williams');
      expect(r.likes[2]).toMatchObject({ track: 'Song, With A Comma' });
      expect(r.likes[2].at).toBeUndefined();
    },
    wrong: 'Track URI,Title,Whatever\nspotify:track:6ie2Bw3xLj2JcGowOlcMhb,Airbag,x\n',
  },
  'Last.fm API JSON': {
    make: lastfmJsonImporter,
    fixture: 'lastfm-json/recenttracks-page1.json',
    kind: 'json',
    want: { read: 5, listens: 3, skips: 0, dropped: { 'playing now (not a scrobble yet)': 1, 'missing artist or track': 1 } },
    check(r) {
      expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', track: 'Airbag', album: 'OK Computer', ts: 1706735700_000, precision: 's' });
      expect(r.plays[1]).toMatchObject({ artist: 'Björk', track: 'Jóga' });
    },
    wrong: '{"toptracks": {"track": []}}',
  },
  'ListenBrainz JSON Lines': {
    make: listenbrainzJsonlImporter,
    fixture: 'listenbrainz/listens.jsonl',
    kind: 'lines',
    want: { read: 6, listens: 4, skips: 0, dropped: { 'bad time': 1, 'not JSON': 1 } },
    check(r) {
      expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', track: 'Airbag', album: 'OK Computer', spotifyTrackId: '6ie2Bw3xLj2JcGowOlcMhb', ts: 1706735700_000, precision: 's' });
      expect(r.plays[1].artists).toEqual(['Daft Punk', 'Pharrell Williams']);
    },
    wrong: '{"user": "x", "count": 3}\n{"user": "y"}\n',
  },
  'ListenBrainz JSON': {
    make: listenbrainzJsonImporter,
    fixture: 'listenbrainz/listens.json',
    kind: 'json',
    want: { read: 2, listens: 2, skips: 0, dropped: {} },
    check(r) {
      expect(r.plays.map((p) => p.track)).toEqual(['Airbag', 'Formation']);
    },
    wrong: '{"user_name": "x"}',
  },
  'Libre.fm CSV': {
    make: librefmImporter,
    fixture: 'librefm/librefm-scrobbles.csv',
    kind: 'csv',
    want: { read: 4, listens: 3, skips: 0, dropped: { 'missing artist or track': 1 } },
    check(r) {
      expect(r.plays[1]).toMatchObject({ artist: 'Daft Punk feat. Pharrell Williams', track: 'Get Lucky', album: 'Random Access Memories', ts: 1706774520_000 });
      expect(r.plays[2].artist).toBe('Simon & Garfunkel');
    },
    wrong: '# comment\nwhen,who,what\n1706735700,Radiohead,Airbag\n',
  },
  'Maloja JSON': {
    make: malojaImporter,
    fixture: 'maloja/maloja_export.json',
    kind: 'json',
    want: { read: 4, listens: 2, skips: 1, dropped: { 'missing artist or track': 1 } },
    check(r) {
      expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', album: 'OK Computer', msPlayed: 284_000 });
      expect(r.plays[1]).toMatchObject({ artist: 'Daft Punk, Pharrell Williams, Nile Rodgers', artists: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'] });
      expect(r.plays[1].msPlayed).toBeUndefined();
      // 20 s played of a 305 s track: a skip, by the time played, not the length.
      expect(r.plays[2]).toMatchObject({ track: 'Jóga', skipped: true });
    },
    wrong: '{"tracks": []}',
  },
  'Pano Scrobbler JSON Lines': {
    make: panoscrobblerImporter,
    fixture: 'panoscrobbler/pano-scrobbler-export.jsonl',
    kind: 'lines',
    want: { read: 4, listens: 2, skips: 0, dropped: { 'not a scrobble (love)': 1, 'bad time': 1 } },
    check(r) {
      expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', track: 'Airbag', ts: 1706735700_000, precision: 'ms' });
      // durationMs is the track's length: never stored as time played.
      expect(r.plays.every((p) => p.msPlayed === undefined)).toBe(true);
    },
    wrong: '{"foo": 1}\n{"bar": 2}\n',
  },
  '.scrobbler.log': {
    make: scrobblerLogImporter,
    fixture: 'scrobbler-log/.scrobbler.log',
    kind: 'lines',
    want: { read: 4, listens: 2, skips: 1, dropped: { 'malformed row': 1 } },
    check(r) {
      expect(r.plays[1]).toMatchObject({ track: 'Paranoid Android', skipped: true });
      expect(r.plays[2]).toMatchObject({ artist: 'The Beatles', track: 'Come Together "Remastered"', ts: 1706736400_000 });
    },
    wrong: '#AUDIOSCROBBLER/1.1\nno tabs here\nnor here\n',
  },
  'Apple Music daily tracks': {
    make: appleDailyImporter,
    fixture: 'apple-daily/Apple Music - Play History Daily Tracks.csv',
    kind: 'csv',
    want: { read: 4, listens: 2, skips: 1, dropped: { 'no "Artist - Title" in Track Description': 1 } },
    check(r) {
      // Two plays counted on one day: two plays, a minute apart from the first hour.
      expect(r.plays.slice(0, 2).map((p) => p.ts)).toEqual([Date.UTC(2024, 0, 31, 21), Date.UTC(2024, 0, 31, 21, 1)]);
      expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', track: 'Airbag', msPlayed: 284_000 });
      expect(r.plays[2]).toMatchObject({ artist: 'Daft Punk', track: 'Get Lucky (feat. Pharrell Williams & Nile Rodgers)', skipped: true });
    },
    wrong: 'Country or Region,Track Description\nNL,Radiohead - Airbag\n',
  },
  'Apple Music play activity': {
    make: appleActivityImporter,
    fixture: 'apple-activity/Apple Music Play Activity.csv',
    kind: 'csv',
    want: { read: 3, listens: 1, skips: 1, dropped: { 'missing artist or track': 1 } },
    check(r) {
      expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', track: 'Airbag', msPlayed: 284_000, ts: T('2024-01-31T21:15:00.123Z'), precision: 'ms' });
      expect(r.plays[1]).toMatchObject({ track: 'Jóga', skipped: true });
    },
    wrong: 'Song Name,Album Name,Event Start Timestamp\nAirbag,OK Computer,2024-01-31T21:15:00Z\n',
  },
  'YouTube Music watch history': {
    make: youtubeMusicImporter,
    fixture: 'youtube-music/watch-history.json',
    kind: 'json',
    want: { read: 4, listens: 2, skips: 0, dropped: { 'not YouTube Music (a video)': 1, 'missing artist or track': 1 } },
    check(r) {
      expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', track: 'Airbag', ts: T('2024-01-31T21:15:00.123Z') });
      expect(r.plays[1].artist).toBe('Björk');
    },
    wrong: '{"header": "YouTube Music"}',
  },
  'Last.fm CSV (Unix times)': {
    make: lastfmCsvImporter,
    fixture: 'lastfm-csv/scrobbles-uts.csv',
    kind: 'csv',
    want: { read: 3, listens: 3, skips: 0, dropped: {} },
    check(r) {
      // Two scrobbles in the same minute: two plays, two ids.
      expect(r.plays[1].ts - r.plays[2].ts).toBe(-10_000);
      expect(new Set(r.plays.map((p) => p.id)).size).toBe(3);
    },
    wrong: 'uts,artist,length\n1706735700,Radiohead,3\n',
  },
};

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
};

describe.each(Object.entries(CASES))('%s', (_, c) => {
  it('reads its fixture: counts add up, drops say why', () => {
    const r = importAll(c.make({ file: c.fixture }), bytes(c.fixture));
    expect({ read: r.read, listens: r.listens, skips: r.skips, likes: r.likes.length, dropped: r.droppedByReason }).toEqual({ likes: 0, ...c.want });
    expect(r.read).toBe(r.listens + r.skips + r.dropped + r.likes.length);
    c.check(r);
  });

  it('gives the same result however the bytes are chunked', () => {
    const b = bytes(c.fixture);
    const whole = importAll(c.make(), b);
    for (const size of [1, 7, 64]) {
      const imp = c.make();
      for (let i = 0; i < b.length; i += size) imp.push(b.subarray(i, i + size));
      expect(imp.end()).toEqual(whole);
    }
  });

  it('refuses wrong columns, binary and empty files with a clear message', () => {
    expect(code(() => importAll(c.make({ file: 'f' }), c.wrong))).toMatch(/^wrong-columns: f: /);
    expect(code(() => importAll(c.make({ file: 'binary.png' }), bytes('binary.png')))).toMatch(/^binary: binary\.png: .*binary/);
    expect(code(() => importAll(c.make({ file: 'e' }), new Uint8Array(0)))).toMatch(/^empty: e: /);
  });

  it('handles a truncated file: a cut-off JSON is refused as truncated, a cut-off text file keeps its whole rows', () => {
    const b = bytes(c.fixture);
    const cut = b.subarray(0, Math.floor(b.length * 0.7));
    if (c.kind === 'json') expect(code(() => importAll(c.make({ file: 't' }), cut))).toMatch(/^bad-json: t: .*truncated/);
    else {
      const full = importAll(c.make(), b);
      let got: ImportResult | null = null;
      const msg = code(() => (got = importAll(c.make({ file: 't' }), cut)));
      if (got) {
        const r = got as ImportResult;
        expect(r.listens + r.skips + r.likes.length).toBeLessThanOrEqual(full.listens + full.skips + full.likes.length);
        expect(r.plays.every((p) => full.plays.some((q) => q.id === p.id) || p.track.length < 30)).toBe(true);
      } else expect(msg).toMatch(/^(wrong-columns|empty): t: /);
    }
  });
});

describe('Apple Music play activity without artists', () => {
  it('is refused with a pointer to the file that has them', () => {
    expect(code(() => importAll(appleActivityImporter({ file: 'a.csv' }), 'Song Name,Album Name,Event Start Timestamp,Play Duration Milliseconds\nAirbag,OK Computer,2024-01-31T21:15:00Z,1000\n'))).toMatch(
      /wrong-columns: a\.csv: .*no artists.*Daily Tracks/,
    );
  });
});
