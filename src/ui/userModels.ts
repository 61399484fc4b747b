import type { MuseModel } from '../model';
import { fixed, t } from './i18n';
import { type ModelStore, openModelStore, type StoredModelInfo, uniqueName } from './modelStore';
import type { TrainedModel } from './trainPanel';

/** A model to compose from, with the name the recipe's provenance gives it. */
export interface ModelChoice {
  model: MuseModel;
  name: string;
}

const SELECTED_KEY = 'markov-muse/model/v1';
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
  hooks: { use: (choice: ModelChoice | undefined) => void; say: (text: string, isError?: boolean) => void },
) {
  let store: ModelStore | undefined;
  const infos = new Map<string, StoredModelInfo>();
  const loaded = new Map<string, MuseModel>();
  let nextSessionId = -1;
  let turn = 0;

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
      hooks.use(undefined);
      return;
    }
    let model = loaded.get(select.value);
    if (!model && store) {
      const read = await store.load(info.id);
      if (mine !== turn) return;
      if (!read.ok) {
        hooks.say(t('Model "{name}" cannot be used: {reason}.', { name: info.name, reason: read.error }), true);
        return choose(PRESET_MODEL);
      }
      model = read.value;
      loaded.set(select.value, model);
    }
    if (!model) return choose(PRESET_MODEL);
    remember(select.value);
    hooks.use({ model, name: info.name });
  };

  select.addEventListener('change', () => void choose(select.value));
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
    await choose(PRESET_MODEL);
  });
  refreshDelete();

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
    /** Keeps a trained model (in IndexedDB when it can), lists it, selects it; says what happened. */
    async add(trained: TrainedModel): Promise<string> {
      await ready;
      const name = uniqueName(
        trained.name,
        [...infos.values()].map((i) => i.name),
      );
      const meta = {
        name,
        pieces: trained.pieces,
        order: trained.order,
        maxRun: trained.maxRun,
        contentHash: trained.model.provenance.contentHash,
      };
      const saved = store ? await store.save(meta, trained.text) : undefined;
      const info: StoredModelInfo = saved?.ok
        ? saved.value
        : { ...meta, id: nextSessionId--, created: Date.now(), size: trained.text.length };
      addOption(info, saved?.ok ?? false);
      loaded.set(String(info.id), trained.model);
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
