// The community model on the real Last.fm 2K data, through the app's own
// pipeline (trainCommunity) and fold-in (scoreUser), on the cf eval's split.
// Thresholds come from measured runs (eval/sections/cf.ts), with margin.
import { describe, expect, it } from 'vitest';
import { hasLastfm, LASTFM_DIR, sayMissing } from '../../../../data/paths.ts';
import { loadLastfm2k } from '../../../../data/load.ts';
import { rng } from '../../../platform/random.ts';
import { communityScorer, evaluate, holdOut, popularityScorer } from './cf-eval.ts';
import { trainCommunity } from './community.ts';
import { playMatrix } from './lastfm2k.ts';

const ready = hasLastfm();
if (!ready) sayMissing('The Last.fm 2K data', LASTFM_DIR, 'the real-data community model test is skipped');

describe.skipIf(!ready)('community model on the real data', () => {
  it('ranks held-out artists far above popularity (recall@10, seed 0 split)', async () => {
    const lf = loadLastfm2k(LASTFM_DIR);
    const split = holdOut(playMatrix(lf), 0.2, 5, rng(1));
    const { model, columns } = await trainCommunity(split.train, lf.artistName);
    const ours = await evaluate(split, communityScorer(split.train, model, columns));
    const pop = await evaluate(split, popularityScorer(split.train));
    console.log(`cf recall@10: ours ${ours.recall.toFixed(4)}, popularity ${pop.recall.toFixed(4)}`);
    expect(ours.recall).toBeGreaterThan(0.195); // measured 0.2029 (eval cf section, seed 0)
    expect(ours.recall).toBeGreaterThan(2.5 * pop.recall);
  }, 120_000);
});
