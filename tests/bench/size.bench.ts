import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { Figure } from './measure';

/**
 * Gzipped size of the JavaScript the page loads before the first click (the entry script and the
 * modules it preloads; the engine, loaded on Play, and the import worker are not counted), beside
 * Tone.js's own bundle gzipped the same way.
 */
export async function benchSize(): Promise<Figure[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'muse-size-'));
  await build({ logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
  const initial = scripts.reduce((n, s) => n + gz(join(outDir, s)), 0);
  const tone = gz(join('node_modules', 'tone', 'build', 'Tone.js'));
  return [
    {
      name: `initial JavaScript (${scripts.length} file${scripts.length === 1 ? '' : 's'}), gzipped`,
      value: initial / 1024,
      unit: 'KiB',
      baseline: { name: 'Tone.js bundle gzipped', value: tone / 1024, ratio: initial / tone },
    },
  ];
}
