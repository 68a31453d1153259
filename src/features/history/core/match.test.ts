import { describe, expect, it } from 'vitest';
import { buildMatcher, matchPlays } from './match.ts';
import { baseTitle, trackKey } from '../../../lib/keys.ts';
import { tinyCatalog } from '../../../../test/test-catalog.ts';

const catalog = tinyCatalog([
  { id: '6ie2Bw3xLj2JcGowOlcMhb', name: 'Airbag', artists: ['Radiohead'] },
  { id: 'T2', name: 'Come Together - Remastered 2009', artists: ['The Beatles'], popularity: 80 },
  { id: 'T3', name: 'Come Together - Live', artists: ['The Beatles'], popularity: 30 },
  { id: 'T4', name: 'Get Lucky (feat. Pharrell Williams & Nile Rodgers)', artists: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'] },
  { id: 'T5', name: 'Formation', artists: ['Beyoncé'] },
  { id: 'T6', name: 'Jóga', artists: ['Björk'] },
]);
const m = buildMatcher(catalog);
const matchPlay = (matcher: typeof m, p: Parameters<typeof matchPlays>[1][number]) => matchPlays(matcher, [p]).matches[0];
const a = (name: string) => catalog.artists.indexOf(name);

describe('baseTitle', () => {
  it('strips suffixes that name the same recording, keeps the ones that do not', () => {
    expect(baseTitle('Come Together - Remastered 2009')).toBe('Come Together');
    expect(baseTitle('Come Together - 2019 Mix')).toBe('Come Together - 2019 Mix');
    expect(baseTitle('Get Lucky (feat. Pharrell Williams)')).toBe('Get Lucky');
    expect(baseTitle('Song [with Someone] - Radio Edit')).toBe('Song');
    expect(baseTitle('Song ft. Someone')).toBe('Song');
    expect(baseTitle('Help! - Remastered 2009 - Mono')).toBe('Help!');
    expect(baseTitle('Heroes (Remastered)')).toBe('Heroes');
    expect(baseTitle('Come Together - Live')).toBe('Come Together - Live');
    expect(baseTitle('(feat. X)')).toBe('(feat. X)');
  });
});

describe('matchPlay', () => {
  it('uses the Spotify track id first', () => {
    expect(matchPlay(m, { artist: 'whoever', track: 'whatever', spotifyTrackId: '6ie2Bw3xLj2JcGowOlcMhb' })).toEqual({ track: 0, artist: a('Radiohead'), artists: [a('Radiohead')], how: 'track-id' });
  });
  it('matches normalized artist + title, across suffixes, accents and "The"', () => {
    expect(matchPlay(m, { artist: 'Beatles', track: 'Come Together' })).toMatchObject({ track: 1, how: 'artist-title' });
    expect(matchPlay(m, { artist: 'The Beatles', track: 'Come Together - Live' })).toMatchObject({ track: 2, how: 'artist-title' });
    expect(matchPlay(m, { artist: 'BEYONCE', track: 'formation' })).toMatchObject({ track: 4, how: 'artist-title' });
    expect(matchPlay(m, { artist: 'Bjork', track: 'Joga - 1997 Remaster' })).toMatchObject({ track: 5 });
    // Last.fm writes the featured artist into the artist field.
    expect(matchPlay(m, { artist: 'Daft Punk feat. Pharrell Williams', track: 'Get Lucky' })).toMatchObject({ track: 3, artist: a('Daft Punk') });
    // A play by a credited guest is credited to that guest.
    expect(matchPlay(m, { artist: 'Pharrell Williams', track: 'Get Lucky (feat. Daft Punk)' })).toMatchObject({ track: 3, artist: a('Pharrell Williams') });
  });
  it('falls back to the artist alone, then to nothing', () => {
    expect(matchPlay(m, { artist: 'Radiohead', track: 'Creep' })).toEqual({ track: -1, artist: a('Radiohead'), artists: [a('Radiohead')], how: 'artist' });
    expect(matchPlay(m, { artist: 'Radiohead & Friends', track: 'Jam' })).toMatchObject({ artist: a('Radiohead'), how: 'artist' });
    expect(matchPlay(m, { artist: 'Nobody Known', track: 'Zero' })).toEqual({ track: -1, artist: -1, artists: [], how: 'none' });
  });
});

describe('matchPlays', () => {
  it('reports rates and unmatched artists by play count', () => {
    const plays = [
      { artist: 'Radiohead', track: 'Airbag' },
      { artist: 'Radiohead', track: 'Creep' },
      { artist: 'Nobody Known', track: 'Zero' },
      { artist: 'Nobody Known', track: 'One' },
      { artist: 'Someone Else', track: 'Two' },
    ];
    const { matches, report } = matchPlays(m, plays);
    expect(matches.map((x) => x.how)).toEqual(['artist-title', 'artist', 'none', 'none', 'none']);
    expect(report).toMatchObject({ plays: 5, byArtistTitle: 1, byArtistOnly: 1, unmatched: 3, matchRate: 0.4, trackMatchRate: 0.2 });
    expect(report.unmatchedArtists).toEqual([{ artist: 'Nobody Known', plays: 2 }, { artist: 'Someone Else', plays: 1 }]);
  });
  it('keys tracks the same way whatever the suffix', () => {
    expect(trackKey('The Beatles', 'Come Together - Remastered 2009')).toBe(trackKey('beatles', 'Come Together'));
  });
});
