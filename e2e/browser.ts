// Debian's Chromium, headless, driven by playwright-core. Never a downloaded
// browser: CHROMIUM_PATH or /usr/bin/chromium.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Session {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Every request the page made, for the privacy checks. */
  requests: string[];
  close(): Promise<void>;
}

/** A fresh profile (so a fresh IndexedDB) unless `profile` reuses one; the preview server unless `baseUrl` names another. */
export async function openApp(opts: { webgpu?: boolean; profile?: string; baseUrl?: string } = {}): Promise<Session> {
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'nb-e2e-'));
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-dev-shm-usage',
  ];
  if (opts.webgpu) args.push('--enable-unsafe-webgpu');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  const baseUrl = opts.baseUrl ?? inject('baseUrl');
  await page.goto(baseUrl);
  return {
    context,
    page,
    baseUrl,
    requests,
    async close() {
      await context.close();
      if (!opts.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
