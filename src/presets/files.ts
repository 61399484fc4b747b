import type { Piece } from '../compose';
import { err, ok, type Result } from '../core';
import { resolveSound } from '../engine/sound';
import { type ChannelSetting, midiMix, pieceToMidi, sliceBars, splitTracks } from '../export';
import { type Generated, type GenerateError, generate } from './generate';

/** What an export holds: a range of bars, quantized or not, in one file or one per track. */
export interface ExportSettings {
  /** Bars from–to, 1-based and inclusive; the whole piece when absent. */
  range?: { from: number; to: number };
  /** Swing and timing humanization left out. */
  quantize: boolean;
  /** One file per track instead of one multi-track file. */
  perTrack: boolean;
}

/** The user's mixer by track id: fader (dB) and pan, as the page's mixer keeps them. */
export type MixerSettings = Readonly<Record<string, Readonly<ChannelSetting> | undefined>>;

/** A file to write or download. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

/** The mixer settings that differ from the defaults (fader 0 dB, the track's own pan), by track. */
function changedMixer(mixer: MixerSettings): Record<string, ChannelSetting> {
  const out: Record<string, ChannelSetting> = {};
  for (const [id, c] of Object.entries(mixer)) {
    const kept: ChannelSetting = {};
    if (c?.volume !== undefined && c.volume !== 0) kept.volume = c.volume;
    if (c?.pan !== undefined) kept.pan = c.pan;
    if (Object.keys(kept).length) out[id] = kept;
  }
  return out;
}

/**
 * The MIDI files of a generated piece under the export settings and the user's mixer, each with the
 * provenance (recipe, settings, mixer) in a text event. The page's Export MIDI and export menu and
 * `muse generate` all call this. It composes nothing, except a quantized export of a piece that was
 * not composed quantized (a piece of its own: the same notes on the grid).
 */
export function exportMidi(
  generated: Generated,
  settings: Partial<ExportSettings> = {},
  mixer: MixerSettings = {},
): Result<ExportFile[], GenerateError> {
  let g = generated;
  if (settings.quantize && !g.quantized) {
    const again = generate(g.recipe, { ...g.madeWith, quantize: true });
    if (!again.ok) return err(again.error);
    g = again.value;
  }
  const used: Record<string, unknown> = {};
  if (settings.range) used.range = settings.range;
  if (settings.quantize) used.quantize = true;
  if (settings.perTrack) used.perTrack = true;
  const changed = changedMixer(mixer);
  if (Object.keys(changed).length) used.mixer = changed;
  const text = JSON.stringify(Object.keys(used).length ? { ...g.provenance, export: used } : g.provenance);
  // Levels and placement come from the whole piece, so a range or a single track sounds as in the whole.
  const placement = Object.fromEntries(resolveSound(g.piece, g.sound).tracks.map((t) => [t.id, t.pan]));
  const mix = midiMix(g.piece, placement, mixer);
  const piece: Piece = settings.range ? sliceBars(g.piece, settings.range.from, settings.range.to) : g.piece;
  const base = midiFileName(g.recipe).replace(/\.mid$/, '');
  const range = settings.range ? `-bars-${settings.range.from}-${settings.range.to}` : '';
  const write = (p: Piece) => pieceToMidi(p, { provenance: text, mix });
  if (!settings.perTrack) return ok([{ name: `${base}${range}.mid`, bytes: write(piece) }]);
  return ok(splitTracks(piece).map((p) => ({ name: `${base}${range}-${p.tracks[0].id}.mid`, bytes: write(p) })));
}

/** The MIDI file of a generated piece as it is (the whole piece, as played), with the user's mixer. */
export function midiOf(g: Generated, mixer: MixerSettings = {}): Uint8Array {
  const files = exportMidi(g, {}, mixer);
  if (!files.ok) throw new Error(files.error.message); // unreachable: nothing is composed
  return files.value[0].bytes;
}

/** The piece and its recipe as JSON, for other tools: `{format, version, provenance, piece}`. */
export function pieceJson(g: Generated): string {
  return `${JSON.stringify({ format: 'markov-muse/piece', version: 1, provenance: g.provenance, piece: g.piece }, null, 1)}\n`;
}

/** A file name for a recipe's MIDI file, e.g. "pop-ballad-seed-42.mid". */
export function midiFileName(recipe: { preset: string; seed: number }): string {
  return `${recipe.preset}-seed-${recipe.seed}.mid`;
}
