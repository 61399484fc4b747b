import {
  builtinPresets,
  exportMidi,
  findPreset,
  generate,
  type ModelChoice,
  PRESET_MAX_BYTES,
  type Preset,
  parseMeter,
  parsePresetText,
  pieceJson,
  presetForModel,
  type Recipe,
} from '../presets';
import { intOption, parseOptions, UsageError } from './args';
import { readUserFile } from './files';
import { type Io, type Output, writeOutputs } from './io';
import { readModel } from './readModel';

/** A preset file given to --preset (a path ending in .json), checked; undefined for a preset name. */
export function presetFromFile(value: string): Preset | undefined {
  if (!/\.json$/i.test(value)) return undefined;
  const text = readUserFile(
    value,
    PRESET_MAX_BYTES,
    'preset file',
    'a preset file is a .json like those in presets/ or one Export preset saved',
  );
  const notes: string[] = [];
  const parsed = parsePresetText(text, notes);
  if (!parsed.ok) throw new UsageError(`${value}: ${parsed.error.message}`);
  // An old preset file still composes; say what its sound became (on stderr: stdout stays the output).
  if (notes.length > 0)
    process.stderr.write(`${value} was written for an older markov-muse and was converted: ${notes.join('; ')}\n`);
  return parsed.value;
}

/** "5-8" → {from: 5, to: 8}. */
function rangeOption(value: string | undefined): { from: number; to: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)-(\d+)$/.exec(value.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1]))
    throw new UsageError(`--range must be FROM-TO bars, e.g. 5-8, not "${value}"`);
  return { from: Number(m[1]), to: Number(m[2]) };
}

/** --key, --mode, --meter 6/8, --form, --temperature, --max-run: the recipe's overrides (checked by generate). */
function overrideOptions(
  values: Partial<Record<'key' | 'mode' | 'meter' | 'form' | 'temperature' | 'max-run', string>>,
) {
  const o: Partial<Recipe> = {};
  if (values.key !== undefined) o.key = values.key;
  if (values.mode !== undefined) o.mode = values.mode as Recipe['mode'];
  if (values.form !== undefined) o.form = values.form;
  if (values.meter !== undefined) {
    o.meter = parseMeter(values.meter.trim());
    if (!o.meter) throw new UsageError(`--meter must be BEATS/UNIT, e.g. 6/8, not "${values.meter}"`);
  }
  if (values.temperature !== undefined) {
    const t = Number(values.temperature);
    if (values.temperature.trim() === '' || !Number.isFinite(t))
      throw new UsageError(`--temperature must be a number, not "${values.temperature}"`);
    o.temperature = t;
  }
  const maxRun = intOption('max-run', values['max-run']);
  if (maxRun !== undefined) o.maxRun = maxRun;
  return o;
}

/**
 * --blend CORPUS:WEIGHT (e.g. folk-jigs:0.3): a second built-in corpus and its weight 0–1; or
 * MODEL.json:WEIGHT, a model file of muse train (read with the same checks as --model), named in the
 * recipe by its file name and content hash.
 */
function blendOption(value: string | undefined): { recipe: Partial<Recipe>; model?: ModelChoice } {
  if (value === undefined) return { recipe: {} };
  const file = /^(.+\.json):(\d(?:\.\d{1,2})?)$/i.exec(value.trim());
  const m = file ?? /^([a-z0-9-]+):(\d(?:\.\d{1,2})?)$/.exec(value.trim());
  if (!m)
    throw new UsageError(`--blend must be CORPUS:WEIGHT or MODEL.json:WEIGHT, e.g. folk-jigs:0.3, not "${value}"`);
  const weight = Number(m[2]);
  if (weight > 1) throw new UsageError(`--blend weight must be from 0 to 1, not ${m[2]}`);
  if (!file) return { recipe: { blend: { corpus: m[1], weight } } };
  const model = readModel(m[1]);
  const name = modelName(m[1]);
  return { recipe: { blend: { corpus: name, weight, model: model.provenance.contentHash } }, model: { model, name } };
}

/** A model file's name as recipes and provenance give it: its file name, at most 100 characters. */
const modelName = (path: string) => (path.split(/[\\/]/).pop() ?? path).slice(0, 100);

/**
 * `muse generate`: the piece of a recipe as MIDI (or as JSON when --out ends in .json), with the
 * export settings of the app's export menu: --range FROM-TO, --quantize, --per-track.
 */
export function generateCommand(args: string[], io: Io): number {
  const { values } = parseOptions(args, {
    preset: { type: 'string' },
    model: { type: 'string' },
    seed: { type: 'string' },
    bars: { type: 'string' },
    tempo: { type: 'string' },
    key: { type: 'string' },
    mode: { type: 'string' },
    meter: { type: 'string' },
    form: { type: 'string' },
    temperature: { type: 'string' },
    'max-run': { type: 'string' },
    blend: { type: 'string' },
    out: { type: 'string' },
    range: { type: 'string' },
    quantize: { type: 'boolean' },
    'per-track': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (!values.preset && !values.model)
    throw new UsageError('generate needs --preset NAME (see: muse presets) or --model MODEL.json');
  const seed = intOption('seed', values.seed);
  if (seed === undefined) throw new UsageError('generate needs --seed N');
  const out = values.out;
  if (!out) throw new UsageError('generate needs --out FILE.mid');
  const presetName = values.preset ?? builtinPresets()[0].name;
  const named = values.preset ? presetFromFile(values.preset) : undefined;
  if (values.preset && !named && !findPreset(values.preset))
    throw new UsageError(
      `there is no preset called "${values.preset.slice(0, 60)}": give one of ${builtinPresets()
        .map((p) => p.name)
        .join(', ')} (see: muse presets), or a preset file ending in .json`,
    );
  const model = values.model ? { model: readModel(values.model), name: modelName(values.model) } : undefined;
  // With a model and no preset, a preset derived from the model's corpus (meter, tempo, register, parts).
  const custom = values.preset ? named : model && presetForModel(model.model, model.name);
  const blend = blendOption(values.blend);
  const recipe: Recipe = {
    preset: custom?.name ?? presetName,
    seed,
    bars: intOption('bars', values.bars),
    tempo: intOption('tempo', values.tempo),
    ...overrideOptions(values),
    ...blend.recipe,
  };
  const range = rangeOption(values.range);
  const result = generate(recipe, { quantize: values.quantize, preset: custom, model, blendModel: blend.model });
  if (!result.ok) throw new UsageError(`${result.error.field === 'blend' ? '--blend: ' : ''}${result.error.message}`);
  const g = result.value;
  if (range && range.to > g.piece.bars)
    throw new UsageError(`--range ${range.from}-${range.to} goes past the last bar (${g.piece.bars})`);
  // All files of the export or none: written to temporary files, renamed when all are complete.
  const outputs: Output[] = [];
  if (out.toLowerCase().endsWith('.json')) outputs.push({ path: out, data: pieceJson(g) });
  else {
    // The piece composed above, written as it is (composed quantized when --quantize): no second compose.
    const files = exportMidi(g, { range, quantize: values.quantize, perTrack: values['per-track'] });
    if (!files.ok) throw new UsageError(files.error.message);
    const stem = out.replace(/\.midi?$/i, '');
    for (const file of files.value) {
      const path = values['per-track'] ? `${stem}-${file.name.slice(file.name.lastIndexOf('-') + 1)}` : out;
      outputs.push({ path, data: file.bytes });
    }
  }
  writeOutputs(outputs);
  const written = outputs.map((o) => o.path);
  if (values.json) {
    const tracks = g.piece.tracks.map((t) => ({ name: t.name, role: t.role, notes: t.notes.length }));
    const { bars, key, mode } = g.piece;
    const summary = {
      recipe: g.recipe,
      out: written.length === 1 ? written[0] : written,
      bars,
      key,
      mode,
      tracks,
      originality: g.originality,
      ...(g.leans ? { leans: g.leans } : {}),
    };
    io.out(`${JSON.stringify(summary)}\n`);
  }
  return 0;
}
