import { err, ok, type Result } from '../core';
import { type Preset, parsePreset } from '../presets';
import { t } from './i18n';

const KEY = 'markov-muse/user-presets/v1';

/** The browser's localStorage, or undefined where even asking for it throws (sandboxes, some private modes). */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The user's own presets, kept in localStorage. Loading never fails start-up: a missing, corrupt
 * or unreadable store gives what could be read (each preset checked again) and says what was
 * skipped; saving reports a full or failing store instead of losing the preset silently.
 */
export function loadUserPresets(storage: Storage | undefined = browserStorage()): {
  presets: Preset[];
  problem?: string;
} {
  let raw: string | null;
  try {
    raw = storage?.getItem(KEY) ?? null;
  } catch (e) {
    return {
      presets: [],
      problem: t('your saved presets could not be read ({reason})', {
        reason: e instanceof Error ? e.message : String(e),
      }),
    };
  }
  if (!raw) return { presets: [] };
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return { presets: [], problem: t('your saved presets are damaged and were not loaded') };
  }
  if (!Array.isArray(list)) return { presets: [], problem: t('your saved presets are damaged and were not loaded') };
  const presets: Preset[] = [];
  let skipped = 0;
  for (const item of list) {
    const parsed = parsePreset(item);
    if (parsed.ok) presets.push(parsed.value);
    else skipped++;
  }
  return skipped
    ? {
        presets,
        problem:
          skipped === 1
            ? t('1 saved preset was invalid and left out')
            : t('{count} saved presets were invalid and left out', { count: skipped }),
      }
    : { presets };
}

/** Saves the whole list; an error says why when storage is full or unavailable. */
export function saveUserPresets(
  presets: readonly Preset[],
  storage: Storage | undefined = browserStorage(),
): Result<void, string> {
  try {
    if (!storage) return err(t('this browser keeps no storage here (private mode?)'));
    storage.setItem(KEY, JSON.stringify(presets));
    return ok(undefined);
  } catch (e) {
    const full = e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);
    return err(
      full
        ? t('the browser storage is full')
        : t('the browser refused to store it ({reason})', { reason: e instanceof Error ? e.message : String(e) }),
    );
  }
}
