import { describe, expect, it } from 'vitest';
import { nodeTf } from '../../../compute/tf-node.ts';
import { rng } from '../../../platform/random.ts';
import { CatalogIngest } from '../../catalog/core/ingest.ts';
import { indexCatalog } from '../../catalog/core/catalog.ts';
import { labelledTracks } from './genre-data.ts';
import { epochsOf, genreProbs, trainGenrePipeline } from './pipeline.ts';
import { heardGenres, topGenres } from './heard.ts';

const HEADER =
  ',track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,' +
  'speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre';
const GENRES = ['rock', 'house', 'jazz'];

/** 600 tracks by 60 artists, each artist in one genre; danceability and energy tell the genres apart, noisily. */
function planted() {
  const rand = rng(7);
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const artist = i % 60;
    const g = artist % 3;
    const dance = (0.2 + 0.3 * g + 0.08 * (rand() - 0.5)).toFixed(4);
    const energy = (0.8 - 0.3 * g + 0.08 * (rand() - 0.5)).toFixed(4);
    lines.push([i, `t${i}`, `Artist ${artist}`, 'Album', `Song ${i}`, 20 + g * 20, 180000 + i, 'False', dance, energy, i % 12,
      -8, i % 2, 0.05, 0.3, 0, 0.1, 0.5, 120, 4, GENRES[g]].join(','));
  }
  const ingest = new CatalogIngest();
  ingest.push([HEADER, ...lines].join('\n') + '\n');
  return indexCatalog(ingest.end().columns);
}

describe('genre pipeline', () => {
  const c = planted();
  const tracks = labelledTracks(c);
  const recipe = { epochs: 10, batchSize: 32, hidden: [16], learningRate: 1e-2 };

  it('reports every epoch once, 1 to the total, and chooses thresholds on held-out artists', async () => {
    const tf = await nodeTf();
    const seen: number[] = [];
    const r = { ...recipe, ensemble: 2 };
    const { classifier, validation } = await trainGenrePipeline(tf, c, tracks, { recipe: r, onEpoch: (e) => seen.push(e) });
    expect(seen).toEqual(Array.from({ length: epochsOf(r) }, (_, i) => i + 1));
    expect(epochsOf(r)).toBe(20);
    expect(validation.tracks).toBeGreaterThanOrEqual(60); // a tenth of 600, whole artists
    expect(validation.top1).toBeGreaterThan(0.9);
    expect(Number.isFinite(classifier.thresholds.family)).toBe(true);
    // Thresholds are picked so shown labels are right ≥ 55% of the time on validation.
    expect(validation.shownPrecision).toBeGreaterThanOrEqual(0.55);
    const probs = genreProbs(tf, classifier, c, [0, 1, 2], null);
    for (let i = 0; i < 3; i++) expect(probs.subarray(i * c.genres.length, (i + 1) * c.genres.length).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);

    // What the app shows and fills in with the trained classifier.
    const heard = heardGenres(tf, classifier, c, [0, 60, 120], true); // Artist 0's tracks, all rock
    expect(heard.tracks).toHaveLength(3);
    expect(heard.tracks[0]).toMatch(/^rock family \d+%.*the catalog agrees/);
    expect(heard.artist).toMatch(/^rock family in 3 of 3 tracks/);
    expect(heardGenres(tf, classifier, c, [0], false).tracks[0]).not.toMatch(/catalog/);
    expect([...topGenres(tf, classifier, c).subarray(0, 3)].map((g) => classifier.network.classes[g])).toEqual(['rock', 'house', 'jazz']);
  });

  it('stops when cancelled', async () => {
    const tf = await nodeTf();
    const ctrl = new AbortController();
    const run = trainGenrePipeline(tf, c, tracks, { recipe: { ...recipe, epochs: 50 }, signal: ctrl.signal, onEpoch: () => ctrl.abort() });
    await expect(run).rejects.toThrow(/cancelled/);
  });
});
