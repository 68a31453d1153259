import { describe, expect, it } from 'vitest';
import { buildArtistIndex, searchArtists } from './artists.ts';
import { packArtistIndex, unpackArtistIndex } from './packed.ts';
import { indexCatalog } from '../catalog/core/catalog.ts';
import { ingestCsvText } from '../catalog/core/ingest.ts';
import { generateCatalogCsv } from '../../../data/generate.ts';

describe('packArtistIndex', () => {
  it('answers every query as the index it was packed from, after a structured clone (as IndexedDB stores it)', () => {
    const catalog = indexCatalog(ingestCsvText(generateCatalogCsv({ rows: 3000, seed: 3 }).text).columns);
    const built = buildArtistIndex(catalog);
    const restored = unpackArtistIndex(structuredClone(packArtistIndex(built)));
    expect(restored.names).toEqual(built.names);
    expect(restored.keys).toEqual(built.keys);
    const queries = catalog.artists.slice(0, 300).flatMap((name) => [name.slice(0, 2), name.slice(0, 5), name.slice(0, 3) + name.slice(4, 9)]);
    let hits = 0;
    for (const q of queries) {
      const expected = searchArtists(built, q, 8);
      hits += expected.length;
      expect(searchArtists(restored, q, 8), q).toEqual(expected);
    }
    expect(hits).toBeGreaterThan(queries.length); // the queries do find artists
  });
});
