import { composeEndless } from '../compose';
import type { Ticks } from '../core';
import type { Player } from '../engine/play/player';
import type { SoundSpec } from '../engine/sound';
import { composeOptions, type Generated } from '../presets';
import { t } from './i18n';
import type { PianoRoll } from './pianoRoll';
import './endless.css';

/** What the Endless switch needs from the page. */
export interface EndlessHost {
  roll: PianoRoll;
  say(text: string): void;
  /** How the preset sounds in the engine. */
  engine(g: Generated): SoundSpec;
  /** The current piece, its recipe and model. */
  current(): Generated | undefined;
  /** The player, if audio has been started. */
  player(): Player | undefined;
}

/** What window.muse.endless() reports. */
export interface EndlessReport {
  on: boolean;
  sectionsPlayed: number;
  sectionsHeld: number;
  /** The section playing (or next to play): its number from 1, its letter, first tick and bars. */
  section?: { number: number; label: string; start: Ticks; bars: number };
}

/**
 * The Endless switch: on, Play plays the current preset, seed and model as sections composed one
 * after another while the one before plays (same recipe: same sections), the piano roll shows the
 * section playing and the status line says which; Loop does not apply. Off: the piece. Exports are
 * of the piece either way.
 */
export class EndlessSwitch {
  /** The recipe loaded as endless sections (a new one restarts them; a tempo change does not). */
  private loadedFrom: { preset: unknown; model: unknown; recipe: string } | undefined;
  /** The section drawn on the roll (index), if it shows one. */
  private drawn: number | undefined;
  /** The section the status line last named. */
  private said: number | undefined;

  constructor(
    private readonly toggle: HTMLInputElement,
    loop: HTMLButtonElement,
    private readonly host: EndlessHost,
  ) {
    loop.disabled = toggle.checked;
    toggle.addEventListener('change', () => {
      loop.disabled = toggle.checked;
      const g = host.current();
      const p = host.player();
      if (g && p) this.load(p, g);
      if (!toggle.checked && g) host.roll.draw(g.piece);
      host.say(
        toggle.checked
          ? t('Endless: Play composes section after section while the one before plays.')
          : t('Endless off: Play plays the piece.'),
      );
    });
    window.addEventListener('resize', () => {
      this.drawn = undefined;
    });
  }

  get on(): boolean {
    return this.toggle.checked;
  }

  /**
   * Loads `g` into `player` as endless sections when the switch is on (false: it is off, load the
   * piece). The same recipe already loaded is kept, playing on (a tempo change is applied live).
   */
  loadInto(player: Player, g: Generated): boolean {
    if (!this.on) {
      this.loadedFrom = undefined;
      return false;
    }
    const from = this.loadedFrom;
    this.drawn = undefined;
    if (player.endless && from?.preset === g.preset && from.model === g.model && from.recipe === sectionsOf(g))
      return true;
    this.load(player, g);
    return true;
  }

  /** The playhead's tick on the roll for transport tick `ticks`: in the section playing, redrawn when it changes. */
  playhead(ticks: Ticks): Ticks {
    const state = this.on ? this.host.player()?.endless : undefined;
    if (!state) return ticks;
    const { section } = state;
    if (this.drawn !== section.index) {
      this.drawn = section.index;
      this.host.roll.draw(section.piece);
    }
    if (state.sectionsPlayed === 0) this.said = undefined;
    else if (this.said !== section.index) {
      this.said = section.index;
      this.host.say(t('Endless: section {number} ({label}).', { number: section.index + 1, label: section.label }));
    }
    return Math.max(0, ticks - section.start);
  }

  /** For window.muse: whether the switch is on, and how far endless playback has gone. */
  report(): EndlessReport {
    const state = this.on ? this.host.player()?.endless : undefined;
    return {
      on: this.on,
      sectionsPlayed: state?.sectionsPlayed ?? 0,
      sectionsHeld: state?.sectionsHeld ?? 0,
      section: state && {
        number: state.section.index + 1,
        label: state.section.label,
        start: state.section.start,
        bars: state.section.piece.bars,
      },
    };
  }

  /** Loads `g` as the switch says: endless sections from its recipe, or the piece. */
  private load(player: Player, g: Generated): void {
    this.drawn = undefined;
    this.said = undefined;
    if (!this.on) {
      this.loadedFrom = undefined;
      player.load(g.piece, this.host.engine(g));
      return;
    }
    const options = composeOptions(g.preset, g.recipe);
    player.loadEndless(() => composeEndless(g.model, options, g.recipe.seed), this.host.engine(g));
    this.loadedFrom = { preset: g.preset, model: g.model, recipe: sectionsOf(g) };
  }
}

/** What decides the sections (the recipe but its tempo and length: a tempo change keeps them playing). */
function sectionsOf(g: Generated): string {
  const { tempo: _tempo, bars: _bars, ...rest } = g.recipe;
  return JSON.stringify(rest);
}
