import { version } from '../../package.json';
import { describeEdits, type Piece } from '../compose';
import { err, ok, type Result } from '../core';
import { pieceToMidi, sliceBars, splitTracks } from '../export';
import { findPreset } from './builtin';
import { encodeEdits } from './editCodec';
import { type Generated, type GenerateError, type GenerateOptions, generate } from './generate';
import type { Recipe } from './recipe';

/** The app's name and version, as written into every export. */
export const APP = { name: 'markov-muse', version } as const;

/**
 * What an export says about where it comes from: the app and its version, the recipe (enough to
 * make the piece again, byte for byte) and the corpus the models learned from, with its licences.
 */
export function provenance(g: Generated, settings?: Partial<ExportSettings>): string {
  return JSON.stringify(provenanceOf(g, settings));
}

function provenanceOf(g: Generated, settings?: Partial<ExportSettings>) {
  const { pieces, contentHash } = g.model.provenance;
  const licences = [...new Set(pieces.map((p) => p.licence))].sort();
  const exported = settings && Object.keys(settings).length ? { export: settings } : {};
  // A preset of the user's travels whole, so the export can be made again without it.
  const custom = findPreset(g.preset.name) === g.preset ? {} : { preset: g.preset };
  // Edits travel in their compact form (as in share links), and say in words that the piece was edited.
  const { edits, ...recipe } = g.recipe;
  const edited = edits?.length ? { edited: describeEdits(edits) } : {};
  return {
    app: APP.name,
    version: APP.version,
    recipe: edits?.length ? { ...recipe, edits: encodeEdits(edits) } : recipe,
    ...edited,
    ...custom,
    ...exported,
    model: { corpus: g.modelName, pieces: pieces.length, licences, hash: contentHash, order: g.model.options.order },
  };
}

/** What an export holds: a range of bars, quantized or not, in one file or one per track. */
export interface ExportSettings {
  /** Bars from–to, 1-based and inclusive; the whole piece when absent. */
  range?: { from: number; to: number };
  /** Swing and timing humanization left out. */
  quantize: boolean;
  /** One file per track instead of one multi-track file. */
  perTrack: boolean;
}

/** A file to write or download. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * The MIDI files of a recipe under the export settings, each with the provenance (recipe and
 * settings) in a text event. The app's export menu and `muse generate` both call this.
 */
export function exportMidi(
  recipe: Recipe,
  settings: Partial<ExportSettings> = {},
  options: Omit<GenerateOptions, 'quantize'> = {},
): Result<ExportFile[], GenerateError> {
  const generated = generate(recipe, { ...options, quantize: settings.quantize });
  if (!generated.ok) return err(generated.error);
  const g = generated.value;
  const used: Partial<ExportSettings> = {};
  if (settings.range) used.range = settings.range;
  if (settings.quantize) used.quantize = true;
  if (settings.perTrack) used.perTrack = true;
  const text = provenance(g, used);
  const piece: Piece = settings.range ? sliceBars(g.piece, settings.range.from, settings.range.to) : g.piece;
  const base = midiFileName(g.recipe).replace(/\.mid$/, '');
  const range = settings.range ? `-bars-${settings.range.from}-${settings.range.to}` : '';
  if (!settings.perTrack) return ok([{ name: `${base}${range}.mid`, bytes: pieceToMidi(piece, text) }]);
  return ok(
    splitTracks(piece).map((p) => ({
      name: `${base}${range}-${p.tracks[0].id}.mid`,
      bytes: pieceToMidi(p, text),
    })),
  );
}

/** The piece and its recipe as JSON, for other tools: `{format, version, provenance, piece}`. */
export function pieceJson(g: Generated): string {
  return `${JSON.stringify({ format: 'markov-muse/piece', version: 1, provenance: provenanceOf(g), piece: g.piece }, null, 1)}\n`;
}

/** The MIDI file of a generated piece, provenance included. The app and the CLI both write this. */
export function midiOf(g: Generated): Uint8Array {
  return pieceToMidi(g.piece, provenance(g));
}

/** A file name for a recipe's MIDI file, e.g. "pop-ballad-seed-42.mid". */
export function midiFileName(recipe: { preset: string; seed: number }): string {
  return `${recipe.preset}-seed-${recipe.seed}.mid`;
}
