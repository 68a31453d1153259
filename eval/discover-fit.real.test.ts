// The stored learned-score weights are what `npm run fit-discover` gives on
// the real data (same function, same seed): the file is reproducible.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasLastfm, hasSpotify, LASTFM_DIR, SPOTIFY_CSV, sayMissing } from '../data/paths.ts';
import { loadCatalogFile, loadLastfm2k } from '../data/load.ts';
import { prepareRanking } from '../src/features/recommend/core/prepare.ts';
import { catalogKeys } from '../src/features/taste/core/exclusions.ts';
import { discoverSplit, fitDiscoverWeights } from './discover-fit.ts';

const ready = hasSpotify() && hasLastfm();
if (!ready) sayMissing('The Spotify Tracks / Last.fm 2K data', `${SPOTIFY_CSV}, ${LASTFM_DIR}`, 'the discover-weights reproduction test is skipped');

describe.skipIf(!ready)('discover-weights.json', () => {
  it('is reproduced by its fit (npm run fit-discover)', { timeout: 20 * 60_000 }, async () => {
    const { catalog } = await loadCatalogFile(SPOTIFY_CSV);
    const weights = await fitDiscoverWeights({ ix: prepareRanking(catalog), keys: catalogKeys(catalog) }, await discoverSplit(loadLastfm2k(LASTFM_DIR), catalog, 0), 0);
    const stored = readFileSync(new URL('../src/features/recommend/core/discover-weights.json', import.meta.url), 'utf8');
    expect(`${JSON.stringify(weights, null, 2)}\n`).toBe(stored);
  });
});
