// Issue 15 part 1: the sonic path. Pick a start from the keyboard and an end
// with the mouse, get a path with reasons, change its length, swap and move a
// step (the head stays, the rest is planned again), export it, wander; no serious axe
// violation, and nothing wider than a phone's screen. NB_SCREENSHOT_DIR, when
// set, gets path-1280.png and path-390.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, type Session } from './browser.ts';
import { importCatalog } from './catalog-file.ts';

const AXE = join(process.cwd(), 'node_modules/axe-core/axe.min.js');
let s: Session;
let real = false;

beforeAll(async () => {
  if (!existsSync(AXE)) throw new Error(`axe-core is missing (${AXE}): run npm ci (it is a dev dependency).`);
  s = await openApp();
  // The app's CSP forbids inline scripts: axe comes in as an init script, on every load from now on.
  await s.context.addInitScript({ path: AXE });
  await s.page.reload();
  real = (await importCatalog(s.page, s.baseUrl)).real;
  await s.page.goto(`${s.baseUrl}#/path`);
});
afterAll(async () => s?.close());

const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const steps = () => s.page.getByTestId('path-steps').locator(':scope > li');
const titles = () => s.page.getByTestId('path-steps').locator(':scope > li strong').allTextContents();

async function search(label: string, query: string) {
  const box = s.page.getByRole('combobox', { name: label, exact: true });
  await box.fill(query);
  await s.page.locator(`[data-testid=artist-search][aria-label="${label}"][aria-busy=false]`).waitFor();
  await s.page.locator(`[aria-label="${label}"] [role=option]`).first().waitFor();
  return box;
}

async function seriousViolations(): Promise<string[]> {
  const violations = (await s.page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}; e.g. ${v.nodes[0]?.target.join(' ')}`);
}

describe('sonic path', () => {
  it('makes a path from a start picked with the keyboard to an end picked with the mouse', async () => {
    await s.page.getByRole('heading', { name: 'Sonic path' }).waitFor();
    expect(await s.page.getByRole('link', { name: 'Path' }).getAttribute('aria-current')).toBe('page');
    const start = await search('Start artist', real ? 'portishead' : 'a');
    await start.press('ArrowDown');
    await start.press('ArrowUp');
    await start.press('Enter');
    await s.page.getByTestId('path-start').locator('.chip').waitFor();
    const startName = (await s.page.getByTestId('path-start').locator('.chip').textContent())!.trim();
    await search('End artist', real ? 'massive attack' : 'e');
    // (On the generated catalog the first match could be the start itself.)
    await s.page.locator('[aria-label="End artist"] [role=option]').filter({ hasNotText: new RegExp(`^${esc(startName)}$`) }).first().click();
    await steps().nth(19).waitFor({ timeout: 60_000 });
    expect(await steps().count()).toBe(20);
    const endName = (await s.page.getByTestId('path-end').locator('.chip').textContent())!.trim();
    if (real) expect([startName, endName]).toEqual(['Portishead', 'Massive Attack']);
    // The first track is the start's, the last the end's; every step says why it is there.
    expect(await steps().first().textContent()).toContain(startName);
    expect(await steps().last().textContent()).toContain(endName);
    const reasons = await s.page.getByTestId('path-steps').locator('.reason').allTextContents();
    expect(reasons[0]).toMatch(/^start/);
    expect(reasons[19]).toMatch(/^end/);
    for (const r of reasons.slice(1, -1)) expect(r).toMatch(new RegExp(`^(near|between|nearing) .*(${esc(startName)}|${esc(endName)})`));
    expect(await seriousViolations()).toEqual([]);
  });

  it('changes length, and a swap or move keeps the head and plans the rest again', async () => {
    await s.page.getByTestId('path-length').fill('8');
    await expect.poll(() => steps().count(), { timeout: 60_000 }).toBe(8);
    const before = await titles();

    const swap = s.page.getByRole('button', { name: new RegExp(`^Swap step 3,`) });
    await swap.focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(async () => (await titles())[2], { timeout: 60_000 }).not.toBe(before[2]);
    const swapped = await titles();
    expect(swapped.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(swapped).toHaveLength(8);

    await s.page.getByRole('button', { name: 'Move step 4 up' }).click();
    await expect.poll(async () => (await titles())[2], { timeout: 60_000 }).toBe(swapped[3]);
    const moved = await titles();
    expect(moved.slice(0, 4)).toEqual([swapped[0], swapped[1], swapped[3], swapped[2]]);
    expect(moved.at(-1)).toBe(swapped.at(-1));
  });

  it('exports the path as JSPF', async () => {
    const [dl] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('path-export-jspf').click()]);
    const doc = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
    expect(doc.playlist.track.map((t: { title: string }) => t.title)).toEqual(await titles());
  });

  it('says what is wrong with a length out of range, and keeps the choices', async () => {
    await s.page.getByTestId('path-length').fill('60');
    await expect.poll(() => s.page.getByTestId('path-empty').textContent(), { timeout: 60_000 }).toContain('5 to 50');
    await s.page.getByTestId('path-length').fill('12');
    await expect.poll(() => steps().count(), { timeout: 60_000 }).toBe(12);
  });

  it('wanders with variance from the keyboard, keeping its start, end and length', async () => {
    const straight = await titles();
    const slider = s.page.getByTestId('path-variance');
    await slider.focus();
    await s.page.keyboard.press('End');
    await expect.poll(async () => (await titles()).join('|'), { timeout: 60_000 }).not.toBe(straight.join('|'));
    const wander = await titles();
    expect(wander).toHaveLength(12);
    expect([wander[0], wander[11]]).toEqual([straight[0], straight[11]]);
  });

  it('fits a phone screen, and looks right at 1280 px', async () => {
    const dir = process.env.NB_SCREENSHOT_DIR;
    if (dir) await s.page.screenshot({ path: join(dir, 'path-1280.png'), fullPage: true });
    await s.page.setViewportSize({ width: 390, height: 844 });
    await s.page.getByTestId('path-steps').waitFor();
    const o = await s.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: innerWidth }));
    expect(o.scroll).toBeLessThanOrEqual(o.width);
    expect(await seriousViolations()).toEqual([]);
    if (dir) await s.page.screenshot({ path: join(dir, 'path-390.png'), fullPage: true });
    await s.page.setViewportSize({ width: 1280, height: 900 });
  });
});
