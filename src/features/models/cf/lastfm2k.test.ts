import { describe, expect, it } from 'vitest';
import { rng } from '../../../platform/random.ts';
import { buildLastfm2k, colisteningPairs, listenerCount, matchArtists, mostSharedListeners, parseArtistsDat, splitUsers } from './lastfm2k.ts';

const artistsDat = [
  'id\tname\turl\tpictureURL',
  '1\tThe Beatles\thttp://x\thttp://y',
  '2\tBeyoncé\thttp://x\thttp://y',
  '3\tAC/DC\thttp://x\thttp://y',
  '4\tNobody Here\thttp://x\thttp://y',
  '',
].join('\n');
const userArtistsDat = [
  'userID\tartistID\tweight',
  '10\t1\t500',
  '10\t2\t300',
  '10\t3\t100',
  '11\t1\t50',
  '11\t2\t40',
  '12\t3\t7',
  '12\t9\t3', // an artist missing from artists.dat
].join('\r\n');

describe('Last.fm 2K', () => {
  it('parses artists and plays into CSR views both ways', () => {
    expect(parseArtistsDat(artistsDat)).toEqual([
      { id: 1, name: 'The Beatles' },
      { id: 2, name: 'Beyoncé' },
      { id: 3, name: 'AC/DC' },
      { id: 4, name: 'Nobody Here' },
    ]);
    const lf = buildLastfm2k(artistsDat, userArtistsDat);
    expect(Array.from(lf.userId)).toEqual([10, 11, 12]);
    expect(lf.artistName).toEqual(['The Beatles', 'Beyoncé', 'AC/DC', 'Nobody Here', '#9']);
    expect(Array.from(lf.userOffsets)).toEqual([0, 3, 5, 7]);
    expect(Array.from(lf.userArtists.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(Array.from(lf.userWeights.subarray(0, 3))).toEqual([500, 300, 100]);
    // Listeners of The Beatles: users 10 and 11.
    expect(Array.from(lf.artistUsers.subarray(lf.artistOffsets[0], lf.artistOffsets[1]))).toEqual([0, 1]);
    expect(listenerCount(lf, 2)).toBe(2);
    expect(listenerCount(lf, 2, Uint8Array.from([0, 1, 1]))).toBe(1);
  });

  it('matches catalog names by matchKey, preferring the higher-ranked duplicate', () => {
    const lf = buildLastfm2k(artistsDat, userArtistsDat);
    const catalog = ['Beatles', 'BEYONCE', 'AC DC', 'AC-DC', 'Someone Else'];
    const m = matchArtists(lf, catalog, [5, 5, 1, 9, 1]);
    expect(m.matched).toBe(3);
    expect(m.toCatalog[0]).toBe(0);
    expect(m.toCatalog[1]).toBe(1);
    expect(m.toCatalog[2]).toBe(3);
    expect(m.toCatalog[3]).toBe(-1);
    expect(m.fromCatalog[3]).toBe(2);
  });

  it('ranks artists by shared listeners and splits users reproducibly', () => {
    const lf = buildLastfm2k(artistsDat, userArtistsDat);
    const [beatles] = mostSharedListeners(lf, [0], 5, () => true);
    // Beyoncé shares 2 listeners with The Beatles, AC/DC 1.
    expect(Array.from(beatles)).toEqual([1, 2]);
    const a = splitUsers(100, rng(3));
    expect(a.reduce((s, x) => s + x, 0)).toBe(50);
    expect(splitUsers(100, rng(3))).toEqual(a);
    expect(splitUsers(100, rng(4))).not.toEqual(a);
  });

  it('pairs catalog artists that the same people play, from the chosen users only', () => {
    const lf = buildLastfm2k(artistsDat, userArtistsDat);
    // Catalog: 0 Beyoncé, 1 AC/DC, 2 The Beatles; "Nobody Here" and #9 are not in it.
    const { toCatalog } = matchArtists(lf, ['Beyonce', 'AC/DC', 'The Beatles']);
    const all = colisteningPairs(lf, toCatalog, { minListeners: 1 });
    // Users 10 and 11 play The Beatles and Beyoncé; user 10 also AC/DC.
    expect(Array.from(all)).toEqual([0, 2, 1, 2, 0, 1]);
    // Only artists with two listeners ask for partners: The Beatles, Beyoncé, AC/DC (10 and 12).
    expect(Array.from(colisteningPairs(lf, toCatalog, { minListeners: 2, top: 1 }))).toEqual([0, 2, 1, 2]);
    // Users 11 and 12 only: nobody plays two catalog artists but user 11.
    expect(Array.from(colisteningPairs(lf, toCatalog, { minListeners: 1, useUser: Uint8Array.from([0, 1, 1]) }))).toEqual([0, 2]);
  });
});
