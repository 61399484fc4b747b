import type { ChordContext, MelodyLine, MelodyNote } from './melodyLine';
import type { MetricStrength } from './metric';
import type { ModeFamily } from './modeFamily';

/** A melody as the pitch model reads it: its notes and its mode family. */
export type PitchLine = Pick<MelodyLine, 'family' | 'notes'>;

const STRENGTHS: readonly MetricStrength[] = ['D', 'B', 'h', 'o'];
const FAMILIES: readonly ModeFamily[] = ['M', 'm'];

/** The arrays of a {@link LineStore}, to send it to another thread. */
export interface LineArrays {
  starts: Int32Array;
  family: Uint8Array;
  pitch: Int16Array;
  units: Uint8Array;
  strength: Uint8Array;
  chord: Int32Array;
  chords: ChordContext[];
}

/**
 * Melody lines kept for fitting the pitch weights, 8 bytes a note instead of an object: the fit
 * reads every line once more after all of them are counted (its sample of notes depends on how
 * many there are). Lines are kept in the order they were added; stores merge by appending.
 */
export class LineStore {
  private starts = [0];
  private family: number[] = [];
  private pitch = new Int16Array(1024);
  private units = new Uint8Array(1024);
  private strength = new Uint8Array(1024);
  private chord = new Int32Array(1024);
  private readonly chords: ChordContext[] = [];
  private readonly chordIds = new Map<string, number>();
  /** The id of each chord object seen (a piece's notes share their chord's object). */
  private readonly chordObjects = new WeakMap<ChordContext, number>();

  /** Number of lines. */
  get size(): number {
    return this.family.length;
  }

  /** Number of notes of every line. */
  get notes(): number {
    return this.starts[this.starts.length - 1];
  }

  add(line: PitchLine): void {
    const from = this.notes;
    this.reserve(from + line.notes.length);
    line.notes.forEach((n, i) => {
      this.pitch[from + i] = n.pitch;
      this.units[from + i] = n.units;
      this.strength[from + i] = STRENGTHS.indexOf(n.strength);
      this.chord[from + i] = n.chord ? this.chordId(n.chord) : -1;
    });
    this.family.push(FAMILIES.indexOf(line.family));
    this.starts.push(from + line.notes.length);
  }

  /** Line `i` (its notes made anew: onsets are not kept). */
  line(i: number): PitchLine {
    const notes: MelodyNote[] = [];
    for (let j = this.starts[i]; j < this.starts[i + 1]; j++)
      notes.push({
        onset: 0,
        units: this.units[j],
        pitch: this.pitch[j],
        strength: STRENGTHS[this.strength[j]],
        chord: this.chord[j] < 0 ? null : this.chords[this.chord[j]],
      });
    return { family: FAMILIES[this.family[i]], notes };
  }

  /** Appends the lines of another store. */
  merge(other: LineArrays): void {
    const ids = other.chords.map((c) => this.chordId(c));
    const from = this.notes;
    const n = other.pitch.length;
    this.reserve(from + n);
    this.pitch.set(other.pitch, from);
    this.units.set(other.units, from);
    this.strength.set(other.strength, from);
    for (let j = 0; j < n; j++) this.chord[from + j] = other.chord[j] < 0 ? -1 : ids[other.chord[j]];
    for (let i = 0; i < other.family.length; i++) {
      this.family.push(other.family[i]);
      this.starts.push(from + other.starts[i + 1]);
    }
  }

  toArrays(): LineArrays {
    const n = this.notes;
    return {
      starts: Int32Array.from(this.starts),
      family: Uint8Array.from(this.family),
      pitch: this.pitch.slice(0, n),
      units: this.units.slice(0, n),
      strength: this.strength.slice(0, n),
      chord: this.chord.slice(0, n),
      chords: this.chords,
    };
  }

  private chordId(c: ChordContext): number {
    const known = this.chordObjects.get(c);
    if (known !== undefined) return known;
    const key = `${c.roman}|${c.tones.join(',')}`;
    let id = this.chordIds.get(key);
    if (id === undefined) {
      id = this.chords.length;
      this.chords.push(c);
      this.chordIds.set(key, id);
    }
    this.chordObjects.set(c, id);
    return id;
  }

  private reserve(n: number): void {
    if (n <= this.pitch.length) return;
    const size = Math.max(n, this.pitch.length * 2);
    const grow = <T extends Int16Array | Uint8Array | Int32Array>(a: T, make: (k: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.pitch = grow(this.pitch, (k) => new Int16Array(k));
    this.units = grow(this.units, (k) => new Uint8Array(k));
    this.strength = grow(this.strength, (k) => new Uint8Array(k));
    this.chord = grow(this.chord, (k) => new Int32Array(k));
  }
}
