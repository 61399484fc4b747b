import { err, ok, type Result } from '../core';
import { type Preset, parsePreset } from '../presets';
import { t } from './i18n';

const KEY = 'markov-muse/user-presets/v1';
/** Stored texts of the list that could not be read at all (truncated, damaged), kept until the user deletes them. */
const DAMAGED_KEY = 'markov-muse/user-presets/v1/damaged';

/** The browser's localStorage, or undefined where even asking for it throws (sandboxes, some private modes). */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * What of the user's store could not be read, kept as it was: never dropped silently, so that the
 * user can export it (and mend it by hand) or delete it.
 */
export interface UnreadablePresets {
  /** Entries of the stored list that are not valid presets (tempo 999, say), exactly as stored. */
  items: unknown[];
  /** Stored texts that are not a list at all (truncated, damaged), exactly as stored. */
  damaged: string[];
  /** Why, one line per entry or text. */
  reasons: string[];
}

/** What loading the store gave. */
export interface LoadedPresets {
  presets: Preset[];
  /** What could not be read (absent when everything could). */
  unreadable?: UnreadablePresets;
  problem?: string;
}

const nameOf = (item: unknown) =>
  item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string'
    ? (item as { name: string }).name.slice(0, 64)
    : undefined;

function readDamaged(storage: Storage | undefined): string[] {
  const raw = storage?.getItem(DAMAGED_KEY);
  if (!raw) return [];
  try {
    const list = JSON.parse(raw);
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) return list;
  } catch {
    // The backup itself damaged: keep it as one text.
  }
  return [raw];
}

/**
 * The user's own presets, kept in localStorage. Loading never fails start-up: a missing, corrupt
 * or unreadable store gives what could be read (each preset checked again), says what was not, and
 * hands back what was not as it was stored, so that {@link saveUserPresets} keeps it.
 */
export function loadUserPresets(storage: Storage | undefined = browserStorage()): LoadedPresets {
  let raw: string | null;
  let damaged: string[];
  try {
    raw = storage?.getItem(KEY) ?? null;
    damaged = readDamaged(storage);
  } catch (e) {
    return {
      presets: [],
      problem: t('your saved presets could not be read ({reason})', {
        reason: e instanceof Error ? e.message : String(e),
      }),
    };
  }
  let list: unknown = [];
  if (raw) {
    try {
      list = JSON.parse(raw);
    } catch {
      list = undefined;
    }
    if (!Array.isArray(list)) {
      if (!damaged.includes(raw)) damaged = [...damaged, raw];
      list = [];
    }
  }
  const presets: Preset[] = [];
  const items: unknown[] = [];
  const reasons: string[] = damaged.map(() => t('the list of your saved presets is damaged (cut short?)'));
  for (const item of list as unknown[]) {
    const parsed = parsePreset(item);
    if (parsed.ok) presets.push(parsed.value);
    else {
      items.push(item);
      reasons.push(`${nameOf(item) ?? t('(no name)')}: ${parsed.error.message}`);
    }
  }
  if (items.length === 0 && damaged.length === 0) return { presets };
  const left = items.length + damaged.length;
  return {
    presets,
    unreadable: { items, damaged, reasons },
    problem:
      left === 1
        ? t('1 saved preset could not be read ({reason}); it is kept as it was', { reason: reasons[0] })
        : t('{count} saved presets could not be read ({reason}, …); they are kept as they were', {
            count: left,
            reason: reasons[0],
          }),
  };
}

const failure = (e: unknown) => {
  const full = e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);
  return full
    ? t('the browser storage is full')
    : t('the browser refused to store it ({reason})', { reason: e instanceof Error ? e.message : String(e) });
};

/**
 * Saves the whole list, with what could not be read kept as it was (invalid entries stay in the
 * list, damaged texts in a backup written first); an error says why when storage is full or
 * unavailable, and then the stored list is left as it was.
 */
export function saveUserPresets(
  presets: readonly Preset[],
  storage: Storage | undefined = browserStorage(),
  unreadable?: UnreadablePresets,
): Result<void, string> {
  if (!storage) return err(t('this browser keeps no storage here (private mode?)'));
  try {
    if (unreadable?.damaged.length) storage.setItem(DAMAGED_KEY, JSON.stringify(unreadable.damaged));
  } catch (e) {
    return err(t('your unreadable saved presets could not be backed up ({reason})', { reason: failure(e) }));
  }
  try {
    storage.setItem(KEY, JSON.stringify([...presets, ...(unreadable?.items ?? [])]));
    return ok(undefined);
  } catch (e) {
    return err(failure(e));
  }
}

/** Deletes what could not be read (the user chose to), keeping `presets`. */
export function dropUnreadablePresets(
  presets: readonly Preset[],
  storage: Storage | undefined = browserStorage(),
): Result<void, string> {
  const saved = saveUserPresets(presets, storage);
  if (!saved.ok) return saved;
  try {
    storage?.removeItem(DAMAGED_KEY);
    return ok(undefined);
  } catch (e) {
    return err(failure(e));
  }
}

/** What could not be read, as a file the user can keep and mend: the entries and texts exactly as stored. */
export function unreadableFile(unreadable: UnreadablePresets): string {
  return `${JSON.stringify({ reasons: unreadable.reasons, items: unreadable.items, damaged: unreadable.damaged }, null, 2)}\n`;
}
