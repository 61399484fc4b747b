import { barTicks, beatTicks, type Meter, type MidiPitch, type PitchClass, type Ticks } from '../core';
import type { Note } from '../corpus';
import { DEAF, type MelodyEar } from './listen';
import { accent } from './notes';
import type { CompingPattern } from './options';
import { parallel, semitoneApart } from './rules';
import { type VoicingStyle, voiceChord } from './voicing';

/** A chord of the harmony with absolute ticks and its pitch classes, root first. */
export interface HarmonyEvent {
  tick: Ticks;
  duration: Ticks;
  pitchClasses: number[];
}

export interface PartRange {
  low: MidiPitch;
  high: MidiPitch;
  velocity: number;
}

/** What the chords part listens to besides the harmony: the melody, the bass, the style, the key. */
export interface Listening {
  ear: MelodyEar;
  /** The bass part, sorted by tick. */
  bass: readonly Note[];
  style: VoicingStyle;
  /** The key's tonic pitch class (the leading tone rises to it). */
  tonic?: PitchClass;
}

/** Onsets of a pattern inside one chord: every beat, every beat but the downbeat, or every half beat. */
export function onsets(h: HarmonyEvent, step: Ticks, skipDownbeats: Ticks | 0): Ticks[] {
  const out: Ticks[] = [];
  for (let t = h.tick; t < h.tick + h.duration; t += step) if (!skipDownbeats || t % skipDownbeats !== 0) out.push(t);
  return out;
}

/** The lowest note of `notes` (sorted by tick) sounding at `tick`, and the lowest over [from, to). */
export function lowestOf(notes: readonly Note[]) {
  const longest = notes.reduce((m, n) => Math.max(m, n.duration), 0);
  const sounding = (from: Ticks, to: Ticks): number => {
    let lo = 0;
    let hi = notes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (notes[mid].tick < from - longest) lo = mid + 1;
      else hi = mid;
    }
    let low = Number.POSITIVE_INFINITY;
    for (let i = lo; i < notes.length && notes[i].tick < to; i++)
      if (notes[i].tick + notes[i].duration > from) low = Math.min(low, notes[i].pitch);
    return low;
  };
  const found = (low: number) => (Number.isFinite(low) ? low : undefined);
  return {
    at: (tick: Ticks | undefined): MidiPitch | undefined =>
      tick === undefined ? undefined : found(sounding(tick, tick + 1)),
    over: (from: Ticks, to: Ticks): MidiPitch | undefined => found(sounding(from, to)),
  };
}

/**
 * The chords part: each chord voiced by {@link voiceChord} — listening to the melody over it and the
 * bass under it — and played as the pattern says. A held chord (`sustain`) whose voicing would rub a
 * melody note struck on a later strong beat is voiced again from that beat, its common tones held;
 * a struck or broken chord leaves out, at that moment, a note that would rub the melody.
 */
export function comp(
  harmony: readonly HarmonyEvent[],
  meter: Meter,
  pattern: CompingPattern,
  part: PartRange,
  listening: Partial<Listening> = {},
): Note[] {
  const bar = barTicks(meter);
  const beat = beatTicks(meter);
  const ear = listening.ear ?? DEAF;
  const bass = lowestOf(listening.bass ?? []);
  const notes: Note[] = [];
  let previous: MidiPitch[] | undefined;
  const before = (tick: Ticks) => (previous ? Math.max(0, tick - beat) : undefined);
  const held = new Map<MidiPitch, Note>();
  // A broken chord's note on the last beat: the voice the next beat's note moves on from.
  let onBeat: Note | undefined;
  const parallelAt = (p: MidiPitch, t: Ticks) => {
    if (!onBeat || onBeat.tick !== t - beat) return false;
    const [m0, m1, b0, b1] = [ear.at(t - beat), ear.at(t), bass.at(t - beat), bass.at(t)];
    return (
      (m0 !== undefined && m1 !== undefined && parallel(m0, onBeat.pitch, m1, p) !== undefined) ||
      (b0 !== undefined && b1 !== undefined && parallel(onBeat.pitch, b0, p, b1) !== undefined)
    );
  };
  const voice = (h: HarmonyEvent, from: Ticks, to: Ticks, end = to) =>
    voiceChord(h.pitchClasses, {
      low: part.low,
      high: part.high,
      style: listening.style ?? 'close',
      previous,
      strong: ear.strong(from, to).map((n) => n.pitch),
      later: to < end ? ear.strong(to, end).map((n) => n.pitch) : undefined,
      tune: ear.pitches(from, to),
      // Against what sounded a beat before (where a listener hears two voices move), and now.
      melody: { from: ear.at(before(from)), to: ear.at(from) },
      bass: { from: bass.at(before(from)), to: bass.at(from), low: bass.over(from, to) },
      tonic: listening.tonic,
    });
  for (const h of harmony) {
    const end = h.tick + h.duration;
    if (pattern === 'sustain') {
      // Voiced for the melody note over it now; held on while the strong-beat notes to come do not
      // rub it; voiced again (common tones held) under the first that would.
      const strong = ear.strong(h.tick, end);
      for (let from = h.tick; from < end; ) {
        const next = strong.find((n) => n.tick > from)?.tick ?? end;
        const voicing = voice(h, from, next, end);
        const rubbed = strong.find((n) => n.tick >= next && voicing.some((p) => semitoneApart(p, n.pitch)));
        const to = rubbed ? rubbed.tick : end;
        hold(notes, held, voicing, from, to, part.velocity);
        previous = voicing;
        from = to;
      }
      continue;
    }
    const voicing = voice(h, h.tick, end);
    previous = voicing;
    const clear = (pitches: readonly MidiPitch[], t: Ticks, length: Ticks) => {
      const against = ear.strong(t, t + length);
      return pitches.filter((p) => !against.some((n) => semitoneApart(n.pitch, p)));
    };
    if (pattern === 'arpeggio') {
      const step = beat / 2;
      const cycle = [...voicing, ...voicing.slice(1, -1).reverse()];
      onsets(h, step, 0).forEach((t, i) => {
        const length = Math.min(step, end - t);
        // The cycle's note, or the next one of the chord that neither rubs the tune nor moves, from
        // the note heard a beat before, in parallel octaves or fifths with the tune or the bass.
        const order = [...cycle.slice(i % cycle.length), ...cycle.slice(0, i % cycle.length)];
        const fine = clear(order, t, length);
        const pitch = t % beat === 0 ? (fine.find((p) => !parallelAt(p, t)) ?? fine[0]) : fine[0];
        if (pitch !== undefined) {
          const note = { pitch, tick: t, duration: length, velocity: accent(part.velocity, t, bar, beat) };
          notes.push(note);
          if (t % beat === 0) onBeat = note;
        }
      });
      continue;
    }
    for (const t of onsets(h, beat, pattern === 'afterbeats' ? bar : 0)) {
      const duration = Math.min(Math.round(beat * 0.85), end - t);
      for (const pitch of clear(voicing, t, duration))
        notes.push({ pitch, tick: t, duration, velocity: accent(part.velocity, t, bar, beat) });
    }
  }
  return notes;
}

/**
 * Adds a held voicing from `from` to `to`: a pitch of `held` that sounds up to `from` is held on
 * (a common tone), the others struck; `held` then holds this voicing's notes.
 */
function hold(
  notes: Note[],
  held: Map<MidiPitch, Note>,
  voicing: readonly MidiPitch[],
  from: Ticks,
  to: Ticks,
  velocity: number,
): void {
  const now = new Map<MidiPitch, Note>();
  for (const pitch of voicing) {
    let note = held.get(pitch);
    if (note && note.tick + note.duration === from) note.duration = to - note.tick;
    else {
      note = { pitch, tick: from, duration: to - from, velocity };
      notes.push(note);
    }
    now.set(pitch, note);
  }
  held.clear();
  for (const [pitch, note] of now) held.set(pitch, note);
}
