// `npm run eval [-- --seed N] [-- --only name,name]`: model quality on the real
// data, each section against simple baselines trained in the same run.
// Prints a readable table per section, then one line of JSON with every key.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { hasLastfm, hasSpotify, LASTFM_DIR, SPOTIFY_CSV, sayMissing } from '../data/paths.ts';
import { loadCatalogFile } from '../data/load.ts';
import type { EvalContext, EvalSection } from './context.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(arg('seed') ?? 0);
const only = arg('only')?.split(',');
const here = dirname(fileURLToPath(import.meta.url));

const ctx: EvalContext = {
  seed,
  catalog: null,
  lastfmDir: hasLastfm() ? LASTFM_DIR : null,
  table(title, rows) {
    console.log(`\n## ${title}`);
    console.table(rows);
  },
};

if (hasSpotify()) {
  const t0 = performance.now();
  ctx.catalog = (await loadCatalogFile(SPOTIFY_CSV)).catalog;
  console.log(`catalog: ${ctx.catalog.size} tracks, ${ctx.catalog.artists.length} artists (${Math.round(performance.now() - t0)} ms)`);
} else {
  sayMissing('The Spotify Tracks Dataset', SPOTIFY_CSV, 'sections that need it are skipped; no figures from generated data are reported');
}
if (!ctx.lastfmDir) sayMissing('The Last.fm 2K data', LASTFM_DIR, 'sections that need it are skipped');

const result: Record<string, number | string> = { seed };
const files = readdirSync(join(here, 'sections')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
for (const f of files) {
  const section = (await import(pathToFileURL(join(here, 'sections', f)).href)).default as EvalSection;
  if (only && !only.includes(section.name)) continue;
  const missing = section.needs.filter((n) => (n === 'spotify' ? !ctx.catalog : !ctx.lastfmDir));
  if (missing.length) {
    console.log(`\n## ${section.name}: skipped, missing ${missing.join(', ')}`);
    continue;
  }
  const t0 = performance.now();
  Object.assign(result, await section.run(ctx));
  console.log(`(${section.name}: ${Math.round((performance.now() - t0) / 1000)} s)`);
}
console.log(JSON.stringify(result));
