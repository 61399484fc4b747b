import { type MidiPitch, maxOf, minOf, type PitchClass } from '../core';
import { type ChordTone, chordTones, type Degree, leadingTone } from './chordTones';
import { remember } from './remember';
import { parallel, semitoneApart } from './rules';

/**
 * How a style voices its chords: `close` (within an octave where it can), `open` (spread over more
 * than an octave, a pad's warmth), `rootless` (third and seventh with ninth or thirteenth, the root
 * left to the bass: a jazz pianist's left hand).
 */
export type VoicingStyle = 'close' | 'open' | 'rootless';

/** What a voicing listens to: the voicing before it, the melody over it and the bass under it. */
export interface VoicingContext {
  low: MidiPitch;
  high: MidiPitch;
  style: VoicingStyle;
  /** The voicing before, low to high (none at the start). */
  previous?: readonly MidiPitch[];
  /** Melody pitches struck on strong beats while the voicing sounds: no chord tone may rub them. */
  strong?: readonly MidiPitch[];
  /** Strong-beat melody notes later under the same chord: better not rubbed, or the chord moves then. */
  later?: readonly MidiPitch[];
  /** The melody notes sounding while the voicing sounds: the chord stays under them, never on one. */
  tune?: readonly MidiPitch[];
  /** The melody at the previous chord and at this one: no parallel fifths or octaves against it. */
  melody?: { from?: MidiPitch; to?: MidiPitch };
  /** The bass at the previous chord and at this one; `low`, its lowest note while the voicing sounds. */
  bass?: { from?: MidiPitch; to?: MidiPitch; low?: MidiPitch };
  /** The key's tonic: the leading tone rises to it. */
  tonic?: PitchClass;
}

/** The arranger's priorities, as costs: the voicing with the least total wins. */
export const VOICING_COSTS = {
  /** Per semitone a voice moves (common tones held cost nothing). */
  motion: 1,
  /** A note rubbing a strong-beat melody note (semitone, major seventh, minor ninth). */
  clash: 60,
  /** A note that will rub a strong-beat melody note later under the same chord (a voice will move then). */
  laterClash: 2,
  /** Parallel fifths or octaves with the bass or the melody. */
  outerParallel: 24,
  /** Parallel fifths or octaves between two voices of the chord itself. */
  innerParallel: 6,
  /** The chord's top above the melody, plus per semitone. */
  aboveMelody: 12,
  aboveMelodyStep: 3,
  /** A chord note on one of the melody's own pitches. */
  melodyUnison: 10,
  /** A chord note at or under the bass. */
  underBass: 30,
  /** Per semitone of the voicing's centre from the middle of the range. */
  centre: 0.15,
  /** Two notes closer than a fifth low down (below E3): mud. */
  lowMud: 4,
  /** The leading tone not rising to the tonic (twice in the top voice). */
  leadingTone: 2.5,
  /** A close voicing spread past an octave, per semitone; any two neighbours more than an octave apart. */
  spread: 0.8,
  gap: 5,
  /** An open voicing kept within an octave. */
  closed: 3,
  /** The fifth or the root left out to keep the chord under a low tune. */
  thinFifth: 4,
  thinRoot: 6,
} as const;

/** What leaving out a degree costs (the ear fills a fifth in; a missing third changes the chord). */
const DROP: Record<Degree, number> = { 1: 1.5, 2: 4, 3: 5, 4: 4, 5: 0.3, 6: 1.5, 7: 2.5, 9: 1, 11: 1, 13: 1 };

const pc = (p: number): PitchClass => ((p % 12) + 12) % 12;

/**
 * The tones a style voices, at most four: root, third (or suspension), seventh or sixth, then the
 * colour tones, the fifth only where there is room; rootless voicings leave the root to the bass
 * when the chord has a seventh, sixth or extension to stand on.
 *
 * @example
 * styleTones(chordTones([0, 4, 7, 11, 2]), 'rootless').map((t) => t.degree); // => [3, 7, 9, 5]
 */
export function styleTones(tones: readonly ChordTone[], style: VoicingStyle): ChordTone[] {
  const of = (...degrees: Degree[]) => tones.filter((t) => degrees.includes(t.degree));
  const [root] = of(1);
  const third = of(3, 2, 4);
  const seventh = of(7, 6);
  const colour = of(9, 13, 11);
  const fifth = of(5);
  const rich = seventh.length + colour.length > 0;
  const core = style === 'rootless' && rich && third.length > 0 ? [] : root ? [root] : [];
  const order = [...core, ...third, ...seventh, ...colour, ...fifth];
  const limit = style === 'rootless' ? 4 : Math.min(4, Math.max(3, order.length));
  return order.slice(0, limit);
}

/**
 * The tones under a melody: a tone that would rub a strong-beat melody note is left out — or, for a
 * major seventh against the melody's root, turned into the sixth (the 6/9 chord) — while at least
 * two tones remain; with the cost of what was left out.
 */
export function underMelody(
  tones: readonly ChordTone[],
  all: readonly ChordTone[],
  strong: readonly MidiPitch[],
): { tones: ChordTone[]; cost: number } {
  if (strong.length === 0) return { tones: [...tones], cost: 0 };
  const rubbing = (p: PitchClass) => strong.some((m) => semitoneApart(m, p));
  const root = all.find((t) => t.degree === 1)?.pc;
  const kept: ChordTone[] = [];
  let cost = 0;
  for (const t of tones) {
    if (!rubbing(t.pc)) kept.push(t);
    else if (t.degree === 7 && root !== undefined && pc(t.pc - root) === 11 && strong.some((m) => pc(m) === root)) {
      const sixth = { pc: pc(root + 9), degree: 6 as Degree };
      if (!rubbing(sixth.pc) && !tones.some((u) => u.pc === sixth.pc)) kept.push(sixth);
      cost += DROP[7] / 2;
    } else cost += DROP[t.degree];
  }
  return kept.length >= 2 ? { tones: kept, cost } : { tones: [...tones], cost: 0 };
}

/**
 * Voices a chord: among its inversions, spacings and doublings inside [low, high], the one that
 * moves least from the voicing before and breaks no rule — no note rubbing a strong-beat melody
 * note, no parallel fifths or octaves against the bass or the melody, under the melody, over the
 * bass, common tones held, the leading tone rising — each rule a cost ({@link VOICING_COSTS}).
 *
 * @example
 * voiceChord([0, 4, 7], { low: 52, high: 76, style: 'close', previous: [55, 59, 62] }); // => [55, 60, 64]
 */
export function voiceChord(pitchClasses: readonly PitchClass[], ctx: VoicingContext): MidiPitch[] {
  const { all, base, thinner } = tonesOf(pitchClasses, ctx.style);
  if (all.length === 0) return [];
  const best: { voicing: readonly MidiPitch[]; cost: number } = { voicing: [], cost: Number.POSITIVE_INFINITY };
  const weigh = (tones: readonly ChordTone[], cost: number) => {
    for (const v of spacings(tones, ctx.low, ctx.high)) {
      const total = cost + voicingCost(v, tones, ctx, best.cost - cost);
      if (total < best.cost) {
        best.cost = total;
        best.voicing = v;
      }
    }
  };
  // The style's tones, and the same without what would rub the melody.
  const tryTones = (tones: readonly ChordTone[], cost: number) => {
    weigh(tones, cost);
    const fitted = underMelody(tones, all, ctx.strong ?? NONE);
    if (fitted.cost > 0 || fitted.tones.length !== tones.length) weigh(fitted.tones, cost + fitted.cost);
  };
  tryTones(base, 0);
  // Thinner sets only where the tune lies low in the chord's register: the chord reaching it.
  const low = ctx.tune && ctx.tune.length > 0 ? tuneLow(ctx.tune) : Number.POSITIVE_INFINITY;
  if (best.voicing.length > 0 && best.voicing[best.voicing.length - 1] >= low)
    for (const [k, tones] of thinner.entries())
      tryTones(tones, k === 0 ? VOICING_COSTS.thinFifth : VOICING_COSTS.thinRoot);
  return best.voicing.length > 0 ? [...best.voicing] : fallback(base, ctx.low, ctx.high);
}

/**
 * A chord's tones, the ones its style voices, and thinner sets (without the fifth; without the
 * root), once per chord and style.
 */
function tonesOf(pitchClasses: readonly PitchClass[], style: VoicingStyle) {
  return remember(toneSets, `${style}|${pitchClasses.join(',')}`, () => {
    const all = chordTones(pitchClasses);
    const base = styleTones(all, style);
    const thinner = [5, 1]
      .map((degree) => base.filter((t) => t.degree !== degree))
      .filter((t) => t.length >= 2 && t.length < base.length);
    return { all, base, thinner };
  });
}

const NONE: readonly MidiPitch[] = [];

/** The lowest and highest note of a tune, found once per tune (the same list is asked about for every voicing). */
const tuneBounds = new WeakMap<readonly MidiPitch[], { low: MidiPitch; high: MidiPitch }>();
function boundsOf(tune: readonly MidiPitch[]) {
  let b = tuneBounds.get(tune);
  if (!b) {
    b = { low: minOf(tune), high: maxOf(tune) };
    tuneBounds.set(tune, b);
  }
  return b;
}
const tuneLow = (tune: readonly MidiPitch[]) => boundsOf(tune).low;
const tuneHigh = (tune: readonly MidiPitch[]) => boundsOf(tune).high;

const toneSets = new Map<string, { all: ChordTone[]; base: ChordTone[]; thinner: ChordTone[][] }>();
const placements = new Map<number, MidiPitch[][]>();

/** Every placement of the tones in [low, high], each once, within two octaves, low to high. */
export function spacings(tones: readonly ChordTone[], low: MidiPitch, high: MidiPitch): readonly MidiPitch[][] {
  let mask = 0;
  for (const t of tones) mask |= 1 << t.pc;
  const key = mask + 4096 * (low + 128 * high); // the tones' pitch classes are distinct
  let found = placements.get(key);
  if (!found) {
    found = place(tones, low, high);
    if (placements.size >= 4096) placements.clear();
    placements.set(key, found);
  }
  return found;
}

function place(tones: readonly ChordTone[], low: MidiPitch, high: MidiPitch): MidiPitch[][] {
  const out: MidiPitch[][] = [];
  const choice: MidiPitch[] = [];
  const place = (k: number) => {
    if (k === tones.length) {
      const v = [...choice].sort((a, b) => a - b);
      if (v[v.length - 1] - v[0] <= 24) out.push(v);
      return;
    }
    for (let p = low + pc(tones[k].pc - low); p <= high; p += 12) {
      choice.push(p);
      place(k + 1);
      choice.pop();
    }
  };
  place(0);
  return out;
}

function fallback(tones: readonly ChordTone[], low: MidiPitch, high: MidiPitch): MidiPitch[] {
  return tones.map((t) => Math.min(high, low + pc(t.pc - low))).sort((a, b) => a - b);
}

/** The cost of voicing `v` (low to high) of `tones` in its context (past `bound`, not all of it). */
export function voicingCost(
  v: readonly MidiPitch[],
  tones: readonly ChordTone[],
  ctx: VoicingContext,
  bound = Number.POSITIVE_INFINITY,
): number {
  const c = VOICING_COSTS;
  const top = v[v.length - 1];
  let cost = 0;
  if (ctx.strong) for (const m of ctx.strong) for (const p of v) if (semitoneApart(m, p)) cost += c.clash;
  if (ctx.later) for (const m of ctx.later) for (const p of v) if (semitoneApart(m, p)) cost += c.laterClash;
  const tune = ctx.tune;
  if (tune && tune.length > 0) {
    const low = tuneLow(tune);
    if (top > low) cost += c.aboveMelody + (top - low) * c.aboveMelodyStep;
    if (v[0] <= tuneHigh(tune)) for (const p of v) if (tune.includes(p)) cost += c.melodyUnison;
  }
  const bassLow = ctx.bass?.low;
  if (bassLow !== undefined && v[0] <= bassLow) cost += c.underBass;
  for (let i = 1; i < v.length; i++) {
    const gap = v[i] - v[i - 1];
    if (gap > 12) cost += c.gap;
    if (v[i - 1] < 52 && gap < 7) cost += c.lowMud;
  }
  const span = top - v[0];
  if (ctx.style === 'open') cost += span < 12 ? c.closed : 0;
  else if (span > 12) cost += (span - 12) * c.spread;
  cost += Math.abs((v[0] + top) / 2 - (ctx.low + ctx.high) / 2) * c.centre;
  // The motion from the chord before only adds: a voicing already dearer than `bound` is out.
  const prev = ctx.previous;
  if (prev && prev.length > 0 && cost < bound) cost += leading(prev, v, tones, ctx);
  return cost;
}

/** Motion, parallels and the leading tone from the voicing before, voice by voice from the top. */
function leading(
  prev: readonly MidiPitch[],
  v: readonly MidiPitch[],
  tones: readonly ChordTone[],
  ctx: VoicingContext,
) {
  const c = VOICING_COSTS;
  const n = Math.min(prev.length, v.length);
  let cost = Math.abs(prev.length - v.length) * 2;
  const lt = ctx.tonic === undefined ? -1 : leadingTone(ctx.tonic);
  const resolves = ctx.tonic !== undefined && tones.some((t) => t.pc === ctx.tonic);
  const { melody, bass } = ctx;
  for (let r = 0; r < n; r++) {
    const from = prev[prev.length - 1 - r];
    const to = v[v.length - 1 - r];
    cost += Math.abs(to - from) * c.motion;
    if (resolves && pc(from) === lt && to - from !== 1) cost += r === 0 ? 2 * c.leadingTone : c.leadingTone;
    if (
      melody?.from !== undefined &&
      melody.to !== undefined &&
      parallel(melody.from, from, melody.to, to) !== undefined
    )
      cost += c.outerParallel;
    if (bass?.from !== undefined && bass.to !== undefined && parallel(from, bass.from, to, bass.to) !== undefined)
      cost += c.outerParallel;
    for (let s = r + 1; s < n; s++)
      if (parallel(from, prev[prev.length - 1 - s], to, v[v.length - 1 - s]) !== undefined) cost += c.innerParallel;
  }
  return cost;
}
