// The app as a listener meets it: headless Chromium (Debian's, through
// playwright-core, as the e2e tests drive it) on the production build served
// by `vite preview`. One fresh profile: import the catalog, add one seed,
// then reload several times with the catalog stored and time (from the
// navigation) the search's first answer and Discover's first list; then train
// the genre classifier on a short fixed schedule and the community model on
// Last.fm 2K, and open the map of music and pan it over all its points (frame
// times from e2e/map-frames.ts). Main-thread long tasks come from a 'longtask' PerformanceObserver
// in the page (training's and the map's apart). Ends with the bytes of every built asset, raw and gzipped.
// `--no-build` reuses dist/ as it is; NB_BENCH_DIST serves another build
// folder instead (to compare two builds on one machine, turn by turn);
// `--warm-only` stops after the warm starts (no training, no map).
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { panFrameTimes } from '../../e2e/map-frames.ts';
import type { BenchSection } from '../context.ts';
import { round } from '../context.ts';
import { catalogCsv } from '../../e2e/catalog-file.ts';
import { hasLastfm, LASTFM_DIR, sayMissing } from '../../data/paths.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RELOADS = 5;
/** The genre classifier's schedule here (the shipped recipe's is longer). */
const GENRE_EPOCHS = 2;

// Runs in the page before its own scripts, on every navigation.
const PROBE = `
window.__nb = { lt: [], marks: {} };
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__nb.lt.push([e.startTime, e.duration]); })
  .observe({ type: 'longtask', buffered: true });
const mark = () => {
  const m = window.__nb.marks;
  const hit = document.querySelector('#artist-results [role=option]');
  if (!m.search && hit) { m.search = performance.now(); m.searchHit = hit.textContent.trim(); }
  if (!m.discover && document.querySelector('[data-testid=rec-tracks] li')) m.discover = performance.now();
};
new MutationObserver(mark).observe(document, { subtree: true, childList: true });
`;

type Probe = { lt: [number, number][]; marks: { search?: number; searchHit?: string; discover?: number } };
const probe = (page: Page): Promise<Probe> => page.evaluate(() => (window as unknown as { __nb: Probe }).__nb);
const now = (page: Page): Promise<number> => page.evaluate(() => performance.now());
/** The longest main-thread task that started at or after `since` (0 when none). */
async function longestTask(page: Page, since: number): Promise<number> {
  const { lt } = await probe(page);
  return Math.max(0, ...lt.filter(([start]) => start >= since).map(([, d]) => d));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function assetBytes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  let raw = 0;
  let gz = 0;
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css|wasm|html)$/.test(f)) {
        const bytes = readFileSync(p);
        const name = p.slice(dir.length + 1).replace(/-[\w-]{8}(\.\w+)$/, '$1'); // without the content hash
        const g = gzipSync(bytes).length;
        out[`bytes_${name}`] = bytes.length;
        out[`gzip_${name}`] = g;
        raw += bytes.length;
        gz += g;
      }
    }
  };
  walk(dir);
  return { bytes_total: raw, gzip_total: gz, ...out };
}

const section: BenchSection = {
  name: 'browser',
  async run() {
    const dist = process.env.NB_BENCH_DIST ?? join(process.cwd(), 'dist');
    if (!process.argv.includes('--no-build') && !process.env.NB_BENCH_DIST) await build({ logLevel: 'warn' });
    const server = await preview({ build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('preview server has no port');
    const base = `http://127.0.0.1:${address.port}/`;
    const csv = await catalogCsv();
    if (!csv.real) console.log('browser: NOTE the real catalog is missing; these figures are on a generated 114k-row catalog');
    const profile = mkdtempSync(join(tmpdir(), 'nb-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
      viewport: { width: 1280, height: 900 },
    });
    const result: Record<string, number | string> = { browser_catalog: csv.real ? 'real' : 'generated' };
    try {
      await context.addInitScript(PROBE);
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (e) => console.error('[page error]', e.message));

      // Import, then one seed.
      await page.goto(`${base}#/catalog`);
      await page.getByTestId('catalog-file').waitFor({ state: 'attached' });
      let t0 = await now(page);
      await page.getByTestId('catalog-file').setInputFiles(csv.path);
      await page.getByTestId('catalog-summary').waitFor({ timeout: 300_000 });
      result.browser_import_ms = round((await now(page)) - t0, 0);
      result.longtask_max_ms_import = round(await longestTask(page, t0), 0);

      const query = csv.real ? 'radiohead' : 'a';
      await page.goto(`${base}#/`);
      await page.getByRole('combobox', { name: 'Search artists' }).fill(query);
      const first = page.locator('#artist-results [role=option] a').first();
      await first.waitFor({ timeout: 120_000 });
      await first.dragTo(page.getByTestId('seed-list'));
      await page.locator('[data-seed-item]').first().waitFor();
      await page.getByTestId('rec-tracks').locator('li').first().waitFor({ timeout: 120_000 });

      // Warm starts: reload Discover with the catalog and the seed stored, type at once.
      const search: number[] = [];
      const discover: number[] = [];
      const reloadTasks: number[] = [];
      let hit = '';
      for (let i = 0; i < RELOADS; i++) {
        await page.reload({ waitUntil: 'commit' });
        await page.getByRole('combobox', { name: 'Search artists' }).fill(query);
        await page.waitForFunction(() => {
          const m = (window as unknown as { __nb: Probe }).__nb.marks;
          return m.search !== undefined && m.discover !== undefined;
        }, null, { timeout: 120_000 });
        await page.waitForTimeout(500); // long tasks right after the answers count too
        const p = await probe(page);
        search.push(p.marks.search!);
        discover.push(p.marks.discover!);
        hit = p.marks.searchHit!;
        reloadTasks.push(Math.max(0, ...p.lt.map(([, d]) => d)));
      }
      console.log(`browser: warm search "${query}" → "${hit}": ${search.map((x) => x.toFixed(0)).join(', ')} ms; Discover: ${discover.map((x) => x.toFixed(0)).join(', ')} ms`);
      result.warm_search_ms = round(median(search), 0);
      result.warm_discover_ms = round(median(discover), 0);
      result.longtask_max_ms_reload = round(Math.max(...reloadTasks), 0);
      if (process.argv.includes('--warm-only')) return { ...result, ...assetBytes(dist) };

      // Training, on the backend the app chose.
      await page.goto(`${base}#/models`);
      await page.getByTestId('backend-name').waitFor({ timeout: 120_000 });
      result.backend_browser = ((await page.getByTestId('backend-name').textContent()) ?? '').trim();
      t0 = await now(page);
      await page.getByTestId('train-genre-classifier-epochs').fill(String(GENRE_EPOCHS));
      let start = Date.now();
      await page.getByTestId('train-genre-classifier-start').click();
      await page.getByTestId('train-genre-classifier').getByText(/^Trained /).waitFor({ timeout: 600_000 });
      result.genre_train_ms_browser = Date.now() - start;
      result.genre_train_epochs_browser = GENRE_EPOCHS;
      if (hasLastfm()) {
        start = Date.now();
        const files = ['artists.dat', 'user_artists.dat', 'user_taggedartists.dat'].map((f) => join(LASTFM_DIR, f)).filter((f) => existsSync(f));
        await page.getByTestId('cf-files').setInputFiles(files);
        await page.getByTestId('train-collaborative').getByText(/^Trained /).waitFor({ timeout: 600_000 });
        result.cf_train_ms_browser = Date.now() - start;
      } else sayMissing('Last.fm 2K', LASTFM_DIR, 'cf_train_ms_browser is left out');
      result.longtask_max_ms_training = round(await longestTask(page, t0), 0);
      // The map: laid out in the models worker on first open, then panned over all its points.
      t0 = await now(page);
      start = Date.now();
      await page.goto(`${base}#/map`);
      await page.getByTestId('map-canvas').waitFor({ timeout: 600_000 });
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="map-canvas"]')?.getAttribute('data-frames')) > 0, null, { timeout: 60_000 });
      result.map_open_ms_browser = Date.now() - start;
      // tsx names the functions inside the probe with an `__name` helper the page lacks (a string is not transformed).
      await page.evaluate('globalThis.__name = (f) => f');
      const frames = await panFrameTimes(page);
      result.map_pan_frame_p95_ms = round(frames.drawP95, 1);
      result.map_pan_redraw_p95_ms = round(frames.redrawP95, 1);
      result.map_pan_interval_p95_ms = round(frames.intervalP95, 1);
      console.log(`browser: map opened in ${result.map_open_ms_browser} ms; panning ${frames.frames} frames on ${frames.renderer}: frame script p95 ${frames.drawP95.toFixed(1)} ms, redraw p95 ${frames.redrawP95.toFixed(1)} ms, frame interval p95 ${frames.intervalP95.toFixed(1)} ms`);
      result.longtask_max_ms_map = round(await longestTask(page, t0), 0);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
    console.log(`browser: genre classifier ${result.genre_train_ms_browser} ms for ${GENRE_EPOCHS} epochs on ${result.backend_browser}; community model ${result.cf_train_ms_browser ?? '-'} ms`);
    console.log(`browser: longest main-thread task: import ${result.longtask_max_ms_import} ms, reload ${result.longtask_max_ms_reload} ms, training ${result.longtask_max_ms_training} ms, map ${result.longtask_max_ms_map} ms (a frame is 16 ms)`);
    const assets = assetBytes(dist);
    console.log(`browser: built assets ${(Number(assets.bytes_total) / 1e6).toFixed(2)} MB raw, ${(Number(assets.gzip_total) / 1e6).toFixed(2)} MB gzip`);
    return { ...result, ...assets };
  },
};

export default section;
