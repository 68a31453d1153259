import { describe, expect, it } from 'vitest';
import { trainAls, type ImplicitMatrix } from '../../models/cf/mf.ts';
import { cfSource, prepareCf, userScores } from './cf-source.ts';
import { alsCommunity, trainCommunity } from '../../models/cf/community.ts';
import type { SourceQuery } from './types.ts';
import { tasteFrom, type FeedbackEvent } from '../../taste/core/feedback.ts';
import { artistKey } from '../../../lib/keys.ts';

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

describe('feedback in an EASE fold-in', async () => {
  const { model } = await trainCommunity(community(), names, { ease: { minListeners: 1, lambda: 1, dropout: 0, beta: 0 } });
  const cf = prepareCf(model, names);
  const plays = ['A0', 'A1'].flatMap((artist) => Array.from({ length: 5 }, (_, i) => ({ ts: i * 1e6, artist, track: 'x' })));
  const opinion = (type: 'like' | 'dislike', artist: string): FeedbackEvent => ({ id: `${type}${artist}`, at: 1, type, target: { kind: 'artist', artist } });
  const scores = (events: FeedbackEvent[], feedback?: { like: number; dislike: number }, extra: Parameters<typeof userScores>[2] = []) =>
    userScores(cf, tasteFrom(plays, events, 0), extra, undefined, feedback)!.scores;
  const played = scores([]);
  const b2 = names.indexOf('B2');

  it('counts an opinion on a never-played artist at its fitted weight', () => {
    const full = scores([opinion('like', 'B0')]);
    const half = scores([opinion('like', 'B0')], { like: 0.5, dislike: 1 });
    expect(full[b2] - played[b2]).toBeGreaterThan(0);
    expect(half[b2] - played[b2]).toBeCloseTo((full[b2] - played[b2]) / 2, 5);
    // A dislike at weight 0 changes nothing; at 1 it moves its neighbours down.
    expect(Array.from(scores([opinion('dislike', 'B0')], { like: 1, dislike: 0 }))).toEqual(Array.from(played));
    expect(scores([opinion('dislike', 'B0')])[b2]).toBeLessThan(played[b2]);
  });

  it('leaves played artists and seeds at full weight', () => {
    const likedPlayed = [opinion('like', 'A0')];
    expect(Array.from(scores(likedPlayed, { like: 0, dislike: 0 }))).toEqual(Array.from(scores(likedPlayed)));
    const seed = [{ key: artistKey('B0'), name: 'B0', listens: 0, skips: 0, implicit: 0, explicit: 3, score: 3, lastListen: 0 }];
    expect(scores([], undefined, seed)[b2]).toBeGreaterThan(played[b2]);
    expect(Array.from(scores([], { like: 0, dislike: 0 }, seed))).toEqual(Array.from(scores([], undefined, seed)));
  });
});
