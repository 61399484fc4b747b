import type { CorpusPiece } from '../corpus';
import { encodeContext } from './chainQuery';
import { contextPath, probabilityAlong } from './kneserNey';
import { melodyLine } from './melodyLine';
import type { MuseModel } from './museModel';
import { PieceMemory } from './pieceMemory';
import { basePitch, expertDepth, MAX_INTERVAL, pitchSituations } from './pitchExperts';
import { pitchDistribution } from './pitchModel';
import { rhythmContext, rhythmDepth, rhythmToken } from './rhythmModel';

/** Cross-entropy of a model on pieces it did not train on. */
export interface Evaluation {
  /** Pieces with a melody. */
  pieces: number;
  /** Sounding notes scored (rests are not notes; see bitsPerDuration). */
  notes: number;
  /** Mean −log₂ P(pitch | context) per note, full model. */
  bitsPerPitch: number;
  /** −log₂ P of the whole rhythm (notes and rests) per note, full model. */
  bitsPerDuration: number;
  /** Notes or rests the model cannot represent (a leap over two octaves, an unknown length): left out of the means. */
  outOfVocabulary: number;
  /** The same figures with the model truncated to `order` previous notes (the chord and metre context stays). */
  orders: { order: number; bitsPerPitch: number; bitsPerDuration: number }[];
}

/**
 * Scores `pieces` under the model: bits per pitch and per duration for orders 0, 1, 2 and the full
 * model (order 0 keeps the current note's features: length, metric strength, chord).
 *
 * @example
 * const e = evaluate(model, heldOut);
 * console.log(e.bitsPerPitch, e.orders.map((o) => o.bitsPerPitch));
 */
export function evaluate(
  model: MuseModel,
  pieces: readonly CorpusPiece[],
  orders: readonly number[] = [0, 1, 2],
): Evaluation {
  const full = model.options.order;
  const all = [...new Set([...orders.filter((k) => k < full), full])];
  const pitchBits = new Float64Array(all.length);
  const rhythmBits = new Float64Array(all.length);
  let notes = 0;
  let scored = 0;
  let outOfVocabulary = 0;
  for (const line of pieces.map(melodyLine)) {
    if (line.notes.length === 0) continue;
    scored++;
    // The piece memory hears the melody note by note, as a listener would.
    const memory = new PieceMemory();
    pitchSituations(line, full).forEach((s, j) => {
      const interval = line.notes[j].pitch - basePitch(s);
      if (Math.abs(interval) <= MAX_INTERVAL) {
        notes++;
        all.forEach((k, i) => {
          const p = pitchDistribution(model.pitch, { ...s, memory }, (name) => expertDepth(name, k));
          pitchBits[i] -= Math.log2(p[interval + MAX_INTERVAL]);
        });
      } else outOfVocabulary++;
      memory.observe(s.previous === null ? null : interval, s.units);
    });
    const chain = model.rhythm;
    const tokens = line.rhythm.map(rhythmToken);
    line.rhythm.forEach((e, j) => {
      const id = chain.ids.get(tokens[j]);
      const w = id === undefined ? -1 : chain.vocabIndex[id];
      if (w < 0) {
        outOfVocabulary++;
        return;
      }
      const ids = encodeContext(
        chain,
        rhythmContext(tokens.slice(Math.max(0, j - full), j), e.onset, line.meter, full),
      );
      all.forEach((k, i) => {
        const depth = rhythmDepth(k);
        rhythmBits[i] -= Math.log2(probabilityAlong(chain, contextPath(chain, ids, depth), depth, w));
      });
    });
  }
  const per = (bits: number) => (notes > 0 ? bits / notes : 0);
  const last = all.length - 1;
  return {
    pieces: scored,
    notes,
    bitsPerPitch: per(pitchBits[last]),
    bitsPerDuration: per(rhythmBits[last]),
    outOfVocabulary,
    orders: all.map((order, i) => ({ order, bitsPerPitch: per(pitchBits[i]), bitsPerDuration: per(rhythmBits[i]) })),
  };
}
