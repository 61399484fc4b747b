import { builtinPresets, type FullRecipe, fillRecipe, findPreset, parseShareFragment } from '../presets';
import { t } from './i18n';
import type { PresetLibrary } from './presetLibrary';
import type { PresetPanel } from './presetPanel';
import { loadSettings } from './settings';

/** What opening a recipe needs from the page. */
export interface OpenRecipeHost {
  library: PresetLibrary;
  panel: PresetPanel;
  /** Shows a recipe in the fields; `update` then composes from the fields. */
  fill: (recipe: FullRecipe) => void;
  update: () => void;
  /** Resolves when the piece `update` asked for is on screen (its corpus may load first). */
  settled?: () => Promise<void>;
  say: (text: string, isError?: boolean) => void;
}

/**
 * The recipe of a share link (`#v=1&preset=…&seed=…`): its piece exactly; a broken link gives the
 * sentence that names why, and a link without a known preset gives undefined.
 */
function fromLink(hash: string, host: OpenRecipeHost): FullRecipe | string | undefined {
  if (hash.length <= 1) return undefined;
  const link = parseShareFragment(hash);
  if (!link.ok) return t('This share link cannot be opened: {reason}.', { reason: link.error.message });
  const p = link.value.preset ?? findPreset(link.value.recipe.preset);
  if (!p) return undefined;
  // A link's preset travels whole (edited or the sender's own); without one it is the built-in as is.
  if (link.value.preset) host.panel.receive(link.value.preset);
  else host.library.reset(p.name);
  return fillRecipe(link.value.recipe, p);
}

/**
 * Opens the first piece: the share link's, else the settings of the last visit, else the first
 * built-in preset with seed 1 — and again at each change of the link (hashchange). A broken link
 * is named in the status and the piece before it stays.
 */
export function startRecipeOpening(host: OpenRecipeHost): void {
  const first = builtinPresets()[0];
  const saved = loadSettings();
  const savedPreset = saved && host.library.resolve(saved.preset);
  let initial: FullRecipe =
    saved && savedPreset ? fillRecipe(saved, savedPreset) : fillRecipe({ preset: first.name, seed: 1 }, first);
  const open = (hash: string) => {
    const linked = fromLink(hash, host);
    if (typeof linked === 'object') initial = linked;
    host.fill(initial);
    host.update();
    if (typeof linked !== 'string') return;
    host.say(linked, true);
    // Said again once the piece is there: composing after a corpus has loaded describes the piece.
    void host.settled?.().then(() => host.say(linked, true));
  };
  open(location.hash);
  window.addEventListener('hashchange', () => open(location.hash));
}
