// `npm run fit-discover [-- --check]`: refits Discover's learned score on the
// real data (eval/discover-fit.ts, seed 0) and writes
// src/features/recommend/core/discover-weights.json; with --check, only says
// whether the stored file is what the fit gives (exit 1 if not).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasLastfm, hasSpotify, LASTFM_DIR, SPOTIFY_CSV } from '../data/paths.ts';
import { loadCatalogFile, loadLastfm2k } from '../data/load.ts';
import { prepareRanking } from '../src/features/recommend/core/prepare.ts';
import { catalogKeys } from '../src/features/taste/core/exclusions.ts';
import { discoverSplit, fitDiscoverWeights } from '../eval/discover-fit.ts';

const FILE = fileURLToPath(new URL('../src/features/recommend/core/discover-weights.json', import.meta.url));

if (!hasSpotify() || !hasLastfm()) {
  console.error(`fit-discover needs the Spotify catalog (${SPOTIFY_CSV}) and Last.fm 2K (${LASTFM_DIR}); set NB_SPOTIFY_CSV / NB_LASTFM_DIR.`);
  process.exit(2);
}
const t0 = performance.now();
const catalog = (await loadCatalogFile(SPOTIFY_CSV)).catalog;
const lf = loadLastfm2k(LASTFM_DIR);
const ix = prepareRanking(catalog);
const weights = await fitDiscoverWeights({ ix, keys: catalogKeys(catalog) }, await discoverSplit(lf, catalog, 0), 0);
const text = `${JSON.stringify(weights, null, 2)}\n`;
console.log(text);
console.log(`(${Math.round((performance.now() - t0) / 1000)} s)`);
if (process.argv.includes('--check')) {
  const same = readFileSync(FILE, 'utf8') === text;
  console.log(same ? 'discover-weights.json is reproduced by this fit' : 'discover-weights.json differs from this fit: rerun npm run fit-discover');
  process.exit(same ? 0 : 1);
}
writeFileSync(FILE, text);
console.log(`wrote ${FILE}`);
