import { describe, expect, it } from 'vitest';
import { listenbrainzJsonlImporter, malojaImporter } from './scrobblers.ts';
import type { Play } from './play.ts';
import { pushBigDocument } from '../../../../test/big-document.ts';

describe('line-based importers', () => {
  it('stream ~200 MB of ListenBrainz JSON Lines with bounded memory', () => {
    // Generated on the fly, 1 MB at a time, split mid-line; nothing keeps the text or the plays.
    const target = 200 * 2 ** 20;
    let plays = 0;
    let bytes = 0;
    const imp = listenbrainzJsonlImporter({ onBatch: (b: Play[]) => (plays += b.length), batchSize: 10_000 });
    const enc = new TextEncoder();
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    let peak = 0;
    let n = 0;
    let carry = '';
    for (let c = 0; bytes < target; c++) {
      let s = carry;
      while (s.length < 2 ** 20) {
        s += `{"listened_at":${1_600_000_000 + n},"track_metadata":{"artist_name":"Artist ${n % 5003}","track_name":"Track ${n % 100_003}","release_name":"Album ${n % 977}","additional_info":{"duration_ms":${200_000 + (n % 1000)}}}}\n`;
        n++;
      }
      // Cut mid-line: the next chunk starts with the rest of it.
      const cut = 2 ** 20 - 37;
      carry = s.slice(cut);
      const b = enc.encode(s.slice(0, cut));
      bytes += b.length;
      imp.push(b);
      if (c % 20 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - heap0);
    }
    imp.push(enc.encode(carry));
    const r = imp.end();
    expect(bytes).toBeGreaterThan(target - 1);
    expect(plays).toBe(n);
    expect(r.read).toBe(n);
    expect(r.plays).toHaveLength(0);
    expect(peak).toBeLessThan(120e6);
  });
});

describe('JSON Lines read a chunk at a time', () => {
  it('drops two broken lines that would parse as two objects when joined, and keeps the good ones', () => {
    const good = (n: number) => `{"listened_at":${1_600_000_000 + n},"track_metadata":{"artist_name":"A${n}","track_name":"T${n}"}}`;
    // Each of the middle two lines is broken alone; "{…},{…[{…}" + "{…}]}" is valid once joined with a comma.
    const broken = ['{"listened_at":1600000100,"track_metadata":{"artist_name":"X","track_name":"Y"}},{"x":[{"y":1}', '{"z":1}]}'];
    const imp = listenbrainzJsonlImporter();
    imp.push(new TextEncoder().encode([good(1), ...broken, good(2)].join('\n') + '\n'));
    const r = imp.end();
    expect(r.read).toBe(4);
    expect(r.plays.map((p) => p.artist)).toEqual(['A1', 'A2']);
    expect(r.droppedByReason).toEqual({ 'not JSON': 2 });
  });
});

describe('JSON document importers', () => {
  it('stream a ~200 MB Maloja export (one JSON document) with bounded memory', () => {
    // One document, { "maloja": {…}, "scrobbles": [ … ] }, generated 1 MB at a time and cut mid-record.
    const target = 200 * 2 ** 20;
    let plays = 0;
    const imp = malojaImporter({ onBatch: (b: Play[]) => (plays += b.length), batchSize: 10_000 });
    const { bytes, records: n, peak } = pushBigDocument((b) => imp.push(b), {
      head: '{"maloja":{"export_time":1700000000,"version":[3,2,2]},"scrobbles":[',
      record: (n) =>
        `{"time":${1_600_000_000 + n},"track":{"artists":["Artist ${n % 5003}","Guest \\"${n % 7}\\""],"title":"Track ${n % 100_003} [live]","album":{"albumtitle":"Album {${n % 977}}"},"length":240},"duration":${200 + (n % 60)},"origin":"client:x"}`,
      tail: ']}',
    }, target);
    const r = imp.end();
    expect(bytes).toBeGreaterThan(target - 1);
    expect(plays).toBe(n);
    expect(r.read).toBe(n);
    expect(r.dropped).toBe(0);
    expect(r.plays).toHaveLength(0);
    // The document as one string would be > 400 MB (UTF-16); we stay far below.
    expect(peak).toBeLessThan(120e6);
  });
});
