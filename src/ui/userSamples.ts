import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { err, ok, type Result } from '../core';
import { noteOfFile, type UserSamples } from '../engine/samples';
import { t } from './i18n';
import { storageProblem } from './modelStore';

/** Most files in one sample folder, and their total size. */
export const SAMPLE_LIMITS = { files: 128, bytes: 100 * 2 ** 20 } as const;

/** A sample folder read from the user's files: its notes, and the files that name none. */
export interface SampleFolder {
  name: string;
  files: { note: string; file: File }[];
  ignored: string[];
}

/**
 * Reads dropped or picked files as a sample folder: each audio file whose name names a note
 * (`C4.wav`, `F#3.mp3`, `Db2.ogg`…) is the sample of that note; the name is the folder's. Refused
 * — with a sentence saying why — when no file names a note, or there are too many or too large.
 */
export function sampleFolder(files: readonly File[], fallbackName: string): Result<SampleFolder, string> {
  const byNote = new Map<string, File>();
  const ignored: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const note = noteOfFile(file.name);
    if (!note) {
      ignored.push(file.name);
      continue;
    }
    byNote.set(note, file);
    bytes += file.size;
  }
  if (byNote.size === 0)
    return err(
      t('No file names a note: name each sample by its note, like C4.wav or F#3.mp3 ({count} files looked at).', {
        count: files.length,
      }),
    );
  if (byNote.size > SAMPLE_LIMITS.files)
    return err(t('Too many samples: at most {count} notes.', { count: SAMPLE_LIMITS.files }));
  if (bytes > SAMPLE_LIMITS.bytes)
    return err(t('The samples are too large: at most {mb} MB in all.', { mb: SAMPLE_LIMITS.bytes / 2 ** 20 }));
  const path = (files[0] as File & { webkitRelativePath?: string }).webkitRelativePath ?? '';
  const folder = path.includes('/') ? path.split('/')[0] : '';
  const name =
    (folder || fallbackName)
      .replace(/[^\p{L}\p{N} ._-]/gu, ' ')
      .trim()
      .slice(0, 64) || fallbackName;
  return ok({ name, files: [...byNote].map(([note, file]) => ({ note, file })), ignored });
}

interface SampleDb extends DBSchema {
  libraries: { key: string; value: UserSamples & { created: number } };
}

/** The user's sample libraries in IndexedDB. Every method resolves to a Result: nothing throws. */
export interface SampleStore {
  names(): Promise<Result<string[], string>>;
  get(name: string): Promise<UserSamples | undefined>;
  save(folder: SampleFolder): Promise<Result<void, string>>;
  remove(name: string): Promise<Result<void, string>>;
}

/** Opens the store; an unavailable IndexedDB gives an error to report instead of breaking start-up. */
export async function openSampleStore(): Promise<Result<SampleStore, string>> {
  if (typeof indexedDB === 'undefined') return err(t('this browser keeps no storage here (private mode?)'));
  try {
    const db = await openDB<SampleDb>('markov-muse-samples', 1, {
      upgrade(d) {
        d.createObjectStore('libraries', { keyPath: 'name' });
      },
    });
    return ok(storeOf(db));
  } catch (e) {
    return err(storageProblem(e));
  }
}

async function attempt<T>(work: () => Promise<Result<T, string>>): Promise<Result<T, string>> {
  try {
    return await work();
  } catch (e) {
    return err(storageProblem(e));
  }
}

function storeOf(db: IDBPDatabase<SampleDb>): SampleStore {
  return {
    names: () => attempt(async () => ok((await db.getAllKeys('libraries')).sort())),
    get: async (name) => {
      try {
        const found = await db.get('libraries', name);
        // Stored data is untrusted: keep only entries that still name a note and hold bytes.
        if (!found || !Array.isArray(found.files)) return undefined;
        const files = found.files.filter((f) => typeof f.note === 'string' && f.data instanceof ArrayBuffer);
        return { name, files };
      } catch {
        return undefined;
      }
    },
    save: (folder) =>
      attempt(async () => {
        const files = await Promise.all(
          folder.files.map(async ({ note, file }) => ({ note, data: await file.arrayBuffer() })),
        );
        await db.put('libraries', { name: folder.name, files, created: Date.now() });
        return ok(undefined);
      }),
    remove: (name) =>
      attempt(async () => {
        await db.delete('libraries', name);
        return ok(undefined);
      }),
  };
}
