import type { CraftScore } from './score';
import type { Share } from './share';

/** Largest leap from the end of one phrase to the start of the next still heard as continuing: a major sixth. */
export const PHRASE_JOIN = 9;

/**
 * Phrase continuity: of the phrases that start with a melody note after an earlier phrase has
 * ended with one, how many start within a major sixth (9 semitones, up or down) of the note the
 * melody last played. Phrases are the score's ({@link CraftScore.phrases}: a composed piece's
 * sections in phrases, an imported piece's four-bar grid); a phrase's first note is its first
 * onset at or after its start, the previous phrase's last note the last onset before that start
 * (over an empty phrase, the last note heard).
 *
 * @example
 * // phrase 1 ends on D6, phrase 2 begins on E4: 22 semitones
 * phraseContinuity(score); // => { count: 0, of: 1 }
 */
export function phraseContinuity(score: CraftScore): Share {
  const share = { count: 0, of: 0 };
  const m = score.melody;
  const bounds = [...score.phrases, score.end];
  let i = 0;
  for (let p = 0; p + 1 < bounds.length; p++) {
    const [start, end] = [bounds[p], bounds[p + 1]];
    while (i < m.length && m[i].tick < start) i++;
    if (i === 0 || i >= m.length || m[i].tick >= end) continue;
    share.of++;
    if (Math.abs(m[i].pitch - m[i - 1].pitch) <= PHRASE_JOIN) share.count++;
  }
  return share;
}
