import {
  barTicks,
  beatTicks,
  type Meter,
  type MidiPitch,
  type PitchClass,
  runSteps,
  type Steps,
  type Ticks,
} from '../core';
import type { Note } from '../corpus';
import type { HarmonyEvent, PartRange } from './accompaniment';
import { chordTones, leadingTone } from './chordTones';
import { type ChordInfo, chordCosts, motionCost, type Ranges, type Segment, type Voicing } from './fourPartRules';
import type { MelodyEar } from './listen';
import type { ChordSpan } from './piece';
import { slashChord } from './slashChords';

/*
 * Four-part writing (soprano, alto, tenor, bass) under a given soprano, the way a chorale is
 * harmonised: every chord voiced complete where it can be, voices in their ranges, never crossing,
 * no voice on or above the soprano, no parallel fifths or octaves between any two voices, the
 * leading tone rising and sevenths falling, inner voices moving little, the bass choosing between
 * root and inversions so that it can move by step, cadences in root position. Each rule is a cost
 * (fourPartRules.ts); a beam search keeps the best few voicings at each moment and reads the
 * cheapest path back.
 */

/** What four-part writing listens to and where its voices lie. */
export interface FourPartOptions {
  ear: MelodyEar;
  meter: Meter;
  tonic: PitchClass;
  /** Bars of a phrase: its last chord is a cadence. */
  phraseBars: number;
  /** The longest the style holds a chord, in ticks: a chord struck again past it moves its bass. */
  longest?: Ticks;
  /** The inner voices' compass (alto in its upper part, tenor in its lower) and velocities. */
  alto: PartRange;
  tenor: PartRange;
  bass: PartRange;
}

/** The lower three voices, and the chords as they sound (inversions named: "G/B"). */
export interface FourParts {
  alto: Note[];
  tenor: Note[];
  bass: Note[];
  chords: ChordSpan[];
}

/** Voicings kept at each moment (each with the best path into it), and candidates weighed per moment. */
const BEAM = 4;
const CANDIDATES = 24;

const pc = (p: number): PitchClass => ((p % 12) + 12) % 12;

interface State extends Voicing {
  cost: number;
  from: number;
}

/**
 * Writes alto, tenor and bass under the melody (the soprano) over `harmony`.
 *
 * @example
 * const { alto, tenor, bass, chords } = fourPart(harmony, spans, options);
 */
export function fourPart(
  harmony: readonly HarmonyEvent[],
  chords: readonly ChordSpan[],
  o: FourPartOptions,
): FourParts {
  return runSteps(fourPartSteps(harmony, chords, o));
}

/** How many chord segments {@link fourPartSteps} voices per step. */
const SEGMENTS_PER_STEP = 16;

/**
 * {@link fourPart} a step at a time, {@link SEGMENTS_PER_STEP} segments of the search per step: a
 * whole chorale's voicing, run cold, was one step of 45–110 ms in the page (issue 17). The same
 * parts however the steps are run.
 */
export function* fourPartSteps(
  harmony: readonly HarmonyEvent[],
  chords: readonly ChordSpan[],
  o: FourPartOptions,
): Steps<FourParts> {
  const ranges: Ranges = {
    alto: { low: o.alto.low + 7, high: o.alto.high },
    tenor: { low: o.tenor.low, high: o.tenor.high - 7 },
    bass: { low: o.bass.low, high: o.bass.high },
  };
  const lt = leadingTone(o.tonic);
  const infos = chordInfos(harmony, o);
  const segments = segmentsOf(harmony, o);
  const beam: State[][] = [];
  for (const [i, seg] of segments.entries()) {
    const info = infos[seg.chord];
    const candidates = voicings(seg, info, ranges, lt);
    const before = beam[i - 1] ?? [];
    const prevSeg = segments[i - 1];
    const states: State[] = candidates.map((v) => {
      let best = before.length === 0 ? 0 : Number.POSITIVE_INFINITY;
      let from = -1;
      for (let j = 0; j < before.length; j++) {
        const cost = before[j].cost + motionCost(before[j], v, prevSeg, seg, infos[prevSeg.chord], info, lt);
        if (cost < best) {
          best = cost;
          from = j;
        }
      }
      return { a: v.a, t: v.t, b: v.b, cost: best + v.cost, from };
    });
    states.sort((x, y) => x.cost - y.cost);
    beam.push(states.slice(0, BEAM));
    if ((i + 1) % SEGMENTS_PER_STEP === 0) yield;
  }
  const path: State[] = new Array(segments.length);
  for (let i = segments.length - 1, k = 0; i >= 0; i--) {
    path[i] = beam[i][k];
    k = path[i].from;
  }
  return {
    alto: voiceNotes(segments, path, (s) => s.a, o.alto.velocity),
    tenor: voiceNotes(segments, path, (s) => s.t, o.tenor.velocity),
    bass: voiceNotes(segments, path, (s) => s.b, o.bass.velocity),
    chords: namedChords(chords, segments, path),
  };
}

/** What the rules need to know of each chord. */
function chordInfos(harmony: readonly HarmonyEvent[], o: FourPartOptions): ChordInfo[] {
  const phrase = o.phraseBars * barTicks(o.meter);
  const isDominant = (h: HarmonyEvent | undefined) => {
    const step = h ? pc(h.pitchClasses[0] - o.tonic) : -1;
    return step === 7 || step === 11;
  };
  let held = 0;
  return harmony.map((h, k) => {
    const previous = harmony[k - 1];
    const again =
      previous !== undefined &&
      previous.tick + previous.duration === h.tick &&
      previous.pitchClasses.length === h.pitchClasses.length &&
      previous.pitchClasses.every((p, i) => p === h.pitchClasses[i]);
    held = again ? held + h.duration : h.duration;
    const tones = chordTones(h.pitchClasses);
    const degree = new Int8Array(12);
    for (const t of tones) degree[t.pc] = t.degree;
    const next = harmony[k + 1];
    const ends = (x: HarmonyEvent | undefined) => x !== undefined && (x.tick + x.duration) % phrase === 0;
    return {
      tones,
      degree,
      dominant: isDominant(h),
      cadential: h.pitchClasses[0] === o.tonic && isDominant(next) && h.tick % barTicks(o.meter) === 0,
      cadence: ends(h) || (isDominant(h) && ends(next) && next?.pitchClasses[0] === o.tonic),
      seventh: tones.find((t) => t.degree === 7)?.pc ?? -1,
      overlong: again && held > (o.longest ?? Number.POSITIVE_INFINITY),
    };
  });
}

/**
 * The moments to voice: each chord's start, and every beat inside it where the soprano sounds
 * another note (or falls silent, or enters).
 */
function segmentsOf(harmony: readonly HarmonyEvent[], o: FourPartOptions): Segment[] {
  const beat = beatTicks(o.meter);
  const out: Segment[] = [];
  harmony.forEach((h, chord) => {
    const end = h.tick + h.duration;
    const starts: Ticks[] = [h.tick];
    let soprano = o.ear.at(h.tick);
    for (let t = Math.ceil((h.tick + 1) / beat) * beat; t < end; t += beat) {
      const now = o.ear.at(t);
      if (now !== soprano) starts.push(t);
      soprano = now;
    }
    starts.forEach((tick, k) => {
      const to = starts[k + 1] ?? end;
      out.push({
        tick,
        end: to,
        chord,
        soprano: o.ear.at(tick),
        sopranoLow: o.ear.span(tick, to)?.low,
        strong: o.ear.strong(tick, to).map((n) => n.pitch),
        starts: k === 0,
      });
    });
  });
  return out;
}

/**
 * The voicings of a chord under the soprano that keep the voices in order and in range (alto under
 * the soprano and within an octave of it, within an octave of the tenor, the tenor within two
 * octaves of the bass), the cheapest on their own first, at most {@link CANDIDATES}.
 */
function voicings(seg: Segment, info: ChordInfo, ranges: Ranges, lt: PitchClass): (Voicing & { cost: number })[] {
  const top = seg.soprano !== undefined ? Math.min(ranges.alto.high, seg.soprano - 1) : ranges.alto.high;
  // The alto within an octave of the soprano where the range allows it.
  const bottom =
    seg.soprano !== undefined ? Math.max(ranges.alto.low, Math.min(top, seg.soprano - 12)) : ranges.alto.low;
  const as = pitchesOf(info, bottom, top, false);
  const ts = pitchesOf(info, ranges.tenor.low, ranges.tenor.high, false);
  const bs = pitchesOf(info, ranges.bass.low, ranges.bass.high, true);
  // The cheapest few kept in order as they come (an insertion into a short sorted list), each
  // voicing's cost added up from the bass, the tenor over it, the alto over that, the whole chord.
  const costs = chordCosts(seg, info, lt, ranges);
  const altoCost = new Float64Array(as.length);
  const kept: (Voicing & { cost: number })[] = [];
  for (const b of bs) {
    const cb = costs.bass(b);
    for (const t of ts) {
      if (t <= b || t - b > 24) continue;
      const ct = cb + costs.tenor(t, b);
      for (let k = 0; k < as.length; k++) altoCost[k] = as[k] >= t && as[k] - t <= 12 ? costs.alto(as[k], t) : -1;
      for (let k = 0; k < as.length; k++) {
        if (altoCost[k] < 0) continue;
        const a = as[k];
        const partial = ct + altoCost[k];
        if (kept.length === CANDIDATES && partial >= kept[CANDIDATES - 1].cost) continue;
        const cost = partial + costs.whole(a, t, b);
        if (kept.length === CANDIDATES && cost >= kept[CANDIDATES - 1].cost) continue;
        let i = Math.min(kept.length, CANDIDATES - 1);
        while (i > 0 && kept[i - 1].cost > cost) i--;
        kept.splice(i, 0, { a, t, b, cost });
        if (kept.length > CANDIDATES) kept.pop();
      }
    }
  }
  if (kept.length === 0) {
    // A soprano too low for the voices' ranges: the chord tones right under it, whatever the ranges.
    const under = (p: MidiPitch) => {
      let best = p - 12;
      for (const tone of info.tones) best = Math.max(best, p - 1 - pc(p - 1 - tone.pc));
      return best;
    };
    const a = under(seg.soprano ?? top + 1);
    const t = under(a);
    const b = Math.min(under(t), ranges.bass.high);
    kept.push({ a, t, b: b < t ? b : t - 12, cost: 0 });
  }
  return kept;
}

/** The chord's pitches in [low, high] (for the bass, only root, third, fifth and seventh). */
function pitchesOf(info: ChordInfo, low: MidiPitch, high: MidiPitch, bass: boolean): MidiPitch[] {
  const out: MidiPitch[] = [];
  for (const tone of info.tones)
    if (!bass || tone.degree === 1 || tone.degree === 3 || tone.degree === 5 || tone.degree === 7)
      for (let p = low + pc(tone.pc - low); p <= high; p += 12) out.push(p);
  return out;
}

/** A voice's notes: a pitch held over consecutive moments is one note. */
function voiceNotes(
  segments: readonly Segment[],
  path: readonly State[],
  pitchOf: (s: State) => MidiPitch,
  velocity: number,
): Note[] {
  const notes: Note[] = [];
  segments.forEach((seg, i) => {
    const pitch = pitchOf(path[i]);
    const last = notes[notes.length - 1];
    if (last && last.pitch === pitch && last.tick + last.duration === seg.tick) last.duration = seg.end - last.tick;
    else notes.push({ pitch, tick: seg.tick, duration: seg.end - seg.tick, velocity });
  });
  return notes;
}

/**
 * The chords as they sound: each named over its bass where that is not the root ("G/B"), and split
 * where the bass moves to another chord tone under the same harmony (I–I6 are two chords).
 */
function namedChords(chords: readonly ChordSpan[], segments: readonly Segment[], path: readonly State[]): ChordSpan[] {
  const out: ChordSpan[] = [];
  segments.forEach((seg, i) => {
    const span = chords[seg.chord];
    const last = out[out.length - 1];
    if (!seg.starts && last && pc(path[i].b) === pc(path[i - 1].b)) last.duration = seg.end - last.tick;
    else {
      const symbol = slashChord(span.symbol, pc(path[i].b));
      out.push({ tick: seg.tick, duration: seg.end - seg.tick, symbol, roman: span.roman });
    }
  });
  return out;
}
