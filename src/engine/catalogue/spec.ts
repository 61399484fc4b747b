import type { EffectName } from './effects';
import type { InstrumentName } from './instruments';

/** An instrument as a preset names it: `{ "instrument": "FMSynth", "options": { … } }`. */
export interface InstrumentSpec {
  instrument: InstrumentName;
  options?: Record<string, unknown>;
}

/** An effect as a preset names it: `{ "effect": "Chorus", "options": { … } }`. */
export interface EffectSpec {
  effect: EffectName;
  options?: Record<string, unknown>;
}

/** How one part sounds: its instrument, its effect chain, and where it sits in the mix. */
export interface PartSound {
  voice: InstrumentSpec;
  effects?: EffectSpec[];
  /** −1 (left) to 1 (right). */
  pan?: number;
  /** The part's fader in decibels (0: as the instrument plays it). */
  volume?: number;
}

/** How a whole preset sounds: a part sound per track id, and the master chain. */
export interface SoundSpec {
  parts: Record<string, PartSound>;
  master: { effects: EffectSpec[]; volume?: number };
}
