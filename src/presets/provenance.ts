import { version } from '../../package.json';
import { describeEdits } from '../compose';
import { sampleCredits } from '../engine/samples/ids';
import type { MuseModel } from '../model';
import type { BlendSide } from './blend';
import { findPreset } from './builtin';
import { encodeEdits } from './editCodec';
import type { FullRecipe } from './recipe';
import type { Preset } from './schema';
import { presetSound } from './sound';

/** The app's name and version, as written into every export. */
export const APP = { name: 'markov-muse', version } as const;

/**
 * Where a piece comes from, as every export says it: the app and its version, the recipe (enough to
 * make the piece again, byte for byte), a preset of the user's whole, and the model's corpus with
 * its licences and content hash, the user's edits. An export adds its settings (`export`).
 */
export interface Provenance {
  app: string;
  version: string;
  /** The recipe, its edits (if any) in their compact form, as in share links. */
  recipe: Omit<FullRecipe, 'edits'> & { edits?: string };
  /** The edits in words ("2 additions, 1 removal"), when the piece was edited. */
  edited?: string;
  /** A preset that is not built in travels whole, so the export can be made again without it. */
  preset?: Preset;
  /** What the export holds (a range, quantized, per track, the user's mixer), when not the defaults. */
  export?: Record<string, unknown>;
  model: {
    corpus: string;
    pieces: number;
    licences: string[];
    hash: string;
    order: number;
    /** A blend: each side (a built-in corpus or a trained model, by name and content hash) and the weight of the second. */
    blend?: { weight: number; sides: BlendSide[] };
  };
  /** The sampled instruments the sound plays: their credit and licence (the piano is CC BY 3.0). */
  samples?: object[];
}

/** The provenance of a piece made from `recipe` with `preset` and `model` (named `modelName`). */
export function provenanceOf(
  recipe: FullRecipe,
  preset: Preset,
  model: MuseModel,
  modelName: string,
  blend?: readonly BlendSide[],
): Provenance {
  const { pieces, contentHash } = model.provenance;
  const licences = [...new Set(pieces.map((p) => p.licence))].sort();
  // Edits travel in their compact form (as in share links), and say in words that the piece was edited.
  const { edits, ...rest } = recipe;
  const samples = sampleCredits(presetSound(preset));
  return {
    app: APP.name,
    version: APP.version,
    recipe: edits?.length ? { ...rest, edits: encodeEdits(edits) } : rest,
    ...(edits?.length ? { edited: describeEdits(edits) } : {}),
    ...(findPreset(preset.name) === preset ? {} : { preset }),
    model: {
      corpus: modelName,
      pieces: pieces.length,
      licences,
      hash: contentHash,
      order: model.options.order,
      ...(blend && recipe.blend ? { blend: { weight: recipe.blend.weight, sides: blend.map((s) => ({ ...s })) } } : {}),
    },
    // Attribution travels with the music.
    ...(samples.length > 0 ? { samples } : {}),
  };
}
