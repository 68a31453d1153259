// The stored search index as the query worker reads it: the one saved at
// import, or one built from a catalog stored without it (and saved then); the
// same answers. A version-2 database's index (inside the catalog record) moves
// out of it when today's code opens it.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importCatalog } from '../catalog/store.ts';
import { fromArrowIPC } from '../catalog/core/arrow.ts';
import { indexCatalog } from '../catalog/core/catalog.ts';
import Dexie from 'dexie';
import { db, NeuralBeatsDB } from '../../platform/db.ts';
import { buildArtistIndex, searchArtists } from './artists.ts';
import { storedArtistIndex } from './store.ts';

const basic = readFileSync(new URL('../../../data/fixtures/basic.csv', import.meta.url));
const file = () => new Blob([basic]).stream() as ReadableStream<Uint8Array>;

afterEach(async () => {
  await db().catalog.clear();
  await db().derived.clear();
});

describe('storedArtistIndex', () => {
  it('reads the index stored at import, for the stored catalog or the one asked for', async () => {
    expect(await storedArtistIndex(null)).toBeNull();
    const got = await importCatalog(file(), { kind: 'file', name: 'basic.csv', bytes: basic.length }, basic.length, () => {});
    expect((await db().derived.get('search'))?.fingerprint).toBe(got.fingerprint);
    const built = buildArtistIndex(indexCatalog(fromArrowIPC(got.ipc)));
    const stored = (await storedArtistIndex(null))!;
    expect(stored.fingerprint).toBe(got.fingerprint);
    expect((await storedArtistIndex(got.fingerprint))!.fingerprint).toBe(got.fingerprint);
    const queries = built.names.flatMap((n) => [n, n.slice(0, 3)]);
    for (const q of queries) expect(searchArtists(stored.index, q), q).toEqual(searchArtists(built, q));
    expect(searchArtists(stored.index, built.names[0])[0].name).toBe(built.names[0]);

    // A catalog stored before indexes were: built from the catalog, same answers, and saved.
    const saved = await db().derived.get('search');
    await db().derived.delete('search');
    const rebuilt = (await storedArtistIndex(got.fingerprint))!;
    for (const q of queries) expect(searchArtists(rebuilt.index, q), q).toEqual(searchArtists(built, q));
    expect(await db().derived.get('search')).toEqual(saved);
    await expect(storedArtistIndex('another')).rejects.toThrow(/catalog changed/);
  });

  it('moves the index of a version-2 database out of its catalog record', async () => {
    const got = await importCatalog(file(), { kind: 'file', name: 'basic.csv', bytes: basic.length }, basic.length, () => {});
    const record = (await db().catalog.get('current'))!;
    const saved = (await db().derived.get('search'))!;
    const old = new Dexie('search-v2');
    old.version(2).stores({ catalog: 'id', settings: 'key', seeds: 'id, position', models: 'name', plays: 'id, ts, importId, artist', imports: 'id, at', feedback: 'id, at, type', playChunks: 'id, importId, lo, hi, n' });
    await old.table('catalog').put({ ...record, search: saved.id === 'search' ? saved.index : null });
    old.close();
    const now = new NeuralBeatsDB('search-v2');
    expect(await now.derived.get('search')).toEqual({ id: 'search', fingerprint: got.fingerprint, index: saved.id === 'search' ? saved.index : null });
    expect(await now.catalog.get('current')).toEqual(record);
    await now.delete();
  });
});
