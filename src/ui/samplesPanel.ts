import { forgetLibrary } from '../engine/samples';
import { droppedFiles } from './droppedFiles';
import { t } from './i18n';
import { openSampleStore, type SampleStore, sampleFolder } from './userSamples';

/** What the samples panel needs from the page. */
export interface SamplesPanelHost {
  /** Plays the melody of the preset on screen with the samples `name`. */
  use: (name: string) => void;
  /** The list of the user's libraries changed. */
  changed: () => void;
}

/**
 * "Your samples": drop or pick a folder of samples named by note (C4.wav, F#3.mp3 …) and it
 * becomes a Sampler instrument for your presets (`"samples": "user:NAME"`), kept in this browser;
 * each can be played as the melody at once, or removed. A folder where no file names a note is
 * refused, saying so.
 */
export class SamplesPanel {
  private store: SampleStore | undefined;
  private names: string[] = [];
  private readonly status: HTMLElement;
  private readonly list: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly host: SamplesPanelHost,
  ) {
    this.status = root.querySelector('#samples-status') as HTMLElement;
    this.list = root.querySelector('#samples-list') as HTMLElement;
    for (const id of ['samples-folder', 'samples-files']) {
      const input = root.querySelector(`#${id}`) as HTMLInputElement;
      input.addEventListener('change', () => {
        const files = [...(input.files ?? [])];
        input.value = '';
        if (files.length) void this.import(files);
      });
    }
    root.addEventListener('dragover', (e) => {
      e.preventDefault();
      root.classList.add('dropping');
    });
    root.addEventListener('dragleave', () => root.classList.remove('dropping'));
    root.addEventListener('drop', async (e) => {
      e.preventDefault();
      e.stopPropagation();
      root.classList.remove('dropping');
      if (e.dataTransfer) void this.import(await droppedFiles(e.dataTransfer));
    });
    void this.open();
  }

  /** The user's sample libraries. */
  get libraries(): readonly string[] {
    return this.names;
  }

  /** Reads a library (for the loader). */
  read(name: string) {
    return this.store?.get(name) ?? Promise.resolve(undefined);
  }

  private say(text: string, isError = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', isError);
  }

  private async open(): Promise<void> {
    const opened = await openSampleStore();
    if (!opened.ok) {
      this.say(t('Your samples cannot be kept here: {reason}.', { reason: opened.error }), true);
      return;
    }
    this.store = opened.value;
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    const names = await this.store?.names();
    this.names = names?.ok ? names.value : [];
    this.list.replaceChildren();
    for (const item of this.names.map((name) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = name;
      const use = document.createElement('button');
      use.type = 'button';
      use.textContent = t('Play the melody with {name}', { name });
      use.addEventListener('click', () => this.host.use(name));
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('Remove samples {name}', { name });
      remove.addEventListener('click', () => void this.remove(name));
      item.append(label, use, remove);
      return item;
    }))
      this.list.append(item);
    this.host.changed();
  }

  private async import(files: File[]): Promise<void> {
    const folder = sampleFolder(files, t('My samples'));
    if (!folder.ok) {
      this.say(folder.error, true);
      return;
    }
    if (!this.store) {
      this.say(t('Your samples cannot be kept here.'), true);
      return;
    }
    const saved = await this.store.save(folder.value);
    if (!saved.ok) {
      this.say(t('Could not keep the samples: {reason}.', { reason: saved.error }), true);
      return;
    }
    forgetLibrary(`user:${folder.value.name}`);
    const { name, files: notes, ignored } = folder.value;
    this.say(
      ignored.length
        ? t('Kept {name}: {count} notes; {ignored} files name no note and were left out.', {
            name,
            count: notes.length,
            ignored: ignored.length,
          })
        : t('Kept {name}: {count} notes.', { name, count: notes.length }),
    );
    await this.refresh();
  }

  private async remove(name: string): Promise<void> {
    const removed = await this.store?.remove(name);
    if (removed && !removed.ok) {
      this.say(t('Could not remove {name}: {reason}.', { name, reason: removed.error }), true);
      return;
    }
    forgetLibrary(`user:${name}`);
    this.say(t('Removed {name}.', { name }));
    await this.refresh();
  }
}
