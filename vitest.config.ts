import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Unit tests: the pure core in Node. End-to-end tests have their own config.
export default defineConfig({
  // Compiles runes in *.svelte.ts, so state classes can be tested in Node.
  plugins: [svelte()],
  test: {
    include: ['{src,data,eval,test,scripts,bin}/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
