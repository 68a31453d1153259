import { zipSync } from 'fflate';
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
