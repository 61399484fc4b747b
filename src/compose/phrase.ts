import { barTicks, beatTicks, type Rng, type Ticks } from '../core';
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
  TWELFTHS_PER_BAR,
} from '../model';
import { accent, nearestOf } from './notes';
import type { ComposeOptions } from './options';

/** One phrase's music, ticks from the phrase start. */
export interface PhraseMaterial {
  bars: number;
  cadence: Cadence;
  chords: (HarmonyChord & { start: number })[];
  melody: Note[];
  /** Guard tokens of the melody and the chords, for the originality report. */
  melodyTokens: string[];
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

/**
 * The melody of a phrase over its chords, in the part's range, the last note on the tonic (an
 * authentic cadence) or on a chord tone; falling back to looser endings, and at worst to held chord
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
) {
  const bar = barTicks(o.meter);
  const beat = beatTicks(o.meter);
  const endings =
    cadence === 'authentic' ? (['tonic', 'chord-tone', 'none'] as const) : (['chord-tone', 'none'] as const);
  for (const ending of endings) {
    const r = generateMelodyPhrase(
      model,
      {
        bars,
        meter: o.meter,
        key: o.key,
        mode: o.mode,
        chords,
        low: o.melody.low,
        high: o.melody.high,
        cadence: ending,
        context,
        temperature: o.temperature,
      },
      rng,
    );
    if (r.ok) {
      const notes = r.value.notes.map((n) => ({
        pitch: n.pitch,
        tick: n.tick,
        duration: n.duration,
        velocity: accent(o.melody.velocity, n.tick, bar, beat),
      }));
      holdLastNote(notes, bars * bar - (cadence === 'authentic' ? 0 : beat));
      return { notes, context: r.value.context, guardTokens: r.value.guardTokens, relaxed: r.value.relaxed };
    }
  }
  const notes: Note[] = chords.map((c) => {
    const tick = (c.start * bar) / TWELFTHS_PER_BAR;
    const pitch = nearestOf(
      chordPitchClasses(chordOfRoman(c.roman, o.key)),
      (o.melody.low + o.melody.high) / 2,
      o.melody.low,
      o.melody.high,
    );
    return { pitch, tick, duration: (c.twelfths * bar) / TWELFTHS_PER_BAR, velocity: o.melody.velocity };
  });
  return { notes, context, guardTokens: [] as string[], relaxed: 0 };
}

/** Lets the cadence note ring on to `until` (the phrase end, or a beat before it to breathe). */
function holdLastNote(notes: Note[], until: Ticks): void {
  const last = notes[notes.length - 1];
  if (last && last.tick < until && last.tick + last.duration < until) last.duration = until - last.tick;
}

/** A new phrase: harmony, then melody over it. */
export function newPhrase(
  model: MuseModel,
  o: ComposeOptions,
  bars: number,
  cadence: Cadence,
  context: PhraseContext,
  startOnTonic: boolean,
  rngs: { harmony: Rng; melody: Rng },
): { material: PhraseMaterial; context: PhraseContext } {
  const h = phraseHarmony(model, o, bars, cadence, context, startOnTonic, rngs.harmony);
  const m = phraseMelody(model, o, bars, cadence, h.chords, context.melody, rngs.melody);
  return {
    material: {
      bars,
      cadence,
      chords: h.chords,
      melody: m.notes,
      melodyTokens: m.guardTokens,
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
  const unit = 40;
  const melodyContext: MelodyContext = {
    notes: kept.slice(-8).map((n) => ({ pitch: n.pitch, units: Math.max(1, Math.round(n.duration / unit)) })),
    rhythm: kept.slice(-8).map((n) => String(Math.max(1, Math.round(n.duration / unit)))),
  };
  const m = phraseMelody(model, o, 1, cadence, h.chords, melodyContext, rngs.melody);
  return {
    bars: cached.bars,
    cadence,
    chords: [...keptChords, ...h.chords.map((c) => ({ ...c, start: c.start + lastBar }))],
    melody: [...kept, ...m.notes.map((n) => ({ ...n, tick: n.tick + body }))],
    melodyTokens: cached.melodyTokens,
    chordTokens: cached.chordTokens,
    relaxed: cached.relaxed + h.relaxed + m.relaxed,
  };
}
