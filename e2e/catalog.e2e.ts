// Issue: the app stands up. Load the catalog through the file input, check the
// summary, reload (restored from IndexedDB, no re-parse), survive a broken
// file, and come back offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type Session } from './browser.ts';
import { catalogCsv } from './catalog-file.ts';

let s: Session;
let csv: { path: string; real: boolean };

const text = async (testId: string) => (await s.page.getByTestId(testId).textContent())?.trim();

beforeAll(async () => {
  csv = await catalogCsv();
  s = await openApp();
  await s.page.goto(`${s.baseUrl}#/catalog`);
});
afterAll(async () => s?.close());

describe('catalog in the browser', () => {
  it('imports the CSV through the file input and shows the summary', async () => {
    await s.page.getByTestId('catalog-file').setInputFiles(csv.path);
    await s.page.getByTestId('catalog-summary').waitFor({ timeout: 120_000 });
    expect(await text('rows-read')).toBe('114,000');
    expect(await s.page.getByTestId('catalog-origin').getAttribute('data-how')).toBe('imported');
    if (csv.real) {
      // Figures of the real file (see SOURCE.md and ingest.test.ts).
      expect(await text('tracks')).toBe(REAL.tracks);
      expect(await text('artists')).toBe(REAL.artists);
      expect(await text('genres')).toBe('114');
      expect(await text('rejected')).toBe('1');
    }
  });

  it('finds artists as the user types, forgiving case, accents and typos', async () => {
    const box = s.page.getByRole('combobox', { name: 'Search artists' });
    const cases = csv.real ? [['beyonce', 'Beyoncé'], ['sam smith', 'Sam Smith'], ['bad buny', 'Bad Bunny']] : [];
    for (const [query, name] of cases) {
      await box.fill(query);
      await s.page.locator('[data-testid=artist-search][aria-busy=false]').waitFor();
      await expect.poll(() => s.page.locator('#artist-results [role=option]').first().textContent()).toBe(name);
    }
    await box.fill('');
  });

  it('draws the insights charts and the trending list', async () => {
    await s.page.goto(`${s.baseUrl}#/insights`);
    await s.page.getByTestId('trending').locator('tbody tr').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => s.page.locator('canvas').count()).toBe(4);
    expect(await s.page.getByTestId('trending').locator('tbody tr').count()).toBe(20);
    if (csv.real) expect(await s.page.getByTestId('trending').locator('tbody tr').first().textContent()).toContain('Unholy');
    const genre = s.page.getByRole('combobox', { name: 'Genre' });
    await genre.selectOption(csv.real ? 'k-pop' : (await genre.locator('option').allTextContents())[1]);
    await expect.poll(() => s.page.getByTestId('trending').locator('tbody tr').first().textContent()).not.toContain('Unholy');
  });

  it('cancels an import and keeps the catalog', async () => {
    await s.page.goto(`${s.baseUrl}#/catalog`);
    const before = await text('tracks');
    await s.page.getByTestId('catalog-file').setInputFiles(csv.path);
    await s.page.getByRole('button', { name: 'Cancel' }).click();
    expect(await s.page.getByTestId('catalog-error').textContent()).toMatch(/cancelled.*unchanged/i);
    expect(await text('tracks')).toBe(before);
  });

  it('downloads a catalog from a URL with a progress bar', async () => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': statSync(csv.path).size, 'access-control-allow-origin': '*' });
      createReadStream(csv.path).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dataset.csv`;
      await s.page.getByLabel('or download it from').fill(url);
      await s.page.getByRole('button', { name: 'Download' }).click();
      await s.page.getByRole('progressbar').waitFor();
      await expect.poll(async () => s.page.getByTestId('catalog-origin').textContent(), { timeout: 120_000 }).toContain(url);
      expect(await text('rows-read')).toBe('114,000');
    } finally {
      server.close();
    }
  });

  it('comes back from IndexedDB on reload without parsing again', async () => {
    // When the stored catalog was written, read with the raw IndexedDB API (not the app's code).
    const savedAt = () =>
      s.page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('neural-beats');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const req = open.result.transaction('catalog', 'readonly').objectStore('catalog').get('current');
              req.onsuccess = () => {
                open.result.close();
                resolve(req.result.savedAt);
              };
              req.onerror = () => reject(req.error);
            };
          }),
      );
    const before = await text('tracks');
    const written = await savedAt();
    await s.page.goto(`${s.baseUrl}#/catalog`);
    await s.page.reload();
    await s.page.getByTestId('catalog-summary').waitFor();
    expect(await s.page.getByTestId('catalog-origin').getAttribute('data-how')).toBe('restored');
    expect(await text('tracks')).toBe(before);
    // Read back, not imported again: the stored record is the one written at import.
    expect(await savedAt()).toBe(written);
  });

  it('rejects a broken file with a clear message and keeps the catalog', async () => {
    const before = await text('tracks');
    const broken = join(tmpdir(), 'nb-e2e-semicolons.csv');
    writeFileSync(broken, 'track_id;artists;track_name\n1;a;b\n');
    await s.page.getByTestId('catalog-file').setInputFiles(broken);
    const error = s.page.getByTestId('catalog-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/semicolon/i);
    expect(await text('tracks')).toBe(before);
    await s.page.reload();
    await s.page.getByTestId('catalog-summary').waitFor();
    expect(await text('tracks')).toBe(before);
  });

  it('loads offline after one online visit', async () => {
    await s.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await s.page.reload();
    await s.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await s.context.setOffline(true);
    try {
      await s.page.reload();
      await s.page.getByTestId('catalog-summary').waitFor();
      expect(await s.page.getByTestId('catalog-origin').getAttribute('data-how')).toBe('restored');
    } finally {
      await s.context.setOffline(false);
    }
  });

  it('a second tab follows a catalog loaded in the first', async () => {
    const second = await s.context.newPage();
    try {
      await second.goto(`${s.baseUrl}#/catalog`);
      await second.getByTestId('catalog-summary').waitFor();
      expect(await second.getByTestId('rows-read').textContent()).toContain('114,000');
      // The catalog's first 2,000 rows, loaded in the first tab.
      const small = join(tmpdir(), 'nb-e2e-first-2000.csv');
      writeFileSync(small, readFileSync(csv.path, 'utf8').split('\n').slice(0, 2001).join('\n') + '\n');
      await s.page.getByTestId('catalog-file').setInputFiles(small);
      await expect.poll(() => text('rows-read'), { timeout: 60_000 }).toBe('2,000');
      await expect.poll(async () => (await second.getByTestId('rows-read').textContent())?.trim(), { timeout: 30_000 }).toBe('2,000');
    } finally {
      await second.close();
    }
  });
});

const REAL = { tracks: '89,740', artists: '29,858' };
