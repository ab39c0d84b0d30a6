import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Says once per run which external fixtures (../shared, jing, Chromium) are missing, or fails the run where they are required.
    globalSetup: ['tests/helpers/fixtures-setup.ts'],
  },
});
