// The map as the models worker serves it, against IndexedDB (fake-indexeddb):
// laid out once and stored, reopened from storage, stale once the artist
// model changes; and the user's plays per artist for the heat layer.
import { addPlays } from '../history/plays.ts';
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../platform/db.ts';
import { nodeTf } from '../../compute/tf-node.ts';
import { toArrowIPC } from '../catalog/core/arrow.ts';
import { tinyColumns, type TinyTrack } from '../../../test/test-catalog.ts';
import { ARTIST_MODEL } from '../models/registry.ts';
import { layoutMapJob, listensJob, storedMap } from './job.ts';
import type { MapProgress } from './core/build.ts';

const genres = ['house', 'rock', 'jazz'];
const tracks: TinyTrack[] = Array.from({ length: 90 }, (_, i) => ({
  name: `song ${i}`,
  artists: [`Artist ${i % 45}`],
  genres: [genres[i % 3]],
  energy: (i % 7) / 7,
  danceability: (i % 5) / 5,
}));

afterAll(async () => {
  await db().delete();
});

describe('map job', () => {
  it('lays the map out once, stores it, and reopens it until the artist vectors change', async () => {
    const cols = tinyColumns(tracks);
    const summary = { rowsRead: 90, tracks: 90, artists: 45, genres: 3, duplicateRows: 0, rejected: 0, rejectedByReason: {}, rejectedSamples: [], hasGenres: true };
    await db().catalog.put({ id: 'current', ipc: toArrowIPC(cols), fingerprint: 'fp', summary, source: { kind: 'file', name: 'x.csv', bytes: 1 }, savedAt: 0 });
    expect(await storedMap('fp')).toBeNull();

    const tf = await nodeTf();
    const seen: MapProgress[] = [];
    const made = await layoutMapJob(tf, 'wasm', 'fp', (p) => seen.push(p));
    expect(made.xy).toHaveLength(90);
    expect(made.source).toBe('fallback');
    expect(seen.some((p) => p.phase === 'neighbours') && seen.some((p) => p.phase === 'layout' && p.done === p.total)).toBe(true);

    const again = await storedMap('fp');
    expect(Array.from(again!.xy)).toEqual(Array.from(made.xy));
    expect(await storedMap('other catalog')).toBeNull();

    // A (re)trained artist model: the stored map was laid out from other vectors.
    await db().models.put({ name: ARTIST_MODEL, catalogFingerprint: 'fp', backend: 'wasm', finalLoss: 0, createdAt: 1, trainMs: 0, meta: {}, payload: {} });
    expect(await storedMap('fp')).toBeNull();
  });

  it('counts the user’s listens per catalog artist, by name as the taste does', async () => {
    await addPlays(db(), 'i', [
      { id: 'p1', ts: 1, artist: 'Artist 3', track: 'song 3', source: 'lastfm-csv' },
      { id: 'p2', ts: 2, artist: 'artist 3', track: 'song 48', source: 'lastfm-csv' },
      { id: 'p3', ts: 3, artist: 'Artist 7', track: 'song 7', source: 'lastfm-csv' },
      { id: 'p4', ts: 4, artist: 'Nobody', track: 'x', source: 'lastfm-csv' },
    ]);
    const listens = await listensJob('fp');
    const names = tinyColumns(tracks).artists;
    expect(listens[names.indexOf('Artist 3')]).toBe(2);
    expect(listens[names.indexOf('Artist 7')]).toBe(1);
    expect(listens.reduce((s, v) => s + v, 0)).toBe(3);
  });
});
