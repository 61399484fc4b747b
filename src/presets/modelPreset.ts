import type { MuseModel } from '../model';
import { builtinPresets } from './builtin';
import { type Preset, presetSchema } from './schema';

/*
 * A model of the user's composes in its corpus's own manner when no preset is named: the preset is
 * derived from the corpus figures the model keeps (model.style) — its meter, tempo, key, mode and
 * melodic register, drums only if its pieces have them — with the instruments, patterns and form
 * of the built-in preset nearest to it (same meter if one has it, then the nearest tempo). The
 * density and rhythm come from the model itself. A model file without figures gets the first
 * built-in preset, as before.
 */

/** A preset name from a model file name: "My Reels.json" → "model-my-reels". */
export function modelPresetName(modelName: string): string {
  const slug = modelName
    .replace(/\.json$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56);
  return `model-${slug || 'yours'}`;
}

/**
 * The preset that fits a model's corpus (see above); `name` is the model's (a file name).
 *
 * @example
 * presetForModel(nottingham, 'nottingham.json').meter; // => [4, 4], drums left out
 */
export function presetForModel(model: MuseModel, name: string): Preset {
  const presets = builtinPresets();
  const style = model.style;
  if (!style) return presets[0];
  const sameMeter = presets.filter((p) => p.meter[0] === style.meter[0] && p.meter[1] === style.meter[1]);
  const base = [...(sameMeter.length > 0 ? sameMeter : presets)].sort(
    (a, b) => Math.abs(a.tempo - style.tempo) - Math.abs(b.tempo - style.tempo),
  )[0];
  // The melody's register from the corpus, at least an octave and a half wide.
  const low = Math.max(21, Math.min(style.melody.low, style.melody.high - 18));
  const high = Math.min(108, Math.max(style.melody.high, low + 18));
  const meter = `${style.meter[0]}/${style.meter[1]}`;
  const { drums, ...rest } = base;
  const preset: Preset = {
    ...rest,
    ...(style.parts.drums >= 0.5 && drums ? { drums } : {}),
    name: modelPresetName(name),
    description:
      `Fits the corpus of ${name}: ${meter}, ${style.tempo} bpm, ${style.key} ${style.mode}, melody ${low}–${high}${style.parts.drums >= 0.5 ? '' : ', no drums'}; instruments of ${base.name}.`.slice(
        0,
        500,
      ),
    tempo: style.tempo,
    meter: [style.meter[0], style.meter[1]] as Preset['meter'],
    key: style.key,
    mode: style.mode,
    model: {
      order: Math.min(8, model.options.order),
      temperature: 1,
      maxRun: Math.min(32, Math.max(2, model.options.melodyMaxRun)),
    },
    melody: { ...base.melody, low, high },
  };
  // The figures come from a file: checked like any preset (a malformed style gives the base preset).
  const checked = presetSchema.safeParse(preset);
  return checked.success ? checked.data : base;
}
