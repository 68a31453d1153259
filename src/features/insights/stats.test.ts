import { describe, expect, it } from 'vitest';
import { indexCatalog } from '../catalog/core/catalog.ts';
import { tinyColumns } from '../../../test/test-catalog.ts';
import {
  genreAudioProfiles,
  genrePopularityByMode,
  topArtists,
  topGenresByPopularity,
  trending,
} from './stats.ts';
import { PROFILE_FEATURES } from '../../lib/features.ts';

interface Row {
  name: string;
  artists: number[];
  genres: number[];
  popularity: number;
  mode: 0 | 1;
  danceability?: number;
  tempo?: number;
  loudness?: number;
}

const ARTISTS = ['Ana', 'Ben', 'Cleo', 'Dev'];
const GENRES = ['pop', 'rock', 'jazz'];
const [POP, ROCK, JAZZ] = [0, 1, 2];
const ROWS: Row[] = [
  { name: 'Hit', artists: [0, 1], genres: [POP], popularity: 80, mode: 1 }, // 0: collaboration
  { name: 'HIT!', artists: [1, 0], genres: [POP], popularity: 70, mode: 1 }, // 1: same song, another id
  { name: 'Song Two', artists: [0], genres: [POP, ROCK], popularity: 60, mode: 0 }, // 2
  { name: 'Song Three', artists: [1], genres: [ROCK], popularity: 40, mode: 0 }, // 3
  { name: 'Solo', artists: [2], genres: [JAZZ], popularity: 90, mode: 1, danceability: 1, tempo: 100, loudness: -6 }, // 4
  { name: 'Deep 1', artists: [3], genres: [JAZZ], popularity: 50, mode: 0, danceability: 0, tempo: 150, loudness: -12 }, // 5
  { name: 'Deep 2', artists: [3], genres: [JAZZ], popularity: 30, mode: 1, danceability: 0.5, tempo: 300, loudness: -70 }, // 6
  { name: 'Deep 3', artists: [3], genres: [ROCK], popularity: 20, mode: 1 }, // 7
  { name: 'Deep 4', artists: [3], genres: [ROCK], popularity: 10, mode: 0 }, // 8
];

/** Artists and genres by index into ARTISTS / GENRES; loudness -60 dB and
 *  duration 0 unless given. */
function columns(rows: Row[]) {
  return tinyColumns(
    rows.map((r, t) => ({
      ...r,
      id: `id${t}`,
      album: 'Album',
      artists: r.artists.map((a) => ARTISTS[a]),
      genres: r.genres.map((g) => GENRES[g]),
      loudness: r.loudness ?? -60,
      durationMs: 0,
    })),
    { artists: ARTISTS, genres: GENRES },
  );
}

const cat = indexCatalog(columns(ROWS));

describe('genre popularity', () => {
  it('ranks genres by mean track popularity, a multi-genre track counting in each', () => {
    // pop: 80, 70, 60; jazz: 90, 50, 30; rock: 60, 40, 20, 10
    expect(topGenresByPopularity(cat, 10, { minTracks: 1 })).toEqual({
      labels: ['pop', 'jazz', 'rock'],
      values: [70, 56.67, 32.5],
      tracks: [3, 3, 4],
    });
    expect(topGenresByPopularity(cat, 2, { minTracks: 1 }).labels).toEqual(['pop', 'jazz']);
    // jazz and pop have 3 tracks: with minTracks 4 only rock is left.
    expect(topGenresByPopularity(cat, 10, { minTracks: 4 }).labels).toEqual(['rock']);
  });

  it('splits the top genres by mode', () => {
    expect(genrePopularityByMode(cat, 10, { minTracks: 1 })).toEqual({
      labels: ['pop', 'jazz', 'rock'],
      major: [75, 60, 20],
      minor: [60, 50, 36.67],
    });
  });

  it('gives null for a mode a genre has no track in', () => {
    const onlyMajor = indexCatalog(columns(ROWS.filter((r) => r.mode === 1)));
    const byMode = genrePopularityByMode(onlyMajor, 10, { minTracks: 1 });
    expect(byMode.minor).toEqual([null, null, null]);
    expect(byMode.labels).toEqual(['pop', 'jazz', 'rock']);
    expect(byMode.major).toEqual([75, 60, 20]);
  });
});

describe('topArtists', () => {
  it('credits both artists of a collaboration, counts a song once, and skips one-song artists', () => {
    // Ana: Hit 80 (its second id is the same song), Song Two 60 -> 70
    // Ben: Hit 80, Song Three 40 -> 60
    // Cleo: one song (90) -> left out
    // Dev: 50, 30, 20, 10 -> top 3 mean 33.33
    expect(topArtists(cat)).toEqual({
      labels: ['Ana', 'Ben', 'Dev'],
      values: [70, 60, 33.33],
      artists: [0, 1, 3],
      tracks: [3, 3, 4], // catalog entries, the second id of Hit included
    });
  });

  it('takes the options', () => {
    expect(topArtists(cat, 1, { minTracks: 1 }).labels).toEqual(['Cleo']);
    expect(topArtists(cat, 10, { topK: 1 }).values).toEqual([80, 80, 50]);
    expect(topArtists(cat, 10, { minTracks: 3 }).labels).toEqual(['Dev']);
  });
});

describe('trending', () => {
  it('lists the most popular songs once each', () => {
    const all = trending(cat, 5);
    expect(all.tracks.map((t) => t.track)).toEqual([4, 0, 2, 5, 3]); // 1 is a second id of 0
    expect(all.values).toEqual([90, 80, 60, 50, 40]);
    expect(all.labels[1]).toBe('Hit — Ana, Ben');
  });

  it('filters by genre name or id', () => {
    expect(trending(cat, 10, 'rock').tracks.map((t) => t.track)).toEqual([2, 3, 7, 8]);
    expect(trending(cat, 10, JAZZ).values).toEqual([90, 50, 30]);
    expect(trending(cat, 10, 'polka')).toEqual({ labels: [], values: [], tracks: [] });
  });
});

describe('genreAudioProfiles', () => {
  it('averages each feature per genre on 0..1, tempo and loudness scaled with fixed ranges', () => {
    const { features, genres } = genreAudioProfiles(cat, ['jazz', 'polka']);
    expect(features).toEqual(PROFILE_FEATURES.map((f) => f.column));
    const jazz = Object.fromEntries(features.map((f, i) => [f, genres[0].values[i]]));
    expect(genres[0].tracks).toBe(3);
    expect(jazz.danceability).toBe(0.5); // (1 + 0 + 0.5) / 3
    expect(jazz.tempo).toBe(0.667); // (100/250 + 150/250 + 1 [300 clamped]) / 3
    expect(jazz.loudness).toBe(0.567); // (0.9 + 0.8 + 0 [-70 dB clamped]) / 3
    expect(jazz.energy).toBe(0);
    expect(genres[1]).toEqual({ genre: 'polka', tracks: 0, values: new Array(features.length).fill(0) });
  });

  it('covers every genre by default', () => {
    expect(genreAudioProfiles(cat).genres.map((g) => [g.genre, g.tracks])).toEqual([
      ['pop', 3],
      ['rock', 4],
      ['jazz', 3],
    ]);
  });
});
