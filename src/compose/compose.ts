import { barTicks, createRng, type Rng } from '../core';
import { chordOfRoman, chordPitchClasses, type Note, scaleSteps, tonicPitchClass } from '../corpus';
import { type Cadence, type MuseModel, type OriginalityReport, originalityReport, TWELFTHS_PER_BAR } from '../model';
import { comp, type HarmonyEvent } from './accompaniment';
import { bassLine } from './bass';
import { drumPart } from './drums';
import { applyGroove } from './groove';
import { type ComposeOptions, composeDefaults } from './options';
import { newPhrase, type PhraseContext, type PhraseMaterial, varyEnding } from './phrase';
import type { ChordSpan, Piece, PieceTrack, Section } from './piece';

/** One phrase of the form. */
export interface PhrasePlan {
  label: string;
  bars: number;
  cadence: Cadence;
}

/**
 * Splits `bars` into phrases of `phraseBars` (the last may be shorter), labelled by the form's
 * letters in turn; phrases alternate half and authentic cadences and the last is authentic.
 */
export function planPhrases(bars: number, phraseBars: number, form: string): PhrasePlan[] {
  const letters = form.replace(/[^A-Za-z]/g, '').toUpperCase() || 'A';
  const plans: PhrasePlan[] = [];
  for (let start = 0, i = 0; start < bars; start += phraseBars, i++) {
    plans.push({
      label: letters[i % letters.length],
      bars: Math.min(phraseBars, bars - start),
      cadence: start + phraseBars >= bars || i % 2 === 1 ? 'authentic' : 'half',
    });
  }
  return plans;
}

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

/**
 * Composes a piece: harmony and melody phrase by phrase from the model, each phrase ending on its
 * cadence (a repeated letter of the form repeats its material, with a new ending when its cadence
 * differs), then the chords, bass and drum parts over the harmony, then a seeded humanization.
 * Same model, options and seed: the same piece.
 *
 * @example
 * const { piece } = composeWithReport(model, { key: 'G', bars: 16 }, 7);
 */
export function composeWithReport(model: MuseModel, options: Partial<ComposeOptions>, seed: number): Composition {
  const o = resolveOptions(options);
  const rng = createRng(seed);
  const rngs = { harmony: rng.fork('harmony'), melody: rng.fork('melody') };
  const bar = barTicks(o.meter);
  const material = new Map<string, PhraseMaterial>();
  const chords: ChordSpan[] = [];
  const melody: Note[] = [];
  const sections: Section[] = [];
  const melodyTokens: string[] = [];
  const chordTokens: string[] = [];
  let relaxed = 0;
  let context: PhraseContext = { chords: [], melody: undefined };
  let start = 0;
  for (const plan of planPhrases(o.bars, o.phraseBars, o.form)) {
    const cached = material.get(plan.label);
    let m: PhraseMaterial;
    if (cached && cached.bars === plan.bars && cached.cadence === plan.cadence) m = cached;
    else if (cached && cached.bars === plan.bars && plan.bars > 1)
      m = varyEnding(model, o, cached, plan.cadence, context, rngs);
    else {
      const next = newPhrase(model, o, plan.bars, plan.cadence, context, start === 0, rngs);
      m = next.material;
      context = next.context;
      melodyTokens.push(...m.melodyTokens);
      chordTokens.push(...m.chordTokens);
      if (!cached) material.set(plan.label, m);
    }
    relaxed += m === cached ? 0 : m.relaxed;
    for (const c of m.chords) {
      const symbol = chordOfRoman(c.roman, o.key);
      chords.push({
        tick: start + (c.start * bar) / TWELFTHS_PER_BAR,
        duration: (c.twelfths * bar) / TWELFTHS_PER_BAR,
        symbol,
        roman: c.roman,
      });
    }
    for (const n of m.melody) melody.push({ ...n, tick: start + n.tick });
    sections.push({ label: plan.label, tick: start, bars: plan.bars });
    start += plan.bars * bar;
  }
  const piece = arrange(o, rng, chords, melody, sections, start);
  return {
    piece,
    originality: {
      melody: originalityReport(model.guards.melody, melodyTokens, { relaxed }),
      chords: originalityReport(model.guards.chords, chordTokens),
    },
  };
}

/** {@link composeWithReport} without the report. */
export function compose(model: MuseModel, options: Partial<ComposeOptions>, seed: number): Piece {
  return composeWithReport(model, options, seed).piece;
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
    pitchClasses: chordPitchClasses(c.symbol),
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
    ...n,
    velocity: Math.min(127, Math.max(1, n.velocity + rng.int(2 * amount + 1) - amount)),
  }));
}
