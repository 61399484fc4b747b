import type { CorpusPiece } from '../corpus';
import { Fnv1a64 } from './hash';

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
 * what the models read, so equal texts train equal models. Pieces are joined by a line break.
 */
export function trainingText(pieces: readonly CorpusPiece[]): string {
  return pieces.map(pieceText).join('\n');
}

/** One piece's line of {@link trainingText}. */
export function pieceText(p: CorpusPiece): string {
  const melody = p.tracks.find((t) => t.role === 'melody')?.notes ?? [];
  return JSON.stringify([
    p.id,
    p.key,
    p.mode,
    p.meter,
    melody.map((n) => [n.pitch, n.tick, n.duration]),
    (p.chords ?? []).map((c) => [c.tick, c.duration, c.symbol]),
  ]);
}

/** Where one piece comes from, as the provenance lists it. */
export function pieceProvenance(p: CorpusPiece): PieceProvenance {
  return {
    id: p.id,
    title: p.title,
    ...(p.composer === undefined ? {} : { composer: p.composer }),
    source: p.source,
    licence: p.licence,
  };
}

/**
 * The content hash of a training set hashed piece by piece: `add` each piece's text in order
 * (what {@link trainingText} joins), then `value`.
 */
export class ContentHash {
  private readonly hash = new Fnv1a64();
  private pieces = 0;

  add(text: string): void {
    this.hash.update(this.pieces++ > 0 ? `\n${text}` : text);
  }

  /** "fnv1a64:" and 16 hex digits. */
  value(): string {
    return `fnv1a64:${this.hash.digest()}`;
  }
}

/** The provenance of a model trained on `pieces`. */
export function provenanceOf(pieces: readonly CorpusPiece[]): Provenance {
  const hash = new ContentHash();
  for (const p of pieces) hash.add(pieceText(p));
  return { pieces: pieces.map(pieceProvenance), contentHash: hash.value() };
}
