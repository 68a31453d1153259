// Genre-classifier training time in headless Chromium on the built app, on
// tfjs-wasm, with and without cross-origin isolation (threads). Prints the
// figures; it asserts nothing (timings belong in reports, not tests).
//   npx vite build && node --import tsx scripts/genre-browser.ts [--epochs N] [--plain]
// --plain serves dist/ with no COOP/COEP and a fresh profile, so the page is
// not isolated (the service worker has not taken over yet): the threadless baseline.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { catalogCsv } from '../e2e/catalog-file.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const plain = process.argv.includes('--plain');
const epochs = arg('epochs');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };

async function serve(): Promise<{ url: string; close: () => void }> {
  if (!plain) {
    const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
    const a = server.httpServer.address() as { port: number };
    return { url: `http://127.0.0.1:${a.port}/`, close: () => server.httpServer.close() };
  }
  const server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join('dist', path.endsWith('/') ? `${path}index.html` : path));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'text/html' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() };
}

/** CPU seconds (user + system) of Chromium's processes for this profile (Linux /proc): the training's cost, which
 *  other load on the machine stretches in wall time but barely changes. */
function browserCpuS(profile: string): number {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const stat = (pid: string) => {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return { ppid: f[1], cpu: (Number(f[11]) + Number(f[12])) / 100 };
    } catch {
      return null;
    }
  };
  const roots = new Set(procs.filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(profile);
    } catch {
      return false;
    }
  }));
  const all = new Map(procs.map((p) => [p, stat(p)] as const));
  const inTree = (p: string): boolean => roots.has(p) || (all.get(p)?.ppid !== undefined && all.get(p)!.ppid !== '1' && all.get(p)!.ppid !== '0' && inTree(all.get(p)!.ppid));
  return [...all].filter(([p, s]) => s && inTree(p)).reduce((sum, [, s]) => sum + s!.cpu, 0);
}

const { url, close } = await serve();
const profile = mkdtempSync(join(tmpdir(), 'nb-genre-browser-'));
// The service worker would take over on the next load and isolate the page: keep the baseline on its first load.
const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'], serviceWorkers: plain ? 'block' : 'allow' });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const csv = await catalogCsv();
  await page.goto(`${url}#/catalog`);
  await page.getByTestId('catalog-file').setInputFiles(csv.path);
  await page.getByTestId('catalog-summary').waitFor({ timeout: 300_000 });
  await page.goto(`${url}#/models`);
  await page.getByTestId('backend-name').waitFor({ timeout: 300_000 });
  await page.getByLabel('Backend override').selectOption('wasm');
  await page.getByTestId('backend-threads').waitFor({ timeout: 120_000 });
  const threads = await page.getByTestId('backend-threads').textContent();
  const isolated = await page.evaluate(() => crossOriginIsolated);
  if (epochs) await page.getByTestId('train-genre-classifier-epochs').fill(epochs);
  const t0 = Date.now();
  const cpu0 = browserCpuS(profile);
  await page.getByTestId('train-genre-classifier-start').click();
  await page.getByTestId('train-genre-classifier').getByText(/^Trained /).waitFor({ timeout: 1_800_000 });
  const ms = Date.now() - t0;
  const cpuS = Math.round((browserCpuS(profile) - cpu0) * 10) / 10;
  const accuracy = (await page.getByTestId('genre-accuracy').textContent())?.replace(/\s+/g, ' ').trim();
  console.log(JSON.stringify({ genre_train_ms_browser: ms, genre_train_cpu_s_browser: cpuS, epochs: epochs ?? 'recipe', crossOriginIsolated: isolated, wasm_threads: Number(threads), catalog: csv.real ? 'real' : 'generated', accuracy }));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  close();
}
