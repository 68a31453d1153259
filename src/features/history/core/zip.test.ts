import { crc32 } from 'node:zlib';
import { deflateSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflateEntry } from './zip.ts';
import { ImportError } from './play.ts';

describe('zip entries inflated as a stream', () => {
  const text = Array.from({ length: 20_000 }, (_, i) => `{"n":${i}}`).join('\n');
  const zip = zipSync({ 'a.txt': new TextEncoder().encode('other'), 'listens/1.jsonl': new TextEncoder().encode(text) }, { level: 6 });

  it('gives back the entry in chunks, byte for byte', () => {
    const chunks = [...inflateEntry(zip, 'listens/1.jsonl', 2 ** 20, 'x.zip')];
    expect(chunks.length).toBeGreaterThan(0);
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) all.set(c, at), (at += c.length);
    expect(new TextDecoder().decode(all)).toBe(text);
  });

  it('stops an entry that inflates past the limit (a header that lies) and a damaged archive', () => {
    const big = (() => {
      try {
        return [...inflateEntry(zip, 'listens/1.jsonl', 1000, 'x.zip')];
      } catch (e) {
        return e as ImportError;
      }
    })();
    expect(big).toBeInstanceOf(ImportError);
    expect((big as ImportError).code).toBe('archive-too-large');
    const broken = zip.slice();
    broken.fill(0x41, 60, 400);
    expect(() => [...inflateEntry(broken, 'listens/1.jsonl', 2 ** 20, 'x.zip')]).toThrow(ImportError);
  });
});

/** A zip as streaming writers make it: local headers with flag bit 3 and zero
 *  sizes, each entry's sizes in a data descriptor after its data, and only the
 *  central directory saying where everything is. */
function streamedZip(entries: { name: string; text: string; stored?: boolean }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let at = 0;
  const u8 = (n: number, f: (v: DataView) => void) => {
    const b = new Uint8Array(n);
    f(new DataView(b.buffer));
    return b;
  };
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const raw = new TextEncoder().encode(e.text);
    const data = e.stored ? raw : deflateSync(raw);
    const crc = crc32(raw);
    const method = e.stored ? 0 : 8;
    const local = u8(30, (v) => (v.setUint32(0, 0x04034b50, true), v.setUint16(4, 20, true), v.setUint16(6, 0x808, true), v.setUint16(8, method, true), v.setUint16(26, name.length, true)));
    const desc = u8(16, (v) => (v.setUint32(0, 0x08074b50, true), v.setUint32(4, crc, true), v.setUint32(8, data.length, true), v.setUint32(12, raw.length, true)));
    central.push(
      u8(46, (v) => {
        v.setUint32(0, 0x02014b50, true);
        v.setUint16(4, 20, true);
        v.setUint16(6, 20, true);
        v.setUint16(8, 0x808, true);
        v.setUint16(10, method, true);
        v.setUint32(16, crc, true);
        v.setUint32(20, data.length, true);
        v.setUint32(24, raw.length, true);
        v.setUint16(28, name.length, true);
        v.setUint32(42, at, true);
      }),
      name,
    );
    parts.push(local, name, data, desc);
    at += local.length + name.length + data.length + desc.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const eocd = u8(22, (v) => (v.setUint32(0, 0x06054b50, true), v.setUint16(8, entries.length, true), v.setUint16(10, entries.length, true), v.setUint32(12, cdSize, true), v.setUint32(16, at, true)));
  const all = [...parts, ...central, eocd];
  const out = new Uint8Array(all.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of all) out.set(b, o), (o += b.length);
  return out;
}

describe('zips written as a stream (sizes in data descriptors)', () => {
  // A stored entry whose bytes hold a data descriptor's signature: a reader
  // that looks for where an entry ends by its signature would stop there.
  const tricky = 'PK\u0007\u0008 and more\n'.repeat(3);
  const text = Array.from({ length: 5_000 }, (_, i) => `{"n":${i}}`).join('\n');
  const zip = streamedZip([
    { name: 'notes.txt', text: tricky, stored: true },
    { name: 'listens/1.jsonl', text },
  ]);
  const read = (entry: string) => new TextDecoder().decode(Buffer.concat([...inflateEntry(zip, entry, 2 ** 20, 'x.zip')]));

  it('unpacks every entry through the central directory', () => {
    expect(read('listens/1.jsonl')).toBe(text);
    expect(read('notes.txt')).toBe(tricky);
  });

  it('says which entry is missing', () => {
    expect(() => read('listens/2.jsonl')).toThrow(/listens\/2.jsonl \(not in the archive\)/);
  });
});
