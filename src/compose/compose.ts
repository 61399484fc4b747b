import { barTicks, createRng, type Rng, type Ticks } from '../core';
import { chordOfRoman, chordPitchClasses, type Note, scaleSteps, tonicPitchClass } from '../corpus';
import { type Cadence, type MuseModel, type OriginalityReport, originalityReport, TWELFTHS_PER_BAR } from '../model';
import { comp, type HarmonyEvent } from './accompaniment';
import { bassLine } from './bass';
import { drumPart } from './drums';
import { parseForm, planForm, type SectionPlan } from './form';
import { applyGroove } from './groove';
import { type ComposeOptions, composeDefaults } from './options';
import {
  harmonicRhythm,
  newPhrase,
  type PhraseContext,
  type PhraseMaterial,
  phraseHarmony,
  varyEnding,
} from './phrase';
import type { ChordSpan, Piece, PieceTrack, Section } from './piece';
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
  originality: { melody: OriginalityReport; chords: OriginalityReport };
}

/** Writes sections one after another, keeping what later sections repeat or continue from. */
interface SectionWriter {
  write(plan: SectionPlan, start: Ticks): { chords: ChordSpan[]; melody: Note[] };
  report(): Composition['originality'];
}

function sectionWriter(model: MuseModel, o: ComposeOptions, rng: Rng, keepTokens: boolean): SectionWriter {
  const rngs = { harmony: rng.fork('harmony'), melody: rng.fork('melody') };
  const bar = barTicks(o.meter);
  const material = new Map<string, PhraseMaterial>();
  const melodyTokens: string[] = [];
  const chordTokens: string[] = [];
  let relaxed = 0;
  let context: PhraseContext = { chords: [], melody: undefined };
  let last: PhraseMaterial | undefined;
  let first = true;

  const phrase = (key: string, bars: number, cadence: Cadence, melody: boolean): PhraseMaterial => {
    const cached = material.get(key);
    if (cached && cached.bars === bars && cached.cadence === cadence) return cached;
    if (cached && cached.bars === bars && bars > 1) {
      const varied = varyEnding(model, o, cached, cadence, context, rngs);
      relaxed += varied.relaxed - cached.relaxed;
      return varied;
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
        chordTokens: h.tokens,
        relaxed: h.relaxed,
      };
    }
    const next = newPhrase(model, o, bars, cadence, context, first, rngs);
    context = next.context;
    relaxed += next.material.relaxed;
    if (keepTokens) {
      melodyTokens.push(...next.material.melodyTokens);
      chordTokens.push(...next.material.chordTokens);
    }
    if (!cached) material.set(key, next.material);
    return next.material;
  };

  return {
    write(plan, start) {
      const chords: ChordSpan[] = [];
      const melody: Note[] = [];
      let at = start;
      plan.phrases.forEach((p, i) => {
        let m: PhraseMaterial;
        if (plan.label === 'outro' && last && last.bars === p.bars) {
          // The outro: the last phrase heard again as a tag, closing on the tonic.
          m = last.cadence === 'authentic' ? last : varyEnding(model, o, last, 'authentic', context, rngs);
        } else m = phrase(`${plan.label}#${i}`, p.bars, p.cadence, plan.label !== 'intro');
        first = false;
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
  for (const plan of planForm(o.form, o.bars, o.phraseBars, o.sectionBars)) {
    const written = writer.write(plan, start);
    chords.push(...written.chords);
    melody.push(...written.melody);
    const bars = plan.phrases.reduce((n, p) => n + p.bars, 0);
    sections.push({ label: plan.label, tick: start, bars });
    start += bars * bar;
  }
  const paced = pacedChords(model, o, chords);
  return { piece: arrange(o, rng, paced, melody, sections, start), originality: writer.report() };
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
      const { chords: written, melody } = writer.write(plan, 0);
      const chords = pacedChords(model, o, written);
      const bars = plan.phrases.reduce((n, p) => n + p.bars, 0);
      const sections = [{ label: plan.label, tick: 0, bars }];
      return arrange({ ...o, bars }, section, chords, melody, sections, bars * barTicks(o.meter));
    },
  };
}

/** The chords with their harmonic rhythm kept across phrase seams ({@link keepHarmonicRhythm}). */
function pacedChords(model: MuseModel, o: ComposeOptions, chords: ChordSpan[]): ChordSpan[] {
  const { longest } = harmonicRhythm(model, o);
  if (longest === undefined) return chords;
  return keepHarmonicRhythm(chords, (longest * barTicks(o.meter)) / TWELFTHS_PER_BAR, o.meter, o.key, o.mode);
}

/** The parts over the harmony and melody: chords, bass, drums; then humanization and groove. */
function arrange(
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
