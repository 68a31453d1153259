// Issues: similar artists and genre classification, trained in the browser.
// Chromium runs with WebGPU enabled: on this CPU-only machine its adapter is
// SwiftShader, which the app must see through and not use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';

let s: Session;
let csvPath: string;

beforeAll(async () => {
  s = await openApp({ webgpu: true });
  csvPath = (await importCatalog(s.page, s.baseUrl)).path;
});
afterAll(async () => s?.close());

async function train(name: string, epochs: number) {
  await s.page.getByTestId(`train-${name}-epochs`).fill(String(epochs));
  await s.page.getByTestId(`train-${name}-start`).click();
  await s.page.getByTestId(`train-${name}`).getByText(/^Trained /).waitFor({ timeout: 180_000 });
}

describe('models in the browser', () => {
  it('shows similar artists from the fallback before any model is trained', async () => {
    await s.page.goto(`${s.baseUrl}#/artist/0`);
    await s.page.getByTestId('similar-artists').locator('li').first().waitFor({ timeout: 60_000 });
    expect(await s.page.getByTestId('similar-fallback').isVisible()).toBe(true);
  });

  it('measures the backends and does not pick a software GPU', async () => {
    await s.page.goto(`${s.baseUrl}#/models`);
    const name = s.page.getByTestId('backend-name');
    await name.waitFor({ timeout: 120_000 });
    const backend = await name.textContent();
    const table = await s.page.getByRole('region', { name: 'Compute backend' }).textContent();
    console.log(`[e2e] backend chosen: ${backend}; ${table?.replace(/\s+/g, ' ')}`);
    expect(['wasm', 'webgl', 'cpu']).toContain(backend);
    expect(table).toMatch(/webgpu.*(software adapter|no WebGPU adapter)/);
  });

  it('trains the artist model, and similar artists then come from it', async () => {
    // A second tab on the Models page learns of the new model without a reload.
    const second = await s.context.newPage();
    await second.goto(`${s.baseUrl}#/models`);
    await second.getByTestId('train-artist-autoencoder').waitFor();
    expect(await second.getByTestId('train-artist-autoencoder').getByText(/^Trained /).count()).toBe(0);
    await train('artist-autoencoder', 2);
    await second.getByTestId('train-artist-autoencoder').getByText(/^Trained /).waitFor({ timeout: 30_000 });
    await second.close();
    await s.page.goto(`${s.baseUrl}#/artist/0`);
    await s.page.getByTestId('similar-artists').locator('li').first().waitFor({ timeout: 60_000 });
    expect(await s.page.getByTestId('similar-fallback').count()).toBe(0);
    // Recommendations now rank with the model's vectors.
    await s.page.getByRole('button', { name: /^Add .* as a seed$/ }).first().click();
    await s.page.goto(`${s.baseUrl}#/`);
    await s.page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 60_000 });
    expect(await s.page.getByText('train the artist model').count()).toBe(0);
  });

  it('trains the genre classifier and shows held-out accuracy', async () => {
    await s.page.goto(`${s.baseUrl}#/models`);
    await train('genre-classifier', 2);
    const text = (await s.page.getByTestId('genre-accuracy').textContent()) ?? '';
    const top1 = Number(/top-1 ([\d.]+)%/.exec(text)?.[1]);
    expect(top1).toBeGreaterThan(100 / 114 * 3); // well above chance, after 2 epochs
    // The artist page shows heard genres as families with their share of tracks, or says there is no clear genre.
    await s.page.goto(`${s.baseUrl}#/artist/0`);
    const mix = s.page.getByTestId('genre-mix');
    await mix.waitFor({ timeout: 60_000 });
    expect(await mix.textContent()).toMatch(/Genres the classifier hears: (.+ family in \d+ of \d+ tracks?|no clear genre in any)/);
  });

  it('classifies every track of a catalog that has no genre column', async () => {
    // The catalog's first 3,000 rows with the track_genre column cut off.
    const lines = readFileSync(csvPath, 'utf8').split('\n').slice(0, 3001);
    const noGenres = join(tmpdir(), 'nb-e2e-no-genres.csv');
    writeFileSync(noGenres, lines.map((l) => l.slice(0, l.lastIndexOf(','))).join('\n') + '\n');
    await s.page.goto(`${s.baseUrl}#/catalog`);
    await s.page.getByTestId('catalog-file').setInputFiles(noGenres);
    await expect.poll(async () => s.page.getByTestId('genres').textContent(), { timeout: 60_000 }).toMatch(/\d+ \(by the classifier\)/);
    await s.page.goto(`${s.baseUrl}#/artist/0`);
    await s.page.getByTestId('genre-mix').waitFor({ timeout: 60_000 });
    // Put the full catalog back for the next test.
    await importCatalog(s.page, s.baseUrl);
  });

  it('keeps the trained models across a reload, and Cancel keeps the old one', async () => {
    await s.page.goto(`${s.baseUrl}#/models`);
    await s.page.reload();
    await s.page.getByTestId('train-artist-autoencoder-epochs').fill('3');
    const card = s.page.getByTestId('train-artist-autoencoder');
    await card.getByText(/^Trained /).waitFor();
    const before = await card.getByText(/^Trained /).textContent();
    await s.page.getByTestId('train-artist-autoencoder-start').click();
    await card.getByRole('button', { name: 'Cancel' }).click();
    await card.getByText(/Training cancelled/).waitFor();
    expect(await card.getByText(/^Trained /).textContent()).toBe(before);
  });
});
