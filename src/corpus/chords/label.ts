import type { Meter, PitchClass, Ticks } from '../../core';
import { scaleSteps, tonicPitchClass } from '../theory';
import type { Mode, Note } from '../types';
import { gatherEvidence } from './evidence';
import { candidateChanges, metricGridOf, snapStepOf } from './grid';
import { type LabelOptions, labelDefaults } from './options';
import { createScoringContext, type ScoringContext, type WindowChord } from './score';
import { type Segment, segmentChords } from './segment';
import { spellChord, spellingTonic } from './spelling';
import { buildTemplates, CHORD_TYPES, maskOf, typeIndices } from './vocabulary';

/** One labelled stretch of harmony: a tonal chord symbol and its roman numeral in the piece's key. */
export interface ChordLabel {
  tick: Ticks;
  duration: Ticks;
  /** Tonal's spelling, e.g. "G7", "F#m", "C/E", "Bm7b5". */
  symbol: string;
  /** As `romanOf` writes it: "V7", "IIm7", "bVII"; "" when the key is not a note. */
  roman: string;
  /** The chord's pitch classes, root first. */
  pitchClasses: PitchClass[];
  /** The bass of a slash chord (the lowest chord tone sounding, when it is not the root). */
  bass?: PitchClass;
}

/** The piece's meter and key, and any labeller options to override. */
export type LabelRequest = { meter: Meter; key: string; mode: Mode } & Partial<LabelOptions>;

/**
 * Labels the harmony of `notes` (block chords, broken or arpeggiated accompaniment, chorales):
 * contiguous chord segments from the first onset to the last note end (or over `span`), each starting
 * where the one before ends. Candidate changes are the note onsets snapped to a sixteenth; a dynamic
 * programme picks the segmentation whose chords best explain the sound (chord tones covered, other
 * tones and missing chord tones charged, simple and diatonic chords preferred, changes on strong beats
 * cheaper), so a held chord gets one label and a broken chord one label, not one per note.
 * A label's root always sounds under it; its bass is the lowest chord tone sounding (a slash chord
 * when that is not the root). Bar lines count from tick 0 in the one `meter` given.
 * Stretches where nothing sounds carry the chord before them (at the very start, the first chord):
 * harmony is taken to last until it changes, never "N.C.". No notes (in the span) → [].
 *
 * @example
 * labelChords(notes, { meter: [4, 4], key: 'C', mode: 'major' });
 * // => [{ tick: 0, duration: 1920, symbol: "C", roman: "I", pitchClasses: [0, 4, 7] }, ...]
 */
export function labelChords(notes: readonly Note[], request: LabelRequest): ChordLabel[] {
  const options = withDefaults(request);
  const span = options.span ?? spanOf(notes);
  if (!span || !(span.end > span.start) || !Number.isFinite(span.end - span.start)) return [];
  const grid = metricGridOf(request.meter);
  const step = snapStepOf(grid, options.grid, span.end - span.start);
  const maxWindow = options.maxWindow >= 1 ? options.maxWindow : 2 * grid.bar;
  const changes = candidateChanges(notes, span.start, span.end, step);
  const evidence = gatherEvidence(notes, changes);
  const tonic = spellingTonic(request.key, request.mode);
  const context = scoringContextOf(request.key, request.mode, options, grid.beat);
  const segments = fillSilence(segmentChords(evidence, grid, maxWindow, context));
  return mergeSegments(segments).map((s) => toLabel(s, tonic));
}

function withDefaults(request: LabelRequest): LabelOptions {
  const options: LabelOptions = { ...labelDefaults };
  for (const key of Object.keys(labelDefaults) as (keyof LabelOptions)[]) {
    if (request[key] !== undefined) Object.assign(options, { [key]: request[key] });
  }
  return options;
}

/**
 * The scoring context of a key, a beat and the options that score: made once and kept, since a
 * corpus labels hundreds of pieces in the same few keys and meters (tonal's scales and the chord
 * templates cost more than labelling a short tune).
 */
function scoringContextOf(key: string, mode: Mode, options: LabelOptions, beat: number): ScoringContext {
  const id = [
    encode(key),
    encode(mode),
    encode(beat),
    ...SCORED.map((name) => `${name}=${encode(options[name])}`),
  ].join(' ');
  let context = contexts.get(id);
  if (!context) {
    const types = typeIndices(options.types);
    const templates = buildTemplates(types.length > 0 ? types : CHORD_TYPES.map((_, i) => i));
    // A copy: the context outlives this call, the caller's arrays may change.
    const own = { ...options, types: [...options.types], changeCost: [...options.changeCost] as const };
    context = createScoringContext(templates, scaleMaskOf(key, mode), own, beat);
    if (contexts.size >= 256) contexts.clear();
    contexts.set(id, context);
  }
  return context;
}

/** The options a scoring context reads: all but where to label and on what grid. */
const SCORED = (Object.keys(labelDefaults) as (keyof LabelOptions)[]).filter(
  (name) => name !== 'span' && name !== 'grid' && name !== 'maxWindow',
);

/** A value as a key part: strings quoted, every number told apart (NaN, ±Infinity, −0), arrays with their length. */
function encode(value: unknown): string {
  if (Array.isArray(value)) return `${value.length}[${value.map(encode).join(',')}]`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return JSON.stringify(value) ?? String(value);
}

const contexts = new Map<string, ScoringContext>();

/** From the first onset to the last note end, or null without notes. */
function spanOf(notes: readonly Note[]): { start: Ticks; end: Ticks } | null {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const n of notes) {
    if (!(n.duration > 0) || !Number.isFinite(n.tick + n.duration)) continue;
    start = Math.min(start, n.tick);
    end = Math.max(end, n.tick + n.duration);
  }
  return end > start ? { start, end } : null;
}

/** The key's scale, with the raised sixth and seventh in minor (V and viio are diatonic there). */
function scaleMaskOf(key: string, mode: Mode): number {
  const tonic = tonicPitchClass(key);
  if (tonic === -1) return 0xfff;
  const steps = mode === 'minor' ? [...scaleSteps(mode), 9, 11] : scaleSteps(mode);
  return maskOf(steps.map((s) => tonic + s));
}

/** Gives silent segments the chord before them (the first chord for a silent start); drops them if all are silent. */
function fillSilence(segments: Segment[]): (Segment & { chord: WindowChord })[] {
  const first = segments.find((s) => s.chord !== null)?.chord;
  if (!first) return [];
  let previous = first;
  return segments.map((s) => {
    previous = s.chord ?? previous;
    return { ...s, chord: previous };
  });
}

/** Joins neighbours with the same chord and bass. */
function mergeSegments(segments: (Segment & { chord: WindowChord })[]): (Segment & { chord: WindowChord })[] {
  const merged: (Segment & { chord: WindowChord })[] = [];
  for (const s of segments) {
    const last = merged[merged.length - 1];
    if (last && last.chord.template === s.chord.template && last.chord.bass === s.chord.bass) last.end = s.end;
    else merged.push({ ...s });
  }
  return merged;
}

function toLabel(segment: Segment & { chord: WindowChord }, tonic: string): ChordLabel {
  const { template, bass } = segment.chord;
  const spelled = spellChord(template.root, template.type, bass, tonic);
  return { tick: segment.start, duration: segment.end - segment.start, ...spelled };
}
