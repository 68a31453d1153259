// axe-core, run in the page, on every page in the states a user sees them:
// the welcome page, then with a catalog, seeds, recommendations and a trained
// model. No violation of impact serious or critical is allowed. The Models
// page's training progress is checked while it runs: the step shown never
// passes the total, the bar never shrinks, and a model trained on this
// catalog is never said to be for another one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';
import { LASTFM_DIR, hasLastfm, sayMissing } from '../data/paths.ts';

// A dev dependency, injected by the test and never shipped with the app.
const AXE = join(process.cwd(), 'node_modules/axe-core/axe.min.js');

let s: Session;

beforeAll(async () => {
  if (!existsSync(AXE)) throw new Error(`axe-core is missing (${AXE}): run npm ci (it is a dev dependency).`);
  s = await openApp();
  // The app's Content-Security-Policy forbids inline scripts, so axe comes in
  // as an init script (outside the page's CSP) on every load of this session.
  await s.context.addInitScript({ path: AXE });
  await s.page.reload();
});
afterAll(async () => s?.close());

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** `hash` null: the page as it is now. */
async function serious(hash: string | null, ready: () => Promise<unknown>, label = hash ?? 'this page'): Promise<string[]> {
  if (hash !== null) await s.page.goto(`${s.baseUrl}${hash}`);
  await ready();
  expect(await s.page.evaluate(() => 'axe' in window), 'axe-core is loaded in the page').toBe(true);
  const violations = (await s.page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label} ${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}; e.g. ${v.nodes[0]?.target.join(' ')}`);
}

describe('accessibility (axe-core)', () => {
  it('welcome page', async () => {
    expect(await serious('#/', () => s.page.getByRole('heading', { name: 'Welcome to Neural Beats' }).waitFor())).toEqual([]);
  });

  it('trains a model on this catalog: progress is honest, and no "another catalog" warning', async () => {
    await importCatalog(s.page, s.baseUrl);
    await s.page.goto(`${s.baseUrl}#/models`);
    const card = s.page.getByTestId('train-artist-autoencoder');
    await s.page.getByTestId('train-artist-autoencoder-epochs').fill('3');
    // Record every value the bar and the step text take while training runs.
    await s.page.evaluate(() => {
      const w = window as unknown as { samples: { bar: number; step: string }[] };
      w.samples = [];
      const sample = () => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid=train-artist-autoencoder-bar]');
        const step = document.querySelector('[data-testid=train-artist-autoencoder-step]')?.textContent ?? '';
        if (bar && bar.hasAttribute('value')) w.samples.push({ bar: bar.value, step });
      };
      new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await s.page.getByTestId('train-artist-autoencoder-start').click();
    await card.getByText(/^Trained /).waitFor({ timeout: 180_000 });
    const samples = await s.page.evaluate(() => (window as unknown as { samples: { bar: number; step: string }[] }).samples);
    expect(samples.length).toBeGreaterThan(1);
    for (let i = 1; i < samples.length; i++) expect(samples[i].bar, `bar went from ${samples[i - 1].bar} to ${samples[i].bar}`).toBeGreaterThanOrEqual(samples[i - 1].bar);
    for (const { step } of samples) {
      const m = /epoch (\d+) of (\d+)/.exec(step);
      if (m) expect(Number(m[1]), step).toBeLessThanOrEqual(Number(m[2]));
    }
    expect(samples.at(-1)!.bar).toBe(1);
    expect(await s.page.getByText(/another catalog/).count()).toBe(0);

    if (!hasLastfm()) sayMissing('Last.fm 2K', LASTFM_DIR, 'the community model is not trained in this test');
    else {
      await s.page.getByTestId('cf-files').setInputFiles([join(LASTFM_DIR, 'artists.dat'), join(LASTFM_DIR, 'user_artists.dat')]);
      await s.page.getByTestId('train-collaborative').getByText(/^Trained /).waitFor({ timeout: 180_000 });
      await s.page.getByTestId('cf-info').waitFor();
      expect(await s.page.getByText(/another catalog/).count()).toBe(0);
    }
  });

  it('every page with a catalog, seeds, recommendations and a trained model', async () => {
    const problems: string[] = [];
    // Seeds from an artist page (the "+ seed" button) and from the genre picker.
    problems.push(...(await serious('#/artist/0', () => s.page.getByTestId('similar-artists').locator('li').first().waitFor({ timeout: 60_000 }))));
    await s.page.getByRole('button', { name: /as a seed$/ }).first().click();
    await s.page.goto(`${s.baseUrl}#/`);
    const picker = s.page.locator('#genre-seed-pick');
    await picker.selectOption({ index: 1 });
    await s.page.getByRole('button', { name: /^Add genre .* as a seed$/ }).click();
    await s.page.getByText('By sound: minimum, target and maximum').click();
    await s.page.getByTestId('steer-energy-min-on').check();
    problems.push(...(await serious('#/', () => s.page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 60_000 }))));
    problems.push(...(await serious('#/insights', () => s.page.getByTestId('trending').locator('tbody tr').first().waitFor({ timeout: 60_000 }))));
    problems.push(...(await serious('#/history', () => s.page.getByRole('heading', { level: 1 }).waitFor())));
    problems.push(...(await serious('#/models', () => s.page.getByTestId('train-artist-autoencoder').getByText(/^Trained /).waitFor({ timeout: 120_000 }))));
    problems.push(...(await serious('#/catalog', () => s.page.getByTestId('catalog-summary').waitFor())));
    problems.push(...(await serious('#/data', () => s.page.getByTestId('storage-usage').waitFor())));
    // A search with its results open.
    await s.page.getByRole('combobox', { name: 'Search artists' }).fill('a');
    await s.page.locator('#artist-results [role=option]').first().waitFor();
    problems.push(...(await serious(null, async () => undefined, 'search results')));
    expect(problems).toEqual([]);
  });
});
