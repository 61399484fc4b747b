import type { CorpusPiece } from '../corpus';
import { fnv1a64 } from './hash';

/** Where one training piece comes from. */
export interface PieceProvenance {
  readonly id: string;
  readonly title: string;
  readonly composer?: string;
  readonly source: string;
  readonly licence: string;
}

/** What a model was trained on: the pieces with their sources and licences, and a hash of the data. */
export interface Provenance {
  readonly pieces: readonly PieceProvenance[];
  /** "fnv1a64:" and 16 hex digits, over {@link trainingText}. */
  readonly contentHash: string;
}

/**
 * The training data as one canonical text: per piece, in order, its id, key, mode, meter, the notes
 * of its melody track (pitch, tick, duration) and its chords (tick, duration, symbol) — exactly
 * what the models read, so equal texts train equal models.
 */
export function trainingText(pieces: readonly CorpusPiece[]): string {
  return pieces
    .map((p) => {
      const melody = p.tracks.find((t) => t.role === 'melody')?.notes ?? [];
      return JSON.stringify([
        p.id,
        p.key,
        p.mode,
        p.meter,
        melody.map((n) => [n.pitch, n.tick, n.duration]),
        (p.chords ?? []).map((c) => [c.tick, c.duration, c.symbol]),
      ]);
    })
    .join('\n');
}

/** The provenance of a model trained on `pieces`. */
export function provenanceOf(pieces: readonly CorpusPiece[]): Provenance {
  return {
    pieces: pieces.map((p) => ({
      id: p.id,
      title: p.title,
      ...(p.composer === undefined ? {} : { composer: p.composer }),
      source: p.source,
      licence: p.licence,
    })),
    contentHash: `fnv1a64:${fnv1a64(trainingText(pieces))}`,
  };
}
