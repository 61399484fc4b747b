import { z } from 'zod';
import { DRUM_STYLES } from '../compose/drums';
import { MAX_SEED } from '../core';
import { MODES } from '../corpus';
import { MAX_RUN, MODEL_ORDER } from '../model';
import { effectsSchema, instrumentSchema, masterSchema, partSoundFields } from './soundSchema';

const pitch = z.number().int().min(0).max(127);
const velocity = z.number().int().min(1).max(127);

/** Longest form: "intro " + 32 letters with spaces between + " outro". */
export const FORM_MAX_LENGTH = 'intro '.length + 32 * 2 - 1 + ' outro'.length;
const FORM_RULE = 'at most 32 letters A–Z, optionally "intro " first and " outro" last';

const part = {
  name: z.string().min(1).max(80),
  program: z.number().int().min(0).max(127),
  low: pitch,
  high: pitch,
  velocity,
  ...partSoundFields,
};

/** A preset: one style, as a file in presets/ (this schema is also the source of its type). */
export const presetSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
  description: z.string().max(500),
  corpus: z.string().min(1).max(64),
  tempo: z.number().int().min(30).max(300),
  meter: z.tuple([z.number().int().min(1).max(16), z.union([z.literal(2), z.literal(4), z.literal(8)])]),
  key: z
    .string()
    .max(2)
    .regex(/^[A-G][#b]?$/, 'a tonic such as "C", "F#" or "Bb"'),
  mode: z.enum(MODES),
  bars: z.number().int().min(4).max(512),
  /** "intro A A B A outro", or letters only ("AABA"). */
  form: z
    .string()
    // The length first, so that no pattern ever runs on a long text (a paste, a hostile link).
    .max(FORM_MAX_LENGTH, { error: FORM_RULE, abort: true })
    // One way only to match each letter (a space is taken or not, never both): linear time.
    .regex(/^(intro )?[A-Z]( ?[A-Z]){0,31}( outro)?$/, FORM_RULE),
  phraseBars: z.number().int().min(2).max(16),
  /** Bars of each lettered section (default two phrases). */
  sectionBars: z.number().int().min(2).max(64).optional(),
  model: z.strictObject({
    order: z.number().int().min(MODEL_ORDER.min).max(MODEL_ORDER.max),
    temperature: z.number().min(0.1).max(3),
    /** The originality limit L: no run of more than L melody notes copied from one training piece. */
    maxRun: z.number().int().min(MAX_RUN.min).max(MAX_RUN.max).optional(),
  }),
  melody: z.strictObject({
    ...part,
    chordToneBias: z.number().min(1).max(10),
    /** The widest span of one piece's melody in semitones (default 19): a window in the middle of low–high. */
    ambitus: z.number().int().min(5).max(60).optional(),
  }),
  chords: z.strictObject({
    ...part,
    pattern: z.enum(['sustain', 'beats', 'afterbeats', 'arpeggio']),
    /**
     * How the chords are voiced (default close): close, open (spread), rootless (the root left to
     * the bass), or four-part (alto and tenor parts written with the bass under the melody).
     */
    voicing: z.enum(['close', 'open', 'rootless', 'four-part']).optional(),
  }),
  bass: z.strictObject({
    ...part,
    pattern: z.enum(['root', 'root-fifth', 'pulse', 'downbeat', 'octaves', 'approach', 'walking']),
  }),
  /** A drum part (General MIDI kit on channel 10) in one of the named styles, with fills; optional. */
  drums: z
    .strictObject({
      name: z.string().min(1).max(80),
      program: z.number().int().min(0).max(127),
      velocity,
      style: z.enum(Object.keys(DRUM_STYLES) as [string, ...string[]]),
      fills: z.boolean(),
      /** Level of the part in decibels (its fader, under the instrument's own volume). */
      volume: z.number().min(-60).max(6),
      /** The kit (our DrumKit unless named), its effects, its pan. */
      voice: instrumentSchema.optional(),
      effects: effectsSchema.optional(),
      pan: z.number().min(-1).max(1).optional(),
    })
    .optional(),
  /** Swing (0 straight – 1 triplet) of eighths or sixteenths, and timing humanization in ticks. */
  groove: z
    .strictObject({
      swing: z.number().min(0).max(1),
      swingUnit: z.enum(['eighth', 'sixteenth']),
      timing: z.number().int().min(0).max(60),
    })
    .optional(),
  humanizeVelocity: z.number().int().min(0).max(30),
  /** The master bus: its effect chain (in Tone.js's terms) and level. */
  master: masterSchema,
});

export type Preset = z.infer<typeof presetSchema>;

/** Limits of the settings a user picks for each piece. */
export const LIMITS = {
  seed: { min: 0, max: MAX_SEED },
  bars: { min: 4, max: 512 },
  tempo: { min: 30, max: 300 },
} as const;
