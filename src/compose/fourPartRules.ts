import type { MidiPitch, PitchClass, Ticks } from '../core';
import type { ChordTone } from './chordTones';
import { hidden, parallel, semitoneApart } from './rules';

/*
 * The rules of four-part writing, as costs the writer (fourPart.ts) adds up: what one voicing of a
 * chord costs on its own (completeness, doubling, inversion, spacing, clashes with the soprano),
 * and what moving to it from the voicing before costs (parallels, leaps, overlaps, tendency tones).
 */

/** The rules, as costs: the cheapest way through the piece wins. */
export const FOUR_PART_COSTS = {
  /** Parallel fifths or octaves between any two voices. */
  parallel: 50,
  /** Fifths or octaves by contrary motion, hidden ones, between soprano and bass. */
  contraryOuter: 6,
  hiddenOuter: 3,
  /** A voice rubbing a soprano note struck on a strong beat. */
  clash: 40,
  missingRoot: 12,
  missingThird: 10,
  missingSeventh: 5,
  missingFifth: 1,
  doubledLeadingTone: 10,
  doubledSeventh: 10,
  tripled: 3,
  /** First inversion, second inversion (six-four), third inversion (seventh in the bass). */
  inversion: 2,
  sixFour: 8,
  seventhInBass: 6,
  /** Root position where the cadential six-four belongs. */
  notCadential: 1.5,
  /** A phrase's last chord, or the dominant before it, not in root position. */
  weakCadence: 14,
  /** Neighbouring upper voices more than an octave apart; tenor and bass more than a twelfth. */
  wide: 8,
  wideBass: 3,
  innerUnison: 4,
  /** The alto touching the soprano's passing notes. */
  underPassing: 3,
  /** Per semitone an inner voice moves; a leap beyond a third, beyond a fifth, a tritone. */
  innerMotion: 0.7,
  innerLeap: 1.5,
  innerBigLeap: 4,
  tritone: 4,
  bassMotion: 0.25,
  bassStep: -1.2,
  bassLeap: 2,
  bassBigLeap: 8,
  overlap: 2,
  leadingTone: 4,
  leadingToneBass: 6,
  leadingToneToFifth: 1.5,
  seventhUnresolved: 4,
  /** The same chord struck again on the same bass (a chord struck again should move its bass)… */
  sameBass: 6,
  /** …and more so where the two would sound longer than the style ever holds a chord. */
  heldTooLong: 30,
  register: 0.05,
} as const;

const pc = (p: number): PitchClass => ((p % 12) + 12) % 12;

/** A moment of the harmony: one chord under one soprano note. */
export interface Segment {
  tick: Ticks;
  end: Ticks;
  /** Index of the chord. */
  chord: number;
  /** The soprano at the segment's start (undefined in a rest) and its lowest note inside. */
  soprano?: MidiPitch;
  sopranoLow?: MidiPitch;
  /** Soprano notes struck on strong beats inside: no voice may rub them. */
  strong: MidiPitch[];
  /** The first segment of its chord. */
  starts: boolean;
}

/** What the rules need to know of a chord. */
export interface ChordInfo {
  tones: readonly ChordTone[];
  /** Degree of each pitch class in the chord, 0 for none. */
  degree: Int8Array;
  /** A dominant (on the fifth or seventh degree of the key): its leading tone must not double. */
  dominant: boolean;
  /** A tonic before a dominant: the cadential six-four may stand here. */
  cadential: boolean;
  /** The phrase's last chord or the dominant right before it: root position. */
  cadence: boolean;
  /** Its seventh's pitch class, or -1. */
  seventh: number;
  /** The same chord as the one before, together longer than the style holds one: the bass must move. */
  overlong: boolean;
}

/** The lower three voices. */
export interface Voicing {
  a: MidiPitch;
  t: MidiPitch;
  b: MidiPitch;
}

/** Compass of the voices. */
export interface Ranges {
  alto: { low: MidiPitch; high: MidiPitch };
  tenor: { low: MidiPitch; high: MidiPitch };
  bass: { low: MidiPitch; high: MidiPitch };
}

/**
 * What a voicing costs on its own under the segment's soprano, in parts that the writer adds up as
 * it goes through bass, tenor and alto (each part computed once per pitch, not per voicing).
 */
export interface ChordCosts {
  /** The bass on its own: inversion, cadence, register, rubbing the soprano. */
  bass(b: MidiPitch): number;
  /** The tenor over the bass. */
  tenor(t: MidiPitch, b: MidiPitch): number;
  /** The alto over the tenor, under the soprano. */
  alto(a: MidiPitch, t: MidiPitch): number;
  /** The chord the four voices make: missing tones, doublings. */
  whole(a: MidiPitch, t: MidiPitch, b: MidiPitch): number;
}

const four = new Int8Array(4);

/** The parts of a voicing's cost for one segment ({@link ChordCosts}). */
export function chordCosts(seg: Segment, info: ChordInfo, lt: PitchClass, ranges: Ranges): ChordCosts {
  const c = FOUR_PART_COSTS;
  const s = seg.soprano;
  const sPc = s === undefined ? -1 : pc(s);
  const clash = (p: MidiPitch) => {
    let cost = 0;
    for (const m of seg.strong) if (semitoneApart(m, p)) cost += c.clash;
    return cost;
  };
  // What leaving out each tone costs (little where it would rub the soprano anyway).
  const missing = info.tones.map((tone) => {
    const d = tone.degree;
    const full =
      d === 1 ? c.missingRoot : d === 3 ? c.missingThird : d === 7 || d === 6 ? c.missingSeventh : c.missingFifth;
    return { bit: 1 << tone.pc, cost: rubsAny(seg.strong, tone.pc) ? Math.min(full, 2) : full };
  });
  const leading = info.dominant ? lt : -1;
  return {
    bass(b) {
      const degree = info.degree[pc(b)];
      let cost = clash(b) + middle(ranges.bass, b) * c.register;
      if (degree === 3) cost += c.inversion;
      else if (degree === 5) cost += info.cadential && seg.starts ? 0 : c.sixFour;
      else if (degree === 7) cost += c.seventhInBass;
      if (degree !== 1 && info.cadence) cost += c.weakCadence;
      if (degree === 1 && info.cadential && seg.starts) cost += c.notCadential;
      return cost;
    },
    tenor(t, b) {
      return clash(t) + middle(ranges.tenor, t) * c.register + (t - b > 19 ? c.wideBass : 0);
    },
    alto(a, t) {
      let cost = clash(a) + middle(ranges.alto, a) * c.register;
      if (s !== undefined && s - a > 12) cost += c.wide;
      if (a - t > 12) cost += c.wide;
      if (a === t) cost += c.innerUnison;
      if (seg.sopranoLow !== undefined && seg.sopranoLow <= a) cost += c.underPassing;
      return cost;
    },
    whole(a, t, b) {
      four[0] = pc(a);
      four[1] = pc(t);
      four[2] = pc(b);
      four[3] = sPc;
      let mask = 0;
      for (const p of four) if (p >= 0) mask |= 1 << p;
      let cost = 0;
      for (const m of missing) if ((mask & m.bit) === 0) cost += m.cost;
      // Doublings: each pitch class once, with how many of the four voices sound it.
      for (let i = 0; i < 4; i++) {
        const p = four[i];
        if (p < 0 || four.indexOf(p) < i) continue;
        let n = 0;
        for (let j = i; j < 4; j++) if (four[j] === p) n++;
        if (n < 2) continue;
        if (n > 2) cost += c.tripled * (n - 2);
        if (p === leading) cost += c.doubledLeadingTone;
        if (p === info.seventh) cost += c.doubledSeventh;
      }
      return cost;
    },
  };
}

/** What a voicing costs on its own, under the segment's soprano (the parts of {@link chordCosts} added). */
export function chordCost(v: Voicing, seg: Segment, info: ChordInfo, lt: PitchClass, ranges: Ranges): number {
  const parts = chordCosts(seg, info, lt, ranges);
  return parts.bass(v.b) + parts.tenor(v.t, v.b) + parts.alto(v.a, v.t) + parts.whole(v.a, v.t, v.b);
}

const middle = (r: { low: MidiPitch; high: MidiPitch }, p: MidiPitch) => Math.abs(p - (r.low + r.high) / 2);

function rubsAny(pitches: readonly MidiPitch[], p: MidiPitch): boolean {
  for (const m of pitches) if (semitoneApart(m, p)) return true;
  return false;
}

/** What moving from voicing `p` (at `prev`) to `v` (at `seg`) costs. */
export function motionCost(
  p: Voicing,
  v: Voicing,
  prev: Segment,
  seg: Segment,
  before: ChordInfo,
  now: ChordInfo,
  lt: PitchClass,
): number {
  const c = FOUR_PART_COSTS;
  let cost = 0;
  const s0 = prev.soprano;
  const s1 = seg.soprano;
  // Parallels between any two of the four voices (the soprano where it sounds on both sides).
  if (parallel(p.a, p.t, v.a, v.t) !== undefined) cost += c.parallel;
  if (parallel(p.a, p.b, v.a, v.b) !== undefined) cost += c.parallel;
  if (parallel(p.t, p.b, v.t, v.b) !== undefined) cost += c.parallel;
  if (s0 !== undefined && s1 !== undefined) {
    if (parallel(s0, p.a, s1, v.a) !== undefined) cost += c.parallel;
    if (parallel(s0, p.t, s1, v.t) !== undefined) cost += c.parallel;
    if (parallel(s0, p.b, s1, v.b) !== undefined) cost += c.parallel;
    const i0 = Math.abs(s0 - p.b) % 12;
    const i1 = Math.abs(s1 - v.b) % 12;
    if (i0 === i1 && (i0 === 0 || i0 === 7) && s1 !== s0 && Math.sign(s1 - s0) === -Math.sign(v.b - p.b))
      cost += c.contraryOuter;
    if (hidden(s0, p.b, s1, v.b)) cost += c.hiddenOuter;
    if (v.a > s0) cost += c.overlap;
  }
  if (v.t > p.a || v.b > p.t || v.a < p.t || v.t < p.b) cost += c.overlap;
  cost += innerMove(p.a, v.a) + innerMove(p.t, v.t);
  const leap = Math.abs(v.b - p.b);
  cost += leap * c.bassMotion;
  if (leap === 1 || leap === 2) cost += c.bassStep;
  if (leap > 7) cost += c.bassLeap;
  if (leap > 12) cost += c.bassBigLeap;
  if (leap === 6) cost += c.tritone;
  if (!seg.starts) return cost;
  // A new chord: tendency tones, and a chord struck again should move its bass.
  const tonicHere = now.degree[pc(lt + 1)] > 0;
  if (before.dominant && tonicHere) {
    if (pc(p.a) === lt && v.a - p.a !== 1) cost += p.a - v.a === 4 ? c.leadingToneToFifth : c.leadingTone;
    if (pc(p.t) === lt && v.t - p.t !== 1) cost += p.t - v.t === 4 ? c.leadingToneToFifth : c.leadingTone;
    if (pc(p.b) === lt && v.b - p.b !== 1) cost += c.leadingToneBass;
  }
  if (before.seventh >= 0)
    cost +=
      unresolved(p.a, v.a, before.seventh) +
      unresolved(p.t, v.t, before.seventh) +
      unresolved(p.b, v.b, before.seventh);
  if (pc(v.b) === pc(p.b) && sameChord(before, now)) cost += now.overlong ? c.heldTooLong : c.sameBass;
  return cost;
}

/** A chord's seventh that neither falls by step nor holds. */
function unresolved(from: MidiPitch, to: MidiPitch, seventh: number): number {
  const fall = from - to;
  return pc(from) === seventh && fall !== 1 && fall !== 2 && fall !== 0 ? FOUR_PART_COSTS.seventhUnresolved : 0;
}

function innerMove(from: MidiPitch, to: MidiPitch): number {
  const c = FOUR_PART_COSTS;
  const leap = Math.abs(to - from);
  let cost = leap * c.innerMotion;
  if (leap > 4) cost += c.innerLeap;
  if (leap > 7) cost += c.innerBigLeap;
  if (leap === 6) cost += c.tritone;
  return cost;
}

function sameChord(x: ChordInfo, y: ChordInfo): boolean {
  if (x === y) return true;
  if (x.tones.length !== y.tones.length) return false;
  for (let i = 0; i < x.tones.length; i++) if (x.tones[i].pc !== y.tones[i].pc) return false;
  return true;
}
