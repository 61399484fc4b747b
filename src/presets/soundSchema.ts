import { z } from 'zod';
import {
  EFFECT_NAMES,
  EFFECTS,
  type EffectSpec,
  INSTRUMENT_NAMES,
  INSTRUMENTS,
  type InstrumentSpec,
  NOTE_VALUE,
  type OptionGroup,
  type OptionSpec,
} from '../engine/catalogue';

/** A sample library: the built-in grand piano, or one of the user's ("user:" and its name). */
export const LIBRARY = /^(salamander-grand-piano|user:[\p{L}\p{N} ._-]{1,64})$/u;

/** The schema of one option, from its catalogue entry (Tone's ranges). */
function optionSchema(spec: OptionSpec): z.ZodType {
  switch (spec.kind) {
    case 'number': {
      const n = z.number().min(spec.min).max(spec.max);
      return spec.int ? n.int() : n;
    }
    case 'enum':
      return z.union(spec.values.map((v) => z.literal(v)) as unknown as [z.ZodLiteral, z.ZodLiteral]);
    case 'time':
      return z.union([
        z.number().min(spec.min).max(spec.max),
        z.string().regex(NOTE_VALUE, 'a note value such as "8n", "8n." or "4t"'),
      ]);
    case 'list':
      return z.array(z.number().min(spec.min).max(spec.max)).max(spec.length);
    case 'library':
      return z.string().regex(LIBRARY, '"salamander-grand-piano" or "user:" and the name of your samples');
    case 'group':
      return groupSchema(spec.options);
  }
}

/** Every option of a group, each optional (Tone's defaults fill in), unknown ones refused. */
function groupSchema(group: OptionGroup): z.ZodType {
  return z.strictObject(Object.fromEntries(Object.entries(group).map(([k, s]) => [k, optionSchema(s).optional()])));
}

const oneOfNames = (kind: string, names: readonly string[]) => ({
  error: () => `unknown ${kind}; one of ${names.join(', ')}`,
});

/** An instrument in Tone.js's terms: `{ "instrument": "FMSynth", "options": { … } }`. */
export const instrumentSchema = z.discriminatedUnion(
  'instrument',
  INSTRUMENT_NAMES.map((name) =>
    z.strictObject({ instrument: z.literal(name), options: groupSchema(INSTRUMENTS[name]).optional() }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  oneOfNames('instrument', INSTRUMENT_NAMES),
) as unknown as z.ZodType<InstrumentSpec>;

/** An effect in Tone.js's terms: `{ "effect": "Chorus", "options": { … } }`. */
export const effectSchema = z.discriminatedUnion(
  'effect',
  EFFECT_NAMES.map((name) =>
    z.strictObject({ effect: z.literal(name), options: groupSchema(EFFECTS[name]).optional() }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  oneOfNames('effect', EFFECT_NAMES),
) as unknown as z.ZodType<EffectSpec>;

/** Most effects in one chain. */
export const MAX_EFFECTS = 8;

/** A chain of effects, in signal order. */
export const effectsSchema = z.array(effectSchema).max(MAX_EFFECTS);

/** The master: its effect chain (a limiter last, usually) and its level. */
export const masterSchema = z.strictObject({
  effects: effectsSchema,
  /** Level in decibels before the chain. */
  volume: z.number().min(-60).max(12).optional(),
});

/** The sound fields of a part: its instrument, its effects, its place left to right. */
export const partSoundFields = {
  voice: instrumentSchema,
  effects: effectsSchema.optional(),
  /** −1 (left) to 1 (right). */
  pan: z.number().min(-1).max(1).optional(),
};
