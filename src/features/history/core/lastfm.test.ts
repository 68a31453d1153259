import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importLastfmCsv, lastfmCsvImporter } from './lastfm.ts';
import type { Play } from './play.ts';
import { parseUtcTime } from './time.ts';
import { dedupePlays } from './dedupe.ts';
import { importError } from '../../../../test/expect-import-error.ts';

const fixture = (name: string): Uint8Array => readFileSync(`data/fixtures/history/${name}`);

describe('parseUtcTime', () => {
  it('reads the formats exports write, as UTC', () => {
    const t = Date.UTC(2024, 0, 31, 21, 15);
    expect(parseUtcTime('31 Jan 2024 21:15')).toBe(t);
    expect(parseUtcTime('31 Jan 2024, 21:15')).toBe(t);
    expect(parseUtcTime('31 January 2024 21:15')).toBe(t);
    expect(parseUtcTime('2024-01-31 21:15')).toBe(t);
    expect(parseUtcTime('2024-01-31T21:15:00Z')).toBe(t);
    expect(parseUtcTime('2024-01-31T22:15:00+01:00')).toBe(t);
    expect(parseUtcTime(String(t / 1000))).toBe(t);
    expect(parseUtcTime(String(t))).toBe(t);
  });
  it('refuses junk and the 1970 placeholder', () => {
    for (const s of ['', 'yesterday', '31 Foo 2024 21:15', '2024-13-01', '01 Jan 1970 00:00', '0']) expect(parseUtcTime(s)).toBeNull();
  });
});

describe('Last.fm CSV', () => {
  it('reads the headerless export, dropping what it cannot use and saying why', () => {
    const r = importLastfmCsv(fixture('scrobbles.csv'), { file: 'scrobbles.csv' });
    expect(r.read).toBe(8);
    expect(r.listens).toBe(6);
    expect(r.droppedByReason).toEqual({ 'missing artist or track': 1, 'bad time': 1 });
    expect(r.read).toBe(r.listens + r.skips + r.dropped);
    const airbag = r.plays[0];
    expect(airbag).toMatchObject({ artist: 'Radiohead', album: 'OK Computer', track: 'Airbag', ts: Date.UTC(2024, 0, 31, 21, 15), source: 'lastfm-csv' });
    // A quoted comma stays in its field.
    expect(r.plays.map((p) => p.track)).toContain('Jóga, live');
    expect(r.firstTs).toBe(Date.UTC(2024, 0, 31, 21, 15));
  });

  it('reads an export with a header and Unix seconds or milliseconds', () => {
    const r = importLastfmCsv(fixture('scrobbles-header.csv'));
    expect(r.listens).toBe(3);
    expect(r.plays[0]).toMatchObject({ artist: 'Radiohead', track: 'Airbag', ts: 1706735700_000 });
    expect(r.plays[2]).toMatchObject({ artist: 'Beyoncé', ts: 1706774520_000 });
  });

  it('gives the same ids whichever export the plays came from, so re-import adds nothing', () => {
    const a = importLastfmCsv(fixture('scrobbles.csv')).plays;
    const b = importLastfmCsv(fixture('scrobbles.csv')).plays;
    expect(b.map((p) => p.id)).toEqual(a.map((p) => p.id));
    const stored = new Set(a.map((p) => p.id));
    expect(b.filter((p) => !stored.has(p.id))).toHaveLength(0);
    // The header export holds three of the same scrobbles, in Unix seconds where
    // this one has minute strings: the ids differ, the dedupe rule pairs them.
    const h = importLastfmCsv(fixture('scrobbles-header.csv')).plays;
    expect(h.filter((p) => stored.has(p.id))).toHaveLength(0);
    const { fresh, duplicates } = dedupePlays(h, a);
    expect(duplicates).toBe(3);
    expect(fresh.map((p) => p.track)).not.toContain('Airbag');
    expect(new Set(a.map((p) => p.id)).size).toBe(a.length);
  });

  it('gives the same result however the bytes are chunked', () => {
    const bytes = fixture('scrobbles.csv');
    const whole = importLastfmCsv(bytes).plays;
    for (const size of [1, 3, 7, 50]) {
      const imp = lastfmCsvImporter();
      for (let i = 0; i < bytes.length; i += size) imp.push(bytes.subarray(i, i + size));
      expect(imp.end().plays).toEqual(whole);
    }
  });

  it('says clearly what is wrong with broken files', () => {
    const wrong = importError(() => importLastfmCsv(fixture('wrong-columns.csv'), { file: 'wrong-columns.csv' }));
    expect(wrong.code).toBe('wrong-columns');
    expect(wrong.message).toMatch(/wrong-columns\.csv: expected Last\.fm scrobbles as artist,album,track,date.*3/);
    expect(importError(() => importLastfmCsv(fixture('empty.csv'))).code).toBe('empty');
    expect(importError(() => importLastfmCsv('\n\n  \n')).code).toBe('empty');
    const bin = importError(() => importLastfmCsv(fixture('binary.png'), { file: 'binary.png' }));
    expect(bin.code).toBe('binary');
    expect(bin.message).toMatch(/binary\.png: .*binary/);
    const header = importError(() => importLastfmCsv('artist,album,song_length\na,b,3\n'));
    expect(header.message).toMatch(/no track, date column/);
    // Four columns but no dates anywhere: not a scrobble export.
    const nodates = importError(() => importLastfmCsv('a,b,c,d\ne,f,g,h\n'));
    expect(nodates.code).toBe('wrong-columns');
  });

  it('streams ~200 MB with bounded memory', () => {
    // Generated on the fly: 200 chunks of ~1 MB (rows of ~130 bytes, like real exports with album names); nothing keeps the text or the plays.
    const rowsPerChunk = 8_000;
    const chunks = 200;
    let plays = 0;
    let bytes = 0;
    const imp = lastfmCsvImporter({ onBatch: (b: Play[]) => (plays += b.length), batchSize: 10_000 });
    const enc = new TextEncoder();
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    let peak = 0;
    const t0 = 1_600_000_000;
    for (let c = 0; c < chunks; c++) {
      let s = '';
      for (let i = 0; i < rowsPerChunk; i++) {
        const n = c * rowsPerChunk + i;
        s += `"Artist with a longer name ${n % 5003}","The album called ${n % 977} (Deluxe Edition)","Track number ${n % 100_003}, take ${n & 7} - Remastered 2011",${t0 + n}\n`;
      }
      const b = enc.encode(s);
      bytes += b.length;
      imp.push(b);
      if (c % 20 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - heap0);
    }
    const r = imp.end();
    expect(bytes).toBeGreaterThan(190e6);
    expect(plays).toBe(rowsPerChunk * chunks);
    expect(r.listens).toBe(plays);
    expect(r.plays).toHaveLength(0);
    // Holding the text would take > 200 MB (UTF-16: > 400 MB); we stay far below.
    expect(peak).toBeLessThan(120e6);
  });
});
