import { version } from '../../package.json';
import { pieceToMidi } from '../export';
import type { Generated } from './generate';

/** The app's name and version, as written into every export. */
export const APP = { name: 'markov-muse', version } as const;

/**
 * What an export says about where it comes from: the app and its version, the recipe (enough to
 * make the piece again, byte for byte) and the corpus the models learned from, with its licences.
 */
export function provenance(g: Generated): string {
  const licences = [...new Set(g.corpus.pieces.map((p) => p.licence))].sort();
  return JSON.stringify({
    app: APP.name,
    version: APP.version,
    recipe: g.recipe,
    corpus: { name: g.corpus.name, pieces: g.corpus.pieces.length, licences },
  });
}

/** The MIDI file of a generated piece, provenance included. The app and the CLI both write this. */
export function midiOf(g: Generated): Uint8Array {
  return pieceToMidi(g.piece, provenance(g));
}

/** A file name for a recipe's MIDI file, e.g. "pop-ballad-seed-42.mid". */
export function midiFileName(recipe: { preset: string; seed: number }): string {
  return `${recipe.preset}-seed-${recipe.seed}.mid`;
}
