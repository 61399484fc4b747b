import type { MuseModel } from '../model';
import { applyNoteEdit, type Edit } from './edits';
import { harmonizeSpan } from './harmonizeSpan';
import type { ComposeOptions } from './options';
import type { Piece } from './piece';
import { setChord } from './rearrange';
import { regenerate } from './regenerate';

/** What the edits that compose need: the model, the composer's options and the piece's seed. */
export interface EditContext {
  model: MuseModel;
  options: ComposeOptions;
  seed: number;
}

/** Applies one edit: note edits directly, a chord or a regeneration through the model. */
export function applyEdit(piece: Piece, edit: Edit, context: EditContext): Piece {
  if (edit.op === 'chord') return setChord(piece, context.options, context.seed, edit);
  if (edit.op === 'regenerate') return regenerate(piece, context.model, context.options, edit);
  if (edit.op === 'harmonize') return harmonizeSpan(piece, context.model, context.options, context.seed, edit);
  return applyNoteEdit(piece, edit) ?? piece;
}

/**
 * A composed piece with its edits applied in order: what the page shows, exports and shares. The
 * same piece, edits, model and options give the same result on every machine.
 */
export function applyEdits(piece: Piece, edits: readonly Edit[], context: EditContext): Piece {
  return edits.reduce((p, e) => applyEdit(p, e, context), piece);
}
