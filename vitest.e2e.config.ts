import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (dist/, served by `vite preview`) in
// Debian's headless Chromium, driven by playwright-core, with real IndexedDB.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/server.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
