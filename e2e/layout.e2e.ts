// Every page on a phone (390×844): nothing wider than the screen, and the menu,
// the search box and the page's main action on screen. On a laptop (1280×800)
// the "By sound" controls are fully visible, none cut off or under the results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => s?.close());

const PHONE = { width: 390, height: 844 };

async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = innerWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && getComputedStyle(el).position !== 'fixed')
      // An element inside a box that scrolls sideways by design (a wide table) is fine.
      .filter((el) => !el.closest('.table-wrap'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
  });
}

/** On screen horizontally, with some height, and not hidden. */
async function onScreen(l: Locator, width: number): Promise<boolean> {
  await l.waitFor({ state: 'visible', timeout: 60_000 });
  const box = await l.boundingBox();
  return !!box && box.width > 0 && box.height > 0 && box.x >= 0 && box.x + box.width <= width + 0.5;
}

async function checkPhonePage(hash: string, mainAction: (p: Page) => Locator, withSearch = true) {
  await s.page.goto(`${s.baseUrl}${hash}`);
  await mainAction(s.page).waitFor({ timeout: 60_000 });
  const o = await overflow(s.page);
  expect(o.scrollWidth, `${hash}: wider than the screen: ${o.wide.join(', ')}`).toBeLessThanOrEqual(o.innerWidth);
  const nav = s.page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  for (let i = 0; i < (await nav.count()); i++) expect(await onScreen(nav.nth(i), PHONE.width), `${hash}: menu item ${i}`).toBe(true);
  if (withSearch) expect(await onScreen(s.page.getByRole('combobox', { name: 'Search artists' }), PHONE.width), `${hash}: search`).toBe(true);
  expect(await onScreen(mainAction(s.page), PHONE.width), `${hash}: main action`).toBe(true);
}

describe('layout', () => {
  it('welcome page on a phone', async () => {
    await s.page.setViewportSize(PHONE);
    await checkPhonePage('#/', (p) => p.getByRole('button', { name: 'choose a file' }), false);
    expect(await onScreen(s.page.locator('#catalog-url'), PHONE.width)).toBe(true);
  });

  it('every page with a catalog on a phone', async () => {
    await s.page.setViewportSize({ width: 1280, height: 800 });
    await importCatalog(s.page, s.baseUrl);
    await s.page.goto(`${s.baseUrl}#/artist/0`);
    await s.page.getByRole('button', { name: /as a seed$/ }).first().click();
    await s.page.setViewportSize(PHONE);
    await checkPhonePage('#/', (p) => p.getByTestId('rec-tracks').locator('li').first());
    // A row's name gets the width of the row, not a sliver beside its buttons (one letter a line).
    for (const list of ['rec-artists', 'rec-tracks']) {
      const [row, name] = await s.page.getByTestId(list).locator('li').first().evaluate((li) => [li.getBoundingClientRect().width, li.querySelector('.what')!.getBoundingClientRect().width]);
      expect(name, `${list}: the name is ${Math.round(name)} of ${Math.round(row)} px`).toBeGreaterThan(row * 0.6);
    }
    // The By-sound table open too.
    await s.page.getByText('By sound: minimum, target and maximum').click();
    await s.page.getByTestId('steer-energy-max-on').check();
    const o = await overflow(s.page);
    expect(o.scrollWidth, `By sound open: ${o.wide.join(', ')}`).toBeLessThanOrEqual(o.innerWidth);
    await checkPhonePage('#/artist/0', (p) => p.getByTestId('artist-name'));
    await checkPhonePage('#/insights', (p) => p.getByTestId('trending'));
    await checkPhonePage('#/history', (p) => p.getByRole('button', { name: 'choose files' }));
    await checkPhonePage('#/models', (p) => p.getByTestId('train-artist-autoencoder-start'));
    await checkPhonePage('#/catalog', (p) => p.getByRole('button', { name: 'choose a file' }));
    await checkPhonePage('#/data', (p) => p.getByTestId('export-backup'));
  });

  it('the By-sound controls are fully visible at 1280×800', async () => {
    await s.page.setViewportSize({ width: 1280, height: 800 });
    await s.page.goto(`${s.baseUrl}#/`);
    await s.page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 60_000 });
    const details = s.page.locator('details', { has: s.page.getByText('By sound') });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await s.page.getByText('By sound: minimum, target and maximum').click();
    await s.page.getByTestId('steer-tempo-min-on').check();
    await s.page.getByTestId('steer-tempo-max-on').check();
    const side = await s.page.getByRole('region', { name: 'Steering' }).boundingBox();
    const results = await s.page.locator('.results-col').boundingBox();
    const controls = s.page.getByTestId('by-sound').locator('input');
    const n = await controls.count();
    expect(n).toBeGreaterThanOrEqual(14 * 3);
    for (let i = 0; i < n; i++) {
      const c = controls.nth(i);
      await c.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const box = (await c.boundingBox())!;
      const side2 = (await s.page.getByRole('region', { name: 'Steering' }).boundingBox())!;
      // Inside the steering card, left of the results column, and the topmost element at its centre.
      expect(box.x + box.width, `control ${i} sticks out of the card`).toBeLessThanOrEqual(side2.x + side2.width + 0.5);
      expect(box.x + box.width).toBeLessThanOrEqual(results!.x + 0.5);
      const hit = await c.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return top === el ? 'visible' : `${el.getAttribute('aria-label')} covered by ${top?.tagName.toLowerCase()}.${top?.className}`;
      });
      expect(hit, `control ${i}`).toBe('visible');
    }
    expect(side).not.toBeNull();
  });
});
