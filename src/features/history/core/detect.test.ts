import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, FORMAT_TABLE, probe, type HistoryFormat } from './detect.ts';
import { ImportError } from './play.ts';

const dir = 'data/fixtures/history';
const bytes = (path: string): Uint8Array => readFileSync(`${dir}/${path}`);

// Every hand-written fixture, with the one format it is.
const FIXTURES: [string, HistoryFormat][] = [
  ['spotify-account/StreamingHistory_music_0.json', 'spotify-json'],
  ['spotify-extended/Streaming_History_Audio_2024_0.json', 'spotify-json'],
  ['endsong_0.json', 'spotify-json'],
  ['exportify-liked/Liked_Songs.csv', 'exportify-liked'],
  ['exportify-playlist/Road_Trip.csv', 'exportify-playlist'],
  ['lastfm-csv/scrobbles.csv', 'lastfm-csv'],
  ['lastfm-csv/scrobbles-uts.csv', 'lastfm-csv'],
  ['scrobbles-header.csv', 'lastfm-csv'],
  ['lastfm-json/recenttracks-page1.json', 'lastfm-json'],
  ['listenbrainz/listens.jsonl', 'listenbrainz-jsonl'],
  ['listenbrainz/listens.json', 'listenbrainz-json'],
  ['librefm/librefm-scrobbles.csv', 'librefm-csv'],
  ['maloja/maloja_export.json', 'maloja-json'],
  ['panoscrobbler/pano-scrobbler-export.jsonl', 'panoscrobbler-jsonl'],
  ['scrobbler-log/.scrobbler.log', 'scrobbler-log'],
  ['apple-daily/Apple Music - Play History Daily Tracks.csv', 'apple-daily-csv'],
  ['apple-activity/Apple Music Play Activity.csv', 'apple-activity-csv'],
  ['youtube-music/watch-history.json', 'youtube-music-json'],
  ['mapped/my-player-log.csv', 'csv'],
  ['custom.csv', 'csv'],
  ['mapped/other-player.jsonl', 'jsonl'],
];

// Where two rows legitimately claim one file, the table's order decides: liked
// songs are a playlist too, but the more specific row comes first.
const ORDERED_OVERLAPS = new Set(['exportify-liked>exportify-playlist']);

describe('the detection table', () => {
  for (const [path, format] of FIXTURES) {
    const name = path.split('/').pop() as string;
    it(`${path} → ${format}, and no other format's row claims it`, () => {
      const got = detectFormat(name, bytes(path));
      expect(got.format).toBe(format);
      expect(got.sure).toBe(format !== 'csv' && format !== 'jsonl');
      const p = probe(name, bytes(path));
      const claims = FORMAT_TABLE.filter((r) => r.test(p)).map((r) => r.format);
      const others = claims.filter((f) => f !== format && !ORDERED_OVERLAPS.has(`${format}>${f}`));
      expect(others).toEqual([]);
    });
  }

  it('knows every format by its first record, whatever the file is called', () => {
    for (const [path, format] of FIXTURES) {
      if (format === 'exportify-liked' || format === 'exportify-playlist') continue; // the name says which
      expect(detectFormat('download (3).txt', bytes(path)).format, path).toBe(format);
    }
  });

  it('routes zips to the archive readers', () => {
    expect(detectFormat('x.zip', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])).format).toBe('zip');
  });

  it('refuses empty, binary and unknown JSON files with a message naming the problem', () => {
    const err = (name: string, b: Uint8Array | string) => {
      try {
        detectFormat(name, typeof b === 'string' ? new TextEncoder().encode(b) : b);
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        return (e as ImportError).message;
      }
      throw new Error('expected an ImportError');
    };
    expect(err('empty.csv', bytes('empty.csv'))).toMatch(/empty/);
    expect(err('blank.csv', '\n  \r\n')).toMatch(/empty/);
    expect(err('binary.png', bytes('binary.png'))).toMatch(/binary/);
    expect(err('photos.json', '[{"width": 3, "height": 4}]')).toMatch(/no format we know.*width, height/);
  });
});
