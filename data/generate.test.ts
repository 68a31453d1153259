import { describe, expect, it } from 'vitest';
import { generateCatalogCsv } from './generate.ts';
import { ingestCsvText } from '../src/features/catalog/core/ingest.ts';

describe('generateCatalogCsv', () => {
  const { text, stats } = generateCatalogCsv({ rows: 20_000, seed: 5, malformed: 12, genres: 20 });
  const { columns: c, summary } = ingestCsvText(text);

  it('is repeatable with a seed, and differs with another', () => {
    expect(generateCatalogCsv({ rows: 500, seed: 5 }).text).toBe(generateCatalogCsv({ rows: 500, seed: 5 }).text);
    expect(generateCatalogCsv({ rows: 500, seed: 6 }).text).not.toBe(generateCatalogCsv({ rows: 500, seed: 5 }).text);
  });

  it('imports to what it says it wrote', () => {
    expect(summary).toMatchObject({
      rowsRead: stats.rows,
      tracks: stats.tracks,
      duplicateRows: stats.duplicateRows,
      rejected: stats.malformed,
      genres: stats.genres,
    });
    expect(summary.rejectedSamples.map((s) => s.line)).toEqual(stats.malformedLines);
    expect(stats.duplicateRows / stats.rows).toBeGreaterThan(0.1);
  });

  it('has collaborations and a Zipf-like spread of artists', () => {
    let multi = 0;
    const perArtist = new Int32Array(c.artists.length);
    for (let t = 0; t < c.size; t++) {
      if (c.artistOffsets[t + 1] - c.artistOffsets[t] > 1) multi++;
      for (let j = c.artistOffsets[t]; j < c.artistOffsets[t + 1]; j++) perArtist[c.artistIds[j]]++;
    }
    expect(multi / c.size).toBeGreaterThan(0.15);
    const sorted = [...perArtist].sort((a, b) => b - a);
    const median = sorted[Math.floor(sorted.length / 2)];
    expect(sorted[0]).toBeGreaterThan(10 * median);
  });

  it('gives genres distinct audio-feature distributions', () => {
    // Spread of per-genre mean energy, against the spread within one genre's mean estimate.
    const sum = new Float64Array(c.genres.length);
    const n = new Float64Array(c.genres.length);
    for (let t = 0; t < c.size; t++) {
      const g = c.genreIds[c.genreOffsets[t]];
      sum[g] += c.energy[t];
      n[g]++;
    }
    const means = [...sum].map((s, g) => s / n[g]);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(0.3);
  });

  it('writes a catalog without genres when asked', () => {
    const r = ingestCsvText(generateCatalogCsv({ rows: 300, seed: 1, withGenres: false }).text);
    expect(r.summary).toMatchObject({ hasGenres: false, tracks: 300, duplicateRows: 0 });
  });
});
