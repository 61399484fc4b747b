import type { Meter } from '../core';
import { chordOfRoman, chordPitchClasses, romanOf, tonicPitchClass } from '../corpus/theory';
import type { ChordEvent, CorpusPiece } from '../corpus/types';
import { type MetricStrength, metricStrength, UNIT_TICKS, type Units } from './metric';
import { type ModeFamily, modeFamily } from './modeFamily';

/** The chord under a melody note, relative to the key. */
export interface ChordContext {
  /** Roman numeral with its quality, as `romanOf` spells it ("V7", "IIm"). */
  readonly roman: string;
  /** Root in semitones above the tonic, 0–11. */
  readonly root: number;
  /** Chord tones in semitones above the tonic, 0–11, root first. */
  readonly tones: readonly number[];
}

/** One sounding note of a melody, with what the melody model conditions on. */
export interface MelodyNote {
  /** Onset in units from the piece start. */
  readonly onset: Units;
  /** Length in units: up to the next onset, or to its written end when a rest follows. */
  readonly units: Units;
  /**
   * Key-relative pitch: the MIDI pitch minus the tonic's pitch class, so that the tonic falls on
   * multiples of 12 in every key (60 is the tonic from middle C up) and transposing changes nothing.
   */
  readonly pitch: number;
  readonly strength: MetricStrength;
  /** The chord sounding at the onset; null when the piece has no chords there. */
  readonly chord: ChordContext | null;
}

/** One event of the rhythm: a note or a rest, with its onset and length in units. */
export interface RhythmEvent {
  readonly onset: Units;
  readonly units: Units;
  readonly rest: boolean;
}

/** A melody as the models read it: its notes and its rhythm (the notes and the rests between them). */
export interface MelodyLine {
  readonly meter: Meter;
  readonly family: ModeFamily;
  readonly notes: readonly MelodyNote[];
  readonly rhythm: readonly RhythmEvent[];
}

/** Longest note or rest the models represent (two bars of 4/4); longer ones are cut to it. */
export const MAX_UNITS: Units = 96;

const chordCache = new Map<string, ChordContext | null>();

/** The chord of a roman numeral relative to the key (tonic = 0), or null when tonal cannot read it. */
export function chordContextOf(roman: string): ChordContext | null {
  let chord = chordCache.get(roman);
  if (chord === undefined) {
    const tones = roman === '' ? [] : chordPitchClasses(chordOfRoman(roman, 'C'));
    chord = tones.length > 0 ? { roman, root: tones[0], tones } : null;
    chordCache.set(roman, chord);
  }
  return chord;
}

/**
 * The melody of a piece (its first melody track): one note per onset (the highest when several
 * start together), a note cut where the next begins, rests for the gaps; each note with its metric
 * strength and the chord sounding at its onset.
 */
export function melodyLine(piece: CorpusPiece): MelodyLine {
  const track = piece.tracks.find((t) => t.role === 'melody');
  const tonic = Math.max(0, tonicPitchClass(piece.key));
  const sorted = [...(track?.notes ?? [])].sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
  const spans: { on: Units; off: Units; pitch: number }[] = [];
  for (const n of sorted) {
    const on = Math.round(n.tick / UNIT_TICKS);
    const off = Math.max(on + 1, Math.round((n.tick + n.duration) / UNIT_TICKS));
    const last = spans[spans.length - 1];
    if (last && last.on === on) continue;
    if (last && last.off > on) last.off = on;
    spans.push({ on, off, pitch: n.pitch - tonic });
  }
  const chordAt = chordLookup(piece);
  const notes: MelodyNote[] = [];
  const rhythm: RhythmEvent[] = [];
  spans.forEach((s, i) => {
    const units = Math.min(MAX_UNITS, s.off - s.on);
    notes.push({
      onset: s.on,
      units,
      pitch: s.pitch,
      strength: metricStrength(s.on, piece.meter),
      chord: chordAt(s.on * UNIT_TICKS),
    });
    rhythm.push({ onset: s.on, units, rest: false });
    const next = spans[i + 1];
    if (next && next.on > s.off) rhythm.push({ onset: s.off, units: Math.min(MAX_UNITS, next.on - s.off), rest: true });
  });
  return { meter: piece.meter, family: modeFamily(piece.mode), notes, rhythm };
}

/** A function from a tick to the chord sounding there, for ticks asked in increasing order. */
function chordLookup(piece: CorpusPiece): (tick: number) => ChordContext | null {
  const chords: ChordEvent[] = [...(piece.chords ?? [])].sort((a, b) => a.tick - b.tick);
  const contexts = chords.map((c) => chordOfSymbol(c.symbol, piece.key));
  let i = -1;
  return (tick) => {
    while (i + 1 < chords.length && chords[i + 1].tick <= tick) i++;
    const c = chords[i];
    return c && tick < c.tick + c.duration ? contexts[i] : null;
  };
}

/** The chord of a symbol relative to `key`; through its roman numeral, so training and generation agree. */
function chordOfSymbol(symbol: string, key: string): ChordContext | null {
  const roman = romanOf(symbol, key);
  const known = chordContextOf(roman);
  if (known || roman === '') return known;
  const tonic = Math.max(0, tonicPitchClass(key));
  const tones = chordPitchClasses(symbol).map((p) => (p - tonic + 12) % 12);
  return tones.length > 0 ? { roman, root: tones[0], tones } : null;
}
