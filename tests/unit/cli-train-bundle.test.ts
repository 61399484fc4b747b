import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../src/cli/bundle.mjs';

/**
 * Issue 17: `muse train` runs from esbuild bundles (bundle.mjs) of src/cli/trainThread.ts and, with
 * --workers N, src/cli/countWorker.ts. Training on MIDI files never validates JSON, so these
 * bundles must not load zod (0.1 s and some 13 MiB a thread): the corpus JSON reader is a chunk
 * loaded on demand (cli/trainingImport.ts), and the model is written without the reader's schemas
 * (model/modelFileWriter.ts). Checked on the bundles' metafiles: the packages the entry file and
 * the chunks it imports statically load before anything runs.
 */
const ROOT = join(import.meta.dirname, '../..');

/** The packages an output loads when it is loaded, and those only its `import()`s load. */
function packagesOf(meta: Metafile, entry: string): { start: Set<string>; lazy: Set<string> } {
  const start = new Set<string>();
  const lazy = new Set<string>();
  const walk = (output: string, into: Set<string>, seen: Set<string>) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const i of meta.outputs[output].imports) {
      const target = i.kind === 'dynamic-import' ? lazy : into;
      if (i.external) target.add(i.path);
      else walk(i.path, target, seen);
    }
  };
  walk(entry, start, new Set());
  return { start, lazy };
}

/** Builds the bundle of `entry` as bundle.mjs does (nothing written), with `plugins` planting faults. */
async function packagesOfBundle(entry: string, plugins: Plugin[] = []) {
  const result = await build({ ...bundleOptions(entry, join(ROOT, 'out-test'), 'entry'), plugins });
  const meta = result.metafile as Metafile;
  return packagesOf(meta, 'out-test/entry.mjs');
}

/** A plugin that appends `code` to the source file `path` (from the root). */
const appending = (path: string, code: string): Plugin => ({
  name: 'plant',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) =>
      args.path === join(ROOT, path)
        ? { contents: `${readFileSync(args.path, 'utf8')}\n${code}\n`, loader: 'ts' }
        : undefined,
    );
  },
});

describe('the bundles muse train runs from load no zod', () => {
  it.each(['src/cli/trainThread.ts', 'src/cli/countWorker.ts'])(
    '%s: zod only in a chunk loaded on demand',
    async (entry) => {
      const { start, lazy } = await packagesOfBundle(entry);
      expect(start.has('zod')).toBe(false);
      // What makes the chords' labels is still there (the walk sees packages at all)…
      expect(start.has('tonal')).toBe(true);
      // …and zod is where a JSON corpus file loads it (the walk sees dynamic chunks).
      expect(lazy.has('zod')).toBe(true);
    },
    30_000,
  );

  it('sees zod when training code imports it (planted faults)', async () => {
    const direct = await packagesOfBundle('src/cli/trainThread.ts', [
      appending('src/cli/train.ts', "import { z } from 'zod';\nexport const planted = z.string();"),
    ]);
    expect(direct.start.has('zod')).toBe(true);
    // The corpus folder's index (it offers the JSON format, with its schema) instead of its parts.
    const index = await packagesOfBundle('src/cli/countWorker.ts', [
      appending('src/cli/trainingImport.ts', "export { parseCorpus as planted } from '../corpus';"),
    ]);
    expect(index.start.has('zod')).toBe(true);
  }, 30_000);
});
