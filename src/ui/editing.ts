import { type Edit, PARTS, type PartId } from '../compose';
import { barTicks } from '../core';
import { chordOfRoman } from '../corpus';
import { addEdit, type FullRecipe, fillRecipe, type Generated, History, type Preset, type Recipe } from '../presets';
import { t } from './i18n';
import { trackName } from './i18n/terms';
import type { PianoRoll } from './pianoRoll';
import { randomSeed } from './recipeFields';
import { RollEditor, type RollRange } from './rollEditor';
import { isTyping } from './shortcuts';

/** The controls of the edit bar under the piano roll. */
export interface EditControls {
  canvas: HTMLCanvasElement;
  undo: HTMLButtonElement;
  redo: HTMLButtonElement;
  part: HTMLSelectElement;
  variation: HTMLInputElement;
  variationValue: HTMLOutputElement;
  regenerateSelection: HTMLButtonElement;
  chord: HTMLSelectElement;
  status: HTMLElement;
}

/** What editing needs from the page. */
export interface EditingHost {
  roll: PianoRoll;
  current(): Generated | undefined;
  /** Shows a piece (after an edit, an Undo or a Redo) without recording a step. */
  show(g: Generated): void;
  /** The parts locked in the mixer. */
  locked(): ReadonlySet<string>;
  say(text: string, isError?: boolean): void;
}

/** Chords offered by the chord lane, by mode family: the scale's triads, the dominant seventh, and common borrowings. */
const CHORD_CHOICES = {
  major: ['I', 'IIm', 'IIIm', 'IV', 'V', 'VIm', 'VIIo', 'V7', 'IIm7', 'IVmaj7', 'bVII', 'IVm'],
  minor: ['Im', 'IIo', 'bIII', 'IVm', 'Vm', 'V', 'bVI', 'bVII', 'V7', 'IV', 'Im7', 'IIm7b5'],
} as const;
const MINOR_LIKE = new Set(['minor', 'dorian', 'phrygian', 'locrian']);

/**
 * Editing the piece on screen: the piano roll's note editing and selections, Undo and Redo (the
 * buttons, Ctrl+Z and Ctrl+Shift+Z or Ctrl+Y; 100 steps, each edit, regeneration or new piece one
 * step), Regenerate selection with its Variation, and the Chord picker for a selected span. Every
 * edit goes into the recipe (share link, exports, saved settings).
 */
export class Editing {
  readonly history = new History<Generated>(100);
  readonly editor: RollEditor;

  constructor(
    private readonly c: EditControls,
    private readonly host: EditingHost,
  ) {
    this.editor = new RollEditor(c.canvas, host.roll, {
      piece: () => host.current()?.piece,
      part: () => this.part ?? 'melody',
      commit: (edit) => this.commit(edit),
      selected: (range, notes) => this.selected(range, notes),
    });
    c.undo.addEventListener('click', () => this.undo());
    c.redo.addEventListener('click', () => this.redo());
    c.regenerateSelection.addEventListener('click', () => this.regenerateSelection());
    c.part.addEventListener('change', () => this.editor.clearNotes());
    const showVariation = () => {
      c.variationValue.value = Number(c.variation.value).toFixed(2);
    };
    c.variation.addEventListener('input', showVariation);
    showVariation();
    c.chord.addEventListener('change', () => this.pickChord());
    document.addEventListener('keydown', (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTyping(e.target as HTMLElement | null)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) this.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') this.redo();
      else return;
      e.preventDefault();
    });
    this.buttons();
  }

  /** The part the Part select names, or undefined for all parts. */
  private get part(): PartId | undefined {
    const v = this.c.part.value;
    return (PARTS as readonly string[]).includes(v) ? (v as PartId) : undefined;
  }

  /** The selected part, the melody for "All parts" (where Record writes). */
  get partOrMelody(): PartId {
    return this.part ?? 'melody';
  }

  /** Records that the page is leaving `left` for a new piece (a new seed, preset, setting). */
  record(left: Generated | undefined): void {
    if (left) this.history.push(left);
    this.buttons();
  }

  /** A new piece is on screen: the selection follows it, the chord list its mode. */
  shown(g: Generated): void {
    this.editor.refresh();
    const choices = CHORD_CHOICES[MINOR_LIKE.has(g.recipe.mode) ? 'minor' : 'major'];
    const key = `${g.recipe.key}|${choices.join()}`;
    if (this.c.chord.dataset.key !== key) {
      this.c.chord.dataset.key = key;
      const placeholder = new Option(t('Chord for the selection…'), '');
      this.c.chord.replaceChildren(placeholder);
      for (const r of choices) this.c.chord.add(new Option(`${r} (${chordOfRoman(r, g.recipe.key) || '?'})`, r));
    }
    this.buttons();
  }

  /** Applies an edit to the piece on screen and records the step. */
  commit(edit: Edit, words?: string): boolean {
    return this.commitAll([edit], words);
  }

  /** Applies edits in order as one step (one Undo brings back the piece before all of them). */
  commitAll(edits: readonly Edit[], words?: string): boolean {
    const g = this.host.current();
    if (!g) return false;
    let next = g;
    for (const edit of edits) {
      const added = addEdit(next, edit);
      if (!added.ok) {
        this.host.say(added.error.message, true);
        return false;
      }
      next = added.value;
    }
    this.history.push(g);
    this.host.show(next);
    if (words) this.host.say(words);
    this.buttons();
    return true;
  }

  undo(): void {
    this.step((g) => this.history.undo(g), t('Undone.'));
  }

  redo(): void {
    this.step((g) => this.history.redo(g), t('Redone.'));
  }

  /** Shows the piece Undo or Redo gives back, if any. */
  private step(move: (now: Generated) => Generated | undefined, words: string): void {
    const g = this.host.current();
    const to = g && move(g);
    if (!to) return;
    this.host.show(to);
    this.host.say(words);
    this.buttons();
  }

  /**
   * Regenerate (a new piece) while parts are locked: the unlocked parts of the whole piece are
   * composed again from a new seed, the locked ones stay. False when nothing is locked.
   */
  regenerateUnlocked(): boolean {
    const g = this.host.current();
    const locked = this.host.locked();
    if (!g || locked.size === 0) return false;
    const parts = this.unlocked(g, PARTS);
    if (parts.length === 0) {
      this.host.say(t('Every part is locked: unlock one in the mixer to regenerate it.'), true);
      return true;
    }
    const names = [...locked].map(trackName).join(', ');
    this.commit(
      { op: 'regenerate', from: 0, to: g.piece.bars, parts, seed: randomSeed(), variation: 1 },
      t('Regenerated everything but the locked parts ({parts}).', { parts: names }),
    );
    return true;
  }

  /** The parts of `wanted` that the piece has and the mixer has not locked. */
  private unlocked(g: Generated, wanted: readonly PartId[]): PartId[] {
    const locked = this.host.locked();
    return wanted.filter((p) => !locked.has(p) && g.piece.tracks.some((t) => t.id === p));
  }

  /** Regenerate selection: the selected bars (all when none) of the selected part (all when none). */
  regenerateSelection(): void {
    const g = this.host.current();
    if (!g) return;
    const bar = barTicks(g.piece.meter);
    const range = this.editor.selection;
    const from = range ? Math.floor(range.start / bar) : 0;
    const to = range ? Math.max(from + 1, Math.ceil(range.end / bar)) : g.piece.bars;
    const part = this.part;
    // New chords carry the bass with them (unless the bass is locked).
    const wanted: PartId[] = part ? (part === 'chords' ? ['chords', 'bass'] : [part]) : [...PARTS];
    const parts = this.unlocked(g, wanted);
    if (parts.length === 0) {
      this.host.say(
        t('{part} is locked: unlock it in the mixer to regenerate it.', { part: trackName(part ?? 'melody') }),
        true,
      );
      return;
    }
    const variation = Math.round(Number(this.c.variation.value) * 100) / 100;
    const bars =
      to - from === 1 ? t('bar {bar}', { bar: from + 1 }) : t('bars {first}–{last}', { first: from + 1, last: to });
    this.commit(
      { op: 'regenerate', from, to, parts, seed: randomSeed(), variation },
      t('Regenerated {bars} ({parts}).', { bars, parts: parts.map(trackName).join(', ') }),
    );
  }

  private pickChord(): void {
    const roman = this.c.chord.value;
    const range = this.editor.selection;
    this.c.chord.value = '';
    if (!roman || !range) return;
    this.commit(
      { op: 'chord', from: Math.round(range.start), to: Math.round(range.end), roman },
      t('Chord set: {chord}.', { chord: roman }),
    );
  }

  private selected(range: RollRange | undefined, notes: number): void {
    const g = this.host.current();
    this.c.chord.disabled = !range;
    if (!g) return;
    const bar = barTicks(g.piece.meter);
    const parts: string[] = [];
    if (range) {
      const first = Math.floor(range.start / bar) + 1;
      const last = Math.max(first, Math.ceil(range.end / bar));
      parts.push(
        first === last ? t('bar {bar} selected', { bar: first }) : t('bars {first}–{last} selected', { first, last }),
      );
    }
    if (notes > 0) parts.push(notes === 1 ? t('1 note selected') : t('{n} notes selected', { n: notes }));
    this.c.status.textContent = parts.length
      ? parts.join(', ')
      : t('Nothing selected: Regenerate selection works on the whole piece.');
  }

  private buttons(): void {
    this.c.undo.disabled = !this.history.canUndo;
    this.c.redo.disabled = !this.history.canRedo;
  }
}

/** The recipe fields an edit list belongs to: another value of any of them is another piece. */
const BASE_FIELDS = [
  'preset',
  'seed',
  'bars',
  'key',
  'mode',
  'meter',
  'form',
  'temperature',
  'maxRun',
  'blend',
] as const;

/**
 * The edits a new reading of the fields keeps: all of them while the piece stays the same one (the
 * tempo may change), none for another piece (a new seed, preset, length, key, …; Undo brings them back).
 */
export function keptEdits(current: Generated | undefined, read: Recipe, preset: Preset | undefined) {
  if (!current?.recipe.edits || !preset) return undefined;
  const next = fillRecipe(read, preset);
  const same = BASE_FIELDS.every((f) => JSON.stringify(next[f]) === JSON.stringify(current.recipe[f]));
  return same ? current.recipe.edits : undefined;
}

/** Whether two recipes make the same piece. */
export function sameRecipe(a: FullRecipe, b: FullRecipe): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
