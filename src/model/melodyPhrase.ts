import { type Meter, type MidiPitch, ok, type Result, type Rng, type Ticks } from '../core';
import { scaleSteps, tonicPitchClass } from '../corpus/theory';
import type { Mode } from '../corpus/types';
import { crossesDegree } from './chordSpelling';
import { intervalTokens } from './guard';
import { type HarmonyChord, TWELFTHS_PER_BAR } from './harmonyModel';
import { type MelodicShape, shapeDefaults } from './melodicShape';
import { type ChordContext, chordContextOf } from './melodyLine';
import { barUnits, UNIT_TICKS, type Units } from './metric';
import { modeFamily } from './modeFamily';
import type { MuseModel } from './museModel';
import { heardAfter, type PieceMemory } from './pieceMemory';
import { mod12 } from './pitchExperts';
import { noteGuardToken } from './pitchGuard';
import { generatePitches, type PitchSlot } from './pitchPhrase';
import { generateRhythm } from './rhythmPhrase';
import type { ConstraintError } from './stepModel';

/** How a melody phrase ends: on the tonic, on a tone of its last chord, or anywhere. */
export type MelodyCadence = 'tonic' | 'chord-tone' | 'none';

/** What came before a phrase: its last notes (MIDI pitch, length) and rhythm tokens, and the piece memory. */
export interface MelodyContext {
  notes: { pitch: MidiPitch; units: Units }[];
  rhythm: string[];
  /** Every note of the piece so far, as the short-term model hears them (intervals: key-free). */
  memory?: PieceMemory;
}

/** What a phrase of melody must be. */
export interface MelodyPhraseRequest {
  bars: number;
  meter: Meter;
  /** Tonic, e.g. "G": the model is key-relative, any key works. */
  key: string;
  /** The mode: the model conditions on its family (major- or minor-like). */
  mode: Mode;
  /** Keep pitches in the mode's scale, chord tones always allowed (default true). */
  inScale?: boolean;
  /** The phrase's chords in order from its start, as generateHarmonyPhrase gives them; omitted: chords unknown. */
  chords?: readonly HarmonyChord[];
  /** Lowest and highest MIDI pitch. */
  low: MidiPitch;
  high: MidiPitch;
  /** Default "tonic": the note on the last downbeat is the tonic. */
  cadence?: MelodyCadence;
  /**
   * Notes may follow the cadence note in the last bar, leading into the next phrase, where the
   * rhythm model has them (default false: the cadence note is the phrase's last).
   */
  pickup?: boolean;
  /** Notes that must sound at given onsets (ticks from the phrase start). */
  fixed?: readonly { tick: Ticks; pitch: MidiPitch }[];
  /** The previous phrase's `context`, for continuity and for the guard across the seam. */
  context?: MelodyContext;
  /**
   * Largest leap in semitones from the context's last note into the phrase's first, and from the
   * phrase's last note to `next`: the register carries on across phrases (default: no limit).
   */
  seamLeap?: number;
  /**
   * The first notes (pitch, length in units) of the phrase that follows, when it is already
   * written (a repeat): the last note leads to the first of them within `seamLeap`, and the guard
   * reads across that seam.
   */
  next?: readonly { pitch: MidiPitch; units: Units }[];
  /** Craft the sampler adds to the model (leap recovery); default {@link shapeDefaults}, null for the model alone. */
  shape?: MelodicShape | null;
  temperature?: number;
  /** The originality guard (default on). */
  guard?: boolean;
  /** A further constraint on each note's MIDI pitch, by its place (regenerating a selection joins its ends this way). */
  allowed?: (note: { index: number; last: boolean; tick: Ticks }, pitch: MidiPitch) => boolean;
  /** A rhythm to keep (onsets and lengths in ticks from the phrase start): only the pitches are drawn. */
  rhythm?: readonly { tick: Ticks; duration: Ticks }[];
}

/** A generated phrase of melody, ticks from the phrase start. */
export interface MelodyPhrase {
  notes: { pitch: MidiPitch; tick: Ticks; duration: Ticks }[];
  /** Pass to the next phrase's request. */
  context: MelodyContext;
  /** The notes as guard tokens (scale degree|length in units), for the originality report. */
  guardTokens: string[];
  /**
   * The notes as interval tokens (interval|length before|length), the first from the context's
   * last note when there is one: for the report on transposed copies.
   */
  intervalTokens: string[];
  /** Notes drawn with the guard relaxed (0 unless the constraints left no other way). */
  relaxed: number;
}

/**
 * Generates one phrase of melody in two compiled stages: its rhythm (exactly `bars` bars, the
 * cadence note on the last downbeat, a note at every fixed onset), then its pitches over that
 * rhythm and the chords (range, scale, cadence and fixed notes guaranteed, the guard on). A typed
 * error when the constraints cannot be met.
 *
 * @example
 * const m = generateMelodyPhrase(model, { bars: 4, meter: [4, 4], key: 'D', mode: 'major',
 *   chords: harmony.chords, low: 62, high: 84 }, rng);
 */
export function generateMelodyPhrase(
  model: MuseModel,
  request: MelodyPhraseRequest,
  rng: Rng,
): Result<MelodyPhrase, ConstraintError> {
  const tonic = Math.max(0, tonicPitchClass(request.key));
  const context = request.context ?? { notes: [], rhythm: [] };
  const fixed = new Map((request.fixed ?? []).map((f) => [Math.round(f.tick / UNIT_TICKS), f.pitch - tonic]));
  const cadence = request.cadence ?? 'tonic';
  const rhythm = request.rhythm
    ? ok(keptRhythm(request.rhythm))
    : generateRhythm(
        model.rhythm,
        model.options.order,
        {
          bars: request.bars,
          meter: request.meter,
          context: context.rhythm,
          cadence: cadence !== 'none',
          pickup: request.pickup,
          onsets: [...fixed.keys()],
          temperature: request.temperature,
        },
        rng,
      );
  if (!rhythm.ok) return rhythm;
  const chordAt = chordTimeline(request.chords ?? [], request.meter);
  const slots: PitchSlot[] = rhythm.value.events
    .filter((e) => !e.rest)
    .map((e) => ({ onset: e.onset, units: e.units, chord: chordAt(e.onset) }));
  const steps = scaleSteps(request.mode);
  const scale = request.inScale === false ? null : new Set(steps);
  const spans = chordSpans(request.chords ?? [], request.meter);
  const over = slots.map((s) => romansOver(spans, s.onset, s.units));
  const seam = request.seamLeap ?? Number.POSITIVE_INFINITY;
  const before = context.notes[context.notes.length - 1]?.pitch;
  const following = request.next?.[0]?.pitch;
  // Into music already written, the last note goes within `seamLeap`; a leap of a fifth or more
  // only where the written music steps back after it (it cannot answer the leap itself).
  const shape = request.shape === null ? undefined : (request.shape ?? shapeDefaults);
  const leadsInto = (last: MidiPitch): boolean => {
    if (following === undefined) return true;
    const leap = following - last;
    if (Math.abs(leap) > seam) return false;
    if (!shape || Math.abs(leap) < shape.leap) return true;
    const after = request.next?.[1]?.pitch;
    const back = after === undefined ? 0 : (after - following) * -Math.sign(leap);
    return after === undefined || back === 1 || back === 2;
  };
  // The cadence note: on the last downbeat (the rhythm put one there), else the last note.
  const lastDownbeat = (request.bars - 1) * barUnits(request.meter);
  const found = slots.findIndex((s) => s.onset === lastDownbeat);
  const last = found >= 0 ? found : slots.length - 1;
  const extra = request.allowed;
  const final = slots.length - 1;
  const allowed = (i: number, pitch: number): boolean =>
    own(i, pitch) &&
    (!extra || extra({ index: i, last: i === final, tick: slots[i].onset * UNIT_TICKS }, pitch + tonic));
  const own = (i: number, pitch: number): boolean => {
    const pc = mod12(pitch);
    const tones = slots[i].chord?.tones;
    if (fixed.has(slots[i].onset)) return fixed.get(slots[i].onset) === pitch;
    if (i === last && cadence === 'tonic' && pc !== 0) return false;
    if (i === last && cadence === 'chord-tone' && tones && !tones.includes(pc)) return false;
    if (i === 0 && before !== undefined && Math.abs(pitch + tonic - before) > seam) return false;
    if (i === slots.length - 1 && following !== undefined && !leadsInto(pitch + tonic)) return false;
    if (!scale) return true;
    if (!scale.has(pc) && !(tones?.includes(pc) ?? false)) return false;
    return !crossesDegree(pc, steps, slots[i].chord?.roman, over[i]);
  };
  const previous = context.notes.map((n) => ({ pitch: n.pitch - tonic, units: n.units }));
  const pitches = generatePitches(
    model.pitch,
    {
      slots,
      meter: request.meter,
      family: modeFamily(request.mode),
      low: request.low - tonic,
      high: request.high - tonic,
      previous,
      allowed,
      temperature: request.temperature,
      shape,
      memory: model.pitch.weights.memory > 0 ? context.memory : undefined,
      guard:
        request.guard === false
          ? undefined
          : {
              index: model.guards.melody,
              context: previous.map((n) => noteGuardToken(n.pitch, n.units)),
              transposed: model.guards.transposed,
              follow: request.next?.map((n) => ({ pitch: n.pitch - tonic, units: n.units })),
            },
    },
    rng,
  );
  if (!pitches.ok) return pitches;
  const notes = slots.map((s, i) => ({
    pitch: pitches.value.pitches[i] + tonic,
    tick: s.onset * UNIT_TICKS,
    duration: s.units * UNIT_TICKS,
  }));
  const keep = 2 * model.options.order + 8;
  const heard = slots.map((s, i) => ({ pitch: notes[i].pitch, units: s.units }));
  return ok({
    notes,
    context: {
      notes: [...context.notes, ...heard].slice(-keep),
      rhythm: [...context.rhythm, ...rhythm.value.tokens].slice(-keep),
      // A model whose piece memory weighs nothing keeps none.
      memory:
        model.pitch.weights.memory > 0
          ? (pitches.value.memory ?? heardAfter(undefined, context.notes[context.notes.length - 1]?.pitch, heard))
          : undefined,
    },
    guardTokens: slots.map((s, i) => noteGuardToken(pitches.value.pitches[i], s.units)),
    intervalTokens: intervalTokens([...context.notes.slice(-1), ...heard]),
    relaxed: pitches.value.relaxed,
  });
}

/** A given rhythm as the rhythm stage's result: one note token per note, lengths in whole units. */
function keptRhythm(notes: readonly { tick: Ticks; duration: Ticks }[]) {
  const events = notes.map((n) => ({
    onset: Math.round(n.tick / UNIT_TICKS),
    units: Math.max(1, Math.round(n.duration / UNIT_TICKS)),
    rest: false,
  }));
  return { tokens: events.map((e) => String(e.units)), events };
}

/** Where each chord of a phrase sounds, in units from the phrase start. */
interface ChordSpanUnits {
  start: Units;
  end: Units;
  roman: string;
  chord: ChordContext | null;
}

function chordSpans(chords: readonly HarmonyChord[], meter: Meter): ChordSpanUnits[] {
  const perTwelfth = barUnits(meter) / TWELFTHS_PER_BAR;
  const spans: ChordSpanUnits[] = [];
  let start = 0;
  for (const c of chords) {
    const end = start + c.twelfths * perTwelfth;
    spans.push({ start, end, roman: c.roman, chord: chordContextOf(c.roman) });
    start = end;
  }
  return spans;
}

/** A function from an onset (units from the phrase start) to the chord sounding there. */
function chordTimeline(chords: readonly HarmonyChord[], meter: Meter): (onset: Units) => ChordContext | null {
  const spans = chordSpans(chords, meter);
  return (onset) => spans.find((s) => onset >= s.start && onset < s.end)?.chord ?? null;
}

/** The roman numerals of the chords sounding while a note from `onset` lasts `units`. */
function romansOver(spans: readonly ChordSpanUnits[], onset: Units, units: Units): string[] {
  return spans.filter((s) => s.start < onset + units && s.end > onset).map((s) => s.roman);
}
