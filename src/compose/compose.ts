import { barTicks, createRng, type Rng, type Ticks } from '../core';
import { chordOfRoman, chordPitchClasses, type Note, scaleSteps, tonicPitchClass } from '../corpus';
import { type ChordToken, formatChordToken, type MarkovChain, TWELFTHS_PER_BAR } from '../model';
import { comp, type HarmonyEvent } from './accompaniment';
import { bassLine } from './bass';
import { drumPart } from './drums';
import { applyGroove } from './groove';
import { type Cadence, generateHarmony } from './harmony';
import { generateMelody, type HarmonySlice } from './melody';
import { type ComposeOptions, composeDefaults } from './options';
import type { ChordSpan, Piece, PieceTrack, Section } from './piece';

/** The trained chains the composer samples from. */
export interface Models {
  chords: MarkovChain;
  melody: MarkovChain;
}

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

interface Material {
  bars: number;
  cadence: Cadence;
  chords: ChordToken[];
  melody: Note[];
}

/**
 * Composes a piece: harmony and melody phrase by phrase from the models (a repeated letter of the
 * form repeats its material, with a new ending when its cadence differs), then the chords and bass
 * parts over the harmony, then a seeded humanization of velocities. Same models, options and seed:
 * the same piece.
 *
 * @example
 * const piece = compose(models, { key: 'G', bars: 16 }, 7);
 */
export function compose(models: Models, options: Partial<ComposeOptions>, seed: number): Piece {
  const o = resolveOptions(options);
  const rng = createRng(seed);
  const harmonyRng = rng.fork('harmony');
  const melodyRng = rng.fork('melody');
  const bar = barTicks(o.meter);
  const toTicks = (twelfths: number): Ticks => (twelfths * bar) / TWELFTHS_PER_BAR;
  const slices = (tokens: readonly ChordToken[]): HarmonySlice[] => {
    let pos = 0;
    return tokens.map((t) => {
      const slice = {
        tick: toTicks(pos),
        duration: toTicks(t.twelfths),
        pitchClasses: chordPitchClasses(chordOfRoman(t.roman, o.key)),
      };
      pos += t.twelfths;
      return slice;
    });
  };

  const material = new Map<string, Material>();
  const chords: ChordSpan[] = [];
  const melody: Note[] = [];
  const sections: Section[] = [];
  let harmonyContext: string[] = [];
  let melodyContext: string[] = [];
  let start = 0;
  for (const plan of planPhrases(o.bars, o.phraseBars, o.form)) {
    const cached = material.get(plan.label);
    let m: Material;
    if (cached && cached.bars === plan.bars && cached.cadence === plan.cadence) m = cached;
    else if (cached && cached.bars === plan.bars) m = varyEnding(cached, plan, o, models, melodyRng, slices);
    else {
      const tokens = generateHarmony(
        models.chords,
        {
          bars: plan.bars,
          key: o.key,
          mode: o.mode,
          cadence: plan.cadence,
          temperature: o.temperature,
          context: harmonyContext,
          startOnTonic: start === 0,
        },
        harmonyRng,
      );
      const line = generateMelody(models.melody, melodyRequest(o, plan, slices(tokens), melodyContext), melodyRng);
      m = { bars: plan.bars, cadence: plan.cadence, chords: tokens, melody: line.notes };
      melodyContext = line.context;
      if (!cached) material.set(plan.label, m);
    }
    harmonyContext = m.chords.slice(-4).map(formatChordToken);
    slices(m.chords).forEach((s, i) => {
      const { roman } = m.chords[i];
      chords.push({ tick: start + s.tick, duration: s.duration, symbol: chordOfRoman(roman, o.key), roman });
    });
    for (const n of m.melody) melody.push({ ...n, tick: start + n.tick });
    sections.push({ label: plan.label, tick: start, bars: plan.bars });
    start += plan.bars * bar;
  }

  const harmony: HarmonyEvent[] = chords.map((c) => ({
    tick: c.tick,
    duration: c.duration,
    pitchClasses: chordPitchClasses(c.symbol),
  }));
  const tonic = Math.max(0, tonicPitchClass(o.key));
  const scale = scaleSteps(o.mode).map((s) => (tonic + s) % 12);
  const end = start;
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

function melodyRequest(o: ComposeOptions, plan: PhrasePlan, harmony: HarmonySlice[], context: string[]) {
  return {
    bars: plan.bars,
    meter: o.meter,
    key: o.key,
    mode: o.mode,
    low: o.melody.low,
    high: o.melody.high,
    velocity: o.melody.velocity,
    chordToneBias: o.melody.chordToneBias,
    temperature: o.temperature,
    cadence: plan.cadence,
    harmony,
    context,
  };
}

/** The material of a repeated phrase with its last bar recomposed for another cadence. */
function varyEnding(
  cached: Material,
  plan: PhrasePlan,
  o: ComposeOptions,
  models: Models,
  rng: Rng,
  slices: (tokens: readonly ChordToken[]) => HarmonySlice[],
): Material {
  const ending = generateHarmony(
    models.chords,
    { bars: 1, key: o.key, mode: o.mode, cadence: plan.cadence, temperature: o.temperature, context: [] },
    rng,
  );
  const chords = [...cached.chords.slice(0, -1), ...ending];
  const bar = barTicks(o.meter);
  const body = (plan.bars - 1) * bar;
  const kept = cached.melody.filter((n) => n.tick < body);
  const last = slices(chords)
    .filter((s) => s.tick >= body)
    .map((s) => ({ ...s, tick: s.tick - body }));
  const request = { ...melodyRequest(o, { ...plan, bars: 1 }, last, []), previousPitch: kept[kept.length - 1]?.pitch };
  const close = generateMelody(models.melody, request, rng).notes.map((n) => ({ ...n, tick: n.tick + body }));
  return { bars: plan.bars, cadence: plan.cadence, chords, melody: [...kept, ...close] };
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
