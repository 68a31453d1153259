import { describe, expect, it } from 'vitest';
import { tracksOf } from './catalog.ts';
import { tinyCatalog } from '../../../../test/test-catalog.ts';

describe('indexCatalog', () => {
  it("lists each artist's tracks most popular first, ties in catalog order, and their top popularity", () => {
    const c = tinyCatalog(
      [
        { name: 'a', artists: ['X'], popularity: 10 },
        { name: 'b', artists: ['X', 'Y'], popularity: 70 },
        { name: 'c', artists: ['Y'], popularity: 70 },
        { name: 'd', artists: ['X'], popularity: 0 },
        { name: 'e', artists: ['Y', 'X'], popularity: 100 },
        { name: 'f', artists: ['X'], popularity: 70 },
      ],
      { artists: ['X', 'Y', 'Nobody'] },
    );
    expect([...tracksOf(c, 0)]).toEqual([4, 1, 5, 0, 3]);
    expect([...tracksOf(c, 1)]).toEqual([4, 1, 2]);
    expect([...tracksOf(c, 2)]).toEqual([]);
    expect([...c.artistPopularity]).toEqual([100, 100, 0]);
    expect(c.trackIndex.get('t5')).toBe(5);
  });
});
