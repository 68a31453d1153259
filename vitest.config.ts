import { defineConfig } from 'vitest/config';

// Unit tests: the pure core in Node. End-to-end tests have their own config.
export default defineConfig({
  test: {
    include: ['{src,data,eval,test,scripts,bin}/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
