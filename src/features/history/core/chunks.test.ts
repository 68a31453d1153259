import { describe, expect, it } from 'vitest';
import { CHUNK, fromChunks, toChunks, type StoredPlay } from './chunks.ts';
import { sampleData } from '../../../../test/backup-sample.ts';

const byId = (a: StoredPlay, b: StoredPlay) => (a.id < b.id ? -1 : 1);

describe('plays in columnar chunks', () => {
  it('round-trips every field, present or absent, grouped by import', () => {
    const plays: StoredPlay[] = sampleData(3 * CHUNK + 5, 3).plays;
    plays[0] = { ...plays[0], stamp: 5, precision: 'ms', artists: ['A', 'B'], skipped: false, album: '' };
    plays[2] = { ...plays[2], precision: 'min', artists: [] };
    // Names holding the packing characters are kept as they are.
    plays[4] = { ...plays[4], artist: 'odd\u001ename', album: '\u001f' };
    const chunks = toChunks(plays);
    expect(chunks.reduce((n, c) => n + c.n, 0)).toBe(plays.length);
    expect(chunks.every((c) => c.n <= CHUNK && c.lo === Math.min(...c.ts) && c.hi === Math.max(...c.ts))).toBe(true);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
    for (const c of chunks) expect(fromChunks([c]).every((p) => p.importId === c.importId)).toBe(true);
    expect(fromChunks(chunks).sort(byId)).toEqual([...plays].sort(byId));
  });

  it('a new import: every play under its id, in its order', () => {
    const plays = sampleData(50, 5).plays.map(({ importId: _, ...p }) => p);
    const [c] = toChunks(plays, 'imp-9');
    expect(c.importId).toBe('imp-9');
    expect(fromChunks([c])).toEqual(plays.map((p) => ({ ...p, importId: 'imp-9' })));
  });

  it('reads only the plays a time filter keeps', () => {
    const plays = sampleData(100, 4).plays;
    const mid = [...plays].sort((a, b) => a.ts - b.ts)[40].ts;
    expect(fromChunks(toChunks(plays), (ts) => ts < mid).length).toBe(40);
  });
});
