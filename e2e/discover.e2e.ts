// Issue: seeds and recommendations. Drag artists into the seed list with the
// mouse, add one with the keyboard, steer, reload, export a playlist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';

let s: Session;
let real = false;

beforeAll(async () => {
  s = await openApp();
  real = (await importCatalog(s.page, s.baseUrl)).real;
  await s.page.goto(`${s.baseUrl}#/`);
});
afterAll(async () => s?.close());

const seedItems = () => s.page.locator('[data-seed-item]');
const trackTitles = async () => s.page.getByTestId('rec-tracks').locator('li strong').allTextContents();

async function searchFor(query: string) {
  const box = s.page.getByRole('combobox', { name: 'Search artists' });
  await box.fill(query);
  // Wait for this query's answer, not the previous query's list.
  await s.page.locator('[data-testid=artist-search][aria-busy=false]').waitFor();
  const first = s.page.locator('#artist-results [role=option] a').first();
  await first.waitFor();
  return first;
}

describe('discover', () => {
  it('drags three artists into the seed list and adds one with the keyboard', async () => {
    const queries = real ? ['sam smith', 'beyonce', 'bad bunny'] : ['a', 'e', 'o'];
    for (const [i, q] of queries.entries()) {
      const result = await searchFor(q);
      await result.dragTo(s.page.getByTestId('seed-list'));
      await expect.poll(() => seedItems().count()).toBe(i + 1);
    }
    if (real) {
      const names = (await seedItems().allTextContents()).join('|');
      for (const n of ['Sam Smith', 'Beyoncé', 'Bad Bunny']) expect(names).toContain(n);
    }

    // Keyboard only: pick a search result with the arrows, open it, add it.
    await searchFor(real ? 'joji' : 'i');
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('ArrowUp');
    await s.page.keyboard.press('Enter');
    await s.page.getByTestId('artist-name').waitFor();
    const name = (await s.page.getByTestId('artist-name').textContent())!.trim();
    const add = s.page.getByRole('button', { name: `Add ${name} as a seed` }).first();
    await add.focus();
    await s.page.keyboard.press('Enter');
    await s.page.goto(`${s.baseUrl}#/`);
    await expect.poll(() => seedItems().count()).toBe(4);
    expect(await seedItems().nth(3).textContent()).toContain(name); // the "+ seed" button appends

    // Reorder with the keyboard: the last seed moves up one place.
    await seedItems().nth(3).focus();
    await s.page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await seedItems().nth(2).textContent()) ?? '').toContain(name);
  });

  it('shows recommendations and changes them when a slider moves', async () => {
    await s.page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 60_000 });
    const before = await trackTitles();
    expect(before.length).toBeGreaterThan(10);
    expect(await s.page.getByTestId('rec-artists').locator('li').count()).toBeGreaterThan(5);
    const slider = s.page.getByTestId('discovery');
    await slider.focus();
    await s.page.keyboard.press('End'); // discovery to "beyond the mainstream"
    await expect.poll(async () => (await trackTitles()).slice(0, 10).join('|'), { timeout: 30_000 }).not.toBe(before.slice(0, 10).join('|'));
  });

  it('switches mode and a seed\'s share from the keyboard', async () => {
    const artists = () => s.page.getByTestId('rec-artists').locator('li .what > a').allTextContents();
    const before = await artists();
    expect(before.length).toBeGreaterThan(5);
    // No history here: "More of what I love" says what it needs.
    await s.page.getByRole('radio', { name: 'More of what I love' }).check();
    await s.page.getByTestId('recs-empty').getByText(/needs artists you like/).waitFor({ timeout: 30_000 });
    await s.page.getByRole('radio', { name: 'New to me' }).check();
    await expect.poll(artists, { timeout: 30_000 }).toEqual(before);
    // A seed weighted up takes a bigger share.
    const share = s.page.getByRole('combobox', { name: /^Share of the lists for / }).first();
    await share.focus();
    await share.selectOption('3');
    await expect.poll(async () => (await artists()).join('|'), { timeout: 30_000 }).not.toBe(before.join('|'));
    await share.selectOption('1');
  });

  it('keeps the seeds after a reload', async () => {
    const names = await seedItems().allTextContents();
    await s.page.reload();
    await expect.poll(() => seedItems().count()).toBe(4);
    expect(await seedItems().allTextContents()).toEqual(names);
  });

  it('exports the track list as JSPF', async () => {
    await s.page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 60_000 });
    const shown = await trackTitles();
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('export-jspf').click()]);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(download.suggestedFilename()).toMatch(/\.jspf$/);
    expect(doc.playlist.track.map((t: { title: string }) => t.title)).toEqual(shown);
    for (const t of doc.playlist.track) expect(t.identifier[0]).toMatch(/^https:\/\/open\.spotify\.com\/track\/\w+$/);
  });
});
