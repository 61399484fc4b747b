import type { Rng, Ticks } from '../core';
import { chordPitchClasses, type Note, scaleSteps, tonicPitchClass } from '../corpus';
import { type DrumVoice, GM_DRUMS } from './drums';
import type { PartId } from './edits';
import { nearestOf } from './notes';
import type { ComposeOptions } from './options';
import type { ChordSpan, Piece } from './piece';

/*
 * Variation below one half for the bass and drums, as for the melody and chords (regenerate.ts): a
 * variation at a bounded distance (after Roy, Papadopoulos and Pachet's lead-sheet variations) —
 * every onset, length and velocity kept, a share of 2 × Variation of the notes changed, each by a
 * bounded step.
 */

/** `k` of the indices 0…n−1 drawn without repeats. */
export function pickIndices(n: number, k: number, rng: Rng): Set<number> {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return new Set(order.slice(0, Math.max(0, Math.min(n, k))));
}

/** How many of `n` notes a Variation of `v` changes: 2·v of them, one at least. */
export const variedCount = (n: number, v: number): number => Math.min(n, Math.max(1, Math.round(n * 2 * v)));

const pcOf = (p: number) => ((p % 12) + 12) % 12;

/**
 * The bass of [from, to) varied: its rhythm kept; a note on a chord change whose chord is not the
 * one it was written for (`written`: the harmony before) moves to the new chord's root (nearest), so
 * the bass follows new harmony; of the others, {@link variedCount} move to another pitch at most
 * `5 + 7·v` semitones away (a bass's nearest other chord tone is 3 to 7 away), keeping the direction from the note before and to the note after — on
 * a chord change another tone of the chord (an inversion), elsewhere a chord or scale tone. Notes
 * outside the span are returned as they were.
 */
export function varyBass(
  notes: readonly Note[],
  chords: readonly ChordSpan[],
  written: readonly ChordSpan[],
  o: ComposeOptions,
  span: { from: Ticks; to: Ticks; slack: Ticks },
  v: number,
  rng: Rng,
): Note[] {
  const { from, to, slack } = span;
  const inside = notes.map((n, i) => ({ n, i })).filter(({ n }) => n.tick >= from && n.tick < to);
  if (inside.length === 0) return [...notes];
  const tonic = Math.max(0, tonicPitchClass(o.key));
  const scale = scaleSteps(o.mode).map((s) => (tonic + s) % 12);
  const chordIn = (list: readonly ChordSpan[], tick: Ticks) =>
    list.find((c) => c.tick <= tick + slack && tick + slack < c.tick + c.duration);
  const onChord = (n: Note) => chords.some((c) => Math.abs(c.tick - n.tick) <= slack);
  // Notes on a changed chord belong to the new harmony: they follow it and are not varied.
  const follows = (n: Note) => onChord(n) && chordIn(chords, n.tick)?.symbol !== chordIn(written, n.tick)?.symbol;
  const out = [...notes];
  // A note's other pitches: within the bound, in the chord (or the scale off the chord changes),
  // the same direction from the note before and to the note after.
  const step = 5 + Math.round(7 * v);
  const { low, high } = o.bass;
  const same = (a: number, b: number) => a === 0 || Math.sign(a) === Math.sign(b);
  const optionsOf = (n: Note, i: number): number[] => {
    const chord = chordIn(chords, n.tick);
    const tones = chord ? chordPitchClasses(chord.symbol) : [];
    const before = notes[i - 1]?.pitch;
    const after = notes[i + 1]?.pitch;
    const allowed = new Set(onChord(n) ? tones : [...tones, ...scale]);
    const options: number[] = [];
    for (let p = Math.max(low, n.pitch - step); p <= Math.min(high, n.pitch + step); p++) {
      if (p === n.pitch || !allowed.has(pcOf(p))) continue;
      if (before !== undefined && !same(n.pitch - before, p - before)) continue;
      if (after !== undefined && !same(after - n.pitch, after - p)) continue;
      options.push(p);
    }
    return options;
  };
  const free = inside.filter(({ n }) => !follows(n));
  // The share is of the free notes; it is drawn among those that can move.
  const movable = free.map(({ n, i }) => ({ i, options: optionsOf(n, i) })).filter((m) => m.options.length > 0);
  const changed = pickIndices(movable.length, Math.min(movable.length, variedCount(free.length, v)), rng);
  movable.forEach(({ i, options }, k) => {
    if (changed.has(k)) out[i] = { ...notes[i], pitch: options[rng.int(options.length)] };
  });
  for (const { n, i } of inside) {
    if (!follows(n)) continue;
    const chord = chordIn(chords, n.tick);
    const root = chord ? chordPitchClasses(chord.symbol)[0] : undefined;
    if (root !== undefined && pcOf(n.pitch) !== root) out[i] = { ...n, pitch: nearestOf([root], n.pitch, low, high) };
  }
  return out;
}

/** Voices a drum hit may turn into and still play the same role (a hat another hat, the snare a rim click). */
const RELATED: Partial<Record<DrumVoice, readonly DrumVoice[]>> = {
  closedHat: ['pedalHat', 'openHat'],
  pedalHat: ['closedHat'],
  openHat: ['closedHat'],
  ride: ['closedHat'],
  snare: ['rim'],
  rim: ['snare'],
  highTom: ['midTom'],
  midTom: ['highTom', 'lowTom'],
  lowTom: ['midTom'],
};
const VOICE_OF = new Map<number, DrumVoice>(Object.entries(GM_DRUMS).map(([v, p]) => [p, v as DrumVoice]));

/**
 * The drums of [from, to) varied: every hit keeps its onset, length and velocity (the groove is the
 * rhythm); {@link variedCount} of the hits that have a related voice change to it — a closed hat
 * opens, a snare becomes a rim click, a tom another tom. Kick and crash stay. Hits outside the span
 * are returned as they were.
 */
export function varyDrums(notes: readonly Note[], from: Ticks, to: Ticks, v: number, rng: Rng): Note[] {
  const candidates = notes
    .map((n, i) => ({ n, i, voice: VOICE_OF.get(n.pitch) }))
    .filter(({ n, voice }) => n.tick >= from && n.tick < to && voice && RELATED[voice]);
  const changed = pickIndices(candidates.length, variedCount(candidates.length, v), rng);
  const out = [...notes];
  candidates.forEach(({ n, i, voice }, k) => {
    if (!changed.has(k) || !voice) return;
    const related = RELATED[voice] ?? [];
    out[i] = { ...n, pitch: GM_DRUMS[related[rng.int(related.length)]] };
  });
  return out;
}

/**
 * The bass and drums of [from, to) varied, of those in `parts` ({@link varyBass} over the piece's
 * harmony, the chords it was written for being `written`; {@link varyDrums}).
 */
export function varyAccompaniment(
  piece: Piece,
  written: readonly ChordSpan[],
  o: ComposeOptions,
  span: { from: Ticks; to: Ticks },
  parts: ReadonlySet<PartId>,
  v: number,
  rng: Rng,
): Piece {
  const varied = (id: string, notes: readonly Note[]): Note[] | undefined => {
    if (id === 'bass' && parts.has('bass'))
      return varyBass(notes, piece.chords, written, o, { ...span, slack: o.groove.timing }, v, rng.fork('bass'));
    if (id === 'drums' && parts.has('drums')) return varyDrums(notes, span.from, span.to, v, rng.fork('drums'));
    return undefined;
  };
  return {
    ...piece,
    tracks: piece.tracks.map((t) => {
      const notes = varied(t.id, t.notes);
      return notes ? { ...t, notes } : t;
    }),
  };
}
