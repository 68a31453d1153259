import { describe, expect, it } from 'vitest';
import { CatalogIngest } from '../../catalog/core/ingest.ts';
import { indexCatalog } from '../../catalog/core/catalog.ts';
import { blendTwins, twinMemory, twinVotes } from './twins.ts';

const HEADER =
  ',track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,' +
  'speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre';
// [id, artists, title, danceability, genre]: t1 and t2 are one recording (same features, other title and
// artist); t3 is a remaster of t4 (same base title and artist, other features); t5 is alone.
const ROWS: [string, string, string, number, string][] = [
  ['t1', 'Ana', 'Song', 0.51, 'pop'], ['t1', 'Ana', 'Song', 0.51, 'dance'], ['t2', 'Various', 'Song (Hits 2020)', 0.51, 'dance'],
  ['t3', 'Bo', 'Tune - 2011 Remaster', 0.3, 'rock'], ['t4', 'Bo', 'Tune', 0.31, 'punk'], ['t5', 'Cy', 'Alone', 0.9, 'jazz'],
];
function fixture() {
  const lines = ROWS.map(([id, artists, title, dance, genre], i) =>
    [i, id, artists, 'Album', title, 50, 200000, 'False', dance, 0.6, 5, -7, 1, 0.05, 0.3, 0, 0.1, 0.4, 120, 4, genre].join(','));
  const ingest = new CatalogIngest();
  ingest.push([HEADER, ...lines].join('\n') + '\n');
  return indexCatalog(ingest.end().columns);
}

describe('near-duplicate memory', () => {
  const c = fixture();
  const t = (id: string) => c.trackIndex.get(id)!;
  const g = (name: string) => c.genres.indexOf(name);
  const all = Int32Array.from({ length: c.size }, (_, i) => i);
  const votes = new Float32Array(c.genres.length);

  it("gives a track its twins' genres, never its own", () => {
    const memory = twinMemory(c, all);
    expect(twinVotes(c, memory, t('t2'), votes)).toBe(true); // identical audio features
    expect(votes[g('pop')]).toBeCloseTo(0.5);
    expect(votes[g('dance')]).toBeCloseTo(0.5);
    expect(twinVotes(c, memory, t('t1'), votes)).toBe(true);
    expect(votes[g('dance')]).toBeCloseTo(1); // only t2's genres, not t1's own pop
    expect(twinVotes(c, memory, t('t3'), votes)).toBe(true); // same base title and artist
    expect(votes[g('punk')]).toBeCloseTo(1);
    expect(twinVotes(c, memory, t('t5'), votes)).toBe(false);
  });

  it('only remembers the tracks it was built from', () => {
    const memory = twinMemory(c, [t('t1'), t('t5')]);
    expect(twinVotes(c, memory, t('t2'), votes)).toBe(true);
    expect(twinVotes(c, memory, t('t3'), votes)).toBe(false); // t4 is not in the memory
  });

  it('blends only the rows that have a twin', () => {
    const k = c.genres.length;
    const tracks = [t('t4'), t('t5')];
    const probs = new Float32Array(2 * k).fill(1 / k);
    blendTwins(c, twinMemory(c, all), tracks, probs);
    // The twin weight is 0.9 (chosen on validation, twins.ts).
    expect(probs[g('rock')]).toBeCloseTo(0.1 / k + 0.9);
    expect(probs.subarray(0, k).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect([...probs.subarray(k)]).toEqual(Array(k).fill(Math.fround(1 / k)));
  });
});
