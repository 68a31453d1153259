import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogIngest, ingestCsvText } from './ingest.ts';
import { artistsOf, CatalogFormatError, genresOf, type CatalogColumns } from './catalog.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../data/fixtures/${name}`, import.meta.url), 'utf8');
const fixtureBytes = (name: string) => readFileSync(new URL(`../../../../data/fixtures/${name}`, import.meta.url));

/** A track's fields by id, in plain values, for readable assertions. */
function track(c: CatalogColumns, id: string) {
  const t = c.trackId.indexOf(id);
  expect(t, `track ${id}`).toBeGreaterThanOrEqual(0);
  return {
    name: c.trackName[t],
    album: c.albumName[t],
    artists: [...artistsOf(c, t)].map((a) => c.artists[a]),
    genres: [...genresOf(c, t)].map((g) => c.genres[g]),
    popularity: c.popularity[t],
    explicit: c.explicit[t],
    key: c.key[t],
    mode: c.mode[t],
    timeSignature: c.timeSignature[t],
    durationMs: c.durationMs[t],
    danceability: c.danceability[t],
    instrumentalness: c.instrumentalness[t],
    tempo: c.tempo[t],
  };
}

function ingestInChunks(text: string, size: number) {
  const ingest = new CatalogIngest();
  for (let i = 0; i < text.length; i += size) ingest.push(text.slice(i, i + size));
  return ingest.end();
}

describe('CatalogIngest on the real format', () => {
  const { columns: c, summary } = ingestCsvText(fixture('basic.csv'));

  it('counts rows, tracks, duplicates and rejections', () => {
    expect(summary).toMatchObject({ rowsRead: 12, tracks: 4, duplicateRows: 3, rejected: 5, artists: 4, genres: 2, hasGenres: true });
    expect(summary.rejectedByReason).toEqual({
      'missing artists': 1,
      'bad danceability': 1,
      'wrong column count': 1,
      'missing track_id': 1,
      'bad key': 1,
    });
    expect(summary.rejectedSamples).toEqual([
      { line: 6, reason: 'missing artists' },
      { line: 7, reason: 'bad danceability' },
      { line: 8, reason: 'wrong column count' },
      { line: 9, reason: 'missing track_id' },
      { line: 13, reason: 'bad key' },
    ]);
    expect(c.size).toBe(4);
    expect(c.trackId).toEqual(['trk000000000000000001', 'trk000000000000000002', 'trk000000000000000003', 'trk000000000000000007']);
  });

  it('reads quoted commas and doubled quotes', () => {
    expect(track(c, 'trk000000000000000002')).toMatchObject({ album: 'Songs, Mostly', name: 'Hello, Goodbye', explicit: 1 });
    expect(track(c, 'trk000000000000000003')).toMatchObject({ album: 'The "Blue" Album', name: 'Say "When"' });
  });

  it('splits credits into individual, trimmed, deduplicated artists in first-seen order', () => {
    expect(c.artists).toEqual(['Mira Solen', 'Oskar Vail', 'Lune Park', 'Ada Quell']);
    expect(track(c, 'trk000000000000000002').artists).toEqual(['Mira Solen', 'Oskar Vail']);
    expect(track(c, 'trk000000000000000003').artists).toEqual(['Oskar Vail', 'Lune Park']);
    // "Only Rejected" appears only on a rejected row: not an artist.
    expect(c.artists).not.toContain('Only Rejected');
  });

  it('folds a track listed under several genres into one track; the first row wins', () => {
    expect(track(c, 'trk000000000000000001')).toMatchObject({ genres: ['glass-pop', 'iron-folk'], popularity: 61, explicit: 0 });
    // Listed three times, twice under glass-pop: each genre once.
    expect(track(c, 'trk000000000000000003').genres).toEqual(['glass-pop', 'iron-folk']);
  });

  it('types the numbers', () => {
    const t3 = track(c, 'trk000000000000000003');
    expect(t3).toMatchObject({ key: -1, mode: 1, timeSignature: 3, durationMs: 240000, explicit: 0, popularity: 12 });
    expect(t3.danceability).toBeCloseTo(0.3, 6);
    expect(track(c, 'trk000000000000000002').instrumentalness).toBeCloseTo(1.01e-6, 12);
    expect(track(c, 'trk000000000000000001').tempo).toBeCloseTo(118.02, 4);
    expect(track(c, 'trk000000000000000007')).toMatchObject({ explicit: 1, album: '' });
    expect(c.danceability).toBeInstanceOf(Float32Array);
    expect(c.key).toBeInstanceOf(Int8Array);
    expect(c.durationMs).toBeInstanceOf(Uint32Array);
    expect(c.artistOffsets.length).toBe(c.size + 1);
    expect(c.genreOffsets.length).toBe(c.size + 1);
  });

  it('gives the same result whatever the chunk boundaries', () => {
    const text = fixture('basic.csv');
    const whole = ingestCsvText(text);
    for (const size of [1, 2, 3, 7, 50, 333]) expect(ingestInChunks(text, size)).toEqual(whole);
  });
});

describe('CatalogIngest edge cases', () => {
  it('handles a BOM, CRLF rows and line breaks inside quotes (line numbers count physical lines)', () => {
    const text = fixture('bom-crlf.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    for (const size of [1, 5, 1000]) {
      const { columns: c, summary } = ingestInChunks(text, size);
      expect(summary).toMatchObject({ rowsRead: 3, tracks: 2, rejected: 1 });
      expect(summary.rejectedSamples).toEqual([{ line: 6, reason: 'missing artists' }]);
      expect(track(c, 'trk000000000000000011')).toMatchObject({ album: 'Two\r\nLines', name: 'Line\r\nBreak' });
      expect(track(c, 'trk000000000000000012')).toMatchObject({ name: 'Comma, Inside', artists: ['Vera Holt', 'Tam Orr'] });
    }
  });

  it('handles a quoted line break in an LF file', () => {
    const { columns: c, summary } = ingestCsvText(fixture('quoted-newline.csv'));
    expect(track(c, 'trk000000000000000021')).toMatchObject({ album: 'Album\nWith Break', name: 'Name "Quoted"\nAnd Broken' });
    expect(summary.rejectedSamples).toEqual([{ line: 6, reason: 'bad explicit' }]);
  });

  it('loads a catalog without a genre column (or an index column)', () => {
    const { columns: c, summary } = ingestCsvText(fixture('no-genre.csv'));
    expect(summary).toMatchObject({ hasGenres: false, genres: 0, tracks: 2, duplicateRows: 1, rejected: 0 });
    expect(c.genres).toEqual([]);
    expect([...c.genreOffsets]).toEqual([0, 0, 0]);
    expect(c.genreIds.length).toBe(0);
  });

  it('rejects a last line cut mid-record, keeping the rows before it', () => {
    const cut = ingestCsvText(fixture('truncated.csv')).summary;
    expect(cut).toMatchObject({ rowsRead: 3, tracks: 2, rejected: 1 });
    expect(cut.rejectedSamples).toEqual([{ line: 4, reason: 'truncated last line' }]);
    const inQuote = ingestCsvText(fixture('truncated-quote.csv')).summary;
    expect(inQuote).toMatchObject({ rowsRead: 2, tracks: 1, rejected: 1 });
    expect(inQuote.rejectedSamples).toEqual([{ line: 3, reason: 'truncated last line' }]);
  });

  it('accepts a complete last row without a final newline', () => {
    const text = fixture('basic.csv').trimEnd();
    expect(ingestCsvText(text).summary).toEqual(ingestCsvText(fixture('basic.csv')).summary);
  });

  it('reads explicit as True/False, true/false, TRUE/FALSE or 1/0', () => {
    const lines = fixture('basic.csv').split('\n');
    const row = lines[1].split(',');
    const rows = ['True', 'false', 'TRUE', '0', '1', 'yes'].map((v, i) => {
      const r = [...row];
      r[1] = `id${i}`;
      r[7] = v;
      return r.join(',');
    });
    const { columns: c, summary } = ingestCsvText([lines[0], ...rows].join('\n') + '\n');
    expect([...c.explicit]).toEqual([1, 0, 1, 0, 1]);
    expect(summary.rejectedSamples).toEqual([{ line: 7, reason: 'bad explicit' }]);
  });

  it('rejects an empty number rather than reading it as 0', () => {
    const lines = fixture('basic.csv').split('\n');
    const r = lines[1].split(',');
    r[18] = '';
    expect(ingestCsvText([lines[0], lines[2], r.join(',')].join('\n')).summary.rejectedByReason).toEqual({ 'bad tempo': 1 });
  });
});

describe('CatalogIngest with malformed records in the middle', () => {
  // Lines of a small valid file, then broken in different ways; every good row
  // must still load, each bad one be rejected alone with its own line number.
  const lines = fixture('basic.csv').split('\n');
  const header = lines[0];
  const good = (i: number) => {
    const r = lines[1].split(',');
    r[0] = String(i);
    r[1] = `good${String(i).padStart(4, '0')}`;
    return r.join(',');
  };
  const cut = good(901).split(',');
  const cases: [string, string[], { line: number; reason: string }[]][] = [
    // A raw (unquoted) line break in a field: two short lines whose fields add up.
    ['unquoted line break', [good(1), cut.slice(0, 9).join(','), cut.slice(8).join(','), good(2)], [
      { line: 3, reason: 'wrong column count' },
      { line: 4, reason: 'wrong column count' },
    ]],
    ['a line with no commas', [good(1), 'hello', good(2)], [{ line: 3, reason: 'wrong column count' }]],
    ['an extra column', [good(1), good(903) + ',extra', good(2)], [{ line: 3, reason: 'wrong column count' }]],
    ['an extra quoted column', [good(1), good(904) + ',"x, y"', good(2)], [{ line: 3, reason: 'wrong column count' }]],
    ['a short last row', [good(1), good(2), cut.slice(0, 15).join(',')], [{ line: 4, reason: 'wrong column count' }]],
    ['blank lines', [good(1), '', good(2), '', '', cut.slice(0, 5).join(','), good(3)], [{ line: 7, reason: 'wrong column count' }]],
  ];
  for (const [what, body, rejected] of cases) {
    it(`rejects ${what} alone`, () => {
      const text = [header, ...body].join('\n') + '\n';
      for (const size of [1, 17, 1 << 20]) {
        const { columns, summary } = ingestInChunks(text, size);
        expect(summary.rejectedSamples).toEqual(rejected);
        expect(columns.trackId.filter((id) => id.startsWith('good')).sort()).toEqual(
          body.filter((l) => l.includes(',good') && !rejected.some((r) => body.indexOf(l) + 2 === r.line)).map((l) => l.split(',')[1]).sort(),
        );
      }
    });
  }
});

describe('CatalogFormatError', () => {
  const fails = (text: string) => {
    try {
      ingestCsvText(text);
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogFormatError);
      return (e as Error).message;
    }
    throw new Error('expected a CatalogFormatError');
  };

  it('says the file is empty', () => {
    expect(fails(fixture('empty.csv'))).toMatch(/empty/);
    expect(fails('\n\n  \n')).toMatch(/empty/);
  });

  it('says a binary file is not text', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe]);
    expect(fails(new TextDecoder().decode(bytes))).toMatch(/binary/);
    const noNul = Uint8Array.from({ length: 2000 }, (_, i) => 0x80 + (i % 100));
    expect(fails(new TextDecoder().decode(noNul))).toMatch(/not valid UTF-8/);
  });

  it('names the separator of a semicolon- or tab-separated file', () => {
    expect(fails(fixture('semicolon.csv'))).toMatch(/semicolon-separated/);
    expect(fails(fixture('basic.csv').replace(/,/g, '\t'))).toMatch(/tab-separated/);
  });

  it('names the missing required columns', () => {
    const msg = fails(fixture('missing-columns.csv'));
    expect(msg).toMatch(/missing required columns: energy, instrumentalness/);
  });

  it('says when there are no rows, or no valid ones', () => {
    expect(fails(fixture('header-only.csv'))).toMatch(/no rows/);
    expect(fails(fixture('all-rejected.csv'))).toMatch(/No valid rows: all 2 rows were rejected \(1 missing artists, 1 missing track_name\)/);
  });

  it('reads fixture bytes as UTF-8 text without losing the BOM check', () => {
    expect(fixtureBytes('bom-crlf.csv').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
