import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importSpotifyFiles, importSpotifyZip, spotifyFileKind, spotifyImport } from './spotify.ts';
import type { Play } from './play.ts';
import { importError } from '../../../../test/expect-import-error.ts';
import { pushBigDocument } from '../../../../test/big-document.ts';

const dir = 'data/fixtures/history';
const file = (name: string) => ({ name, data: readFileSync(`${dir}/${name}`) as Uint8Array });

describe('Spotify account-data export', () => {
  it('reads StreamingHistory_music_N.json: start time = end - msPlayed, short plays are skips', () => {
    const r = importSpotifyFiles([file('StreamingHistory_music_0.json')]);
    expect(r.source).toBe('spotify-account');
    expect(r.read).toBe(5);
    expect(r.listens).toBe(2);
    expect(r.skips).toBe(1);
    expect(r.droppedByReason).toEqual({ 'not played (0 ms)': 1, 'bad time': 1 });
    expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', track: 'Airbag', msPlayed: 284000, ts: Date.UTC(2024, 0, 31, 21, 18) - 284000 });
    expect(r.plays[1]).toMatchObject({ track: 'Exit Music (For a Film)', skipped: true });
    expect(r.droppedSamples[0].where).toBe('StreamingHistory_music_0.json #4');
  });
});

describe('Spotify extended streaming history', () => {
  it('drops incognito and podcasts, counts short forward-button plays as skips, keeps track ids', () => {
    const r = importSpotifyFiles([file('Streaming_History_Audio_2023-2024_0.json'), file('endsong_0.json')]);
    expect(r.source).toBe('spotify-extended');
    expect(r.read).toBe(6);
    expect(r.droppedByReason).toEqual({ incognito: 1, 'podcast or audiobook': 1 });
    expect(r.skips).toBe(1);
    // 20 s but ended by the app ("endplay"), not skipped: a listen.
    expect(r.listens).toBe(3);
    const airbag = r.plays.find((p) => p.track === 'Airbag');
    expect(airbag).toMatchObject({ spotifyTrackId: '6ie2Bw3xLj2JcGowOlcMhb', album: 'OK Computer', ts: Date.parse('2024-01-31T21:19:44Z') - 284000 });
    expect(r.plays.find((p) => p.track === 'Paranoid Android')?.skipped).toBe(true);
    expect(r.plays.find((p) => p.track === 'Formation')?.skipped).toBeUndefined();
    expect(r.plays.some((p) => p.artist === 'Guilty Pleasure')).toBe(false);
  });

  it('skips account-data files when the extended history is there too', () => {
    const r = importSpotifyFiles([file('StreamingHistory_music_0.json'), file('Streaming_History_Audio_2023-2024_0.json')]);
    expect(r.files).toEqual(['Streaming_History_Audio_2023-2024_0.json']);
    expect(r.skippedFiles[0]).toMatch(/StreamingHistory_music_0\.json/);
  });

  it('re-import gives the same ids', () => {
    const a = importSpotifyFiles([file('Streaming_History_Audio_2023-2024_0.json')]).plays.map((p) => p.id);
    const b = importSpotifyFiles([file('Streaming_History_Audio_2023-2024_0.json')]).plays.map((p) => p.id);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
  });
});

describe('Spotify streaming', () => {
  it('streams a ~200 MB extended-history file (one JSON array) with bounded memory', () => {
    // Generated 1 MB at a time and cut mid-record; nothing keeps the text or the plays.
    const target = 200 * 2 ** 20;
    let plays = 0;
    const run = spotifyImport([{ name: 'Streaming_History_Audio_2020_0.json', kind: 'extended' }], { onBatch: (b: Play[]) => (plays += b.length), batchSize: 10_000 });
    const imp = run.importers[0]!;
    const { bytes, records: n, peak } = pushBigDocument((b) => imp.push(b), {
      head: '[',
      record: (n) => {
        const ts = new Date(Date.UTC(2020, 0, 1) + n * 1000).toISOString().replace('.000', '');
        return `{"ts":"${ts}","platform":"android","ms_played":${200_000 + (n % 1000)},"conn_country":"NL","master_metadata_track_name":"Track ${n % 100_003}","master_metadata_album_artist_name":"Artist ${n % 5003}","master_metadata_album_album_name":"Album \\"${n % 977}\\"","spotify_track_uri":"spotify:track:${String(n).padStart(22, 'a')}","reason_end":"trackdone","skipped":false,"incognito_mode":false}`;
      },
      tail: ']',
    }, target);
    imp.end();
    const r = run.finish();
    expect(bytes).toBeGreaterThan(target - 1);
    expect(plays).toBe(n);
    expect(r.read).toBe(n);
    expect(r.listens).toBe(n);
    expect(r.plays).toHaveLength(0);
    // The file as one string would be > 400 MB (UTF-16), its parse several times that; we stay far below.
    expect(peak).toBeLessThan(120e6);
  });
});

describe('Spotify export .zip', () => {
  const zip = (entries: Record<string, Uint8Array>, level = 6) => zipSync(entries, { level: level as 6 });
  it('reads the history files inside and lists the rest as skipped', () => {
    const z = zip({
      'MyData/Streaming_History_Audio_2023-2024_0.json': file('Streaming_History_Audio_2023-2024_0.json').data,
      'MyData/endsong_0.json': file('endsong_0.json').data,
      'MyData/Userdata.json': new TextEncoder().encode('{"username":"x"}'),
    });
    const r = importSpotifyZip(z);
    expect(r.listens + r.skips).toBe(4);
    expect(r.files).toHaveLength(2);
    expect(r.skippedFiles).toEqual(['MyData/Userdata.json']);
    const direct = importSpotifyFiles([file('Streaming_History_Audio_2023-2024_0.json'), file('endsong_0.json')]);
    expect(r.plays.map((p) => p.id)).toEqual(direct.plays.map((p) => p.id));
  });

  it('refuses archive bombs and oversized archives before inflating', () => {
    // 8 MB of zeros compresses ~1000:1.
    const bomb = zip({ 'Streaming_History_Audio_0.json': new Uint8Array(8 * 2 ** 20) });
    expect(bomb.length).toBeLessThan(100_000);
    const e = importError(() => importSpotifyZip(bomb, { file: 'bomb.zip' }));
    expect(e.code).toBe('archive-too-large');
    expect(e.message).toMatch(/bomb\.zip: .*compressed \d+:1/);
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 30; i++) many[`endsong_${i}.json`] = new TextEncoder().encode('[]');
    const limits = { maxEntries: 20, maxEntryBytes: 1e6, maxTotalBytes: 1e6, maxRatio: 200 };
    expect(importError(() => importSpotifyZip(zip(many), { limits })).message).toMatch(/30 entries \(limit 20\)/);
    const big = zip({ 'endsong_0.json': file('endsong_0.json').data, 'endsong_1.json': file('endsong_0.json').data });
    expect(importError(() => importSpotifyZip(big, { limits: { ...limits, maxTotalBytes: 1000 } })).message).toMatch(/would unpack to/);
  });

  it('refuses a zip with no history and a damaged zip', () => {
    expect(importError(() => importSpotifyZip(zip({ 'Playlist1.json': new Uint8Array([91, 93]) }))).code).toBe('unknown-format');
    const z = zip({ 'endsong_0.json': file('endsong_0.json').data });
    expect(importError(() => importSpotifyZip(z.subarray(0, z.length - 30))).code).toBe('bad-archive');
  });
});

describe('broken Spotify files', () => {
  it('says which file is wrong and how', () => {
    const t = importError(() => importSpotifyFiles([file('truncated.json')]));
    expect(t.code).toBe('bad-json');
    expect(t.message).toMatch(/^truncated\.json: the JSON ends early: the file looks truncated/);
    expect(importError(() => importSpotifyFiles([{ name: 'endsong_0.json', data: '' }])).code).toBe('empty');
    expect(importError(() => importSpotifyFiles([file('binary.png')])).code).toBe('binary');
    const wrong = importError(() => importSpotifyFiles([{ name: 'x.json', data: '[{"song":"a","when":"b"}]' }]));
    expect(wrong.code).toBe('wrong-columns');
    expect(wrong.message).toMatch(/found: song, when/);
    expect(importError(() => importSpotifyFiles([{ name: 'x.json', data: '{"a":1}' }])).message).toMatch(/JSON array/);
    expect(importError(() => importSpotifyFiles([{ name: 'endsong_0.json', data: '[]' }])).code).toBe('empty');
  });

  it('knows history files by name', () => {
    expect(spotifyFileKind('MyData/StreamingHistory0.json')).toBe('account');
    expect(spotifyFileKind('StreamingHistory_music_3.json')).toBe('account');
    expect(spotifyFileKind('StreamingHistory_podcast_0.json')).toBeNull();
    expect(spotifyFileKind('Spotify Extended Streaming History/Streaming_History_Audio_2019_2.json')).toBe('extended');
    expect(spotifyFileKind('Streaming_History_Video_2020.json')).toBeNull();
    expect(spotifyFileKind('endsong_12.json')).toBe('extended');
  });
});
