import { err, ok, type Result } from '../core';
import { builtinPresets, findPreset, type Preset, parsePreset } from '../presets';
import { t } from './i18n';
import {
  browserStorage,
  dropUnreadablePresets,
  loadUserPresets,
  saveUserPresets,
  type UnreadablePresets,
} from './userPresets';

/** Where a preset of the page comes from. */
export type PresetKind = 'built-in' | 'yours' | 'shared';

/** What saving or deleting did: `unsaved` says why the browser storage did not keep the change. */
export interface StoreOutcome {
  preset?: Preset;
  replaced?: boolean;
  unsaved?: string;
}

/**
 * Every preset the page can compose with, found by name in one place: the built-ins, the user's
 * own (kept in storage), the ones that came with a share link, and the unsaved edits of any of
 * them. Edits shadow the preset they change until reset; a built-in is never replaced, so an
 * unedited built-in stays the very object `findPreset` returns (exports and links rely on that).
 */
export class PresetLibrary {
  /** Why the user's saved presets could not (all) be loaded, if so. */
  problem: string | undefined;
  /** What of the store could not be read: kept in it through every save until the user deletes it. */
  unreadable: UnreadablePresets | undefined;
  private user: Preset[];
  private readonly shared = new Map<string, Preset>();
  private readonly edits = new Map<string, Preset>();

  constructor(private readonly storage: Storage | undefined = browserStorage()) {
    const loaded = loadUserPresets(storage);
    // A stored preset can't shadow a built-in of the same name (Save refuses those names).
    this.user = loaded.presets.filter((p) => !findPreset(p.name));
    this.problem = loaded.problem;
    this.unreadable = loaded.unreadable;
  }

  /** Deletes what could not be read from the store (the user chose to, after being offered an export). */
  dropUnreadable(): Result<void, string> {
    const dropped = dropUnreadablePresets(this.user, this.storage);
    if (dropped.ok) {
      this.unreadable = undefined;
      this.problem = undefined;
    }
    return dropped;
  }

  /** The preset as built in, saved or shared, without the session's edits: what Reset goes back to. */
  base(name: string): Preset | undefined {
    return findPreset(name) ?? this.user.find((p) => p.name === name) ?? this.shared.get(name);
  }

  /** The preset to compose with for a name: its edits if any, else {@link base}. */
  resolve(name: string): Preset | undefined {
    return this.edits.get(name) ?? this.base(name);
  }

  kind(name: string): PresetKind | undefined {
    if (findPreset(name)) return 'built-in';
    if (this.user.some((p) => p.name === name)) return 'yours';
    return this.shared.has(name) ? 'shared' : undefined;
  }

  isEdited(name: string): boolean {
    return this.edits.has(name);
  }

  userNames(): string[] {
    return this.user.map((p) => p.name);
  }

  sharedNames(): string[] {
    return [...this.shared.keys()];
  }

  /** Keeps an edited version of a known preset for this session. */
  edit(preset: Preset): void {
    if (this.base(preset.name)) this.edits.set(preset.name, preset);
  }

  /** Drops the edits of a preset; returns the preset as it was. */
  reset(name: string): Preset | undefined {
    this.edits.delete(name);
    return this.base(name);
  }

  /**
   * A preset that came with a share link (or a file): a new name joins the shared ones; a name the
   * page knows becomes an edit of that preset, unless it is the same, so Reset goes back to it.
   */
  receive(preset: Preset): void {
    const known = findPreset(preset.name) ?? this.user.find((p) => p.name === preset.name);
    if (!known) this.shared.set(preset.name, preset);
    else if (JSON.stringify(known) === JSON.stringify(preset)) this.edits.delete(preset.name);
    else this.edits.set(preset.name, preset);
  }

  /**
   * Saves `preset` as one of the user's under `name` (replacing one of theirs of that name). A
   * built-in's name or an invalid name is refused. If storage fails the preset stays for the
   * session and `unsaved` says why, so nothing is lost silently.
   */
  save(preset: Preset, name: string): Result<StoreOutcome, string> {
    if (findPreset(name)) return err(t('"{name}" is a built-in preset: choose another name', { name }));
    const checked = parsePreset({ ...preset, name });
    if (!checked.ok) return err(checked.error.message);
    const saved = checked.value;
    const at = this.user.findIndex((p) => p.name === name);
    if (at >= 0) this.user[at] = saved;
    else this.user.push(saved);
    this.shared.delete(name);
    this.edits.delete(name);
    const stored = saveUserPresets(this.user, this.storage, this.unreadable);
    return ok({ preset: saved, replaced: at >= 0, unsaved: stored.ok ? undefined : stored.error });
  }

  /** Deletes one of the user's presets (built-ins can't be deleted). */
  remove(name: string): Result<StoreOutcome, string> {
    if (this.kind(name) !== 'yours') return err(t('"{name}" is not one of your presets', { name }));
    this.user = this.user.filter((p) => p.name !== name);
    this.edits.delete(name);
    const stored = saveUserPresets(this.user, this.storage, this.unreadable);
    return ok({ unsaved: stored.ok ? undefined : stored.error });
  }

  /** The first built-in, where the page goes when the selected preset is deleted. */
  fallback(): Preset {
    return builtinPresets()[0];
  }
}
