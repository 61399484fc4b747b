import { barTicks, createRng, pushAll, type Rng, type Ticks } from '../core';
import { chordOfRoman, chordPitchClasses, type Note, scaleSteps, tonicPitchClass } from '../corpus';
import {
  type Cadence,
  type MuseModel,
  type OriginalityReport,
  originalityReport,
  TWELFTHS_PER_BAR,
  transposedReport,
} from '../model';
import { comp, type HarmonyEvent } from './accompaniment';
import { bassLine } from './bass';
import { drumPart } from './drums';
import { parseForm, planForm, type SectionPlan } from './form';
import { applyGroove } from './groove';
import { type ComposeOptions, composeDefaults } from './options';
import {
  closeMelody,
  continueAfter,
  type FirstNotes,
  firstNotes,
  newPhrase,
  type PhraseContext,
  type PhraseMaterial,
  phraseHarmony,
  SEAM_LEAP,
  varyEnding,
} from './phrase';
import type { ChordSpan, Piece, PieceTrack, Section } from './piece';

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
  /** Writes `plan` from `start`; `following` is the section heard after it, if any. */
  write(plan: SectionPlan, start: Ticks, following?: SectionPlan): { chords: ChordSpan[]; melody: Note[] };
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

  const phrase = (key: string, bars: number, cadence: Cadence, melody: boolean, next?: FirstNotes): PhraseMaterial => {
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
    const made = newPhrase(model, o, bars, cadence, context, first, rngs, next);
    context = made.context;
    relaxed += made.material.relaxed;
    if (keepTokens) {
      pushAll(melodyTokens, made.material.melodyTokens);
      pushAll(intervalTokens, made.material.intervalTokens);
      pushAll(chordTokens, made.material.chordTokens);
    }
    if (!cached) material.set(key, made.material);
    return made.material;
  };
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
    write(plan, start, following) {
      const chords: ChordSpan[] = [];
      const melody: Note[] = [];
      let at = start;
      plan.phrases.forEach((p, i) => {
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
        } else m = phrase(`${plan.label}#${i}`, p.bars, p.cadence, plan.label !== 'intro', next);
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
      });
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
  const o = resolveOptions(options);
  const rng = createRng(seed);
  const writer = sectionWriter(model, o, rng, true);
  const bar = barTicks(o.meter);
  const chords: ChordSpan[] = [];
  const melody: Note[] = [];
  const sections: Section[] = [];
  let start = 0;
  const plans = planForm(o.form, o.bars, o.phraseBars, o.sectionBars);
  for (const [i, plan] of plans.entries()) {
    const written = writer.write(plan, start, plans[i + 1]);
    pushAll(chords, written.chords);
    pushAll(melody, written.melody);
    const bars = plan.phrases.reduce((n, p) => n + p.bars, 0);
    sections.push({ label: plan.label, tick: start, bars });
    start += bars * bar;
  }
  const closed = closeMelody(melody, start - bar, start);
  return { piece: arrange(o, rng, chords, closed, sections, start), originality: writer.report() };
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
  const letters = parseForm(o.form).filter((w) => w !== 'intro' && w !== 'outro');
  const plans = planForm(letters.join(' '), letters.length * o.sectionBars, o.phraseBars, o.sectionBars);
  let index = 0;
  return {
    next() {
      const plan = plans[index % plans.length];
      // Nothing ends the piece: a section that would close with the final cadence keeps its plan.
      const section = createRng(seed).fork(`section ${index}`);
      index++;
      const { chords, melody } = writer.write(plan, 0, plans[index % plans.length]);
      const bars = plan.phrases.reduce((n, p) => n + p.bars, 0);
      const sections = [{ label: plan.label, tick: 0, bars }];
      return arrange({ ...o, bars }, section, chords, melody, sections, bars * barTicks(o.meter));
    },
  };
}

/**
 * The parts over the harmony and melody: chords, bass, drums; then humanization and groove. Its
 * randomness comes from forks of `rng` only, so a piece's seed arranges it again exactly.
 */
export function arrange(
  o: ComposeOptions,
  rng: Rng,
  chords: ChordSpan[],
  melody: Note[],
  sections: Section[],
  end: number,
): Piece {
  const harmony: HarmonyEvent[] = chords.map((c) => ({
    tick: c.tick,
    duration: c.duration,
    pitchClasses: [...remember(pitchClasses, c.symbol, () => chordPitchClasses(c.symbol))],
  }));
  const tonic = Math.max(0, tonicPitchClass(o.key));
  const scale = scaleSteps(o.mode).map((s) => (tonic + s) % 12);
  const humanRng = rng.fork('humanize');
  const grooveRng = rng.fork('groove');
  const track = (
    id: string,
    part: { name: string; program: number },
    role: PieceTrack['role'],
    channel: number,
    notes: Note[],
  ): PieceTrack => ({
    id,
    name: part.name,
    role,
    channel,
    program: part.program,
    notes: applyGroove(
      humanize(sortNotes(notes), o.humanizeVelocity, humanRng.fork(id)),
      o.groove,
      end,
      grooveRng.fork(id),
    ),
  });
  const tracks = [
    track('melody', o.melody, 'melody', 0, melody),
    track('chords', o.chords, 'chords', 1, comp(harmony, o.meter, o.chords.pattern, o.chords)),
    track('bass', o.bass, 'bass', 2, bassLine(harmony, o.meter, o.bass.pattern, o.bass, scale, rng.fork('bass'))),
  ];
  if (o.drums) {
    const drums = drumPart(o.drums.style, o.meter, sections, o.drums.velocity, o.drums.fills, rng.fork('drums'));
    tracks.push(track('drums', o.drums, 'drums', 9, drums));
  }
  return {
    title: o.title,
    ppq: 480,
    tempo: o.tempo,
    meter: o.meter,
    key: o.key,
    mode: o.mode,
    bars: o.bars,
    tracks,
    chords,
    sections,
  };
}

function sortNotes(notes: Note[]): Note[] {
  return notes.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
}

/** Moves each velocity by a seeded amount within ± `amount`, kept in 1–127. */
function humanize(notes: Note[], amount: number, rng: Rng): Note[] {
  if (amount <= 0) return notes;
  return notes.map((n) => ({
    pitch: n.pitch,
    tick: n.tick,
    duration: n.duration,
    velocity: Math.min(127, Math.max(1, n.velocity + rng.int(2 * amount + 1) - amount)),
  }));
}

/** Chord spellings and their pitch classes, kept across pieces: music spells the same few chords over and over. */
const symbols = new Map<string, string>();
const pitchClasses = new Map<string, readonly number[]>();

/** The value of `key` in `cache`, computed once (the cache starts afresh past 4096 entries). */
function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= 4096) cache.clear();
    cache.set(key, value);
  }
  return value;
}
