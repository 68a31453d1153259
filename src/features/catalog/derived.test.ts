// What the rank worker reads beside the catalog: stored at import, keyed by the
// catalog's fingerprint; a catalog stored without it (an older version of the
// app) or with one built on another catalog still ranks, the same, and gets a
// fitting one stored for the next reload.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCatalogCsv } from '../../../data/generate.ts';
import { db } from '../../platform/db.ts';
import { importCatalog, storedCatalog, storedDerived } from './store.ts';
import { buildDerived, storedKeys } from './derived.ts';
import { prepareRanking } from '../recommend/core/prepare.ts';
import { catalogKeys } from '../taste/core/exclusions.ts';

const csv = (seed: number): Uint8Array<ArrayBuffer> => new TextEncoder().encode(generateCatalogCsv({ rows: 300, seed }).text);
const stored = (bytes: Uint8Array<ArrayBuffer>) => importCatalog(new Blob([bytes]).stream() as ReadableStream<Uint8Array>, { kind: 'file', name: 'c.csv', bytes: bytes.length }, bytes.length, () => {});

afterEach(async () => {
  await db().catalog.clear();
  await db().derived.clear();
});

describe('storedDerived', () => {
  it('is stored at import for that catalog, and ranks as building it would', async () => {
    const { fingerprint } = await stored(csv(1));
    const c = await storedCatalog(fingerprint);
    const built = buildDerived(c, fingerprint);
    expect(await db().derived.get('ranking')).toEqual({ id: 'ranking', ...built });
    const d = await storedDerived(fingerprint);
    expect(d).toEqual({ id: 'ranking', ...built });
    const fresh = prepareRanking(c);
    const fromStored = prepareRanking(c, undefined, d.ranking);
    for (const part of ['artists', 'artistSplit', 'tracks', 'trackNorm2', 'artistAudio', 'genreArtist', 'genreAudio', 'attributes', 'song', 'songPopularity'] as const) {
      expect(fromStored[part], part).toEqual(fresh[part]);
    }
    expect(storedKeys(c, d)).toEqual(catalogKeys(c));
  });

  it('a catalog stored without one (older versions) or with a stale one: built, the same, and stored', async () => {
    for (const [seed, stale] of [[2, undefined], [3, 'another catalog']] as const) {
      const { fingerprint } = await stored(csv(seed));
      const record = (await db().derived.get('ranking'))!;
      if (stale === undefined) await db().derived.delete('ranking');
      else await db().derived.put({ ...record, fingerprint: stale });
      const d = await storedDerived(fingerprint);
      expect(d).toEqual(buildDerived(await storedCatalog(fingerprint), fingerprint));
      expect(await db().derived.get('ranking')).toEqual({ id: 'ranking', ...d });
    }
  });
});
