import { barTicks, createRng, pushAll, type Rng, runSteps, type Steps, type Ticks } from '../core';
import { chordOfRoman, type Note } from '../corpus';
import {
  type Cadence,
  type MuseModel,
  type OriginalityReport,
  originalityReport,
  TWELFTHS_PER_BAR,
  transposedReport,
} from '../model';
import { arrange, arrangeSteps } from './arrange';
import { parseForm, planForm, type SectionPlan } from './form';
import { type ComposeOptions, composeDefaults } from './options';
import {
  closeMelody,
  continueAfter,
  type FirstNotes,
  firstNotes,
  harmonicRhythm,
  newPhrase,
  type PhraseContext,
  type PhraseMaterial,
  phraseHarmony,
  SEAM_LEAP,
  varyEnding,
} from './phrase';
import type { ChordSpan, Piece, Section } from './piece';
import { remember } from './remember';
import { keepHarmonicRhythm } from './turnaround';

/** Merges partial options over the defaults, part by part. */
export function resolveOptions(options: Partial<ComposeOptions>): ComposeOptions {
  return {
    ...composeDefaults,
    ...options,
    melody: { ...composeDefaults.melody, ...options.melody },
    chords: { ...composeDefaults.chords, ...options.chords },
    bass: { ...composeDefaults.bass, ...options.bass },
    groove: { ...composeDefaults.groove, ...options.groove },
  };
}

/** A piece and how much of it was copied from the training pieces. */
export interface Composition {
  piece: Piece;
  /**
   * The melody (scale degrees and lengths), the chords, and the melody's transposed copies
   * (intervals and lengths; absent for a model file written before the transposed guard).
   */
  originality: { melody: OriginalityReport; chords: OriginalityReport; transposed?: OriginalityReport };
}

/** Writes sections one after another, keeping what later sections repeat or continue from. */
interface SectionWriter {
  /** Writes `plan` from `start`, a phrase per step; `following` is the section heard after it, if any. */
  write(plan: SectionPlan, start: Ticks, following?: SectionPlan): Steps<{ chords: ChordSpan[]; melody: Note[] }>;
  report(): Composition['originality'];
}

function sectionWriter(model: MuseModel, o: ComposeOptions, rng: Rng, keepTokens: boolean): SectionWriter {
  const rngs = { harmony: rng.fork('harmony'), melody: rng.fork('melody') };
  const bar = barTicks(o.meter);
  const material = new Map<string, PhraseMaterial>();
  const melodyTokens: string[] = [];
  const intervalTokens: string[] = [];
  const chordTokens: string[] = [];
  let relaxed = 0;
  let context: PhraseContext = { chords: [], melody: undefined };
  let last: PhraseMaterial | undefined;
  let first = true;

  // The last melody note written: where the next phrase's register continues from.
  let lastPitch: number | undefined;

  // A phrase written anew is two steps (its harmony, its melody); one heard again costs little.
  function* phrase(
    key: string,
    bars: number,
    cadence: Cadence,
    melody: boolean,
    next?: FirstNotes,
  ): Steps<PhraseMaterial> {
    const cached = material.get(key);
    if (cached && cached.bars === bars && cached.cadence === cadence) return reuse(cached);
    if (cached && cached.bars === bars && bars > 1) {
      const varied = varyEnding(model, o, cached, cadence, context, rngs, next);
      relaxed += varied.relaxed - cached.relaxed;
      return reuse(varied);
    }
    if (!melody) {
      const h = phraseHarmony(model, o, bars, cadence, context, first, rngs.harmony);
      context = { ...context, chords: [...context.chords, ...h.tokens].slice(-16) };
      return {
        bars,
        cadence,
        chords: h.chords,
        melody: [],
        melodyTokens: [],
        intervalTokens: [],
        chordTokens: h.tokens,
        relaxed: h.relaxed,
      };
    }
    const made = yield* newPhrase(model, o, bars, cadence, context, first, rngs, next);
    context = made.context;
    relaxed += made.material.relaxed;
    if (keepTokens) {
      pushAll(melodyTokens, made.material.melodyTokens);
      pushAll(intervalTokens, made.material.intervalTokens);
      pushAll(chordTokens, made.material.chordTokens);
    }
    if (!cached) material.set(key, made.material);
    return made.material;
  }
  // Music heard again: what comes next continues from it.
  const reuse = (m: PhraseMaterial): PhraseMaterial => {
    context = continueAfter(context, m);
    return m;
  };
  // The first melody notes of the phrase under `key` (as many as a copied run could reach into), when it is written already.
  const firstOf = (key: string | undefined): FirstNotes | undefined => {
    const m = key ? material.get(key) : undefined;
    return m && m.melody.length > 0 ? firstNotes(m, model.options.melodyMaxRun + 1) : undefined;
  };

  return {
    *write(plan, start, following) {
      const chords: ChordSpan[] = [];
      const melody: Note[] = [];
      let at = start;
      for (const [i, p] of plan.phrases.entries()) {
        let m: PhraseMaterial;
        const nextKey =
          i + 1 < plan.phrases.length
            ? `${plan.label}#${i + 1}`
            : following && following.label !== 'outro'
              ? `${following.label}#0`
              : undefined;
        const next = firstOf(nextKey);
        const tagStart = last?.melody[0]?.pitch;
        if (
          plan.label === 'outro' &&
          last &&
          last.bars === p.bars &&
          (lastPitch === undefined || tagStart === undefined || Math.abs(tagStart - lastPitch) <= SEAM_LEAP)
        ) {
          // The outro: the last phrase heard again as a tag, closing on the tonic (when it starts
          // near where the music is; else a new closing phrase).
          m = reuse(last.cadence === 'authentic' ? last : varyEnding(model, o, last, 'authentic', context, rngs));
        } else m = yield* phrase(`${plan.label}#${i}`, p.bars, p.cadence, plan.label !== 'intro', next);
        first = false;
        lastPitch = m.melody[m.melody.length - 1]?.pitch ?? lastPitch;
        if (plan.label !== 'intro' && plan.label !== 'outro') last = m;
        for (const c of m.chords) {
          const symbol = remember(symbols, `${o.key}|${c.roman}`, () => chordOfRoman(c.roman, o.key));
          chords.push({
            tick: at + (c.start * bar) / TWELFTHS_PER_BAR,
            duration: (c.twelfths * bar) / TWELFTHS_PER_BAR,
            symbol,
            roman: c.roman,
          });
        }
        for (const n of m.melody)
          melody.push({ pitch: n.pitch, tick: at + n.tick, duration: n.duration, velocity: n.velocity });
        at += p.bars * bar;
        yield;
      }
      return { chords, melody };
    },
    report: () => ({
      melody: originalityReport(model.guards.melody, melodyTokens, { relaxed }),
      chords: originalityReport(model.guards.chords, chordTokens),
      ...(model.guards.transposed ? { transposed: transposedReport(model.guards.transposed, intervalTokens) } : {}),
    }),
  };
}

/**
 * Composes a piece: the form laid over the bars (intro, lettered sections of phrases, outro), then
 * harmony and melody phrase by phrase from the model, each phrase ending on its cadence (a repeated
 * section repeats its material, with a new ending where its cadence differs; the intro is harmony
 * only; the outro repeats the last phrase as a tag), then the chords, bass and drum parts over the
 * harmony, then a seeded humanization. Same model, options and seed: the same piece.
 *
 * @example
 * const { piece } = composeWithReport(model, { key: 'G', bars: 16 }, 7);
 */
export function composeWithReport(model: MuseModel, options: Partial<ComposeOptions>, seed: number): Composition {
  return runSteps(composeSteps(model, options, seed));
}

/**
 * {@link composeWithReport} a step at a time: the harmonic rhythm read from the model, then a step
 * per phrase (two for a new one: harmony, melody), then the arrangement, then the report. The same
 * piece, however the steps are run.
 */
export function* composeSteps(model: MuseModel, options: Partial<ComposeOptions>, seed: number): Steps<Composition> {
  const o = resolveOptions(options);
  const rng = createRng(seed);
  const writer = sectionWriter(model, o, rng, true);
  // The corpus's longest held chord: read from the model once (its first use reads every chord).
  const longest = longestHeld(model, o);
  yield;
  const bar = barTicks(o.meter);
  const chords: ChordSpan[] = [];
  const melody: Note[] = [];
  const sections: Section[] = [];
  let start = 0;
  const plans = planForm(o.form, o.bars, o.phraseBars, o.sectionBars);
  for (const [i, plan] of plans.entries()) {
    const written = yield* writer.write(plan, start, plans[i + 1]);
    pushAll(chords, written.chords);
    pushAll(melody, written.melody);
    const bars = plan.phrases.reduce((n, p) => n + p.bars, 0);
    sections.push({ label: plan.label, tick: start, bars });
    start += bars * bar;
  }
  const closed = closeMelody(melody, start - bar, start);
  const harmony = paced(o, chords, closed, longest);
  const piece = yield* arrangeSteps(o, rng, harmony, closed, sections, start, longest);
  yield;
  return { piece, originality: writer.report() };
}

/** {@link composeWithReport} without the report. */
export function compose(model: MuseModel, options: Partial<ComposeOptions>, seed: number): Piece {
  return composeWithReport(model, options, seed).piece;
}

/** Sections composed on demand, for endless playback. */
export interface EndlessComposer {
  /** The next section as a piece of its own (ticks from 0), its label in `sections[0]`. */
  next(): Piece;
}

/**
 * Endless mode: the form's lettered sections over and over, each composed when asked for, so
 * playback can go on for hours in bounded memory (the composer keeps one phrase per letter of the
 * form and a short context, nothing of what it already gave). Same model, options and seed: the
 * same sections in the same order.
 */
export function composeEndless(model: MuseModel, options: Partial<ComposeOptions>, seed: number): EndlessComposer {
  const o = resolveOptions(options);
  const writer = sectionWriter(model, o, createRng(seed), false);
  const longest = longestHeld(model, o);
  const letters = parseForm(o.form).filter((w) => w !== 'intro' && w !== 'outro');
  const plans = planForm(letters.join(' '), letters.length * o.sectionBars, o.phraseBars, o.sectionBars);
  let index = 0;
  return {
    next() {
      const plan = plans[index % plans.length];
      // Nothing ends the piece: a section that would close with the final cadence keeps its plan.
      const section = createRng(seed).fork(`section ${index}`);
      index++;
      const { chords: written, melody } = runSteps(writer.write(plan, 0, plans[index % plans.length]));
      const chords = paced(o, written, melody, longest);
      const bars = plan.phrases.reduce((n, p) => n + p.bars, 0);
      const sections = [{ label: plan.label, tick: 0, bars }];
      return arrange({ ...o, bars }, section, chords, melody, sections, bars * barTicks(o.meter), longest);
    },
  };
}

/** The longest the piece holds a chord, in ticks ({@link harmonicRhythm}); undefined: no limit. */
function longestHeld(model: MuseModel, o: ComposeOptions): Ticks | undefined {
  const { longest } = harmonicRhythm(model, o);
  return longest === undefined ? undefined : (longest * barTicks(o.meter)) / TWELFTHS_PER_BAR;
}

/** The chords with their harmonic rhythm kept across phrase seams ({@link keepHarmonicRhythm}). */
function paced(
  o: ComposeOptions,
  chords: ChordSpan[],
  melody: readonly Note[],
  longest: Ticks | undefined,
): ChordSpan[] {
  return longest === undefined ? chords : keepHarmonicRhythm(chords, melody, longest, o.meter, o.key, o.mode);
}

/** Chord spellings, kept across pieces: music spells the same few chords over and over. */
const symbols = new Map<string, string>();
