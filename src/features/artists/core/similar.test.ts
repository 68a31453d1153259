// Similar artists on a handwritten catalog and community fixture: co-listening
// leads where an artist has listeners, sound where it has none.
import { describe, expect, it } from 'vitest';
import { tinyCatalog } from '../../../../test/test-catalog.ts';
import { buildLastfm2k } from '../../models/cf/lastfm2k.ts';
import { catalogListening, nearestArtists, similarArtists, similarIndex, withoutArtists } from './similar.ts';

const names = ['Indie Star', 'Synth Friend', 'Indie Echo', 'Quiet Newcomer', 'Folk Elder', 'Folk Pal', 'Metal Head'];
const catalog = tinyCatalog(names.map((n, i) => ({ id: `t${i}`, name: `Song ${i}`, artists: [n] })));
const id = (n: string) => catalog.artists.indexOf(n);

// Sound vectors (unit rows): Indie Echo sounds like Indie Star, Synth Friend
// does not; Quiet Newcomer sounds like Folk Elder.
const sound: Record<string, number[]> = {
  'Indie Star': [1, 0, 0],
  'Synth Friend': [0, 1, 0],
  'Indie Echo': [0.99, 0.141, 0],
  'Quiet Newcomer': [0, 0.141, 0.99],
  'Folk Elder': [0, 0, 1],
  'Folk Pal': [0, 0.6, 0.8],
  'Metal Head': [0.6, 0.8, 0],
};
const vectors = Float32Array.from(names.flatMap((n) => sound[n]));

// Last.fm-style files: 30 users play Indie Star and Synth Friend together,
// 5 play Indie Echo and Metal Head, 8 play Folk Elder and Folk Pal; nobody
// plays Quiet Newcomer (it is not in the community data at all).
const lfArtists = ['Indie Star', 'Synth Friend', 'Indie Echo', 'Folk Elder', 'Folk Pal', 'Metal Head'];
const plays: [number, string][] = [];
for (let u = 0; u < 30; u++) plays.push([u, 'Indie Star'], [u, 'Synth Friend']);
for (let u = 30; u < 35; u++) plays.push([u, 'Indie Echo'], [u, 'Metal Head']);
for (let u = 35; u < 43; u++) plays.push([u, 'Folk Elder'], [u, 'Folk Pal']);
const lf = buildLastfm2k(
  'id\tname\turl\tpictureURL\n' + lfArtists.map((n, i) => `${i + 1}\t${n}\t\t`).join('\n'),
  'userID\tartistID\tweight\n' + plays.map(([u, n]) => `${u + 1}\t${lfArtists.indexOf(n) + 1}\t100`).join('\n'),
);
const listening = catalogListening(lf, catalog);
const ix = similarIndex(catalog, vectors, 3, listening);

describe('similar artists', () => {
  it('maps community listening onto catalog artists', () => {
    const count = (n: string) => listening.offsets[id(n) + 1] - listening.offsets[id(n)];
    expect(count('Indie Star')).toBe(30);
    expect(count('Folk Pal')).toBe(8);
    expect(count('Quiet Newcomer')).toBe(0);
  });

  it('puts the co-listened neighbour first for an artist with many shared listeners, and says so', () => {
    const list = similarArtists(ix, id('Indie Star'), 3);
    expect(list[0].artist).toBe(id('Synth Friend'));
    expect(list[0].evidence).toBe('listening');
    expect(list[0].shared).toBe(30);
    expect(list[0].why).toBe('30 listeners of Indie Star also play Synth Friend');
    expect(list.map((s) => s.artist)).not.toContain(id('Indie Star'));
  });

  it('gives an artist without listeners its sound-alike, then what that one’s listeners play', () => {
    const list = similarArtists(ix, id('Quiet Newcomer'), 3);
    expect(list[0].artist).toBe(id('Folk Elder'));
    expect(list[0].evidence).toBe('sound');
    expect(list[0].why).toMatch(/^Sounds alike/);
    expect(list[1].artist).toBe(id('Folk Pal'));
    expect(list[1].why).toContain('Folk Elder');
  });

  it('falls back to sound alone without community data', () => {
    const noCommunity = similarIndex(catalog, vectors, 3, null);
    expect(nearestArtists(noCommunity, id('Indie Star'), 1)).toEqual([id('Indie Echo')]);
    expect(similarArtists(noCommunity, id('Indie Star'), 6).every((s) => s.evidence === 'sound' && s.shared === 0)).toBe(true);
  });

  it('treats an artist whose listening is removed as unknown to the community', () => {
    const cold = similarIndex(catalog, vectors, 3, withoutArtists(listening, [id('Indie Star')]));
    expect(cold.listeners[id('Indie Star')]).toBe(0);
    expect(cold.listeners[id('Synth Friend')]).toBe(30);
    const list = similarArtists(cold, id('Indie Star'), 2);
    expect(list[0].artist).toBe(id('Indie Echo'));
    expect(list.every((s) => s.shared === 0)).toBe(true);
  });
});
