// A track as the only seed: the reasons name it as a track (with its artist),
// and neither it nor another version of it is recommended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';

let s: Session;
let real = false;

beforeAll(async () => {
  s = await openApp();
  real = (await importCatalog(s.page, s.baseUrl)).real;
});
afterAll(async () => s?.close());

describe('a track seed', () => {
  it('is named as a track in the reasons and never comes back as a recommendation', async () => {
    await s.page.goto(`${s.baseUrl}#/`);
    const box = s.page.getByRole('combobox', { name: 'Search artists' });
    await box.fill(real ? 'daft punk' : 'a');
    await s.page.locator('[data-testid=artist-search][aria-busy=false]').waitFor();
    await s.page.locator('#artist-results [role=option] a').first().click();
    await s.page.getByTestId('artist-name').waitFor();
    const top = s.page.locator('section', { has: s.page.getByRole('heading', { name: 'Top tracks' }) }).locator('li').first();
    const add = top.getByRole('button', { name: /^Add .+ as a seed$/ });
    const title = (/^Add (.+) as a seed$/.exec((await add.getAttribute('aria-label')) ?? '') ?? [])[1];
    expect(title).toBeTruthy();
    await add.click();
    await s.page.goto(`${s.baseUrl}#/`);
    const tracks = s.page.getByTestId('rec-tracks');
    await tracks.locator('li').first().waitFor({ timeout: 60_000 });
    const reasons = await tracks.locator('.reason').allTextContents();
    expect(reasons.some((r) => r.includes(`“${title}” by `))).toBe(true);
    expect(reasons.some((r) => r.includes('artists like “'))).toBe(false);
    const titles = await tracks.locator('li strong').allTextContents();
    expect(titles).not.toContain(title);
    if (real) expect(titles.some((t) => t.toLowerCase().startsWith(`${title.toLowerCase()} -`))).toBe(false);
  });
});
