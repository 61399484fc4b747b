import { PIANO } from '../engine/samples/piano';
import { builtinCorpusNames, PRESET_MAX_BYTES, type Preset, parsePresetText } from '../presets';
import { download } from './download';
import { onLanguageChange, t } from './i18n';
import { renderPresetEditor } from './presetEditor';
import type { PresetLibrary } from './presetLibrary';
import { showPresetOptions } from './presetOptions';
import { unreadableFile } from './userPresets';
import './presetPanel.css';

/** What the preset panel needs from the page. */
export interface PresetPanelHost {
  library: PresetLibrary;
  /** The Preset select. */
  select: HTMLSelectElement;
  /** Composes the piece again from the fields (the same seed). */
  regenerate: () => void;
  /** Shows a preset's values in the recipe fields (tempo, bars, key, mode, …): see {@link RecipeFields.follow}. */
  follow: (preset: Preset, before: Preset | undefined, follow: 'all' | 'changes' | 'none') => void;
  /** The names of the user's sample libraries (for the Sampler's choice). */
  samples?: () => readonly string[];
}

function part<T extends HTMLElement>(root: HTMLElement, id: string): T {
  const el = root.querySelector<T>(`#${id}`);
  if (!el) throw new Error(`the preset panel has no #${id}`);
  return el;
}

/**
 * The preset panel: the editor of the selected preset (each change composes the piece again, so
 * the user hears it), Reset preset, Save preset under a name (kept in this browser), Delete
 * preset (the user's own), Export preset (NAME.json, as `muse generate --preset` takes it) and
 * Import preset (a refused file names the field and leaves everything as it was).
 */
export class PresetPanel {
  private shown: Preset | undefined;
  /** The editor is built when the panel is open, so a closed panel costs nothing at start-up. */
  private stale = true;
  private readonly status: HTMLElement;
  private readonly editor: HTMLElement;
  private readonly name: HTMLInputElement;
  private readonly remove: HTMLButtonElement;
  private readonly unreadable: HTMLElement;

  constructor(
    private readonly root: HTMLDetailsElement,
    private readonly host: PresetPanelHost,
  ) {
    this.status = part(root, 'preset-status');
    this.editor = part(root, 'preset-editor');
    this.name = part(root, 'preset-save-name');
    this.remove = part(root, 'preset-delete');
    const importer = part<HTMLInputElement>(root, 'preset-import');
    part(root, 'preset-reset').addEventListener('click', () => this.reset());
    part(root, 'preset-save').addEventListener('click', () => this.save());
    this.remove.addEventListener('click', () => this.delete());
    part(root, 'preset-export').addEventListener('click', () => this.export());
    importer.addEventListener('change', () => {
      const file = importer.files?.[0];
      importer.value = ''; // the same file can be picked again after a fix
      if (file) void this.import(file);
    });
    root.addEventListener('toggle', () => this.render());
    // The editor's labels are made when it is built: build it again in the new language.
    onLanguageChange(() => {
      this.stale = true;
      this.render();
      showPresetOptions(host.select, host.library);
    });
    showPresetOptions(host.select, host.library);
    this.unreadable = part(root, 'preset-unreadable');
    part(root, 'preset-unreadable-export').addEventListener('click', () => this.exportUnreadable());
    part(root, 'preset-unreadable-delete').addEventListener('click', () => this.deleteUnreadable());
    if (host.library.problem) {
      root.open = true; // the user must see that their presets were not (all) loaded
      this.unreadable.hidden = !host.library.unreadable;
      this.say(
        host.library.unreadable
          ? t(
              'Your presets: {problem}. Export unreadable presets saves it to a file; Delete unreadable presets removes it.',
              {
                problem: host.library.problem,
              },
            )
          : t('Your presets: {problem}.', { problem: host.library.problem }),
        true,
      );
    }
  }

  /** Downloads what could not be read, exactly as stored, so the user can mend it by hand. */
  private exportUnreadable(): void {
    const unreadable = this.host.library.unreadable;
    if (!unreadable) return;
    download('unreadable-presets.json', unreadableFile(unreadable), 'application/json');
    this.say(t('Exported {file}: your unreadable presets as they were stored.', { file: 'unreadable-presets.json' }));
  }

  private deleteUnreadable(): void {
    const dropped = this.host.library.dropUnreadable();
    if (!dropped.ok) {
      this.say(t('Delete unreadable presets: {reason}.', { reason: dropped.error }), true);
      return;
    }
    this.unreadable.hidden = true;
    this.say(t('Deleted your unreadable presets.'));
  }

  /** Shows the preset the piece is made with (the editor is rebuilt only for another preset). */
  show(preset: Preset): void {
    this.remove.disabled = this.host.library.kind(preset.name) !== 'yours';
    if (preset === this.shown) return;
    this.shown = preset;
    this.stale = true;
    this.render();
  }

  private render(): void {
    if (!this.stale || !this.root.open || !this.shown) return;
    this.stale = false;
    renderPresetEditor(this.editor, this.shown, (p) => this.apply(p), this.say, builtinCorpusNames(), [
      PIANO,
      ...(this.host.samples?.() ?? []).map((n) => `user:${n}`),
    ]);
  }

  /**
   * Plays the melody of the preset on screen with the user's samples `name` (an edit: Save preset
   * keeps it), and rebuilds the editor so the sampler shows.
   */
  useSamples(name: string): void {
    const shown = this.shown;
    if (!shown) return;
    const edited = structuredClone(shown);
    edited.melody.voice = { instrument: 'Sampler', options: { samples: `user:${name}`, release: 0.6 } };
    this.apply(edited);
    this.stale = true;
    this.shown = edited;
    this.render();
  }

  /** The sample libraries changed: the editor's choice of them too. */
  samplesChanged(): void {
    this.stale = true;
    this.render();
  }

  /** A preset that came with a share link: it joins the select (or becomes an edit of its name). */
  receive(preset: Preset): void {
    this.host.library.receive(preset);
    showPresetOptions(this.host.select, this.host.library);
  }

  private say = (text: string, isError = false): void => {
    this.status.textContent = text;
    this.status.classList.toggle('error', isError);
  };

  /**
   * Composes with `preset`. The recipe fields follow its values: all of them for another preset,
   * the changed ones for an edit or reset, none when only the name changed (Save).
   */
  private use(preset: Preset, follow: 'all' | 'changes' | 'none', keepEditor = false): void {
    const before = this.shown;
    const other = !before || before.name !== preset.name;
    this.host.follow(preset, other ? undefined : before, follow);
    this.host.select.value = preset.name;
    // An edit is already on screen: keep the editor (and the focus) as it is.
    if (keepEditor) this.shown = preset;
    else this.show(preset);
    this.host.regenerate();
  }

  private apply(preset: Preset): void {
    this.host.library.edit(preset);
    this.say(t('{name}: edited (Reset preset goes back, Save preset keeps it).', { name: preset.name }));
    this.use(preset, 'changes', true);
  }

  private reset(): void {
    const name = this.host.select.value;
    const preset = this.host.library.reset(name);
    if (!preset) return;
    this.say(
      this.host.library.kind(name) === 'yours'
        ? t('{name}: back to its saved values.', { name })
        : t('{name}: back to its original values.', { name }),
    );
    this.use(preset, 'changes');
  }

  private save(): void {
    const { library, select } = this.host;
    const current = library.resolve(select.value);
    if (!current) return;
    const typed = this.name.value.trim().toLowerCase().replace(/\s+/g, '-');
    // Without a name: one of yours is saved again, a shared one under its own name; a built-in needs one.
    const name = typed || (library.kind(current.name) === 'built-in' ? '' : current.name);
    const saved = name
      ? library.save(current, name)
      : { ok: false as const, error: t('type a name for your preset in Preset name') };
    this.name.setAttribute('aria-invalid', String(!saved.ok));
    if (!saved.ok) {
      this.say(t('Preset name: {reason}.', { reason: saved.error.replace(/^preset field name: /, '') }), true);
      return;
    }
    const { preset, replaced, unsaved } = saved.value;
    if (!preset) return;
    if (current.name !== preset.name) library.reset(current.name); // the edits now live in the new preset
    showPresetOptions(select, library);
    this.name.value = '';
    this.use(preset, 'none');
    if (unsaved)
      this.say(
        t('Could not save {name}: {reason}. It is kept only until this page closes; use Export preset to keep it.', {
          name: preset.name,
          reason: unsaved,
        }),
        true,
      );
    else
      this.say(
        replaced
          ? t('Replaced your preset {name}.', { name: preset.name })
          : t('Saved your preset {name}.', { name: preset.name }),
      );
  }

  private delete(): void {
    const { library, select } = this.host;
    const name = select.value;
    const removed = library.remove(name);
    if (!removed.ok) {
      this.say(t('Delete preset: {reason}.', { reason: removed.error }), true);
      return;
    }
    showPresetOptions(select, library);
    this.use(library.fallback(), 'all');
    if (removed.value.unsaved)
      this.say(
        t('Deleted {name} for now, but the browser storage could not be updated: {reason}.', {
          name,
          reason: removed.value.unsaved,
        }),
        true,
      );
    else this.say(t('Deleted your preset {name}.', { name }));
  }

  private export(): void {
    const preset = this.host.library.resolve(this.host.select.value);
    if (!preset) return;
    download(`${preset.name}.json`, `${JSON.stringify(preset, null, 2)}\n`, 'application/json');
    this.say(t('Exported {file}.', { file: `${preset.name}.json` }));
  }

  private async import(file: File): Promise<void> {
    const { library, select } = this.host;
    if (file.size > PRESET_MAX_BYTES) {
      // Refused before it is read.
      this.say(
        t('{file} was not imported: the preset is larger than {size} KiB.', {
          file: file.name,
          size: PRESET_MAX_BYTES / 1024,
        }),
        true,
      );
      return;
    }
    const notes: string[] = [];
    const parsed = parsePresetText(await file.text(), notes);
    if (!parsed.ok) {
      this.say(t('{file} was not imported: {reason}.', { file: file.name, reason: parsed.error.message }), true);
      return;
    }
    const migrated = () =>
      notes.length > 0
        ? this.say(
            t('{file} was written for an older markov-muse and was converted: {notes}.', {
              file: file.name,
              notes: notes.join('; '),
            }),
          )
        : undefined;
    const preset = parsed.value;
    if (library.base(preset.name)) {
      library.receive(preset);
      this.say(
        t('Imported {name} as changes to the preset of that name (Save preset keeps them).', { name: preset.name }),
      );
      this.use(library.resolve(preset.name) ?? preset, 'changes');
      migrated();
      return;
    }
    const saved = library.save(preset, preset.name);
    if (!saved.ok) {
      this.say(t('{file} was not imported: {reason}.', { file: file.name, reason: saved.error }), true);
      return;
    }
    showPresetOptions(select, library);
    this.use(saved.value.preset ?? preset, 'all');
    const { unsaved } = saved.value;
    if (unsaved)
      this.say(
        t('Imported {name} for this session only: {reason}. Use Export preset to keep it.', {
          name: preset.name,
          reason: unsaved,
        }),
        true,
      );
    else this.say(t('Imported {name} into your presets.', { name: preset.name }));
    migrated();
  }
}
