import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { err, ok, type Result } from '../core';
import { decodeModel, type MuseModel, parseModel } from '../model';
import { t } from './i18n';

/** What the page shows of a saved model without reading the model itself. */
export interface StoredModelInfo {
  id: number;
  name: string;
  /** When it was saved (ms since 1970). */
  created: number;
  pieces: number;
  order: number;
  maxRun: number;
  contentHash: string;
  /** Size of the stored model: bytes of its binary form, or characters of a JSON file kept before it. */
  size: number;
}

type NewInfo = Omit<StoredModelInfo, 'id' | 'size' | 'created'> & { created?: number };

interface ModelDb extends DBSchema {
  // The list is kept apart from the (large) model files so that listing reads only a few bytes each.
  meta: { key: number; value: Omit<StoredModelInfo, 'id'> & { id?: number } };
  // A model in binary form (modelBinary.ts), or the text of its JSON file (models kept before it).
  files: { key: number; value: { id: number; bytes?: Uint8Array; text?: string } };
}

const DB_NAME = 'markov-muse-models';
const OPEN_TIMEOUT_MS = 5_000;

/** The user's trained models in IndexedDB. Every method resolves to a Result: nothing throws. */
export interface ModelStore {
  list(): Promise<Result<StoredModelInfo[], string>>;
  /** Keeps a model: its binary form (what the page writes) or a model file's text. */
  save(info: NewInfo, file: Uint8Array | string): Promise<Result<StoredModelInfo, string>>;
  /** The model, read and checked again (stored data is untrusted: it may be old or damaged). */
  load(id: number): Promise<Result<MuseModel, string>>;
  delete(id: number): Promise<Result<void, string>>;
}

/** A sentence for what went wrong in the browser's storage. */
export function storageProblem(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') return t('the browser storage is full');
  const detail = e instanceof Error ? e.message : String(e);
  return t('the browser storage refused ({reason})', { reason: detail || name || t('unknown error') });
}

/** "My corpus (42 pieces)", made unique among `taken` with " 2", " 3", … */
export function uniqueName(name: string, taken: readonly string[]): string {
  const base = name.trim().slice(0, 100) || t('My model');
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} ${i}`)) return `${base} ${i}`;
}

/**
 * Opens the store; an unavailable IndexedDB (private mode, disabled storage, a browser that never
 * answers) gives an error to report instead of breaking start-up.
 */
export async function openModelStore(): Promise<Result<ModelStore, string>> {
  if (typeof indexedDB === 'undefined') return err(t('this browser keeps no storage here (private mode?)'));
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(t('it did not answer'))), OPEN_TIMEOUT_MS);
    });
    const db = await Promise.race([
      openDB<ModelDb>(DB_NAME, 1, {
        upgrade(d) {
          d.createObjectStore('meta', { keyPath: 'id', autoIncrement: true });
          d.createObjectStore('files', { keyPath: 'id' });
        },
      }),
      timeout,
    ]);
    return ok(storeOf(db));
  } catch (e) {
    return err(storageProblem(e));
  } finally {
    clearTimeout(timer);
  }
}

async function attempt<T>(work: () => Promise<Result<T, string>>): Promise<Result<T, string>> {
  try {
    return await work();
  } catch (e) {
    return err(storageProblem(e));
  }
}

function storeOf(db: IDBPDatabase<ModelDb>): ModelStore {
  return {
    list: () =>
      attempt(async () => {
        const all = await db.getAll('meta');
        return ok(all.filter((m): m is StoredModelInfo => typeof m.id === 'number').sort((a, b) => a.id - b.id));
      }),
    save: (info, file) =>
      attempt(async () => {
        const tx = db.transaction(['meta', 'files'], 'readwrite');
        const meta = { ...info, created: info.created ?? Date.now(), size: file.length };
        try {
          const id = await tx.objectStore('meta').add(meta);
          await tx.objectStore('files').put(typeof file === 'string' ? { id, text: file } : { id, bytes: file });
          await tx.done;
          return ok({ ...meta, id });
        } catch (e) {
          // All or nothing: no list entry without its model file.
          tx.done.catch(() => {});
          try {
            tx.abort();
          } catch {
            // Already finished or aborted by the browser.
          }
          throw e;
        }
      }),
    load: (id) =>
      attempt(async () => {
        const file = await db.get('files', id);
        if (!file) return err(t('model {id} is not in the browser storage any more', { id }));
        // Kept data is untrusted (old, damaged, or from a newer markov-muse): read and checked again.
        // A model that fails stays in the store, listed: nothing is deleted behind the user's back.
        const model =
          file.bytes instanceof Uint8Array
            ? decodeModel(file.bytes)
            : typeof file.text === 'string'
              ? parseModel(file.text, { legacy: true }) // models kept before files carried a checksum
              : undefined;
        if (!model) return err(t('the saved model is damaged: {reason}', { reason: t('it holds no model') }));
        return model.ok ? model : err(t('the saved model is damaged: {reason}', { reason: model.error.message }));
      }),
    delete: (id) =>
      attempt(async () => {
        const tx = db.transaction(['meta', 'files'], 'readwrite');
        await Promise.all([tx.objectStore('meta').delete(id), tx.objectStore('files').delete(id), tx.done]);
        return ok(undefined);
      }),
  };
}
