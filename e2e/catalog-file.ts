// The catalog the e2e tests load: the real dataset from NB_SPOTIFY_CSV, or,
// when it is absent, a generated 114k-row catalog (and the output says so).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPOTIFY_CSV, hasSpotify, sayMissing } from '../data/paths.ts';
import { writeGeneratedCsv } from '../data/generate.ts';

export async function catalogCsv(): Promise<{ path: string; real: boolean }> {
  if (hasSpotify()) return { path: SPOTIFY_CSV, real: true };
  const path = join(tmpdir(), 'nb-e2e-generated-114k.csv');
  if (!existsSync(path)) await writeGeneratedCsv(path, { rows: 114_000, seed: 1 });
  sayMissing('The Spotify Tracks Dataset', SPOTIFY_CSV, `e2e tests use a generated 114k-row catalog (${path})`);
  return { path, real: false };
}

/** Imports the test catalog through the Catalog page's file input. */
export async function importCatalog(page: import('playwright-core').Page, baseUrl: string): Promise<{ path: string; real: boolean }> {
  const csv = await catalogCsv();
  await page.goto(`${baseUrl}#/catalog`);
  await page.getByTestId('catalog-file').setInputFiles(csv.path);
  await page.getByTestId('catalog-summary').waitFor({ timeout: 120_000 });
  return csv;
}
