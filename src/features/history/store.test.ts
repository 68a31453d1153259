// The import transaction against IndexedDB (fake-indexeddb in Node): reading,
// matching and storing as the worker does, from the hand-written fixtures.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { NeuralBeatsDB } from '../../platform/db.ts';
import { buildMatcher } from './core/match.ts';
import { runImport, type HistoryImportReport } from './import.ts';
import type { HistorySource, ReadChoices } from './core/read.ts';
import { prepareImport } from './core/prepare.ts';
import { saveImport } from './store.ts';
import { playCount, readPlays } from './plays.ts';
import { tinyCatalog } from '../../../test/test-catalog.ts';
import { bytesSource } from '../../../test/history-sources.ts';
import { countPlays } from '../taste/core/feedback.ts';
import { artistKey } from '../../lib/keys.ts';

const catalog = tinyCatalog([
  { id: '6ie2Bw3xLj2JcGowOlcMhb', name: 'Airbag', artists: ['Radiohead'] },
  { id: '6LgJvl0Xdtc73RJ1mmpotq', name: 'Paranoid Android', artists: ['Radiohead'] },
  { id: '2Foc5Q5nqNiosCNqttzHof', name: 'Get Lucky (feat. Pharrell Williams & Nile Rodgers)', artists: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'] },
  { id: 'T5', name: 'Formation', artists: ['Beyoncé'] },
  { id: 'T6', name: 'Jóga', artists: ['Björk'] },
]);
const matcher = buildMatcher(catalog);
const fixture = (path: string): HistorySource => bytesSource(path.split('/').pop() as string, readFileSync(`data/fixtures/history/${path}`));

let n = 0;
let db: NeuralBeatsDB;
const fresh = () => (db = new NeuralBeatsDB(`store-test-${n++}`));
afterEach(async () => db?.delete());

async function run(sources: HistorySource[], choices: ReadChoices = {}): Promise<HistoryImportReport> {
  const r = await runImport(db, sources, choices, async () => matcher);
  if ('needs' in r) throw new Error(`needs ${r.needs}`);
  return r;
}

describe('the import transaction', () => {
  it('stores plays and an import record; the same file twice adds 0', async () => {
    fresh();
    const first = await run([fixture('lastfm-csv/scrobbles.csv')]);
    expect(first).toMatchObject({ added: 4, alreadyStored: 0 });
    expect(await playCount(db)).toBe(4);
    expect(await db.imports.count()).toBe(1);
    const again = await run([fixture('lastfm-csv/scrobbles.csv')]);
    expect(again).toMatchObject({ added: 0, alreadyStored: 4 });
    expect(await playCount(db)).toBe(4);
    // No import record for an import that added nothing.
    expect(await db.imports.count()).toBe(1);
  });

  it('two overlapping exports of different precision count each play once, in either order', async () => {
    for (const order of [['spotify-account/StreamingHistory_music_0.json', 'spotify-extended/Streaming_History_Audio_2024_0.json'], ['spotify-extended/Streaming_History_Audio_2024_0.json', 'spotify-account/StreamingHistory_music_0.json']]) {
      fresh();
      const a = await run([fixture(order[0])]);
      const b = await run([fixture(order[1])]);
      // The account file has one play more (Formation, 2 Feb) than the extended one; extended has none the account lacks.
      const plays = await readPlays(db);
      expect(plays.map((p) => p.track).sort()).toEqual(['Airbag', 'Formation', 'Get Lucky', 'Paranoid Android', 'Paranoid Android']);
      expect(a.added + b.added).toBe(5);
      expect(b.alreadyStored).toBe(order[0].includes('account') ? 4 : 4);
      await db.delete();
    }
  });

  it('keeps every credited artist of a multi-artist play, by catalog name, for the taste', async () => {
    fresh();
    await run([fixture('listenbrainz/listens.jsonl')]);
    const stored = await readPlays(db);
    expect(stored.find((p) => p.track === 'Get Lucky')?.artists).toEqual(['Daft Punk', 'Pharrell Williams']);
    // ...and the taste counts the play for each of them.
    const counts = countPlays(stored, []);
    expect(counts.artists.get(artistKey('Daft Punk'))?.listens).toBe(1);
    expect(counts.artists.get(artistKey('Pharrell Williams'))?.listens).toBe(1);
  });

  it('Exportify liked songs become likes (feedback), not plays; twice adds 0', async () => {
    fresh();
    const r = await run([fixture('exportify-liked/Liked_Songs.csv')]);
    expect(r).toMatchObject({ added: 0, likesAdded: 3, likesAlready: 0 });
    expect(r.likesMatch).toMatchObject({ plays: 3, byTrackId: 2, unmatched: 1 });
    expect(await playCount(db)).toBe(0);
    const likes = await db.feedback.toArray();
    expect(likes.map((e) => e.type)).toEqual(['like', 'like', 'like']);
    // Matched likes name the catalog's track, so the taste finds it.
    expect(likes.find((e) => 'target' in e && e.target.kind === 'track' && e.target.trackId === '2Foc5Q5nqNiosCNqttzHof')).toMatchObject({
      target: { artist: 'Daft Punk', track: 'Get Lucky (feat. Pharrell Williams & Nile Rodgers)' },
    });
    expect(await run([fixture('exportify-liked/Liked_Songs.csv')])).toMatchObject({ likesAdded: 0, likesAlready: 3 });
  });

  it('asks whether a playlist is likes or seeds, and as seeds gives catalog tracks, stores nothing', async () => {
    fresh();
    const ask = await runImport(db, [fixture('exportify-playlist/Road_Trip.csv')], {}, async () => matcher);
    expect(ask).toEqual({ needs: 'playlist', file: 'Road_Trip.csv' });
    const seeds = await run([fixture('exportify-playlist/Road_Trip.csv')], { playlistAs: 'seeds' });
    expect(seeds.seeds).toEqual([
      { key: '6ie2Bw3xLj2JcGowOlcMhb', label: 'Airbag – Radiohead' },
      { key: 'T5', label: 'Formation – Beyoncé' },
    ]);
    expect(await db.feedback.count()).toBe(0);
    expect((await run([fixture('exportify-playlist/Road_Trip.csv')], { playlistAs: 'likes' })).likesAdded).toBe(2);
  });

  it('asks for a column mapping when detection is not sure; imports with it', async () => {
    fresh();
    const ask = await runImport(db, [fixture('mapped/my-player-log.csv')], {}, async () => matcher);
    expect(ask).toMatchObject({ needs: 'mapping', file: 'my-player-log.csv' });
    if (!('needs' in ask) || ask.needs !== 'mapping') throw new Error('expected a mapping request');
    // The header names the time, the track URI and the length; the user names the rest.
    expect(ask.preview.guess).toEqual({ delimiter: ';', hasHeader: true, time: 0, trackId: 3, length: 5, timeFormat: 'auto' });
    const mapping = { ...ask.preview.guess, delimiter: ';', hasHeader: true, time: 0, artist: 1, title: 2, duration: 4, durationUnit: 's' as const, artistSeparator: '|' };
    const r = await run([fixture('mapped/my-player-log.csv')], { mapping });
    // 12 s played of a 370 s track: a skip, by the time played.
    expect(r).toMatchObject({ added: 3, listens: 2, skips: 1 });
    // Two rows name several artists; Get Lucky's are both in the catalog, Simon & Garfunkel is not.
    expect(r.match).toMatchObject({ byTrackId: 1, byArtistTitle: 1, multiArtist: 2, multiArtistMatched: 1 });
    const lucky = (await readPlays(db)).find((p) => p.track === 'Get Lucky');
    expect(lucky).toMatchObject({ msPlayed: 12_000, skipped: true, artists: ['Daft Punk', 'Pharrell Williams'] });
  });

  it('maps JSON Lines it does not know by their fields, nested ones included', async () => {
    fresh();
    const ask = await runImport(db, [fixture('mapped/other-player.jsonl')], {}, async () => matcher);
    if (!('needs' in ask) || ask.needs !== 'mapping') throw new Error('expected a mapping request');
    expect(ask.preview.columns).toEqual(['played_at', 'song.artist', 'song.title', 'song.uri', 'seconds']);
    expect(ask.preview.guess).toMatchObject({ delimiter: 'jsonl', time: 0, artist: 1, title: 2 });
    const r = await run([fixture('mapped/other-player.jsonl')], { mapping: { ...ask.preview.guess, delimiter: 'jsonl', hasHeader: true, time: 0, artist: 1, title: 2, trackId: 3, duration: 4, durationUnit: 's' } });
    expect(r).toMatchObject({ read: 3, listens: 1, skips: 1, dropped: 1, added: 2 });
    expect(r.match).toMatchObject({ byTrackId: 1, byArtistTitle: 1 });
  });

  it('reads a ListenBrainz export .zip', async () => {
    fresh();
    const zip = zipSync({ 'user.json': new TextEncoder().encode('{"user_name":"x"}'), 'listens/2024/1.jsonl': readFileSync('data/fixtures/history/listenbrainz/listens.jsonl'), 'listens/2024/2.jsonl': new Uint8Array(0) });
    const r = await run([bytesSource('listenbrainz_x.zip', zip)]);
    expect(r).toMatchObject({ formats: ['zip'], added: 4, read: 6 });
    expect(r.notes).toContain('user.json');
  });

  it('a failure half-way stores nothing', async () => {
    fresh();
    const first = await run([fixture('lastfm-csv/scrobbles.csv')]);
    const prep = prepareImport([], matcher);
    prep.plays.push({ id: 'x', ts: 1, stamp: 1, precision: 's' as const, artist: 'A', track: 'B', source: 'test' });
    // The new play is written, then the import record collides with the first one's id: the transaction aborts.
    await expect(saveImport(db, prep, { importId: first.importId, fileNames: ['f'], source: 'test' })).rejects.toThrow();
    expect(await playCount(db)).toBe(4);
    expect(await db.imports.count()).toBe(1);
  });
});
