import type { SampleLibraries } from '../instruments/samples';
import { PIANO, PIANO_NOTES, PIANO_PATH, pianoFile } from './piano';

/** Where a user's sample library comes from: the encoded files of its notes (kept in IndexedDB). */
export interface UserSamples {
  name: string;
  files: { note: string; data: ArrayBuffer }[];
}

/** Reads the user's sample library `name` (the page's IndexedDB store; see src/ui/userSamples.ts). */
export type UserSampleSource = (name: string) => Promise<UserSamples | undefined>;

/** Why a sample library could not be loaded, in words for the user. */
export class SampleLoadError extends Error {
  constructor(
    readonly library: string,
    message: string,
  ) {
    super(message);
  }
}

/** Libraries decoded so far (decoded once at this rate; they play in any context). */
const decoded = new Map<string, Promise<Record<string, AudioBuffer>>>();
const loadedNow = new Map<string, Record<string, AudioBuffer>>();

/** The rate samples are decoded at: the render's; a live context at another rate resamples them. */
const DECODE_RATE = 44_100;

/** How many files of a library are fetched and decoded at a time. */
export const AT_ONCE = 3;

/** Progress of a load: files done, files in all, for the library being loaded. */
export type SampleProgress = (library: string, done: number, total: number) => void;

/**
 * Resolves when the next sample file may be fetched or decoded: a load gives way to what the user
 * waits for (the page: a preset's corpus chunk, a piece just asked for; issue 17).
 */
export type GiveWay = () => Promise<unknown>;

async function decodeAll(
  library: string,
  files: { note: string; data: () => Promise<ArrayBuffer> }[],
  progress?: SampleProgress,
  giveWay?: GiveWay,
): Promise<Record<string, AudioBuffer>> {
  const ctx = new OfflineAudioContext(1, 1, DECODE_RATE);
  const out: Record<string, AudioBuffer> = {};
  let done = 0;
  progress?.(library, 0, files.length);
  // A few at a time: the fetches overlap, the decoding spreads over the browser's threads. Each
  // file waits for `giveWay` before it is fetched and before it is decoded: six fetched and
  // decoded at a time held a preset's corpus chunk, chosen meanwhile, 150–250 ms (a trace on the
  // 2-core machine; HTTP/1.1 gives a page six connections to its site, and decoding takes cores).
  const queue = [...files];
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      if (giveWay) await giveWay();
      const bytes = await f.data();
      if (giveWay) await giveWay();
      try {
        out[f.note] = await ctx.decodeAudioData(bytes);
      } catch {
        throw new SampleLoadError(
          library,
          `the sample for ${f.note} in "${library}" is not audio this browser can read`,
        );
      }
      progress?.(library, ++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return out;
}

/** The files of the built-in piano, from the site (static files, no CDN). */
function pianoFiles(base: string) {
  return PIANO_NOTES.map((note) => ({
    note,
    data: async () => {
      const url = `${base}${PIANO_PATH}${pianoFile(note)}`;
      const response = await fetch(url);
      if (!response.ok)
        throw new SampleLoadError(
          PIANO,
          `the piano sample ${pianoFile(note)} could not be fetched (${response.status})`,
        );
      return response.arrayBuffer();
    },
  }));
}

/**
 * Loads (fetches and decodes, once per page) the sample libraries `ids` names: the built-in piano
 * from the site's samples/salamander/ files, a user's ("user:NAME") from `user`. Resolves to every
 * library loaded so far; `progress` follows each file. Rejects with a {@link SampleLoadError}.
 */
export async function loadLibraries(
  ids: readonly string[],
  options: { base?: string; user?: UserSampleSource; progress?: SampleProgress; giveWay?: GiveWay } = {},
): Promise<SampleLibraries> {
  for (const id of ids) {
    let loading = decoded.get(id);
    if (!loading) {
      if (id === PIANO)
        loading = decodeAll(
          id,
          pianoFiles(options.base ?? import.meta.env.BASE_URL),
          options.progress,
          options.giveWay,
        );
      else if (id.startsWith('user:')) {
        const name = id.slice(5);
        loading = (async () => {
          const found = await options.user?.(name);
          if (!found) throw new SampleLoadError(id, `there are no samples called "${name}" in this browser`);
          return decodeAll(
            id,
            found.files.map((f) => ({ note: f.note, data: async () => f.data.slice(0) })),
            options.progress,
            options.giveWay,
          );
        })();
      } else loading = Promise.reject(new SampleLoadError(id, `there is no sample library "${id}"`));
      decoded.set(id, loading);
      // A failed load is tried again next time.
      loading.then(
        (buffers) => loadedNow.set(id, buffers),
        () => decoded.delete(id),
      );
    }
    await loading;
  }
  return loadedNow;
}

/** Libraries loaded so far. */
export function loadedLibraries(): SampleLibraries {
  return loadedNow;
}

/** Forgets a library (the user removed it). */
export function forgetLibrary(id: string): void {
  decoded.delete(id);
  loadedNow.delete(id);
}
