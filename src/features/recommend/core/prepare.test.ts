import { describe, expect, it } from 'vitest';
import { indexCatalog } from '../../catalog/core/catalog.ts';
import { ingestCsvText } from '../../catalog/core/ingest.ts';
import { generateCatalogCsv } from '../../../../data/generate.ts';
import { plainVectors, prepareRanking, rankingBase } from './prepare.ts';
import { sparseArtistVectors } from './vectors.ts';
import { STEERABLE } from './types.ts';

describe('prepareRanking', () => {
  it('gives every steerable attribute the min, max and 2–98% span a full sort gives', () => {
    const c = indexCatalog(ingestCsvText(generateCatalogCsv({ rows: 2500, seed: 4 }).text).columns);
    const ix = prepareRanking(c);
    for (const name of STEERABLE) {
      const sorted = Float32Array.from(c[name] as ArrayLike<number>).sort();
      const q = (p: number) => sorted[Math.min(c.size - 1, Math.floor(p * c.size))];
      const st = ix.attributes[name];
      expect(st.values, name).toEqual(Float32Array.from(c[name] as ArrayLike<number>));
      expect([st.min, st.max], name).toEqual([sorted[0], sorted[c.size - 1]]);
      expect(st.span, name).toBe(name === 'key' ? 6 : Math.max(q(0.98) - q(0.02), 1e-6));
    }
  });

  it('keeps the plain artist vectors in its stored base, as sparseArtistVectors builds them', () => {
    const c = indexCatalog(ingestCsvText(generateCatalogCsv({ rows: 800, seed: 2 }).text).columns);
    const plain = sparseArtistVectors(c);
    const stored = plainVectors(c, rankingBase(c));
    expect(stored.dim).toBe(plain.dim);
    expect(stored.data).toEqual(plain.data);
  });
});
