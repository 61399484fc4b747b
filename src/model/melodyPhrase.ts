import { type Meter, type MidiPitch, ok, type Result, type Rng, type Ticks } from '../core';
import { type Mode, scaleSteps, tonicPitchClass } from '../corpus';
import { type HarmonyChord, TWELFTHS_PER_BAR } from './harmonyModel';
import { type ChordContext, chordContextOf } from './melodyLine';
import { barUnits, UNIT_TICKS, type Units } from './metric';
import { modeFamily } from './modeFamily';
import type { MuseModel } from './museModel';
import { mod12 } from './pitchExperts';
import { generatePitches, noteGuardToken, type PitchSlot } from './pitchPhrase';
import { generateRhythm } from './rhythmPhrase';
import type { ConstraintError } from './stepModel';

/** How a melody phrase ends: on the tonic, on a tone of its last chord, or anywhere. */
export type MelodyCadence = 'tonic' | 'chord-tone' | 'none';

/** What came before a phrase: its last notes (MIDI pitch, length) and rhythm tokens. */
export interface MelodyContext {
  notes: { pitch: MidiPitch; units: Units }[];
  rhythm: string[];
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
  /** Default "tonic": the last note, on the last downbeat, is the tonic. */
  cadence?: MelodyCadence;
  /** Notes that must sound at given onsets (ticks from the phrase start). */
  fixed?: readonly { tick: Ticks; pitch: MidiPitch }[];
  /** The previous phrase's `context`, for continuity and for the guard across the seam. */
  context?: MelodyContext;
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
  const scale = request.inScale === false ? null : new Set(scaleSteps(request.mode));
  const last = slots.length - 1;
  const extra = request.allowed;
  const allowed = (i: number, pitch: number): boolean =>
    own(i, pitch) &&
    (!extra || extra({ index: i, last: i === last, tick: slots[i].onset * UNIT_TICKS }, pitch + tonic));
  const own = (i: number, pitch: number): boolean => {
    const pc = mod12(pitch);
    const tones = slots[i].chord?.tones;
    if (fixed.has(slots[i].onset)) return fixed.get(slots[i].onset) === pitch;
    if (i === last && cadence === 'tonic' && pc !== 0) return false;
    if (i === last && cadence === 'chord-tone' && tones && !tones.includes(pc)) return false;
    return !scale || scale.has(pc) || (tones?.includes(pc) ?? false);
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
      guard:
        request.guard === false
          ? undefined
          : { index: model.guards.melody, context: previous.map((n) => noteGuardToken(n.pitch, n.units)) },
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
  return ok({
    notes,
    context: {
      notes: [...context.notes, ...slots.map((s, i) => ({ pitch: notes[i].pitch, units: s.units }))].slice(-keep),
      rhythm: [...context.rhythm, ...rhythm.value.tokens].slice(-keep),
    },
    guardTokens: slots.map((s, i) => noteGuardToken(pitches.value.pitches[i], s.units)),
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

/** A function from an onset (units from the phrase start) to the chord sounding there. */
function chordTimeline(chords: readonly HarmonyChord[], meter: Meter): (onset: Units) => ChordContext | null {
  const perTwelfth = barUnits(meter) / TWELFTHS_PER_BAR;
  const spans: { start: number; end: number; chord: ChordContext | null }[] = [];
  let start = 0;
  for (const c of chords) {
    const end = start + c.twelfths * perTwelfth;
    spans.push({ start, end, chord: chordContextOf(c.roman) });
    start = end;
  }
  return (onset) => spans.find((s) => onset >= s.start && onset < s.end)?.chord ?? null;
}
