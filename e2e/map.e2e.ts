// The map of music in headless Chromium: it lays out and draws every artist,
// pans and zooms from the keyboard, a click opens an artist, Shift+click and
// a drawn region add seeds, and the artists-in-view list works from the
// keyboard; no serious axe violations, no horizontal scroll at 390 px. Prints
// the frame time while panning over all points (no timed assertion).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';
import { panFrameTimes } from './map-frames.ts';
import { hasSpotify } from '../data/paths.ts';

const AXE = join(process.cwd(), 'node_modules/axe-core/axe.min.js');
let s: Session;
const map = () => s.page.getByTestId('map-canvas');
const data = async (name: string) => Number(await map().getAttribute(`data-${name}`));

beforeAll(async () => {
  s = await openApp();
  // axe comes in as an init script (the app's CSP forbids inline scripts), from the next load on.
  await s.context.addInitScript({ path: AXE });
  await s.page.reload();
  await importCatalog(s.page, s.baseUrl);
  const t0 = Date.now();
  await s.page.goto(`${s.baseUrl}#/map`);
  await map().waitFor({ timeout: 420_000 });
  console.log(`[e2e] map laid out and opened in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 600_000);
afterAll(async () => s?.close());

/** Non-transparent pixels the points canvas drew. */
const drawnPixels = () =>
  s.page.evaluate(() => {
    const src = document.querySelector<HTMLCanvasElement>('[data-testid="map-canvas"] canvas')!;
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
    return n;
  });

/** Moves the mouse over the map until the tooltip shows an artist; returns where. */
async function findDot(): Promise<{ x: number; y: number; name: string }> {
  const box = (await map().boundingBox())!;
  for (let r = 0; r < 12; r++) {
    for (let k = 0; k < 16; k++) {
      const x = box.x + box.width / 2 + Math.cos((k * Math.PI) / 8) * r * 20;
      const y = box.y + box.height / 2 + Math.sin((k * Math.PI) / 8) * r * 20;
      await s.page.mouse.move(x, y);
      const tip = map().locator('.tip');
      if (await tip.count()) return { x, y, name: (await tip.evaluate((el) => el.firstChild?.textContent ?? '')).trim() };
    }
  }
  throw new Error('no dot found under the mouse');
}

describe('map of music', () => {
  it('draws every artist, coloured, with a legend and the artists in view', async () => {
    await s.page.waitForFunction(() => Number(document.querySelector('[data-testid="map-canvas"]')?.getAttribute('data-frames')) > 0);
    expect(await drawnPixels()).toBeGreaterThan(2000);
    // The real catalog's genres fall in a dozen families; the generated one's invented genres mostly in "other".
    expect(await s.page.getByRole('list', { name: 'Genre families' }).locator('li').count()).toBeGreaterThan(hasSpotify() ? 3 : 1);
    await s.page.getByTestId('map-list').locator('li').first().waitFor();
    await s.page.screenshot({ path: '/tmp/map-1280.png' });
    console.log(`[e2e] map renderer: ${await map().getAttribute('data-renderer')}`);
  });

  it('pans and zooms from the keyboard', async () => {
    await map().focus();
    const z0 = await data('zoom');
    await s.page.keyboard.press('+');
    await s.page.keyboard.press('+');
    expect(await data('zoom')).toBeCloseTo(z0 * 2.25, 2);
    const x0 = await data('x0');
    await s.page.keyboard.press('ArrowRight');
    expect(await data('x0')).toBeGreaterThan(x0);
    const y0 = await data('y0');
    await s.page.keyboard.press('ArrowDown');
    expect(await data('y0')).toBeGreaterThan(y0);
    await s.page.keyboard.press('-');
    expect(await data('zoom')).toBeCloseTo(z0 * 1.5, 2);
    await s.page.keyboard.press('0');
    expect(await data('zoom')).toBeCloseTo(1, 3);
  });

  it('measures the frame time while panning over all points', async () => {
    const f = await panFrameTimes(s.page, 120);
    console.log(`[e2e] map pan frame time (${f.renderer}, ${f.frames} frames): frame's script p50 ${f.drawP50.toFixed(1)} ms, p95 ${f.drawP95.toFixed(1)} ms; the map's redraw p50 ${f.redrawP50.toFixed(1)} ms, p95 ${f.redrawP95.toFixed(1)} ms (points alone p95 ${f.pointsP95.toFixed(1)} ms); frame interval p95 ${f.intervalP95.toFixed(1)} ms`);
    expect(f.frames).toBe(120);
    await map().focus();
    await s.page.keyboard.press('0');
  });

  it('opens an artist on a click, and Shift+click adds one as a seed', async () => {
    const dot = await findDot();
    await s.page.keyboard.down('Shift');
    await s.page.mouse.click(dot.x, dot.y);
    await s.page.keyboard.up('Shift');
    await s.page.getByRole('status').filter({ hasText: `${dot.name} added to seeds.` }).first().waitFor();
    await s.page.mouse.click(dot.x, dot.y);
    await s.page.waitForURL(/#\/artist\/\d+$/);
    expect(await s.page.getByTestId('artist-name').textContent()).toBe(dot.name);
    await s.page.goBack();
    await map().waitFor();
  });

  it('adds a drawn region’s artists as seeds', async () => {
    const box = (await map().boundingBox())!;
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    await s.page.keyboard.down('Shift');
    await s.page.mouse.move(cx - 120, cy - 120);
    await s.page.mouse.down();
    for (const [dx, dy] of [[120, -120], [120, 120], [-120, 120], [-120, -120]]) await s.page.mouse.move(cx + dx, cy + dy, { steps: 4 });
    await s.page.mouse.up();
    await s.page.keyboard.up('Shift');
    const title = s.page.getByTestId('map-list').getByRole('heading');
    await expect.poll(() => title.textContent()).toMatch(/^Artists in the drawn region \((\d+)\)$/);
    expect(Number((await title.textContent())!.match(/\d+/)![0])).toBeGreaterThan(0);
    await s.page.getByTestId('map-add-region').click();
    await s.page.getByRole('status').filter({ hasText: /Added \d+ artists from the region as seeds|already seeds/ }).first().waitFor();
  });

  it('lists the artists in view as links that open them from the keyboard', async () => {
    await s.page.getByRole('button', { name: 'Back to the artists in view' }).click();
    const link = s.page.getByTestId('map-list').locator('li a').first();
    const name = await link.textContent();
    await link.focus();
    await s.page.keyboard.press('Enter');
    await s.page.waitForURL(/#\/artist\/\d+$/);
    expect(await s.page.getByTestId('artist-name').textContent()).toBe(name);
  });

  it('has no serious axe violations, and fits a 390 px screen', async () => {
    await s.page.goto(`${s.baseUrl}#/map`);
    await map().waitFor();
    const violations = (await s.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations;
    })).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    await s.page.setViewportSize({ width: 390, height: 844 });
    await s.page.waitForTimeout(300);
    await s.page.screenshot({ path: '/tmp/map-390.png' });
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  });
});
