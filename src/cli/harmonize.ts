import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Result } from '../core';
import { type CorpusPiece, importFile, MAX_FILE_BYTES } from '../corpus';
import {
  builtinPresets,
  continueRecipe,
  exportMidi,
  findPreset,
  type GenerateOptions,
  generate,
  harmonizeRecipe,
  type MelodyError,
  type Recipe,
} from '../presets';
import { intOption, parseOptions, UsageError } from './args';
import { presetFromFile } from './generate';
import type { Io } from './io';
import { readModel } from './readModel';

/** The options `muse harmonize` and `muse continue` share. */
export const melodySpec = {
  preset: { type: 'string' },
  model: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The first piece of a MIDI (or corpus) file the user named; a usage error naming the file otherwise. */
export function readPhrase(path: string): CorpusPiece {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (size > MAX_FILE_BYTES) throw new UsageError(`${path}: the file is larger than ${MAX_FILE_BYTES} bytes`);
  const imported = importFile(basename(path), readFileSync(path));
  const piece = imported.pieces[0];
  if (!piece) throw new UsageError(imported.lines[0]?.error?.message ?? `${path}: no piece in the file`);
  return piece;
}

/**
 * Composes around a melody file and writes the MIDI file: `make` turns the melody's piece into a
 * recipe (harmonize, continue), which the usual export writes with its provenance (the melody and
 * what was done travel as the recipe's edits).
 */
export function writeAround(
  command: string,
  file: string | undefined,
  values: { preset?: string; model?: string; seed?: string; out?: string; json?: boolean },
  make: (
    piece: CorpusPiece,
    base: { preset: string; seed: number },
    options: GenerateOptions,
  ) => Result<Recipe, MelodyError>,
  io: Io,
): number {
  if (!file)
    throw new UsageError(`${command} needs a MIDI file with the melody (muse ${command} MELODY.mid --out F.mid)`);
  const out = values.out;
  if (!out) throw new UsageError(`${command} needs --out FILE.mid`);
  if (!/\.midi?$/i.test(out)) throw new UsageError(`--out must name a .mid file, not "${out}"`);
  const custom = values.preset ? presetFromFile(values.preset) : undefined;
  const preset = custom?.name ?? values.preset ?? builtinPresets()[0].name;
  const model = values.model
    ? { model: readModel(values.model), name: values.model.split(/[\\/]/).pop() ?? values.model }
    : undefined;
  const seed = intOption('seed', values.seed) ?? 1;
  if (!custom && !findPreset(preset)) throw new UsageError(`--preset: there is no preset called "${preset}"`);
  const recipe = make(readPhrase(file), { preset, seed }, { preset: custom, model });
  if (!recipe.ok) throw new UsageError(`${file}: ${recipe.error.message}`);
  const g = generate(recipe.value, { preset: custom, model });
  if (!g.ok) throw new UsageError(`${g.error.field === 'preset' ? '--preset: ' : ''}${g.error.message}`);
  // The piece composed above, as it is: no second compose.
  const files = exportMidi(g.value);
  if (!files.ok) throw new UsageError(files.error.message);
  try {
    writeFileSync(out, files.value[0].bytes);
  } catch (e) {
    throw new Error(`cannot write ${out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (values.json) {
    const { piece } = g.value;
    const chords = piece.chords.map((c) => ({ tick: c.tick, duration: c.duration, symbol: c.symbol, roman: c.roman }));
    io.out(
      `${JSON.stringify({ out, bars: piece.bars, key: piece.key, mode: piece.mode, meter: piece.meter, chords })}\n`,
    );
  }
  return 0;
}

/** `muse harmonize MELODY.mid [--preset P | --model M] [--seed N] --out F.mid [--json]`. */
export function harmonizeCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(args, melodySpec, true);
  if (positionals.length > 1) throw new UsageError(`harmonize takes one MIDI file, not ${positionals.length}`);
  return writeAround('harmonize', positionals[0], values, harmonizeRecipe, io);
}

/** `muse continue PHRASE.mid --bars N [--preset P | --model M] [--seed N] --out F.mid [--json]`. */
export function continueCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(args, { ...melodySpec, bars: { type: 'string' } }, true);
  if (positionals.length > 1) throw new UsageError(`continue takes one MIDI file, not ${positionals.length}`);
  const bars = intOption('bars', values.bars);
  if (bars === undefined) throw new UsageError('continue needs --bars N (how many bars the answer lasts, 1–64)');
  if (bars < 1 || bars > 64) throw new UsageError(`--bars must be from 1 to 64, not ${bars}`);
  return writeAround(
    'continue',
    positionals[0],
    values,
    (piece, base, options) => continueRecipe(piece, base, bars, options),
    io,
  );
}
