// Cross-origin isolation, so tfjs-wasm runs its kernels on threads: the preview
// server sends COOP/COEP, and on a static host that sends neither the service
// worker adds them to what it serves (from the second load, once it controls).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { writeGeneratedCsv } from '../data/generate.ts';
import { openApp } from './browser.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** dist/ as a plain static host: files and their types, no other headers. */
let plain: Server;
let plainUrl: string;
beforeAll(async () => {
  plain = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join('dist', path.endsWith('/') ? `${path}index.html` : path));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? (path.endsWith('/') ? 'text/html' : 'application/octet-stream') });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const address = plain.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  plainUrl = `http://127.0.0.1:${address.port}/`;
});
afterAll(() => new Promise<void>((resolve) => plain.close(() => resolve())));

describe('cross-origin isolation', () => {
  it('holds on the preview server, and tfjs-wasm starts its threaded build', async () => {
    const s = await openApp();
    try {
      expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(true);
      // The Models page needs a catalog: a small generated one.
      const csv = join(tmpdir(), 'nb-e2e-isolation-2k.csv');
      writeGeneratedCsv(csv, { rows: 2000, seed: 3 });
      await s.page.goto(`${s.baseUrl}#/catalog`);
      await s.page.getByTestId('catalog-file').setInputFiles(csv);
      await s.page.getByTestId('catalog-summary').waitFor({ timeout: 120_000 });
      await s.page.goto(`${s.baseUrl}#/models`);
      await s.page.getByTestId('backend-name').waitFor({ timeout: 120_000 });
      await s.page.getByLabel('Backend override').selectOption('wasm');
      const threads = s.page.getByTestId('backend-threads');
      await threads.waitFor({ timeout: 60_000 });
      const cores = await s.page.evaluate(() => navigator.hardwareConcurrency);
      // The threaded build runs its threads as workers from blob: URLs; the single-threaded builds start none.
      const threadWorkers = s.page.workers().filter((w) => w.url().startsWith('blob:')).length;
      console.log(`[e2e] crossOriginIsolated: true; tfjs-wasm reports ${await threads.textContent()} kernel thread(s) on ${cores} cores; ${threadWorkers} thread workers started`);
      expect(threadWorkers).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });

  it('comes from the service worker on a static host that sends no headers', async () => {
    const s = await openApp({ baseUrl: plainUrl });
    const errors: string[] = [];
    s.page.on('pageerror', (e) => errors.push(e.message));
    try {
      // First load: the host's own headers, so not isolated; the worker installs.
      expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(false);
      await s.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await s.page.reload();
      await s.page.getByRole('navigation').first().waitFor();
      expect(await s.page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
      expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(true);
      // The app still starts under it, with no errors.
      await s.page.goto(`${plainUrl}#/catalog`);
      await s.page.getByTestId('catalog-file').waitFor({ state: 'attached' });
      expect(errors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
