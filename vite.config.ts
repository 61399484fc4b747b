import { defineConfig } from 'vitest/config';

export default defineConfig({
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { outDir: 'dist', target: 'es2022', sourcemap: true },
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/ once for all browser tests (they run in parallel and only serve it).
    globalSetup: ['tests/helpers/buildOnce.ts'],
    // Loads the built-in corpora in each test file (the page loads them on demand; Node code awaits them).
    setupFiles: ['tests/helpers/loadCorpora.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
