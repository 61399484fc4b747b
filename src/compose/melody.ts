import { barTicks, beatTicks, type Meter, type MidiPitch, type PitchClass, type Rng, type Ticks } from '../core';
import { type Mode, type Note, scaleSteps, tonicPitchClass } from '../corpus';
import {
  formatMelodyToken,
  type MarkovChain,
  MELODY_UNIT,
  parseMelodyToken,
  referenceTonic,
  sampleNext,
} from '../model';
import type { Cadence } from './harmony';

/** A chord as the melody sees it: where it sounds (ticks from the phrase start) and its pitch classes. */
export interface HarmonySlice {
  tick: Ticks;
  duration: Ticks;
  pitchClasses: PitchClass[];
}

export interface MelodyRequest {
  bars: number;
  meter: Meter;
  key: string;
  mode: Mode;
  low: MidiPitch;
  high: MidiPitch;
  velocity: number;
  chordToneBias: number;
  temperature: number;
  cadence: Cadence;
  harmony: HarmonySlice[];
  /** The tokens before this phrase, for continuity. */
  context: string[];
  /** The last pitch before this phrase, if any. */
  previousPitch?: MidiPitch;
}

const pc = (pitch: number): number => ((pitch % 12) + 12) % 12;

/**
 * Samples one phrase of melody over its harmony: the model proposes (interval, length) tokens and
 * the phrase's situation weighs them — range, scale, chord tones on beats, bar lines — then the last
 * bar holds the cadence note (the tonic, or a tone of the dominant for a half cadence).
 * Ticks are relative to the phrase start; `context` is what the next phrase continues from.
 */
export function generateMelody(chain: MarkovChain, req: MelodyRequest, rng: Rng): { notes: Note[]; context: string[] } {
  const bar = barTicks(req.meter);
  const beat = beatTicks(req.meter);
  const body = (req.bars - 1) * bar;
  const tonicRef = referenceTonic(req.key);
  const tonicPc = Math.max(0, tonicPitchClass(req.key));
  const scale = new Set(scaleSteps(req.mode).map((s) => (tonicPc + s) % 12));
  const chordAt = (tick: Ticks): PitchClass[] =>
    (req.harmony.find((h) => tick >= h.tick && tick < h.tick + h.duration) ?? req.harmony[0]).pitchClasses;
  const notes: Note[] = [];
  const context = [...req.context];
  let pos = 0;
  let previous: MidiPitch | undefined = req.previousPitch;

  while (pos < body) {
    const chord = chordAt(pos);
    const onBeat = pos % beat === 0;
    const downbeat = pos % bar === 0;
    const weight = (token: string): number => {
      const t = parseMelodyToken(token);
      const dur = t.units * MELODY_UNIT;
      if (pos + dur > body) return 0;
      let w = (pos % bar) + dur > bar ? 0.3 : 1;
      if (t.interval === null) return downbeat && pos === 0 ? 0.2 * w : w * 0.6;
      const pitch = tonicRef + t.interval;
      if (pitch < req.low || pitch > req.high) return 0;
      if (!scale.has(pc(pitch))) w *= 0.15;
      const chordTone = chord.includes(pc(pitch));
      if (onBeat) w *= chordTone ? req.chordToneBias * (downbeat ? 2 : 1) : 1 / req.chordToneBias;
      if (previous !== undefined && Math.abs(pitch - previous) > 9) w *= 0.2;
      return w;
    };
    const next = sampleNext(chain, context, rng, { temperature: req.temperature, weight });
    let token = next ? parseMelodyToken(next) : undefined;
    if (!token) {
      // Nothing the model knows fits here: a chord tone near the last pitch, up to the next beat.
      const units = Math.max(1, Math.min((beat - (pos % beat)) / MELODY_UNIT, (body - pos) / MELODY_UNIT));
      const pitch = nearestOf(chord, previous ?? (req.low + req.high) >> 1, req.low, req.high);
      token = { interval: pitch - tonicRef, units };
    }
    const duration = token.units * MELODY_UNIT;
    if (token.interval !== null) {
      const pitch = tonicRef + token.interval;
      notes.push({ pitch, tick: pos, duration, velocity: accent(req.velocity, pos, bar, beat) });
      previous = pitch;
    }
    context.push(formatMelodyToken(token));
    pos += duration;
  }

  // The cadence: a long note on the last downbeat, then a beat's breath before the next phrase.
  const goal = req.cadence === 'authentic' ? [tonicPc] : chordAt(body);
  const pitch = nearestOf(goal, previous ?? tonicRef, req.low, req.high);
  const hold = req.cadence === 'authentic' ? bar : Math.max(beat, bar - beat);
  notes.push({ pitch, tick: body, duration: hold, velocity: accent(req.velocity, body, bar, beat) });
  context.push(formatMelodyToken({ interval: pitch - tonicRef, units: hold / MELODY_UNIT }));
  if (hold < bar) context.push(formatMelodyToken({ interval: null, units: (bar - hold) / MELODY_UNIT }));
  return { notes, context: context.slice(-8) };
}

/** A pitch of one of `pitchClasses` nearest to `target`, inside [low, high] when possible. */
export function nearestOf(pitchClasses: readonly PitchClass[], target: number, low: number, high: number): MidiPitch {
  let best = -1;
  for (let p = low; p <= high; p++) {
    if (pitchClasses.includes(pc(p)) && (best < 0 || Math.abs(p - target) < Math.abs(best - target))) best = p;
  }
  return best < 0 ? Math.min(high, Math.max(low, Math.round(target))) : best;
}

/** Downbeats louder than beats, beats louder than off-beats. */
export function accent(velocity: number, tick: Ticks, bar: Ticks, beat: Ticks): number {
  const v = tick % bar === 0 ? velocity + 8 : tick % beat === 0 ? velocity : velocity - 10;
  return Math.min(127, Math.max(1, Math.round(v)));
}
