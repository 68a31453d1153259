import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestCsvText } from './ingest.ts';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { CatalogLayoutError, fromArrowIPC, readArrowIPC, toArrowIPC } from './arrow.ts';
import { indexCatalog, tracksOf, type CatalogColumns } from './catalog.ts';
import { generateCatalogCsv } from '../../../../data/generate.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../data/fixtures/${name}`, import.meta.url), 'utf8');

/** Plain arrays, so a typed array and a view of the same numbers compare equal. */
function plain(c: CatalogColumns): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, ArrayBuffer.isView(v) ? { type: v.constructor.name, values: Array.from(v as Uint8Array) } : v]));
}

describe('Arrow IPC round trip', () => {
  it('gives back the same columns (fixture with quotes, line breaks, duplicates)', () => {
    for (const name of ['basic.csv', 'bom-crlf.csv', 'quoted-newline.csv', 'no-genre.csv']) {
      const { columns } = ingestCsvText(fixture(name));
      expect(plain(fromArrowIPC(toArrowIPC(columns))), name).toEqual(plain(columns));
    }
  });

  it('gives back the same columns for a generated catalog', () => {
    const { columns } = ingestCsvText(generateCatalogCsv({ rows: 2000, seed: 7, malformed: 5 }).text);
    const back = fromArrowIPC(toArrowIPC(columns));
    expect(plain(back)).toEqual(plain(columns));
    // The reloaded columns index like the originals.
    const a = indexCatalog(columns);
    const b = indexCatalog(back);
    expect([...tracksOf(b, 0)]).toEqual([...tracksOf(a, 0)]);
    expect(b.trackIndex.get(columns.trackId[123])).toBe(123);
  });

  it('keeps non-ASCII text exactly, including astral characters and a leading U+FEFF', () => {
    const { columns } = ingestCsvText(fixture('basic.csv'));
    const names = ['Beyoncé', 'Motörhead 🤘', '\uFEFFstarts with a BOM', '강남스타일'];
    columns.trackName = names;
    columns.albumName = ['é', 'é', '', '🤘'];
    columns.artists = ['Ünder', 'Ølstykke', 'A', '雨'];
    expect(plain(fromArrowIPC(toArrowIPC(columns)))).toEqual(plain(columns));
  });

  it('keeps non-ASCII text exactly across the chunks a column is decoded in', () => {
    const { columns } = ingestCsvText(generateCatalogCsv({ rows: 12_000, seed: 5 }).text);
    const odd = ['é', '🤘', '雨', 'ß\uFEFF', ''];
    // Every row but a run of plain ones, and the rows at chunk edges (4,096 rows a chunk).
    columns.trackName = columns.trackName.map((name, i) => (i >= 5000 && i < 9000 ? name : `${odd[i % odd.length]}${name}${odd[(i * 7) % odd.length]}`));
    expect(columns.size).toBeGreaterThan(8192);
    expect(fromArrowIPC(toArrowIPC(columns)).trackName).toEqual(columns.trackName);
  });

  it('stores the summary and fingerprint with the columns', () => {
    const { columns, summary } = ingestCsvText(fixture('basic.csv'));
    const read = readArrowIPC(toArrowIPC(columns, { summary, fingerprint: 'abc123' }));
    expect(read.summary).toEqual(summary);
    expect(read.fingerprint).toBe('abc123');
    expect(readArrowIPC(toArrowIPC(columns)).summary).toBeNull();
  });

  it('refuses bytes that are not a catalog', () => {
    expect(() => fromArrowIPC(new Uint8Array([1, 2, 3, 4]))).toThrow();
  });

  it('refuses a catalog stored under another layout with a CatalogLayoutError', () => {
    const { columns } = ingestCsvText(fixture('basic.csv'));
    const table = tableFromIPC(toArrowIPC(columns));
    table.schema.metadata.set('neural_beats_layout', '1');
    expect(() => readArrowIPC(tableToIPC(table))).toThrow(CatalogLayoutError);
  });
});
