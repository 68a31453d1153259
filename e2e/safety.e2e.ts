// Issue: keep the user's data safe. One browser session: (a) a full session
// makes only same-origin requests; (c) two tabs see each other's changes;
// (d) offline after one visit: reload, recommend, give feedback; (b) backup,
// delete everything (checked by reading IndexedDB), import the backup back;
// (e) a catalog write over a small quota fails with a message, nothing lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openApp, type Session } from './browser.ts';
import { catalogCsv, importCatalog } from './catalog-file.ts';

let s: Session;
let real = false;

beforeAll(async () => {
  s = await openApp();
  real = (await importCatalog(s.page, s.baseUrl)).real;
});
afterAll(async () => s?.close());

/** Records per object store, read with the raw IndexedDB API (not the app's code). */
function readIndexedDb(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('neural-beats');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, number> = {};
          for (const n of names) {
            const req = tx.objectStore(n).count();
            req.onsuccess = () => (out[n] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

const seedItems = (page: Page) => page.locator('[data-seed-item]');

/** Searches, opens the first artist, and adds them with the "+ seed" button. */
async function seedFirstArtist(page: Page, query: string): Promise<string> {
  const box = page.getByRole('combobox', { name: 'Search artists' });
  await box.fill(query);
  await page.locator('[data-testid=artist-search][aria-busy=false]').waitFor();
  await page.locator('#artist-results [role=option] a').first().click();
  const name = (await page.getByTestId('artist-name').textContent())!.trim();
  await page.getByRole('button', { name: `Add ${name} as a seed` }).first().click();
  await page.getByRole('button', { name: `${name} is a seed` }).first().waitFor();
  return name;
}

let seeded = '';
let backupPath = '';

describe('keeping the user’s data safe', () => {
  it('(a) a whole session requests nothing but its own origin', async () => {
    const { page, baseUrl } = s;
    seeded = await seedFirstArtist(page, real ? 'radiohead' : 'a');
    await page.goto(`${baseUrl}#/`);
    await page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 60_000 });
    await page.goto(`${baseUrl}#/insights`);
    await page.getByTestId('trending').waitFor({ timeout: 60_000 });
    await page.goto(`${baseUrl}#/data`);
    await page.getByTestId('storage-usage').getByText(/Using .* of .* available/).waitFor();

    const origin = new URL(baseUrl).origin;
    expect(s.requests.length).toBeGreaterThan(5);
    const foreign = s.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
  });

  it('(c) a second tab sees the first tab’s changes, and neither corrupts the database', async () => {
    const second = await s.context.newPage();
    try {
      await second.goto(`${s.baseUrl}#/`);
      await expect.poll(() => seedItems(second).count()).toBe(1);
      // Add a seed in the first tab: the second sees it live, and after a reload.
      const name = await seedFirstArtist(s.page, real ? 'beyonce' : 'e');
      await expect.poll(async () => (await seedItems(second).allTextContents()).join('|')).toContain(name);
      await second.reload();
      await expect.poll(async () => (await seedItems(second).allTextContents()).join('|')).toContain(name);
      // And back: the second tab removes it; the first tab's list follows
      // (live), so its next write does not bring the removed seed back.
      await second.getByRole('button', { name: `Remove ${name}` }).first().click();
      await expect.poll(() => seedItems(second).count()).toBe(1);
      await s.page.goto(`${s.baseUrl}#/`);
      await expect.poll(() => seedItems(s.page).count()).toBe(1);
      await seedItems(s.page).first().focus();
      await s.page.keyboard.press('Alt+ArrowDown'); // a write from the first tab (a no-op move)
      await s.page.reload();
      await expect.poll(() => seedItems(s.page).count()).toBe(1);
      expect((await readIndexedDb(s.page)).seeds).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('(d) works offline after one visit: reload, recommend, give feedback', async () => {
    const { page, baseUrl, context } = s;
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    try {
      await page.goto(`${baseUrl}#/`);
      await page.reload();
      const tracks = page.getByTestId('rec-tracks').locator('li');
      await tracks.first().waitFor({ timeout: 60_000 });
      const title = (await tracks.first().locator('strong').textContent())!.trim();
      // "Don't recommend" on the first recommended track: it leaves the list.
      await tracks.first().getByTestId('fb-more').selectOption('never0');
      await expect
        .poll(async () => (await page.getByTestId('rec-tracks').locator('li strong').allTextContents()).includes(title), { timeout: 30_000 })
        .toBe(false);
      expect((await readIndexedDb(page)).feedback).toBe(1);
    } finally {
      await context.setOffline(false);
    }
  });

  it('(b) backs up, deletes everything for real, and restores the backup', async () => {
    const { page, baseUrl } = s;
    await page.goto(`${baseUrl}#/data`);
    const before = await readIndexedDb(page);
    expect(before.seeds).toBe(1);
    expect(before.catalog).toBe(1);

    // Export (a file download).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-backup').click()]);
    expect(download.suggestedFilename()).toMatch(/^neural-beats-backup-\d{4}-\d\d-\d\d\.json$/);
    backupPath = (await download.path())!;
    const doc = JSON.parse(readFileSync(backupPath, 'utf8'));
    expect(doc.format).toBe('neural-beats-backup');
    expect(doc.tables.seeds.map((x: { label: string }) => x.label)).toEqual([seeded]);
    expect(doc.tables.feedback).toHaveLength(1);
    expect(doc.tables.models).toBeUndefined(); // models only when asked
    await expect.poll(async () => (await page.getByTestId('data-message').textContent()) ?? '').toMatch(/Backup saved as/);

    // Delete all, with the keyboard: the confirmation takes focus.
    await page.getByTestId('delete-all').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm-delete');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('data-message').textContent()) ?? '').toMatch(/All your data was deleted/);
    const after = await readIndexedDb(page);
    expect(Object.keys(after).sort()).toEqual(['catalog', 'derived', 'feedback', 'imports', 'models', 'playChunks', 'plays', 'seeds', 'settings']);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    // Still empty after a reload (nothing was kept in memory and written back).
    await page.reload();
    await page.getByTestId('storage-usage').waitFor();
    expect(Object.values(await readIndexedDb(page)).every((n) => n === 0)).toBe(true);

    // A wrong file is refused and changes nothing.
    await page.getByTestId('backup-file').setInputFiles({ name: 'playlist.json', mimeType: 'application/json', buffer: Buffer.from('{"playlist":{"track":[]}}') });
    await expect.poll(async () => (await page.getByTestId('data-message').textContent()) ?? '').toMatch(/playlist\.json: This is not a Neural Beats backup.*Nothing was changed/);

    // Import the backup: confirm, and the seed and feedback are back.
    await page.getByTestId('backup-file').setInputFiles(backupPath);
    await page.getByTestId('import-confirm').waitFor();
    expect(await page.getByTestId('import-confirm').textContent()).toMatch(/seeds with the backup's 1/);
    await page.getByTestId('confirm-import').click();
    await expect.poll(async () => (await page.getByTestId('data-message').textContent()) ?? '').toMatch(/Backup imported/);
    const restored = await readIndexedDb(page);
    expect(restored.seeds).toBe(1);
    expect(restored.feedback).toBe(1);
    expect(restored.catalog).toBe(0); // the catalog is loaded again from the dataset
    // The page recounts the tables once the import's writes are done.
    await expect.poll(() => page.locator('[data-table=seeds]').textContent()).toBe('1');
  });

  it('(e) a write that runs out of quota says so and damages nothing stored', async () => {
    // Its own fresh profile: Chromium enforces an overridden quota reliably
    // only before the origin's IndexedDB has grown (it caches usage), so the
    // small quota is set at once. The user's data comes from (b)'s backup.
    const q = await openApp();
    try {
      const origin = new URL(q.baseUrl).origin;
      const cdp = await q.context.newCDPSession(q.page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 3 * 2 ** 20 });
      await q.page.goto(`${q.baseUrl}#/data`);
      await q.page.getByTestId('backup-file').setInputFiles(backupPath);
      await q.page.getByTestId('confirm-import').click();
      await expect.poll(async () => (await q.page.getByTestId('data-message').textContent()) ?? '').toMatch(/Backup imported/);
      const stored = await readIndexedDb(q.page);
      expect(stored).toMatchObject({ seeds: 1, feedback: 1, catalog: 0 });

      // A catalog (about 15 MB stored) does not fit in 3 MB.
      await q.page.goto(`${q.baseUrl}#/catalog`);
      await q.page.getByTestId('catalog-file').setInputFiles((await catalogCsv()).path);
      await q.page.locator('[data-testid=catalog-error], [data-testid=catalog-summary]').first().waitFor({ timeout: 120_000 });
      expect(await q.page.getByTestId('catalog-error').textContent()).toMatch(/no room left.*storage quota reached.*previous catalog is unchanged/);
      expect(await readIndexedDb(q.page)).toEqual(stored);

      // With room again, the same import works and the user's data is still there.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await q.page.reload();
      await importCatalog(q.page, q.baseUrl);
      expect(await readIndexedDb(q.page)).toMatchObject({ catalog: 1, seeds: 1, feedback: 1 });
      await q.page.goto(`${q.baseUrl}#/`);
      await expect.poll(async () => (await seedItems(q.page).allTextContents()).join('|')).toContain(seeded);
    } finally {
      await q.close();
    }
  });
});
