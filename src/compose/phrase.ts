import { barTicks, beatTicks, type MidiPitch, type Rng, type Steps, type Ticks } from '../core';
import { chordOfRoman, chordPitchClasses, type Note } from '../corpus';
import {
  type Cadence,
  generateHarmonyPhrase,
  generateMelodyPhrase,
  type HarmonyChord,
  heldChordPercentile,
  isDominantChord,
  isTonicChord,
  type MelodyContext,
  type MuseModel,
  shapeDefaults,
  TWELFTHS_PER_BAR,
  UNIT_TICKS,
} from '../model';
import { accent, nearestOf } from './notes';
import { type ComposeOptions, DEFAULT_AMBITUS } from './options';

/** One phrase's music, ticks from the phrase start. */
export interface PhraseMaterial {
  bars: number;
  cadence: Cadence;
  chords: (HarmonyChord & { start: number })[];
  melody: Note[];
  /** Guard tokens of the melody and the chords, for the originality report. */
  melodyTokens: string[];
  /** The melody's interval tokens (transposed copies), for the originality report. */
  intervalTokens: string[];
  chordTokens: string[];
  /** Tokens drawn with the guard relaxed. */
  relaxed: number;
}

/** What the next phrase continues from. */
export interface PhraseContext {
  chords: string[];
  melody: MelodyContext | undefined;
}

const tonicRoman = (o: ComposeOptions) => (['minor', 'dorian', 'phrygian', 'locrian'].includes(o.mode) ? 'Im' : 'I');

/**
 * The harmonic rhythm a phrase's chords keep: they change on the felt beats of the meter (dotted
 * quarters in 6/8), and none is held longer — struck again right after itself included — than
 * `o.longestChord` beats (the corpus's own 95th percentile), or, without it, than the model's
 * training chords' 95th percentile.
 */
export function harmonicRhythm(model: MuseModel, o: ComposeOptions): { beats: number; longest?: number } {
  const beats = barTicks(o.meter) / beatTicks(o.meter);
  const perBeat = TWELFTHS_PER_BAR / beats;
  const longest =
    o.longestChord !== undefined
      ? Math.floor(o.longestChord * perBeat + 1e-9)
      : heldChordPercentile(model.guards.chords, 95);
  return { beats, longest: longest === undefined ? undefined : Math.max(Math.ceil(perBeat), longest) };
}

/**
 * The chords of a phrase from the model, ending on the plan's cadence, in the corpus's harmonic
 * rhythm ({@link harmonicRhythm}); when the model cannot end
 * that way (it never saw such a cadence, or the phrase is too short for one), the chord reaching
 * the end is still the goal (tonic or dominant) — by constraint where the model allows, else set
 * plainly; failing everything, the tonic in every bar.
 */
export function phraseHarmony(
  model: MuseModel,
  o: ComposeOptions,
  bars: number,
  cadence: Cadence,
  context: PhraseContext,
  startOnTonic: boolean,
  rng: Rng,
) {
  const end = bars * TWELFTHS_PER_BAR;
  const rhythm = harmonicRhythm(model, o);
  // Too short a phrase for a whole cadence: at least the chord that reaches the end is the goal.
  const goal = cadence === 'authentic' ? isTonicChord : cadence === 'half' ? isDominantChord : undefined;
  const reachesGoal = goal && ((at: number, c: HarmonyChord) => at + c.twelfths < end || goal(c.roman, o.mode));
  const attempts: [Cadence, typeof reachesGoal][] = [
    [cadence, undefined],
    ['none', reachesGoal],
    ['none', undefined],
  ];
  for (const [c, allowed] of attempts) {
    for (const tonicStart of startOnTonic ? [true, false] : [false]) {
      const r = generateHarmonyPhrase(
        model,
        {
          bars,
          mode: o.mode,
          cadence: c,
          startOnTonic: tonicStart,
          context: context.chords,
          temperature: o.temperature,
          allowed,
          ...rhythm,
        },
        rng,
      );
      if (!r.ok) continue;
      const last = r.value.chords[r.value.chords.length - 1];
      if (goal && last && !goal(last.roman, o.mode)) {
        // The model knows no such ending of this length: the last chord becomes the plain goal.
        const roman = cadence === 'authentic' ? tonicRoman(o) : 'V';
        const chords = [...r.value.chords.slice(0, -1), { ...last, roman }];
        return { ...r.value, chords, tokens: [...r.value.tokens.slice(0, -1), `${roman}|${last.twelfths}`] };
      }
      return r.value;
    }
  }
  const chords = Array.from({ length: bars }, (_, i) => ({
    roman: tonicRoman(o),
    twelfths: TWELFTHS_PER_BAR,
    start: i * TWELFTHS_PER_BAR,
  }));
  return { chords, tokens: chords.map((c) => `${c.roman}|${c.twelfths}`), relaxed: 0 };
}

/** The first notes of a phrase already written (pitch, length in units): what a phrase before it leads into. */
export type FirstNotes = readonly { pitch: MidiPitch; units: number }[];

/** The first notes of a phrase's melody, up to `count`, each as long as it sounds before the next. */
export function firstNotes(m: PhraseMaterial, count: number): FirstNotes {
  return m.melody.slice(0, count).map((n, i) => {
    const end = Math.min(n.tick + n.duration, m.melody[i + 1]?.tick ?? Number.POSITIVE_INFINITY);
    return { pitch: n.pitch, units: Math.max(1, Math.round((end - n.tick) / UNIT_TICKS)) };
  });
}

/** Largest leap into a phrase's first note from the note before it: a sixth (register continuity). */
export const SEAM_LEAP = 9;

/**
 * The part's range narrowed to the piece's ambitus (`melody.ambitus` semitones), in the middle of
 * the range: a tune keeps to about a twelfth, whatever the instrument could play.
 */
export function melodyWindow(melody: ComposeOptions['melody']): { low: MidiPitch; high: MidiPitch } {
  const ambitus = melody.ambitus ?? DEFAULT_AMBITUS;
  const span = melody.high - melody.low;
  if (span <= ambitus) return { low: melody.low, high: melody.high };
  const low = melody.low + Math.floor((span - ambitus) / 2);
  return { low, high: low + ambitus };
}

/**
 * The melody of a phrase over its chords, in the piece's window of the part's range, the note on
 * the last downbeat on the tonic (an authentic cadence) or on a chord tone, the first note within
 * a sixth of the note before and the last within a sixth of `next` (the phrase that follows, when
 * it is already written); falling back to looser endings and seams, and at worst to held chord
 * tones, so a phrase always sounds.
 */
export function phraseMelody(
  model: MuseModel,
  o: ComposeOptions,
  bars: number,
  cadence: Cadence,
  chords: readonly (HarmonyChord & { start: number })[],
  context: MelodyContext | undefined,
  rng: Rng,
  next?: FirstNotes,
) {
  const bar = barTicks(o.meter);
  const beat = beatTicks(o.meter);
  const { low, high } = melodyWindow(o.melody);
  const endings =
    cadence === 'authentic' ? (['tonic', 'chord-tone', 'none'] as const) : (['chord-tone', 'none'] as const);
  for (const ending of endings) {
    for (const seamLeap of [SEAM_LEAP, undefined]) {
      const r = generateMelodyPhrase(
        model,
        {
          bars,
          meter: o.meter,
          key: o.key,
          mode: o.mode,
          chords,
          low,
          high,
          cadence: ending,
          pickup: true,
          context,
          seamLeap,
          next,
          shape: { ...shapeDefaults, chordTones: o.melody.chordToneBias },
          temperature: o.temperature,
        },
        rng,
      );
      if (!r.ok) continue;
      const notes = r.value.notes.map((n) => ({
        pitch: n.pitch,
        tick: n.tick,
        duration: n.duration,
        velocity: accent(o.melody.velocity, n.tick, bar, beat),
      }));
      holdLastNote(notes, bars * bar - (cadence === 'authentic' ? 0 : beat));
      const { guardTokens, intervalTokens, relaxed } = r.value;
      return { notes, context: r.value.context, guardTokens, intervalTokens, relaxed };
    }
  }
  const notes: Note[] = chords.map((c) => {
    const tick = (c.start * bar) / TWELFTHS_PER_BAR;
    const pitch = nearestOf(chordPitchClasses(chordOfRoman(c.roman, o.key)), (low + high) / 2, low, high);
    return { pitch, tick, duration: (c.twelfths * bar) / TWELFTHS_PER_BAR, velocity: o.melody.velocity };
  });
  return { notes, context, guardTokens: [] as string[], intervalTokens: [] as string[], relaxed: 0 };
}

/**
 * Lets the cadence note ring on to `until` (the phrase end, or a beat before it to breathe) when
 * it is the phrase's last: notes after it (an upbeat into the next phrase) keep their rhythm.
 */
function holdLastNote(notes: Note[], until: Ticks): void {
  const last = notes[notes.length - 1];
  if (last && last.tick < until && last.tick + last.duration < until) last.duration = until - last.tick;
}

/**
 * Ends a melody at `end` on the note sounding at the last downbeat `finalDownbeat`: notes after
 * it (an upbeat into a phrase that does not come) are left out, and it rings to the end.
 */
export function closeMelody(notes: Note[], finalDownbeat: Ticks, end: Ticks): Note[] {
  const kept = notes.filter((n) => n.tick <= finalDownbeat);
  const last = kept[kept.length - 1];
  if (!last || kept.length === notes.length) return notes;
  return [...kept.slice(0, -1), { ...last, duration: end - last.tick }];
}

/** A new phrase: harmony, then (a step later) melody over it. */
export function* newPhrase(
  model: MuseModel,
  o: ComposeOptions,
  bars: number,
  cadence: Cadence,
  context: PhraseContext,
  startOnTonic: boolean,
  rngs: { harmony: Rng; melody: Rng },
  next?: FirstNotes,
): Steps<{ material: PhraseMaterial; context: PhraseContext }> {
  const h = phraseHarmony(model, o, bars, cadence, context, startOnTonic, rngs.harmony);
  yield;
  const m = phraseMelody(model, o, bars, cadence, h.chords, context.melody, rngs.melody, next);
  return {
    material: {
      bars,
      cadence,
      chords: h.chords,
      melody: m.notes,
      melodyTokens: m.guardTokens,
      intervalTokens: m.intervalTokens,
      chordTokens: h.tokens,
      relaxed: h.relaxed + m.relaxed,
    },
    context: { chords: [...context.chords, ...h.tokens].slice(-16), melody: m.context },
  };
}

/**
 * A repeated phrase with a new last bar for another cadence: the same music up to the last bar,
 * then chords and melody recomposed for the new ending, continuing from what is kept.
 */
export function varyEnding(
  model: MuseModel,
  o: ComposeOptions,
  cached: PhraseMaterial,
  cadence: Cadence,
  context: PhraseContext,
  rngs: { harmony: Rng; melody: Rng },
  next?: FirstNotes,
): PhraseMaterial {
  const bar = barTicks(o.meter);
  const lastBar = (cached.bars - 1) * TWELFTHS_PER_BAR;
  const keptChords = cached.chords.filter((c) => c.start < lastBar);
  const keptTokens = keptChords.map((c) => `${c.roman}|${c.twelfths}`);
  const h = phraseHarmony(
    model,
    o,
    1,
    cadence,
    { ...context, chords: [...context.chords, ...keptTokens] },
    false,
    rngs.harmony,
  );
  const body: Ticks = (cached.bars - 1) * bar;
  const kept = cached.melody
    .filter((n) => n.tick < body)
    .map((n) => ({ ...n, duration: Math.min(n.duration, body - n.tick) }));
  const melodyContext = melodyContextOf(kept, context.melody);
  const m = phraseMelody(model, o, 1, cadence, h.chords, melodyContext, rngs.melody, next);
  return {
    bars: cached.bars,
    cadence,
    chords: [...keptChords, ...h.chords.map((c) => ({ ...c, start: c.start + lastBar }))],
    melody: [...kept, ...m.notes.map((n) => ({ ...n, tick: n.tick + body }))],
    melodyTokens: cached.melodyTokens,
    intervalTokens: cached.intervalTokens,
    chordTokens: cached.chordTokens,
    relaxed: cached.relaxed + h.relaxed + m.relaxed,
  };
}

/**
 * The melody context after `before` and then notes heard again (a repeat, or the kept part of one):
 * their last eight (pitch and length; rests are not kept), and the piece memory moved on through
 * them (it learns nothing new from music it has heard).
 */
function melodyContextOf(notes: readonly Note[], before: MelodyContext | undefined): MelodyContext {
  const heard = notes.map((n) => ({ pitch: n.pitch, units: Math.max(1, Math.round(n.duration / UNIT_TICKS)) }));
  return {
    notes: heard.slice(-8),
    rhythm: heard.slice(-8).map((n) => String(n.units)),
    memory: before?.memory?.movedOn(before.notes[before.notes.length - 1]?.pitch, heard),
  };
}

/** What follows music heard again (a repeat) continues from it: its chords and its melody. */
export function continueAfter(context: PhraseContext, m: PhraseMaterial): PhraseContext {
  return {
    chords: [...context.chords, ...m.chordTokens].slice(-16),
    melody: m.melody.length > 0 ? melodyContextOf(m.melody, context.melody) : context.melody,
  };
}
