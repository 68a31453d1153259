// Issue 15 parts 3 and 4. Prompt radio: a typed prompt becomes chips and fills
// the seed list and steering; a bad word is named and changes nothing; a chip
// can be removed; undo puts back what was there. "How well do we know you":
// after importing a handwritten history, the figure on Discover is the one
// `npm run recommend -- --history FILE --json` prints for the same file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';
import { loadCatalogFile } from '../data/load.ts';
import { sayMissing } from '../data/paths.ts';

let s: Session;
let real = false;
let catalogPath = '';
let names: string[] = [];
const HISTORY = 'data/fixtures/history/hindsight.csv';

// axe-core, a dev dependency, comes in as an init script (the app's CSP forbids inline scripts).
const AXE = join(process.cwd(), 'node_modules/axe-core/axe.min.js');

beforeAll(async () => {
  s = await openApp();
  await s.context.addInitScript({ path: AXE });
  await s.page.reload();
  ({ real, path: catalogPath } = await importCatalog(s.page, s.baseUrl));
  const c = (await loadCatalogFile(catalogPath)).catalog;
  // Two artists with tracks whose names read as one name each (the generated catalog's are made up).
  names = real ? ['Radiohead', 'Coldplay'] : c.artists.filter((n, a) => /^[A-Za-z]+$/.test(n) && c.artistTrackOffsets[a + 1] > c.artistTrackOffsets[a]).slice(0, 2);
  await s.page.goto(`${s.baseUrl}#/`);
});
afterAll(async () => s?.close());

const seedNames = () => s.page.locator('[data-seed-item] .seed-name').allTextContents();
const chips = () => s.page.getByTestId('radio-chips').locator('.chip-text').allTextContents();

/** axe's serious and critical violations inside one section. */
const axeSerious = (selector: string) =>
  s.page.evaluate(async (sel) => {
    const r = await (window as unknown as { axe: { run(c: string): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe.run(sel);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  }, selector);

async function play(prompt: string) {
  await s.page.getByTestId('radio-prompt').fill(prompt);
  await s.page.getByTestId('radio-prompt').press('Enter');
}

describe('prompt radio', () => {
  it('reads a prompt into chips, seeds and steering', async () => {
    const [a, b] = names;
    await play(`${a} minus ${b} calm popularity:20-60`);
    await expect.poll(seedNames).toEqual([a, b]);
    expect(await chips()).toEqual([`artist ${a}`, `artist ${b} minus`, 'calm: energy ≤ 0.4', 'popularity 20–60']);
    expect(await s.page.getByRole('combobox', { name: `Share of the lists for ${b}` }).inputValue()).toBe('-1');
    await s.page.getByText('By sound: minimum, target and maximum').click();
    expect(await s.page.getByTestId('steer-energy-max-on').isChecked()).toBe(true);
    expect(await s.page.getByTestId('steer-energy-max').inputValue()).toBe('0.4');
    expect(await s.page.getByTestId('steer-popularity-min').inputValue()).toBe('20');
    expect(await s.page.getByTestId('steer-popularity-max').inputValue()).toBe('60');
    // The lists follow: the subtracted artist is not in them.
    await s.page.getByTestId('rec-artists').locator('li').first().waitFor({ timeout: 60_000 });
    expect(await s.page.getByTestId('rec-artists').locator('li a[href^="#/artist/"]').allTextContents()).not.toContain(b);
    expect(await axeSerious('[data-testid=prompt-radio]')).toEqual([]);
    // On a phone the box, its chips and the seed list with its minus menu fit the screen.
    await s.page.setViewportSize({ width: 390, height: 844 });
    const o = await s.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(o.scrollWidth).toBeLessThanOrEqual(o.innerWidth);
    await s.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('names the word it cannot read and changes nothing', async () => {
    await play(`${names[0]} zzqxv`);
    expect(await s.page.getByTestId('radio-error').textContent()).toContain('“zzqxv” is not an artist or genre');
    expect(await s.page.getByTestId('radio-prompt').getAttribute('aria-invalid')).toBe('true');
    expect(await s.page.getByTestId('radio-prompt').evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart!, el.selectionEnd!))).toBe('zzqxv');
    expect(await seedNames()).toEqual(names);
  });

  it('edits and removes chips with the keyboard, and undo puts back the seeds from before', async () => {
    await s.page.getByRole('button', { name: 'Edit popularity 20–60' }).focus();
    await s.page.keyboard.press('Enter');
    await s.page.keyboard.press('ControlOrMeta+a');
    await s.page.keyboard.type('popularity:30-70');
    await s.page.keyboard.press('Enter');
    await expect.poll(chips).toContain('popularity 30–70');
    await expect.poll(() => s.page.getByTestId('steer-popularity-min').inputValue()).toBe('30');
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.textContent)).toBe('popularity 30–70');

    await s.page.getByRole('button', { name: `Remove artist ${names[1]} minus` }).focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(seedNames).toEqual([names[0]]);
    expect(await s.page.getByTestId('radio-prompt').inputValue()).toBe(`artist:(${names[0]}) calm popularity:30-70`);
    // Focus stays in the chips.
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.classList.contains('chip-text'))).toBe(true);
    await s.page.getByTestId('radio-undo').click();
    await expect.poll(seedNames).toEqual([]);
    expect(await s.page.getByTestId('steer-energy-max-on').isChecked()).toBe(false);
  });
});

describe('how well do we know you', () => {
  it('shows the figure `npm run recommend` prints for the same history', async () => {
    await s.page.goto(`${s.baseUrl}#/history`);
    await s.page.getByTestId('history-files').setInputFiles(HISTORY);
    await s.page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    await s.page.goto(`${s.baseUrl}#/`);
    const section = s.page.getByTestId('hindsight');
    if (!real) {
      // The handwritten history names real artists, which a generated catalog lacks.
      sayMissing('The Spotify Tracks Dataset', catalogPath, 'the hindsight figure is only compared on the real catalog');
      await section.getByTestId('hindsight-empty').waitFor({ timeout: 60_000 });
      return;
    }
    await section.getByTestId('hindsight-share').waitFor({ timeout: 60_000 });
    const env = { ...process.env, NB_SPOTIFY_CSV: catalogPath, NB_CACHE_DIR: mkdtempSync(join(tmpdir(), 'nb-hindsight-')) };
    // No community model in the app yet, so none for the command either.
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'bin/recommend.ts', '--history', HISTORY, '--community', join(tmpdir(), 'no-community'), '--json'], { env, encoding: 'utf8' });
    const h = JSON.parse(stdout.trim().split('\n').at(-1)!).hindsight;
    expect(h.empty).toBe(false);
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    expect(await section.getByTestId('hindsight-new').textContent()).toBe(String(h.newArtists));
    expect(await section.getByTestId('hindsight-share').textContent()).toBe(pct(h.share));
    expect(await section.getByTestId('hindsight-popular').textContent()).toBe(pct(h.popularShare));
    const found = (await section.getByTestId('hindsight-found').count()) ? await section.getByTestId('hindsight-found').textContent() : '';
    expect(found).toBe(h.found.length ? `Found: ${h.found.join(', ')}.` : '');
    expect(await section.textContent()).toContain(`${h.laterPlays} of ${h.earlierPlays + h.laterPlays} plays`);
    expect(await axeSerious('[data-testid=hindsight]')).toEqual([]);
  });
});
