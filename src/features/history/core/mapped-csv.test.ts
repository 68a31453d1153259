import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMappedCsv, previewCsv, type ColumnMapping } from './mapped-csv.ts';
import { ImportError } from './play.ts';
import { importLastfmCsv } from './lastfm.ts';

const custom = readFileSync('data/fixtures/history/custom.csv');

describe('CSV with a column mapping', () => {
  it('previews the first rows and guesses the mapping from the header', () => {
    const p = previewCsv(custom, 2);
    expect(p.delimiter).toBe(';');
    expect(p.hasHeader).toBe(true);
    expect(p.columns).toEqual(['Played At', 'Performer', 'Song', 'Seconds Played', 'Album']);
    expect(p.rows).toHaveLength(2);
    expect(p.rows[0]).toEqual(['2024-03-01 10:00', 'Radiohead', 'Airbag', '284', 'OK Computer']);
    expect(p.guess).toMatchObject({ time: 0, artist: 1, title: 2, duration: 3, album: 4, durationUnit: 's' });
  });

  it('guesses the time column of a headerless file from its values', () => {
    const p = previewCsv('Radiohead,Airbag,1706735700\nPortishead,Roads,1706736000\n');
    expect(p.hasHeader).toBe(false);
    expect(p.columns).toEqual(['column 1', 'column 2', 'column 3']);
    expect(p.guess.time).toBe(2);
  });

  it('imports with the confirmed mapping: short plays are skips, bad rows reported', () => {
    const mapping = previewCsv(custom).guess as ColumnMapping;
    const r = importMappedCsv(custom, mapping, { file: 'custom.csv' });
    expect(r.read).toBe(4);
    expect(r.listens).toBe(2);
    expect(r.skips).toBe(1);
    expect(r.droppedByReason).toEqual({ 'missing artist or track': 1 });
    expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', track: 'Airbag', album: 'OK Computer', msPlayed: 284_000, ts: Date.UTC(2024, 2, 1, 10), source: 'csv' });
  });

  it('gives a play the same id as the same scrobble from Last.fm', () => {
    const csv = importMappedCsv('t,a,s\n31 Jan 2024 21:15,RADIOHEAD,airbag\n', { delimiter: ',', hasHeader: true, time: 0, artist: 1, title: 2 });
    const lfm = importLastfmCsv(readFileSync('data/fixtures/history/scrobbles.csv'));
    expect(csv.plays[0].id).toBe(lfm.plays[0].id);
  });

  it('refuses a mapping that does not fit the file', () => {
    const m: ColumnMapping = { delimiter: ';', hasHeader: true, time: 0, artist: 1, title: 7 };
    expect(() => importMappedCsv(custom, m)).toThrow(/column 8, but the file has 5 columns/);
    const swapped: ColumnMapping = { delimiter: ';', hasHeader: true, time: 1, artist: 0, title: 2 };
    expect(() => importMappedCsv(custom, swapped)).toThrow(ImportError);
    expect(() => importMappedCsv(custom, swapped)).toThrow(/no row could be read with this mapping \(4 × bad time\)/);
    expect(() => importMappedCsv('a;b;c\n', { delimiter: ';', hasHeader: true, time: 0, artist: 1, title: 2 })).toThrow(/no rows after the header/);
  });
});
