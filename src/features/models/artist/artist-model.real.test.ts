// The artist model on the real data (Spotify Tracks + Last.fm 2K), with a
// short training schedule: co-listening recall@50 against the baselines.
// Thresholds come from measured runs (see models/README.md), with margin.
import { describe, expect, it } from 'vitest';
import { hasLastfm, hasSpotify, LASTFM_DIR, SPOTIFY_CSV, sayMissing } from '../../../../data/paths.ts';
import { loadCatalogFile, loadLastfm2k } from '../../../../data/load.ts';
import { nodeTf } from '../../../compute/tf-node.ts';
import { plainArtistVectors } from './artist-features.ts';
import { trainArtistModel } from './autoencoder.ts';
import { cosineNearest, popularityNearest, recallAtK, splitColisten } from '../../../../eval/sections/artists.ts';

const ready = hasSpotify() && hasLastfm();
if (!ready) sayMissing('The Spotify Tracks / Last.fm 2K data', `${SPOTIFY_CSV}, ${LASTFM_DIR}`, 'the real-data artist model test is skipped');

describe.skipIf(!ready)('artist model on the real data', () => {
  it('beats the plain features it is given on co-listening recall@50, and popularity by far', async () => {
    const tf = await nodeTf();
    const { catalog } = await loadCatalogFile(SPOTIFY_CSV);
    // Trained on half A of the Last.fm users' co-listening, judged on half B.
    const lf = loadLastfm2k(LASTFM_DIR);
    const { task, inA } = splitColisten(lf, catalog, 0);
    expect(task.match.matched).toBeGreaterThan(3500);
    // The full recipe (OUR_RECIPE, 4 epochs = 60 steps) is already short.
    const ours = await trainArtistModel(tf, catalog, { seed: 0, listening: lf, useUser: inA });
    const features = ours.features;
    const plain = plainArtistVectors(features, ours.model.standardizer);
    const rOurs = recallAtK(task, cosineNearest(catalog, ours.codes, ours.dim));
    const rPlain = recallAtK(task, cosineNearest(catalog, plain, features.dim));
    const rPop = recallAtK(task, popularityNearest(catalog, 0));
    console.log(`co-listening recall@50: ours ${rOurs.toFixed(4)}, plain ${rPlain.toFixed(4)}, popularity ${rPop.toFixed(4)}`);
    expect(rPlain).toBeGreaterThan(0.125); // measured 0.1299 on half B's truth
    expect(rOurs).toBeGreaterThan(RECALL_FLOOR);
    expect(rOurs - rPlain).toBeGreaterThan(MARGIN_OVER_PLAIN);
    expect(rOurs).toBeGreaterThan(5 * rPop); // popularity measured 0.0116
  }, 240_000);
});

/** Measured for OUR_RECIPE with catalog + half-A co-listening pairs, truth
 *  from half B (seed 0, `npm run eval`): ours 0.1480 vs plain 0.1299
 *  (+0.0181); seed 1 (sweep): +0.0165. Floors set below those with a margin. */
const RECALL_FLOOR = 0.143;
const MARGIN_OVER_PLAIN = 0.012;
