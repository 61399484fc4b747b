import {
  decodeModel,
  encodeModel,
  isModelBinary,
  MODEL_MAX_BYTES,
  type MuseModel,
  modelFileText,
  parseModel,
  prepareGuardTables,
} from '../model';
import type { ModelChoice } from '../presets';
import { download } from './download';
import { fixed, t } from './i18n';
import { nextTask, runInTasks } from './inTasks';
import { type ModelStore, openModelStore, type StoredModelInfo, uniqueName } from './modelStore';
import type { TrainedModel } from './trainPanel';

export type { ModelChoice };

const SELECTED_KEY = 'markov-muse/model/v1';

/** The guards' tables of each model, being built or built (see {@link prepareGuards}). */
const preparing = new WeakMap<MuseModel, Promise<void>>();

/**
 * Builds the n-gram tables the originality guard and report of `model` look up (a few
 * milliseconds each for a thousand tunes, tens under load), in steps of a few thousand positions
 * (inTasks.ts): its first piece then does not build them all at once, which held the page for a
 * tenth of a second, nor one table in one task, which held it for up to 100 ms (issue 17). Built
 * once per model: a second call waits for the first.
 */
function prepareGuards(model: MuseModel): Promise<void> {
  let ready = preparing.get(model);
  if (!ready) {
    ready = runInTasks(prepareGuardTables(model.guards));
    preparing.set(model, ready);
  }
  return ready;
}

/** The Model select's value for the preset's own corpus. */
export const PRESET_MODEL = '';

function remember(value: string): void {
  try {
    localStorage.setItem(SELECTED_KEY, value);
  } catch {
    // Storage disabled or full: the choice is simply not remembered.
  }
}

function remembered(): string {
  try {
    return localStorage.getItem(SELECTED_KEY) ?? PRESET_MODEL;
  } catch {
    return PRESET_MODEL;
  }
}

/**
 * The Model select: "Preset's own corpus" plus the user's models from IndexedDB (or, when the
 * browser keeps no storage, for this visit only). Choosing one calls `use`; the choice is kept
 * across reloads. `add` keeps a newly trained model and selects it.
 */
export function startUserModels(
  select: HTMLSelectElement,
  remove: HTMLButtonElement,
  hooks: {
    /** Composes from the choice; resolves once its piece is shown. */
    use: (choice: ModelChoice | undefined) => void | Promise<void>;
    say: (text: string, isError?: boolean) => void;
  },
  files: { open?: HTMLInputElement; save?: HTMLButtonElement } = {},
) {
  let store: ModelStore | undefined;
  const infos = new Map<string, StoredModelInfo>();
  const loaded = new Map<string, MuseModel>();
  let nextSessionId = -1;
  let turn = 0;
  /** Told when a model is added or deleted (the Blend select lists the models too). */
  const listeners: (() => void)[] = [];
  const changed = () => {
    for (const listen of listeners) listen();
  };

  /** The model of a listed entry, read from the store once (and checked again: stored data is untrusted). */
  const modelOf = async (
    info: StoredModelInfo,
  ): Promise<{ ok: true; value: MuseModel } | { ok: false; error: string }> => {
    const cached = loaded.get(String(info.id));
    if (cached) return { ok: true, value: cached };
    if (!store) return { ok: false, error: t('it is not in the browser storage') };
    const read = await store.load(info.id);
    if (read.ok) loaded.set(String(info.id), read.value);
    return read;
  };
  const infoByHash = (hash: string) => [...infos.values()].find((i) => i.contentHash === hash);

  const addOption = (info: StoredModelInfo, saved: boolean) => {
    infos.set(String(info.id), info);
    const facts = { name: info.name, order: info.order, maxRun: info.maxRun };
    const text = saved
      ? t('{name} — order {order}, L {maxRun}', facts)
      : t('{name} — order {order}, L {maxRun} (not saved)', facts);
    select.add(new Option(text, String(info.id))); // Option sets text, never markup
  };
  const refreshDelete = () => {
    remove.disabled = select.value === PRESET_MODEL;
  };

  /** Composes from the selected model; a model that cannot be read falls back to the preset's. */
  const choose = async (value: string) => {
    const mine = ++turn;
    select.value = infos.has(value) ? value : PRESET_MODEL;
    refreshDelete();
    const info = infos.get(select.value);
    if (!info) {
      remember(PRESET_MODEL);
      await hooks.use(undefined);
      return;
    }
    const read = await modelOf(info);
    if (mine !== turn) return;
    if (!read.ok) {
      hooks.say(t('Model "{name}" cannot be used: {reason}.', { name: info.name, reason: read.error }), true);
      return choose(PRESET_MODEL);
    }
    const model = read.value;
    await prepareGuards(model);
    if (mine !== turn) return;
    remember(select.value);
    await hooks.use({ model, name: info.name });
  };

  select.addEventListener('change', () => {
    void choose(select.value);
    refreshSave();
  });
  const refreshSave = () => {
    if (files.save) files.save.disabled = select.value === PRESET_MODEL;
  };
  remove.addEventListener('click', async () => {
    const info = infos.get(select.value);
    if (!info) return;
    if (store && info.id >= 0) {
      const gone = await store.delete(info.id);
      if (!gone.ok)
        return hooks.say(
          t('Model "{name}" could not be deleted: {reason}.', { name: info.name, reason: gone.error }),
          true,
        );
    }
    select.querySelector(`option[value="${info.id}"]`)?.remove();
    infos.delete(String(info.id));
    loaded.delete(String(info.id));
    hooks.say(t('Model "{name}" deleted.', { name: info.name }));
    changed();
    await choose(PRESET_MODEL);
    refreshSave();
  });
  refreshDelete();
  refreshSave();

  // Save model file: the selected model as the file muse train writes, to send with a share link.
  files.save?.addEventListener('click', async () => {
    const info = infos.get(select.value);
    if (!info) return;
    const read = await modelOf(info);
    if (!read.ok)
      return hooks.say(t('Model "{name}" cannot be used: {reason}.', { name: info.name, reason: read.error }), true);
    const name = `${info.name.replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim() || 'model'}.json`;
    download(name, modelFileText(read.value), 'application/json');
    hooks.say(t('Saved the model file {file}.', { file: name }));
  });

  // Open a model file: one muse train wrote, or Save model file saved; checked as every model file.
  files.open?.addEventListener('change', async () => {
    const input = files.open as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    await ready;
    const say = (text: string, isError = false) => hooks.say(text, isError);
    if (file.size > MODEL_MAX_BYTES)
      return say(
        t('{file} cannot be opened: it is larger than a model file can be ({limit} MB).', {
          file: file.name,
          limit: MODEL_MAX_BYTES / 1024 / 1024,
        }),
        true,
      );
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      return say(t('{file} cannot be read: {reason}', { file: file.name, reason: String(e) }), true);
    }
    // A model file muse train wrote (JSON), or a model in the binary form the page keeps.
    const parsed = isModelBinary(bytes) ? decodeModel(bytes) : parseModel(new TextDecoder().decode(bytes));
    if (!parsed.ok)
      return say(t('{file} cannot be opened: {reason}', { file: file.name, reason: parsed.error.message }), true);
    const model = parsed.value;
    const known = infoByHash(model.provenance.contentHash);
    if (known) {
      loaded.set(String(known.id), model);
      changed();
      return say(t('{file} is the model "{name}", which is already here.', { file: file.name, name: known.name }));
    }
    const binary = isModelBinary(bytes) ? bytes : encodeModel(model);
    const { name } = (await keep(file.name.replace(/\.json$/i, ''), model, binary)).info;
    changed();
    say(
      t(
        'Opened the model "{name}" ({count} pieces): choose it in Model to compose from it, or in Blend to blend it in.',
        {
          name,
          count: model.provenance.pieces.length,
        },
      ),
    );
  });

  /**
   * Keeps a model (in IndexedDB when it can, else for this visit) and lists it, under a name of its
   * own. The store keeps its binary form: read back in milliseconds.
   */
  const keep = async (wanted: string, model: MuseModel, bytes: Uint8Array) => {
    const name = uniqueName(
      wanted,
      [...infos.values()].map((i) => i.name),
    );
    const meta = {
      name,
      pieces: model.provenance.pieces.length,
      order: model.options.order,
      maxRun: model.options.melodyMaxRun,
      contentHash: model.provenance.contentHash,
    };
    const saved = store ? await store.save(meta, bytes) : undefined;
    const info: StoredModelInfo = saved?.ok
      ? saved.value
      : { ...meta, id: nextSessionId--, created: Date.now(), size: bytes.length };
    addOption(info, saved?.ok ?? false);
    loaded.set(String(info.id), model);
    return { info, saved };
  };

  const ready = (async () => {
    const opened = await openModelStore();
    if (!opened.ok) {
      hooks.say(
        t('Your models cannot be kept in this browser ({reason}): trained models last until you leave.', {
          reason: opened.error,
        }),
        true,
      );
      return;
    }
    const list = await opened.value.list();
    if (!list.ok) {
      hooks.say(t('Your saved models could not be listed: {reason}.', { reason: list.error }), true);
      return;
    }
    store = opened.value;
    for (const info of list.value) addOption(info, true);
    const saved = remembered();
    if (saved !== PRESET_MODEL && infos.has(saved)) await choose(saved);
  })();

  return {
    /** Resolves once the saved models are listed (and the remembered one chosen). */
    ready,
    /** The user's models, by name and content hash (what a blend names). */
    list: (): { name: string; hash: string }[] =>
      [...infos.values()].map((i) => ({ name: i.name, hash: i.contentHash })),
    /** The model with this content hash, when it is read already (else undefined: {@link load} it). */
    cached(hash: string): ModelChoice | undefined {
      const info = infoByHash(hash);
      const model = info && loaded.get(String(info.id));
      return info && model ? { model, name: info.name } : undefined;
    },
    /** Reads the model with this content hash from the store; undefined when there is none or it is damaged. */
    async load(hash: string): Promise<ModelChoice | undefined> {
      await ready;
      const info = infoByHash(hash);
      if (!info) return undefined;
      const read = await modelOf(info);
      if (!read.ok)
        hooks.say(t('Model "{name}" cannot be used: {reason}.', { name: info.name, reason: read.error }), true);
      return read.ok ? { model: read.value, name: info.name } : undefined;
    },
    /** Calls `listen` whenever a model is added or deleted. */
    onChange(listen: () => void): void {
      listeners.push(listen);
    },
    /** Keeps a trained model (in IndexedDB when it can), lists it, selects it; says what happened. */
    async add(trained: TrainedModel): Promise<string> {
      await ready;
      // The model was read (decodeModel) in the task that received it: what follows starts anew.
      await nextTask();
      // The guard's tables are built (a few per task) while the browser writes the model away.
      const [{ info, saved }] = await Promise.all([
        keep(trained.name, trained.model, trained.bytes),
        prepareGuards(trained.model),
      ]);
      const name = info.name;
      changed();
      await choose(String(info.id));
      const kept = saved?.ok
        ? t('saved in this browser')
        : saved
          ? t('kept for this visit only ({reason})', { reason: saved.error })
          : t('kept for this visit only');
      const seconds = Number.isInteger(trained.seconds) ? trained.seconds : fixed(trained.seconds, 1);
      return t('Trained "{name}" on {count} pieces in {seconds} s, {kept}; the piece is now composed from it.', {
        name,
        count: trained.pieces,
        seconds,
        kept,
      });
    },
  };
}
