import { describe, expect, it } from 'vitest';
import { tinyCatalog } from '../../../../test/test-catalog.ts';
import { tasteFrom, type FeedbackEvent } from './feedback.ts';
import { trackKey } from '../../../lib/keys.ts';
import { catalogKeys, tasteExclusions } from './exclusions.ts';

const c = tinyCatalog([
  { id: 't1', name: 'Song A', artists: ['Skipped Once'] },
  { id: 't2', name: 'Song B', artists: ['Often Skipped'] },
  { id: 't3', name: 'Song C', artists: ['Disliked'] },
]);
const keys = catalogKeys(c);
const play = (artist: string, track: string, skipped: boolean, i: number) => ({ ts: i * 1000, artist, track, skipped });

describe('tasteExclusions', () => {
  it('never hides an artist for skips: a skip is weak evidence against that one track', () => {
    const plays = [
      play('Skipped Once', 'Song A', true, 0),
      // More listens than skips, across several tracks and many skips of one.
      ...Array.from({ length: 12 }, (_, i) => play('Often Skipped', 'Song B', true, i + 1)),
      ...Array.from({ length: 13 }, (_, i) => play('Often Skipped', `Other ${i}`, false, i + 20)),
    ];
    const taste = tasteFrom(plays, [], 0);
    expect(tasteExclusions(c, taste, keys).artists.size).toBe(0);
    // The skipped tracks score below zero; the artists only a little lower than their listens alone.
    expect(taste.tracks.get(trackKey('Skipped Once', 'Song A'))!.score).toBeLessThan(0);
    const often = [...taste.artists.values()].find((p) => p.name === 'Often Skipped')!;
    expect(often.score).toBeGreaterThan(0);
  });

  it('hides artists the user dislikes', () => {
    const dislike: FeedbackEvent = { id: 'd', at: 1, type: 'dislike', target: { kind: 'artist', artist: 'Disliked' } };
    const taste = tasteFrom([play('Disliked', 'Song C', false, 0)], [dislike], 0);
    expect([...tasteExclusions(c, taste, keys).artists].map((a) => c.artists[a])).toEqual(['Disliked']);
  });
});
