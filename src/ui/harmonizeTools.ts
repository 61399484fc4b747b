import { barTicks } from '../core';
import { importFile } from '../corpus';
import { type Generated, harmonizeRecipe, type Recipe } from '../presets';
import type { Editing } from './editing';
import { t } from './i18n';

/** What Harmonize needs from the page. */
export interface HarmonizeHost {
  editing: Editing;
  current(): Generated | undefined;
  /** Opens a recipe (its fields and edits) as the piece on screen. */
  open(recipe: Recipe): void;
  say(text: string, isError?: boolean): void;
}

/** A melody file larger than this is refused before it is read (a melody is a few kilobytes). */
const MAX_MELODY_BYTES = 1024 * 1024;

/**
 * Harmonize: the button sets the harmony of the selected bars (or the whole piece) to the most
 * probable chords for the melody there; a MIDI file chosen in "Harmonize a melody file" becomes the
 * melody of a new piece in its key, meter and tempo, with chords, bass and drums from the preset's
 * model around it. Both are edits of the recipe (Undo, share link, exports).
 */
export function startHarmonize(button: HTMLButtonElement, file: HTMLInputElement, host: HarmonizeHost): void {
  button.addEventListener('click', () => {
    const g = host.current();
    if (!g) return;
    const bar = barTicks(g.piece.meter);
    const range = host.editing.editor.selection;
    const from = range ? Math.floor(range.start / bar) : 0;
    const to = range ? Math.max(from + 1, Math.ceil(range.end / bar)) : g.piece.bars;
    host.editing.commit(
      { op: 'harmonize', from, to },
      t('Harmonized bars {first}–{last} to the melody.', { first: from + 1, last: to }),
    );
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    const g = host.current();
    if (!chosen || !g) return;
    if (chosen.size > MAX_MELODY_BYTES) {
      host.say(t('{file} is too large for a melody (at most 1 MiB).', { file: chosen.name }), true);
      return;
    }
    const imported = importFile(chosen.name, new Uint8Array(await chosen.arrayBuffer()));
    const piece = imported.pieces[0];
    if (!piece) {
      host.say(imported.lines[0]?.error?.message ?? t('{file} holds no melody.', { file: chosen.name }), true);
      return;
    }
    const recipe = harmonizeRecipe(piece, { preset: g.recipe.preset, seed: g.recipe.seed });
    if (!recipe.ok) {
      host.say(recipe.error.message, true);
      return;
    }
    host.open(recipe.value);
    host.say(t('Harmonized {file}: its melody with chords, bass and drums from the model.', { file: chosen.name }));
  });
}
