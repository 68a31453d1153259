// Moving around the app as a new user does: artist → artist shows the new
// artist's neighbours; genres become seeds by button, keyboard and drag; the
// first recommended track is a few key presses from the Discover heading;
// focus never falls to the page; pages open at their top; search says when
// nothing matches; old messages go with the data they were about.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';

let s: Session;

beforeAll(async () => {
  s = await openApp();
  await importCatalog(s.page, s.baseUrl);
});
afterAll(async () => s?.close());

const seedItems = () => s.page.locator('[data-seed-item]');
const similarNames = () => s.page.getByTestId('similar-artists').locator(':scope > li > a').allTextContents();
const trackTitles = () => s.page.getByTestId('rec-tracks').locator('li strong').allTextContents();
const activeIn = (selector: string) => s.page.evaluate((sel) => !!document.activeElement?.closest(sel), selector);

describe('navigation', () => {
  it('going from one artist to another shows the new artist’s neighbours, never the artist itself', async () => {
    await s.page.goto(`${s.baseUrl}#/artist/0`);
    await s.page.getByTestId('similar-artists').locator('li').first().waitFor({ timeout: 60_000 });
    const first = (await s.page.getByTestId('artist-name').textContent())!.trim();
    const before = await similarNames();
    for (let hop = 0; hop < 3; hop++) {
      const previous = await similarNames();
      const next = previous.find((n) => n !== first)!;
      await s.page.getByTestId('similar-artists').getByRole('link', { name: next, exact: true }).first().click();
      await expect.poll(async () => (await s.page.getByTestId('artist-name').textContent())?.trim()).toBe(next);
      // The new list arrives, and it is this artist's: never the artist itself.
      await expect.poll(async () => (await similarNames()).join('|'), { timeout: 30_000 }).not.toBe(previous.join('|'));
      await s.page.getByTestId('similar-artists').locator('li').first().waitFor();
      const now = await similarNames();
      expect(now).not.toContain(next);
      expect(now.length).toBeGreaterThan(3);
    }
    expect(before).not.toContain(first);
  });

  it('search says when no artist matches, and lists matches otherwise', async () => {
    const box = s.page.getByRole('combobox', { name: 'Search artists' });
    await box.fill('qxzqxzqxzqxz');
    await s.page.getByTestId('search-none').waitFor({ timeout: 30_000 });
    await box.fill('a');
    await s.page.locator('#artist-results [role=option]').first().waitFor();
    expect(await s.page.getByTestId('search-none').count()).toBe(0);
    await box.fill('');
  });

  it('adds genres as seeds by drag, button and keyboard, and each changes the list', async () => {
    // Start from one artist, so the list holds tracks of several genres to drag from.
    await s.page.goto(`${s.baseUrl}#/artist/0`);
    await s.page.getByRole('button', { name: /as a seed$/ }).first().click();
    await s.page.goto(`${s.baseUrl}#/`);
    await expect.poll(() => seedItems().count()).toBe(1);
    await s.page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 60_000 });
    const a = (await trackTitles()).join('|');

    // Drag: a recommended track's genre chip onto the seed list.
    const chip = s.page.getByTestId('genre-chip').first();
    const dragged = (await chip.textContent())!.trim();
    await chip.dragTo(s.page.getByTestId('seed-list'));
    await expect.poll(() => seedItems().count()).toBe(2);
    // Dropped on the list (onto a seed, it goes before that seed).
    expect((await seedItems().allTextContents()).join('|')).toMatch(new RegExp(`genre\\s*${dragged}`));
    await expect.poll(async () => (await trackTitles()).join('|'), { timeout: 30_000 }).not.toBe(a);
    const b = (await trackTitles()).join('|');

    // Button: pick another genre and press "+ seed".
    const picker = s.page.locator('#genre-seed-pick');
    const options = (await picker.locator('option').allTextContents()).slice(1).filter((g) => g !== dragged);
    await picker.selectOption(options[0]);
    await s.page.getByRole('button', { name: `Add genre ${options[0]} as a seed` }).click();
    await expect.poll(() => seedItems().count()).toBe(3);
    expect(await seedItems().nth(2).textContent()).toContain(options[0]);
    await expect.poll(async () => (await trackTitles()).join('|'), { timeout: 30_000 }).not.toBe(b);
    const c = (await trackTitles()).join('|');

    // Keyboard only: focus the picker, move to another genre with the arrows, Tab to the button, Enter.
    await picker.focus();
    for (let i = 0; i < 7; i++) await s.page.keyboard.press('ArrowDown');
    const third = await picker.inputValue();
    expect([dragged, options[0]]).not.toContain(third);
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => seedItems().count()).toBe(4);
    expect(await seedItems().nth(3).textContent()).toContain(third);
    await expect.poll(async () => (await trackTitles()).join('|'), { timeout: 30_000 }).not.toBe(c);
  });

  it('reaches the first recommended track from the Discover heading in at most 10 key presses', async () => {
    await s.page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 60_000 });
    await s.page.getByRole('heading', { level: 1, name: 'Discover' }).focus();
    let presses = 0;
    while (presses < 10 && !(await activeIn('[data-testid=rec-tracks] > li:first-child'))) {
      const onTracksLink = await s.page.evaluate(() => document.activeElement?.textContent === 'Tracks' && !!document.activeElement.closest('nav'));
      await s.page.keyboard.press(onTracksLink ? 'Enter' : 'Tab');
      presses++;
    }
    console.log(`[e2e] key presses from the Discover heading to the first recommended track: ${presses}`);
    expect(await activeIn('[data-testid=rec-tracks] > li:first-child')).toBe(true);
    expect(presses).toBeLessThanOrEqual(10);
    // Arrow keys move along the list; the next Tab leaves it.
    await s.page.keyboard.press('ArrowDown');
    expect(await activeIn('[data-testid=rec-tracks] > li:nth-child(2)')).toBe(true);
  });

  it('keeps focus after "+ seed" and after removing the last seed', async () => {
    await s.page.goto(`${s.baseUrl}#/artist/1`);
    await s.page.getByTestId('artist-name').waitFor();
    const name = (await s.page.getByTestId('artist-name').textContent())!.trim();
    await s.page.getByRole('button', { name: `Add ${name} as a seed` }).first().focus();
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('button', { name: `${name} is a seed` }).first().waitFor();
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`${name} is a seed`);

    await s.page.goto(`${s.baseUrl}#/`);
    await seedItems().first().waitFor();
    const count = await seedItems().count();
    await seedItems().first().focus();
    for (let n = count; n > 0; n--) {
      await s.page.keyboard.press('Delete');
      await expect.poll(() => seedItems().count()).toBe(n - 1);
      if (n > 1) await expect.poll(() => activeIn('[data-seed-item]')).toBe(true);
    }
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.id)).toBe('seeds-h');
  });

  it('opens every page at its top, and a skip link leads past the menu', async () => {
    await s.page.goto(`${s.baseUrl}#/artist/0`);
    await s.page.getByRole('button', { name: /as a seed$/ }).first().click();
    await s.page.goto(`${s.baseUrl}#/`);
    await s.page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 60_000 });
    await s.page.evaluate(() => scrollTo(0, 3000));
    expect(await s.page.evaluate(() => scrollY)).toBeGreaterThan(500);
    await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your data' }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
    await expect.poll(() => s.page.evaluate(() => scrollY)).toBe(0);

    await s.page.reload();
    await s.page.getByRole('heading', { level: 1 }).waitFor();
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await s.page.keyboard.press('Enter');
    expect(await s.page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('column mapping: the header row is never a data row, and Cancel leaves without importing', async () => {
    const csv = join(tmpdir(), 'nb-e2e-unknown-header.csv');
    writeFileSync(csv, 'colA,colB,colC\nRadiohead,Creep,2020-01-01T10:00:00Z\nAdele,Hello,2020-01-02T11:00:00Z\n');
    await s.page.goto(`${s.baseUrl}#/history`);
    await s.page.getByTestId('history-files').setInputFiles(csv);
    const mapping = s.page.getByTestId('column-mapping');
    await mapping.waitFor();
    await s.page.getByTestId('map-has-header').check();
    expect(await mapping.locator('thead th').allTextContents()).toEqual(['colA', 'colB', 'colC']);
    expect((await mapping.locator('tbody tr').allTextContents()).join('|')).not.toContain('colA');
    expect(await mapping.locator('tbody tr').count()).toBe(2);
    await s.page.getByTestId('map-cancel').click();
    await expect.poll(() => mapping.count()).toBe(0);
    expect(await s.page.getByTestId('import-report').count()).toBe(0);
  });

  it('says a URL returned a web page, and forgets that message once all data is deleted', async () => {
    await s.page.goto(`${s.baseUrl}#/catalog`);
    await s.page.locator('#catalog-url').fill(`${s.baseUrl}no-such-folder/dataset.csv`);
    await s.page.getByRole('button', { name: 'Download' }).click();
    await expect.poll(async () => s.page.getByTestId('catalog-error').textContent(), { timeout: 30_000 }).toMatch(/returned a web page, not a CSV file/);
    // The catalog that was there is still there.
    expect(await s.page.getByTestId('catalog-summary').count()).toBe(1);

    await s.page.goto(`${s.baseUrl}#/data`);
    await s.page.getByTestId('delete-all').click();
    await s.page.getByTestId('confirm-delete').click();
    await s.page.getByText(/All your data was deleted/).waitFor();
    await s.page.goto(`${s.baseUrl}#/`);
    await s.page.getByRole('heading', { level: 1, name: 'Welcome to Neural Beats' }).waitFor();
    expect(await s.page.getByTestId('catalog-error').count()).toBe(0);
    // Nothing is highlighted in the menu on the welcome page.
    expect(await s.page.locator('nav a[aria-current=page]').count()).toBe(0);
  });
});
