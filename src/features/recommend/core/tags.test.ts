import { describe, expect, it } from 'vitest';
import { buildLastfm2k } from '../../models/cf/lastfm2k.ts';
import { tagSimilarity, tagVectors } from './tags.ts';

// Last.fm 2K's real layouts: artists.dat, user_artists.dat, user_taggedartists.dat.
const artistsDat = ['id\tname\turl\tpictureURL', '1\tPortishead\tu\tp', '2\tMassive Attack\tu\tp', '3\tMetallica\tu\tp', '4\tSlayer\tu\tp', '5\tNobody Tagged\tu\tp'].join('\n');
const userArtistsDat = ['userID\tartistID\tweight', '10\t1\t100', '10\t2\t50', '11\t3\t70', '11\t4\t20', '12\t5\t3'].join('\r\n');
// tags: 7 trip-hop, 8 chillout, 9 metal, 10 thrash, 11 seen live (on everything)
const tagged = [
  'userID\tartistID\ttagID\tday\tmonth\tyear',
  '10\t1\t7\t1\t4\t2009',
  '10\t1\t8\t1\t4\t2009',
  '11\t1\t11\t1\t4\t2009',
  '10\t2\t7\t1\t4\t2009',
  '11\t2\t11\t1\t4\t2009',
  '11\t3\t9\t1\t4\t2009',
  '11\t3\t11\t1\t4\t2009',
  '11\t4\t9\t1\t4\t2009',
  '11\t4\t10\t1\t4\t2009',
  '99\t4\t11\t1\t4\t2009', // a user without plays still describes the artist
  '10\t77\t7\t1\t4\t2009', // an artist not in artists.dat: left out
].join('\n');

describe('community tags', () => {
  const lf = buildLastfm2k(artistsDat, userArtistsDat, tagged);
  const catalog = ['Massive Attack', 'metallica', 'Portishead', 'Slayer', 'Nobody Tagged', 'Not In Last.fm'];

  it('are read by artist, with who gave them', () => {
    const t = lf.tags!;
    expect(Array.from(t.tagOffsets)).toEqual([0, 3, 5, 7, 10, 10]);
    expect(Array.from(t.tagIds.subarray(7, 10))).toEqual([9, 10, 11]);
    expect(Array.from(t.tagUsers.subarray(7, 10))).toEqual([1, 1, -1]);
    expect(buildLastfm2k(artistsDat, userArtistsDat).tags).toBeUndefined();
  });

  it('find artists described alike, and leave untagged ones at 0', () => {
    const v = tagVectors(lf, catalog)!;
    const sim = new Float32Array(catalog.length);
    tagSimilarity(v, [{ key: 'portishead', weight: 1 }], sim);
    expect(sim[0]).toBeGreaterThan(sim[1]); // Massive Attack over Metallica
    expect(sim[0]).toBeGreaterThan(sim[3]);
    expect(sim[4]).toBe(0);
    expect(sim[5]).toBe(0);
    // A tag on every artist carries no weight (idf 0), so metal fans get Slayer, not trip-hop.
    tagSimilarity(v, [{ key: 'metallica', weight: 1 }], sim);
    expect(sim[3]).toBeGreaterThan(0);
    expect(sim[0]).toBe(0);
  });

  it('reads the profile from artists the catalog lacks', () => {
    const v = tagVectors(lf, ['Massive Attack', 'Metallica'])!;
    const sim = new Float32Array(2);
    tagSimilarity(v, [{ key: 'portishead', weight: 1 }], sim);
    expect(sim[0]).toBeGreaterThan(0);
    expect(sim[1]).toBe(0);
  });

  it('can leave out one user\'s tags on one artist (the eval hides held-out artists)', () => {
    // Without user 10's tags, Massive Attack keeps only "seen live": nothing in common with Portishead's profile beyond it.
    const v = tagVectors(lf, catalog, (user, item) => user === 0 && item === 1)!;
    const sim = new Float32Array(catalog.length);
    tagSimilarity(v, [{ key: 'portishead', weight: 1 }], sim);
    expect(sim[0]).toBe(0);
  });
});
