import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Tone.js loads its AudioWorklet processors (BitCrusher, the comb filters of Freeverb) from a
 * `blob:` URL, which a strict Content-Security-Policy refuses. This writes the same code to a file
 * of the site — `virtual:tone-worklets` is its URL — and the engine points Tone there
 * (src/engine/effects/worklets.ts).
 */
function toneWorklets(): Plugin {
  const id = 'virtual:tone-worklets';
  const path = '/@tone-worklets.js';
  const code = async () => {
    await import('tone/build/esm/effect/BitCrusher.worklet.js');
    await import('tone/build/esm/component/filter/FeedbackCombFilter.worklet.js');
    await import('tone/build/esm/effect/ReverseDelay.worklet.js');
    const { getWorkletGlobalScope } = await import('tone/build/esm/core/worklet/WorkletGlobalScope.js');
    return getWorkletGlobalScope();
  };
  let serving = false;
  return {
    name: 'tone-worklets',
    configureServer(server) {
      serving = true;
      server.middlewares.use(path, async (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(await code());
      });
    },
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    async load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      if (serving) return `export default ${JSON.stringify(path)};`;
      const ref = this.emitFile({ type: 'asset', name: 'tone-worklets.js', source: await code() });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}

export default defineConfig({
  plugins: [toneWorklets()],
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
