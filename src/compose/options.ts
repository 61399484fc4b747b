import type { Bpm, Meter, MidiPitch, Velocity } from '../core';
import type { Mode } from '../corpus';
import type { GrooveOptions } from './groove';

export type CompingPattern = 'sustain' | 'beats' | 'afterbeats' | 'arpeggio';
/** How the chords part voices its chords (see voicing.ts), or four-part writing (fourPart.ts). */
export type ChordVoicing = 'close' | 'open' | 'rootless' | 'four-part';
export type BassPattern = 'root' | 'root-fifth' | 'pulse' | 'downbeat' | 'octaves' | 'approach' | 'walking';

/** Name and General MIDI program of one part. */
export interface PartOptions {
  name: string;
  /** General MIDI program, 0-based. */
  program: number;
}

/** Everything the composer needs besides the models and the seed. */
export interface ComposeOptions {
  title: string;
  key: string;
  mode: Mode;
  meter: Meter;
  tempo: Bpm;
  bars: number;
  /** The form: "intro A A B A outro", or letters only ("AABA"); repeated to fill the bars. */
  form: string;
  phraseBars: number;
  /** Bars of each lettered section (a whole number of phrases; the last may be cut short). */
  sectionBars: number;
  /** 1 keeps the model's probabilities; lower is safer, higher is wilder. */
  temperature: number;
  /**
   * The longest a chord may be held, in beats (a chord struck again right after itself counts as
   * held): the corpus's own 95th percentile. Default: the model's training chords' 95th percentile.
   */
  longestChord?: number;
  /**
   * The lead: its range, and `ambitus`, the widest span in semitones one piece's melody may cover
   * (a window in the middle of the range; default {@link DEFAULT_AMBITUS}).
   */
  melody: PartOptions & {
    low: MidiPitch;
    high: MidiPitch;
    velocity: Velocity;
    chordToneBias: number;
    ambitus?: number;
  };
  /**
   * The chords part; `voicing` is how its chords are voiced (default `close`), `four-part` making
   * it alto and tenor, written with the bass under the melody as a chorale is.
   */
  chords: PartOptions & {
    low: MidiPitch;
    high: MidiPitch;
    velocity: Velocity;
    pattern: CompingPattern;
    voicing?: ChordVoicing;
  };
  bass: PartOptions & { low: MidiPitch; high: MidiPitch; velocity: Velocity; pattern: BassPattern };
  /** A drum part in a named style of DRUM_STYLES, with fills at section ends; none when absent. */
  drums?: PartOptions & { style: string; velocity: number; fills: boolean };
  /** Largest random change of velocity, ± this many steps. */
  humanizeVelocity: number;
  /** Swing and timing humanization, baked into the notes (all zero: quantized). */
  groove: GrooveOptions;
}

/** The widest a piece's melody goes unless its preset asks for more: 19 semitones, a twelfth and a bit (real folk tunes: 17 on average). */
export const DEFAULT_AMBITUS = 19;

export const composeDefaults: ComposeOptions = {
  title: 'Untitled',
  key: 'C',
  mode: 'major',
  meter: [4, 4],
  tempo: 100,
  bars: 16,
  form: 'AABA',
  phraseBars: 4,
  sectionBars: 8,
  temperature: 1,
  melody: { name: 'Melody', program: 73, low: 62, high: 84, velocity: 92, chordToneBias: 3 },
  chords: { name: 'Chords', program: 0, low: 52, high: 76, velocity: 64, pattern: 'sustain' },
  bass: { name: 'Bass', program: 32, low: 31, high: 52, velocity: 84, pattern: 'root' },
  humanizeVelocity: 6,
  groove: { swing: 0, swingUnit: 'eighth', timing: 0 },
};
