import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Says once per run which external fixtures (../shared, jing, Chromium) are missing, or fails the run where they are required.
    globalSetup: ['tests/helpers/fixtures-setup.ts'],
    // Many tests compile a grammar or run SaxonJS: seconds on a quiet machine, beyond vitest's 5 s default on a busy 2-core one.
    testTimeout: 60_000,
  },
});
