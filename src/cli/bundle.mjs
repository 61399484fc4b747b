// Plain JavaScript: it runs before any TypeScript can be loaded.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder: this file is src/cli/bundle.mjs, and a bundle that includes it is told
 * the root it was built from (below), since it lives elsewhere.
 */
const ROOT = process.env.MUSE_BUNDLE_ROOT || fileURLToPath(new URL('../../', import.meta.url));

/**
 * Limits of the threads `muse train` counts and finishes in (bin.mjs, countFiles.ts): a young
 * generation of 12 MiB instead of V8's default of up to 48 (its semi-spaces 4 MiB, not 16), so
 * that the short-lived garbage of importing — each tune's events and notes — is collected as it
 * goes instead of piling up: on the Nottingham tunes the peak resident memory was 15–25 MiB lower
 * per thread for the same CPU time (6 MiB saved a little more but cost about a tenth more CPU).
 */
export const THREAD_LIMITS = { maxYoungGenerationSizeMb: 12 };

/**
 * The path of a plain-JavaScript bundle of one TypeScript entry of the project (`src/cli/main.ts`),
 * its own code bundled and npm packages left as imports, built with esbuild on first use and again
 * whenever one of its inputs changed (size or modification time), in node_modules/.cache. The CLI
 * and its worker threads then start without a TypeScript loader: a tenth of the start-up time and
 * half the memory of loading each file through tsx. Throws when esbuild cannot build it (the
 * caller falls back to tsx).
 *
 * A module the entry imports with `import()` is a chunk of its own (esbuild's code splitting),
 * loaded when that import runs, with the packages it imports: `muse train` loads the corpus JSON
 * reader and its zod schema only when it meets a JSON file (cli/trainingImport.ts). Chunks are
 * named by their content, in chunks/: a process still running an older bundle finds its chunks.
 */
export async function bundledEntry(entry) {
  const cache = join(ROOT, 'node_modules', '.cache', 'markov-muse');
  const key = createHash('sha256').update(`${ROOT}\0${entry}`).digest('hex').slice(0, 12);
  const name = `${basename(entry).replace(/\.ts$/, '')}-${key}`;
  const out = join(cache, `${name}.mjs`);
  const manifest = `${out}.inputs.json`;
  if (fresh(manifest)) return out;
  const { buildSync } = await import('esbuild');
  const result = buildSync(bundleOptions(entry, cache, name));
  mkdirSync(join(cache, 'chunks'), { recursive: true });
  // The chunks before the entry that imports them; each file written aside and renamed, so that
  // processes starting together never read half a file.
  const files = [...result.outputFiles].sort((a, b) => (a.path === out) - (b.path === out));
  for (const file of files) {
    if (file.path !== out && existsSync(file.path)) continue; // a chunk of the same content
    const temp = `${file.path}.${process.pid}.${Date.now()}`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  const inputs = Object.keys(result.metafile.inputs).map((path) => {
    const stat = statSync(join(ROOT, path));
    return [path, stat.size, stat.mtimeMs];
  });
  const chunks = files.map((f) => f.path).filter((path) => path !== out);
  writeFileSync(`${manifest}.${process.pid}`, JSON.stringify({ out, chunks, inputs }));
  renameSync(`${manifest}.${process.pid}`, manifest);
  return out;
}

/**
 * esbuild's options for the bundle of `entry` (a path from the project's root), its entry file
 * `outdir/name.mjs` and its chunks in `outdir/chunks` (tests/unit/train-bundle.test.ts builds with
 * them too, to see what `muse train` loads).
 */
export function bundleOptions(entry, outdir, name) {
  return {
    entryPoints: [join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    splitting: true,
    outdir,
    entryNames: name,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.MUSE_BUNDLE_ROOT': JSON.stringify(ROOT) },
  };
}

/** Whether the bundle of `manifest` and its chunks exist and none of its inputs changed since it was built. */
function fresh(manifest) {
  try {
    const { out, chunks, inputs } = JSON.parse(readFileSync(manifest, 'utf8'));
    statSync(out);
    for (const chunk of chunks) statSync(chunk);
    return inputs.every(([path, size, mtime]) => {
      const stat = statSync(join(ROOT, path));
      return stat.size === size && stat.mtimeMs === mtime;
    });
  } catch {
    return false;
  }
}
