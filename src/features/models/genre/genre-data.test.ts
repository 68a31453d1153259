import { describe, expect, it } from 'vitest';
import { CatalogIngest } from '../../catalog/core/ingest.ts';
import { artistsOf, genresOf, indexCatalog } from '../../catalog/core/catalog.ts';
import {
  featureNames,
  labelledTracks,
  scoreGenres,
  softTargets,
  splitByArtist,
  splitByTrack,
  trackFeatures,
  trackLabels,
  type LabelSets,
} from './genre-data.ts';

// A handwritten catalog: some tracks listed under two or three genres (one row
// each, as in the dataset), artists with several tracks, a shared credit.
const HEADER =
  ',track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,' +
  'speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre';
const ROWS: [string, string, string][] = [
  ['t01', 'Ana', 'pop'], ['t01', 'Ana', 'dance'], ['t02', 'Ana', 'pop'], ['t03', 'Ana;Bo', 'rock'],
  ['t04', 'Bo', 'rock'], ['t04', 'Bo', 'alt-rock'], ['t04', 'Bo', 'punk'], ['t05', 'Bo', 'punk'],
  ['t06', 'Cy', 'jazz'], ['t07', 'Cy', 'jazz'], ['t07', 'Cy', 'blues'], ['t08', 'Di', 'techno'],
  ['t09', 'Di', 'house'], ['t10', 'Di;Ana', 'house'], ['t11', 'Ed', 'sleep'], ['t12', 'Ed', 'ambient'],
  ['t13', 'Fa', 'salsa'], ['t13', 'Fa', 'latin'], ['t14', 'Gu', 'samba'], ['t15', 'Gu', 'forro'],
  ['t16', 'Ha', 'k-pop'], ['t17', 'Ha', 'k-pop'], ['t17', 'Ha', 'j-pop'], ['t18', 'Io', 'opera'],
  ['t19', 'Ju', 'country'], ['t20', 'Ju', 'folk'],
];
function fixture() {
  const lines = ROWS.map(([id, artists, genre], i) =>
    [i, id, artists, 'Album', `Song ${id}`, 10 + i, 180000 + 1000 * i, i % 3 ? 'False' : 'True', 0.5, 0.6, i % 12,
      -7, i % 2, 0.05, 0.3, i % 4 ? 0 : 0.8, 0.1, 0.4, 120, i % 5 ? 4 : 3, genre].join(','),
  );
  const ingest = new CatalogIngest();
  ingest.push([HEADER, ...lines].join('\n') + '\n');
  return indexCatalog(ingest.end().columns);
}

describe('genre splits', () => {
  const c = fixture();
  const tracks = labelledTracks(c);

  it('folds the fixture into 20 tracks', () => {
    expect(c.size).toBe(20);
    expect(tracks).toHaveLength(20);
  });

  it('never puts a track_id on both sides, for any seed', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { train, test } = splitByTrack(c, tracks, seed);
      const trainIds = new Set([...train].map((t) => c.trackId[t]));
      const testIds = [...test].map((t) => c.trackId[t]);
      expect(testIds.filter((id) => trainIds.has(id))).toEqual([]);
      expect(train.length + test.length).toBe(tracks.length);
      expect(test.length).toBe(4); // 20% of 20
    }
  });

  it('never puts a first-credited artist on both sides, for any seed', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { train, test } = splitByArtist(c, tracks, seed);
      const first = (t: number) => c.artists[artistsOf(c, t)[0]];
      const trainArtists = new Set([...train].map(first));
      expect([...test].map(first).filter((a) => trainArtists.has(a))).toEqual([]);
      expect(new Set([...train, ...test]).size).toBe(tracks.length);
      expect(test.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('is repeatable with the same seed and differs across seeds', () => {
    expect(splitByArtist(c, tracks, 3)).toEqual(splitByArtist(c, tracks, 3));
    const tests = new Set(Array.from({ length: 10 }, (_, s) => [...splitByTrack(c, tracks, s).test].join()));
    expect(tests.size).toBeGreaterThan(1);
  });

  it('labels every genre of a track, and features have one column per name', () => {
    const t4 = c.trackIndex.get('t04')!;
    const y = trackLabels(c, [t4]);
    expect([...y.labels].map((g) => y.classes[g]).sort()).toEqual(['alt-rock', 'punk', 'rock']);
    expect(genresOf(c, t4)).toHaveLength(3);
    const x = trackFeatures(c, tracks, { withPopularity: true });
    expect(x.cols).toBe(featureNames({ withPopularity: true }).length);
    expect(x.data.every(Number.isFinite)).toBe(true);
    expect(trackFeatures(c, tracks).cols).toBe(x.cols - 2);
  });
});

describe('genre scoring', () => {
  const classes = ['pop', 'dance', 'rock', 'punk', 'jazz', 'blues'];
  // Sample 0 is pop+dance, 1 is rock, 2 is jazz+blues.
  const y: LabelSets = { offsets: Int32Array.from([0, 2, 3, 5]), labels: Uint16Array.from([0, 1, 2, 4, 5]), classes };
  const probs = Float32Array.from([
    0.1, 0.6, 0.1, 0.1, 0.05, 0.05, // predicts dance
    0.1, 0.1, 0.2, 0.5, 0.05, 0.05, // predicts punk (rock is 2nd)
    0.0, 0.0, 0.0, 0.0, 0.9, 0.1, // predicts jazz
  ]);

  it('scores per (track, genre) row', () => {
    const s = scoreGenres(probs, y);
    expect(s.rows).toBe(5);
    expect(s.top1).toBeCloseTo(2 / 5); // dance, jazz
    expect(s.anyTop1).toBeCloseTo(4 / 5); // both rows of tracks 0 and 2
    expect(s.top5).toBeCloseTo(5 / 5);
    // pop/dance are both 'pop'; rock vs punk both 'rock'; jazz/blues both 'jazz & blues'.
    expect(s.familyTop1).toBe(1);
  });

  it("soft targets share a track's mass among its genres", () => {
    const t = softTargets(y);
    expect([...t.subarray(0, 6)]).toEqual([0.5, 0.5, 0, 0, 0, 0]);
    const smoothed = softTargets(y, 0.12);
    expect(smoothed.subarray(6, 12).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});
