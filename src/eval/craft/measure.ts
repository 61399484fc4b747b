import type { CorpusPiece } from '../../corpus';
import { measureClashes } from './clashes';
import { crossRelations } from './crossRelations';
import { type HarmonicRhythmMeasure, measureHarmonicRhythm } from './harmonicRhythm';
import { measureInversions } from './inversions';
import { type MelodyMeasure, measureMelody } from './melody';
import { measureParallels, type ParallelsMeasure } from './parallels';
import { phraseContinuity } from './phrases';
import { type CraftScore, craftScore, type ScoreOptions, type ScoreSource } from './score';
import type { Share } from './share';
import { sonorities } from './sonority';
import { measureSwing, type SwingMeasure, type SwingUnit } from './swing';
import { measureVoicing, type VoicingMeasure } from './voicing';

/** Every craft measure of one piece (the rows of issue #14's table). */
export interface CraftMeasures {
  parallels: ParallelsMeasure;
  voicing: VoicingMeasure;
  /** Chords whose lowest sounding note is not their root. */
  inversions: Share;
  /** Strong-beat melody notes a semitone or minor ninth from an accompanying note. */
  clashes: Share;
  /** The same, counting a major seventh too (interval class 1 either way, as the "now" figures did). */
  clashesWithSevenths: Share;
  melody: MelodyMeasure;
  /** Phrases starting within a major sixth of where the one before ended. */
  phraseContinuity: Share;
  /** Melody notes that are another version of a degree a sounding chord spells (F♮ over F♯m). */
  crossRelations: Share;
  harmonicRhythm: HarmonicRhythmMeasure;
  swing: SwingMeasure;
}

/** How to read a piece for its measures. */
export interface CraftOptions extends ScoreOptions {
  /** The swung unit, when known (a preset's groove); else read from the notes. */
  swingUnit?: SwingUnit;
  /**
   * The same piece as played, with swing and timing humanization, when the piece measured is its
   * written (quantized) score: swing is judged from it against the score. Without it, swing is read
   * from the measured piece's own onsets.
   */
  performed?: ScoreSource | CorpusPiece;
}

/**
 * The craft measures of a composed piece or an imported corpus piece (read through
 * {@link craftScore}, so both kinds go through the same code). A composed piece is best measured
 * as written (`generate(recipe, { quantize: true })`) with its performance given as `performed`:
 * beats, rhythms and chord changes are then read exactly, and swing from the performance.
 *
 * @example
 * const written = generate({ preset: 'chorale', seed: 1 }, { quantize: true });
 * measureCraft(written.value.piece).parallels.fifths; // => { count: 0, of: 119 }
 */
export function measureCraft(piece: ScoreSource | CorpusPiece, options: Partial<CraftOptions> = {}): CraftMeasures {
  const written = craftScore(piece, options);
  const performed = options.performed ? craftScore(options.performed, options) : undefined;
  return measureScore(written, { swingUnit: options.swingUnit, performed });
}

/** {@link measureCraft} of a score already read (`performed`: the same piece as played). */
export function measureScore(
  score: CraftScore,
  options: { swingUnit?: SwingUnit; performed?: CraftScore } = {},
): CraftMeasures {
  const slices = sonorities(score);
  const clashes = measureClashes(score);
  return {
    parallels: measureParallels(slices),
    voicing: measureVoicing(slices),
    inversions: measureInversions(score),
    clashes: clashes.clashes,
    clashesWithSevenths: clashes.withSevenths,
    melody: measureMelody(score),
    phraseContinuity: phraseContinuity(score),
    crossRelations: crossRelations(score),
    harmonicRhythm: measureHarmonicRhythm(score),
    swing: options.performed
      ? measureSwing(options.performed, options.swingUnit, score)
      : measureSwing(score, options.swingUnit),
  };
}
