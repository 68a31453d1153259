// The stored search index as the query worker reads it: the one saved at
// import, or one built from a catalog stored without it; the same answers.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importCatalog } from '../catalog/store.ts';
import { fromArrowIPC } from '../catalog/core/arrow.ts';
import { indexCatalog } from '../catalog/core/catalog.ts';
import { db } from '../../platform/db.ts';
import { buildArtistIndex, searchArtists } from './artists.ts';
import { storedArtistIndex } from './store.ts';

const basic = readFileSync(new URL('../../../data/fixtures/basic.csv', import.meta.url));
const file = () => new Blob([basic]).stream() as ReadableStream<Uint8Array>;

afterEach(async () => {
  await db().catalog.clear();
});

describe('storedArtistIndex', () => {
  it('reads the index stored at import, for the stored catalog or the one asked for', async () => {
    expect(await storedArtistIndex(null)).toBeNull();
    const got = await importCatalog(file(), { kind: 'file', name: 'basic.csv', bytes: basic.length }, basic.length, () => {});
    expect((await db().catalog.get('current'))?.search).toBeDefined();
    const built = buildArtistIndex(indexCatalog(fromArrowIPC(got.ipc)));
    const stored = (await storedArtistIndex(null))!;
    expect(stored.fingerprint).toBe(got.fingerprint);
    expect((await storedArtistIndex(got.fingerprint))!.fingerprint).toBe(got.fingerprint);
    const queries = built.names.flatMap((n) => [n, n.slice(0, 3)]);
    for (const q of queries) expect(searchArtists(stored.index, q), q).toEqual(searchArtists(built, q));
    expect(searchArtists(stored.index, built.names[0])[0].name).toBe(built.names[0]);

    // A catalog stored before indexes were: built from the catalog, same answers.
    await db().catalog.update('current', { search: undefined });
    const rebuilt = (await storedArtistIndex(got.fingerprint))!;
    for (const q of queries) expect(searchArtists(rebuilt.index, q), q).toEqual(searchArtists(built, q));
    await expect(storedArtistIndex('another')).rejects.toThrow(/catalog changed/);
  });
});
