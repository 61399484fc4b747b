import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { Figure } from './measure';

/** The scripts a built page loads before the first click (entry and preloads), gzipped (-9), in bytes. */
async function initialScripts(root: string | undefined): Promise<{ files: number; bytes: number }> {
  const outDir = mkdtempSync(join(tmpdir(), 'muse-size-'));
  await build({
    root,
    configFile: root ? false : undefined,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false, target: 'es2022' },
  });
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = scripts.reduce((n, s) => n + gzipSync(readFileSync(join(outDir, s)), { level: 9 }).length, 0);
  return { files: scripts.length, bytes };
}

/**
 * Gzipped size of the JavaScript the page loads before the first click (the engine, loaded on Play,
 * and the workers are not counted), against a minimal Tone.js page (one synth and a button,
 * tests/bench/minimal-tone) built the same way.
 */
export async function benchSize(): Promise<Figure[]> {
  const app = await initialScripts(undefined);
  const minimal = await initialScripts(fileURLToPath(new URL('./minimal-tone', import.meta.url)));
  return [
    {
      name: `initial JavaScript of the app (${app.files} file${app.files === 1 ? '' : 's'}), gzipped`,
      value: app.bytes / 1024,
      unit: 'KiB',
      baseline: {
        name: 'a minimal Tone.js page (one synth, one button) built the same way',
        value: minimal.bytes / 1024,
        ratio: app.bytes / minimal.bytes,
      },
    },
  ];
}
