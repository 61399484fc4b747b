import { base64ToBytes, err, ok, type Result } from '../core';
import { type Corpus, parseCorpus } from '../corpus';
import type { PrebuiltModel } from './prebuiltModels';

/**
 * The built-in corpora (presets/corpora/*.json), loaded on demand. Each is a dynamic `import()`, so
 * the bundler puts each corpus in a chunk of its own and the page fetches only the corpora of the
 * presets it composes with (they are most of the page's JavaScript otherwise). Node code (the CLI,
 * tests, benchmarks) awaits {@link loadBuiltinCorpora} once at its start; after that
 * {@link builtinCorpus} answers synchronously, as `generate` needs.
 */
/**
 * A corpus chunk: the corpus file and, in the page's build, the models trained on it
 * (prebuiltModels.ts) and `checked`: the corpus is already what parseCorpus gives (the build parsed
 * and checked it), so the page does not check it again.
 */
export type CorpusChunk = { default: unknown; models?: readonly PackedModel[]; checked?: boolean };

/** A prebuilt model as a corpus chunk carries it: its binary form gzipped, as base64 text (vite.config.ts). */
export interface PackedModel {
  readonly order: number;
  readonly maxRun: number;
  readonly gzip: string;
}

/** The bytes of a {@link PackedModel}. */
async function unpack(model: PackedModel): Promise<PrebuiltModel> {
  const stream = new Blob([base64ToBytes(model.gzip) as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return { order: model.order, maxRun: model.maxRun, bytes: new Uint8Array(await new Response(stream).arrayBuffer()) };
}

const loaders: Record<string, () => Promise<CorpusChunk>> = {
  songbook: () => import('../../presets/corpora/songbook.json'),
  ballads: () => import('../../presets/corpora/ballads.json'),
  reels: () => import('../../presets/corpora/reels.json'),
  nocturnes: () => import('../../presets/corpora/nocturnes.json'),
  'folk-jigs': () => import('../../presets/corpora/folk-jigs.json'),
  'lofi-jazz': () => import('../../presets/corpora/lofi-jazz.json'),
  chorales: () => import('../../presets/corpora/chorales.json'),
  ambient: () => import('../../presets/corpora/ambient.json'),
  waltzes: () => import('../../presets/corpora/waltzes.json'),
  chiptune: () => import('../../presets/corpora/chiptune.json'),
};

/** Why a built-in corpus could not be loaded. */
export interface CorpusLoadError {
  code: 'unknown-corpus' | 'corpus-load';
  corpus: string;
  message: string;
  /** What went wrong, without the corpus name (e.g. the browser's message for a failed fetch). */
  reason: string;
}

/**
 * Loads the built-in corpora from other chunks: the page's entry passes chunks that carry the
 * models trained at build time (`presets/corpora/NAME.json?with-models`, see vite.config.ts).
 * Only corpora already built in can be given; corpora loaded before keep what they have.
 */
export function useBuiltinCorpusChunks(chunks: Record<string, () => Promise<CorpusChunk>>): void {
  for (const [name, load] of Object.entries(chunks)) if (isBuiltinCorpus(name)) loaders[name] = load;
}

/** The JSON of each loaded corpus, parsed into a {@link Corpus} when first asked for. */
const files = new Map<string, unknown>();
const modelFiles = new Map<string, readonly PrebuiltModel[]>();

/** The models that came with the built-in corpus `name` (none in Node: it trains them). */
export function builtinModelFiles(name: string): readonly PrebuiltModel[] {
  return modelFiles.get(name) ?? [];
}
const corpora = new Map<string, Corpus>();
const loading = new Map<string, Promise<Result<void, CorpusLoadError>>>();

/** Names of the built-in corpora, for choosing one in a preset (loaded or not). */
export function builtinCorpusNames(): string[] {
  return Object.keys(loaders);
}

/** Whether `name` is a built-in corpus (loaded or not). */
export function isBuiltinCorpus(name: string): boolean {
  return Object.hasOwn(loaders, name);
}

/** Whether the built-in corpus `name` is loaded, so that {@link builtinCorpus} returns it. */
export function isBuiltinCorpusLoaded(name: string): boolean {
  return files.has(name);
}

/**
 * The built-in corpus called `name`, parsed once; undefined when there is none or when it is not
 * loaded yet ({@link loadBuiltinCorpus}).
 */
export function builtinCorpus(name: string): Corpus | undefined {
  let corpus = corpora.get(name);
  if (!corpus && files.has(name)) {
    const parsed = parseCorpus(files.get(name));
    // A broken built-in file is a bug of the build, not of the user's input.
    if (!parsed.ok) throw new Error(`built-in corpus ${name}: ${parsed.error.message}`);
    corpus = parsed.value;
    corpora.set(name, corpus);
  }
  return corpus;
}

function fetchFile(name: string): Promise<Result<void, CorpusLoadError>> {
  let pending = loading.get(name);
  if (!pending) {
    pending = loaders[name]().then(
      async (module) => {
        // The models first: the corpus counts as loaded only once they are at hand. A browser that
        // cannot unpack them (no DecompressionStream) trains the models as Node does, slower.
        if (module.models) modelFiles.set(name, await Promise.all(module.models.map(unpack)).catch(() => []));
        files.set(name, module.default);
        if (module.checked) corpora.set(name, module.default as Corpus);
        return ok(undefined);
      },
      (e: unknown) => {
        loading.delete(name); // a later call tries again (the network may be back)
        const reason = e instanceof Error ? e.message : String(e);
        return err({
          code: 'corpus-load',
          corpus: name,
          message: `the ${name} corpus could not be loaded (${reason})`,
          reason,
        });
      },
    );
    loading.set(name, pending);
  }
  return pending;
}

/**
 * Loads the built-in corpus `name` (once; later calls share the first) and parses it. A failed
 * load (the network) is a typed error, and the next call tries again.
 */
export async function loadBuiltinCorpus(name: string): Promise<Result<Corpus, CorpusLoadError>> {
  if (!isBuiltinCorpus(name))
    return err({
      code: 'unknown-corpus',
      corpus: name,
      message: `there is no built-in corpus called "${name}"`,
      reason: 'no such corpus',
    });
  const loaded = await fetchFile(name);
  if (!loaded.ok) return loaded;
  const corpus = builtinCorpus(name);
  if (!corpus) throw new Error(`built-in corpus ${name} vanished after loading`); // cannot happen: loaded above
  return ok(corpus);
}

/**
 * Loads every built-in corpus (not parsed until used): what Node code awaits once before calling
 * `generate`. Rejects when one cannot be loaded — in Node that is a broken install.
 */
export async function loadBuiltinCorpora(): Promise<void> {
  const results = await Promise.all(builtinCorpusNames().map(fetchFile));
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) throw new Error(failed.error.message);
}
