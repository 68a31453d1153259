import { describe, expect, it } from 'vitest';
import { trainAls, type ImplicitMatrix } from '../../models/cf/mf.ts';
import { cfSource, prepareCf, userScores } from './cf-source.ts';
import { alsCommunity } from '../../models/cf/community.ts';
import type { SourceQuery } from './types.ts';
import { tasteFrom, type FeedbackEvent } from '../../taste/core/feedback.ts';

// Two listener groups: [A0..A3] and [B0..B3]; 10 users each play 3 of their group's 4.
const names = ['A0', 'A1', 'A2', 'A3', 'B0', 'B1', 'B2', 'B3'];
function community(): ImplicitMatrix {
  const offsets = [0];
  const cols: number[] = [];
  for (let u = 0; u < 20; u++) {
    const g = u < 10 ? 0 : 4;
    for (let j = 0; j < 4; j++) if (j !== u % 4) cols.push(g + j);
    offsets.push(cols.length);
  }
  return { nRows: 20, nCols: 8, offsets: Int32Array.from(offsets), cols: Int32Array.from(cols), values: new Float32Array(cols.length).fill(10) };
}

describe('CF candidate source', async () => {
  const cfg = { factors: 3, lambda: 1, alpha: 2, eps: 1, iterations: 10, seed: 2 };
  const model = await trainAls(community(), cfg);
  // The catalog knows every model artist but B3, plus one artist the model lacks.
  const catalogArtists = ['B1', 'A0', 'A1', 'A2', 'A3', 'B0', 'B2', 'Unknown'];
  const cf = prepareCf(alsCommunity({ names, k: 3, vectors: model.itemFactors }, cfg), catalogArtists);
  const query = (allowed: number[]) => {
    const artistAllowed = new Uint8Array(catalogArtists.length);
    for (const a of allowed) artistAllowed[a] = 1;
    return { seeds: [] as SourceQuery['seeds'], trackAllowed: new Uint8Array(0), artistAllowed, artistHasTracks: artistAllowed };
  };
  const plays = ['A0', 'A1'].flatMap((artist) => Array.from({ length: 5 }, (_, i) => ({ ts: i * 1e6, artist, track: 'x' })));

  it('maps model artists to the catalog by name', () => {
    expect(Array.from(cf.toCatalog)).toEqual([1, 2, 3, 4, 5, 0, 6, -1]);
  });

  it('proposes the user’s group first, and follows a like at once', () => {
    const u = userScores(cf, tasteFrom(plays, [], 0));
    expect(u?.knownArtists).toBe(2);
    const src = cfSource(cf, u!.scores);
    const notPlayed = [3, 4, 5, 0, 6];
    const first = src.candidates(query(notPlayed), 5);
    expect(first.slice(0, 2).map((c) => catalogArtists[c.id]).sort()).toEqual(['A2', 'A3']);
    expect(first[0].score).toBe(1);
    // Loving B0 and B1 raises the other B artists against the A ones.
    const love = (artist: string, i: number): FeedbackEvent => ({ id: `l${i}`, at: 1, type: 'love', target: { kind: 'artist', artist } });
    const after = userScores(cf, tasteFrom(plays, [love('B0', 0), love('B1', 1)], 0))!.scores;
    const gap = (s: Float32Array) => s[names.indexOf('B2')] - s[names.indexOf('A2')];
    expect(gap(after)).toBeGreaterThan(gap(u!.scores));
    // And a hate on A2 pushes it down.
    const hate: FeedbackEvent = { id: 'h', at: 1, type: 'hate', target: { kind: 'artist', artist: 'A2' } };
    const hated = userScores(cf, tasteFrom(plays, [hate], 0))!.scores;
    expect(hated[names.indexOf('A2')]).toBeLessThan(u!.scores[names.indexOf('A2')]);
  });

  it('has nothing to fold in for a user with no known artists', () => {
    expect(userScores(cf, tasteFrom([{ ts: 0, artist: 'Nobody', track: 'x' }], [], 0))).toBeNull();
  });
});
