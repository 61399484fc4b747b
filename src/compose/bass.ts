import { barTicks, beatTicks, type Meter, type MidiPitch, type Rng, type Ticks } from '../core';
import type { Note } from '../corpus';
import { type HarmonyEvent, onsets, type PartRange } from './accompaniment';
import { chordTones } from './chordTones';
import { DEAF, type MelodyEar } from './listen';
import { accent, nearestOf } from './notes';
import type { BassPattern } from './options';
import { parallel, semitoneApart } from './rules';

const pc = (p: number) => ((p % 12) + 12) % 12;

/** What choosing the bass note of a chord costs: the root is home, an inversion has a reason. */
export const BASS_COSTS = {
  /** The third in the bass (a chord in first inversion). */
  third: 3,
  /** The fifth in the bass (a six-four chord). */
  fifth: 9,
  /** The bass rubbing a melody note struck on a strong beat while it sounds. */
  clash: 40,
  /** Parallel octaves or fifths with the melody. */
  parallel: 12,
  /** Per semitone of leap. */
  leap: 0.08,
} as const;

/**
 * The bass note a chord stands on: its root, or — where the root would rub a strong-beat melody
 * note or move in parallel octaves or fifths with the tune — its third (or, failing that, its
 * fifth), in the octave nearest the bass note before.
 */
export function foundation(
  h: HarmonyEvent,
  previous: MidiPitch,
  part: PartRange,
  against: readonly { pitch: MidiPitch }[],
  melody: { from?: MidiPitch; to?: MidiPitch },
  previousBass: MidiPitch | undefined,
): MidiPitch {
  const c = BASS_COSTS;
  const tones = chordTones(h.pitchClasses);
  let best = nearestOf([h.pitchClasses[0]], previous, part.low, part.high);
  let bestCost = Number.POSITIVE_INFINITY;
  for (const t of tones) {
    const base = t.degree === 1 ? 0 : t.degree === 3 ? c.third : t.degree === 5 ? c.fifth : undefined;
    if (base === undefined) continue;
    const pitch = nearestOf([t.pc], previous, part.low, part.high);
    let cost = base + Math.abs(pitch - previous) * c.leap;
    for (const m of against) if (semitoneApart(m.pitch, pitch)) cost += c.clash;
    if (
      previousBass !== undefined &&
      melody.from !== undefined &&
      melody.to !== undefined &&
      parallel(melody.from, previousBass, melody.to, pitch) !== undefined
    )
      cost += c.parallel;
    if (cost < bestCost) {
      bestCost = cost;
      best = pitch;
    }
  }
  return best;
}

/**
 * The bass part: each chord's foundation ({@link foundation}: the root, or an inversion where the
 * melody asks for one) near the last bass note, in the pattern's rhythm — `root` (held),
 * `root-fifth`, `pulse` (every beat), `downbeat` (waltz: the first beat), `octaves` (eighths
 * alternating the note and its octave), `approach` (root and fifth, with a chromatic or scale
 * approach note into each chord change) and `walking` (a note a beat: chord tones and scale steps,
 * then a half-step approach into the next chord). A note of the pattern that would rub a melody
 * note struck on a strong beat, or move in parallel octaves or fifths with the tune, gives way to
 * the nearest chord tone that does neither.
 */
export function bassLine(
  harmony: readonly HarmonyEvent[],
  meter: Meter,
  pattern: BassPattern,
  part: PartRange,
  scale: readonly number[],
  rng: Rng,
  ear: MelodyEar = DEAF,
): Note[] {
  const w = new BassWriter(meter, part, ear);
  const { beat, bar } = w;
  let previous = part.low + 7;
  harmony.forEach((h, i) => {
    const next = harmony[i + 1];
    const end = h.tick + h.duration;
    // Where the chord's own bass note sounds, by pattern: the melody notes it must not rub.
    const half = h.duration >= 2 * beat ? Math.floor(h.duration / beat / 2) * beat : h.duration;
    const own =
      pattern === 'root-fifth' || pattern === 'approach'
        ? half
        : pattern === 'walking'
          ? Math.min(beat, h.duration)
          : h.duration;
    const against =
      pattern === 'downbeat'
        ? downbeats(h, bar, beat).flatMap((t) => ear.strong(t, t + beat))
        : ear.strong(h.tick, h.tick + own);
    const root = foundation(
      h,
      previous,
      part,
      against,
      { from: w.melodyBefore(h.tick), to: ear.at(h.tick) },
      w.last?.pitch,
    );
    const fifthPc = chordTones(h.pitchClasses).find((t) => t.degree === 5)?.pc ?? pc(h.pitchClasses[0] + 7);
    const fifth = nearestOf([fifthPc], root, part.low, part.high);
    const nextRoot = next ? nearestOf([next.pitchClasses[0]], root, part.low, part.high) : root;
    const approach = () => approachTo(nextRoot, scale, part, rng);
    if (pattern === 'root') w.add(h, root, root, h.tick, h.duration);
    else if (pattern === 'root-fifth' || (pattern === 'approach' && h.duration < 2 * beat)) {
      w.add(h, root, root, h.tick, half);
      w.add(h, root, fifth, h.tick + half, h.duration - half);
    } else if (pattern === 'approach') {
      const lead = beat / 2;
      w.add(h, root, root, h.tick, half);
      w.add(h, root, fifth, h.tick + half, h.duration - half - (next ? lead : 0));
      if (next) w.add(h, root, approach(), end - lead, lead);
    } else if (pattern === 'octaves') {
      let k = 0;
      for (let t = h.tick; t < end; t += beat / 2, k++)
        w.add(h, root, k % 2 === 0 ? root : Math.min(root + 12, part.high), t, Math.min(beat / 2, end - t));
    } else if (pattern === 'walking') {
      const times = onsets(h, beat, 0);
      let pitch = root;
      times.forEach((t, k) => {
        if (k === 0) pitch = root;
        else if (k === times.length - 1 && next) pitch = approach();
        else {
          const candidates = [...h.pitchClasses, ...scale].map((p) =>
            nearestOf([p], pitch + (rng.next() < 0.5 ? 2 : -2), part.low, part.high),
          );
          pitch = candidates[rng.int(candidates.length)];
        }
        w.add(h, root, pitch, t, Math.min(beat, end - t));
      });
    } else {
      for (const t of pattern === 'downbeat' ? downbeats(h, bar, beat) : onsets(h, beat, 0)) {
        const duration = pattern === 'downbeat' ? Math.min(beat, end - t) : Math.min(Math.round(beat * 0.9), end - t);
        w.add(h, root, root, t, duration);
      }
    }
    previous = root;
  });
  return w.notes;
}

/** Writes the bass's notes one after another, each listening to the tune. */
class BassWriter {
  readonly notes: Note[] = [];
  /** The bass note written last: parallels are heard against the tune from it. */
  last: Note | undefined;
  readonly bar: Ticks;
  readonly beat: Ticks;

  constructor(
    meter: Meter,
    private readonly part: PartRange,
    private readonly ear: MelodyEar,
  ) {
    this.bar = barTicks(meter);
    this.beat = beatTicks(meter);
  }

  /** The tune where the last bass note was heard, a beat before `tick` at most. */
  melodyBefore(tick: Ticks): MidiPitch | undefined {
    return this.last ? this.ear.at(Math.max(this.last.tick, tick - this.beat)) : undefined;
  }

  /**
   * Adds `pitch` at `tick` — or, where it would rub a strong-beat melody note or move in parallel
   * octaves or fifths with the tune (the chord's own bass note `root` was chosen so already), the
   * nearest of the chord's root, third and fifth that does neither (that does not rub, failing that).
   */
  add(h: HarmonyEvent, root: MidiPitch, pitch: MidiPitch, tick: Ticks, duration: Ticks): void {
    if (duration <= 0) return;
    let fits = pitch;
    if (!this.fine(pitch, root, tick, duration)) {
      const near = h.pitchClasses
        .slice(0, 3)
        .map((p) => nearestOf([p], pitch, this.part.low, this.part.high))
        .sort((a, b) => Math.abs(a - pitch) - Math.abs(b - pitch));
      fits =
        near.find((p) => this.fine(p, root, tick, duration)) ??
        near.find((p) => this.clear(p, tick, tick + duration)) ??
        pitch;
    }
    this.last = { pitch: fits, tick, duration, velocity: accent(this.part.velocity, tick, this.bar, this.beat) };
    this.notes.push(this.last);
  }

  private fine(p: MidiPitch, root: MidiPitch, tick: Ticks, duration: Ticks): boolean {
    return this.clear(p, tick, tick + duration) && (p === root || !this.parallelToTune(p, tick));
  }

  private clear(pitch: MidiPitch, from: Ticks, to: Ticks): boolean {
    for (const m of this.ear.strong(from, to)) if (semitoneApart(m.pitch, pitch)) return false;
    return true;
  }

  private parallelToTune(pitch: MidiPitch, tick: Ticks): boolean {
    const from = this.melodyBefore(tick);
    const to = this.ear.at(tick);
    const last = this.last;
    return (
      last !== undefined &&
      from !== undefined &&
      to !== undefined &&
      parallel(from, last.pitch, to, pitch) !== undefined
    );
  }
}

/** A chromatic or scale-step note leading into `target`, in the part's range. */
function approachTo(target: MidiPitch, scale: readonly number[], part: PartRange, rng: Rng): MidiPitch {
  const chromatic = rng.next() < 0.5 ? target - 1 : target + 1;
  const step = scale.includes(pc(target - 2)) ? target - 2 : target + 2;
  const pick = rng.next() < 0.6 ? chromatic : step;
  return Math.min(part.high, Math.max(part.low, pick));
}

/** The chord's first beat and every bar line inside it: where a waltz bass plays. */
function downbeats(h: HarmonyEvent, bar: Ticks, beat: Ticks): Ticks[] {
  return onsets(h, beat, 0).filter((t) => t === h.tick || t % bar === 0);
}
