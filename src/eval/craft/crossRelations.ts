import { Chord, Note } from 'tonal';
import { type ChordEvent, type Note as ScoreNote, scaleLetters } from '../../corpus';
import type { CraftScore } from './score';
import type { Share } from './share';

/*
 * Cross-relations between the tune and its chords: a melody note that is another version of a
 * degree the sounding chord spells otherwise — F♮ over F♯m in A minor, where the chord raises the
 * sixth and the tune keeps it natural. A musician hears two versions of one degree at once. Letters
 * decide: the tune's note is spelled as the key's scale spells it (or, if it is not in the scale,
 * as the chord at its onset spells it), the chord's notes as tonal spells the chord symbol.
 */

/** A chord symbol's notes as (pitch class, letter), spelled by tonal; empty when it is no chord. */
function spelled(symbol: string): { chroma: number; letter: string }[] {
  return Chord.get(symbol)
    .notes.map((n) => Note.get(n))
    .filter((n) => !n.empty)
    .map((n) => ({ chroma: n.chroma, letter: n.letter }));
}

/**
 * Cross-relations: of the melody notes that sound over a chord (and have a letter: in the scale, or
 * a tone of the chord at their onset), how many share a letter with a note of a chord they sound
 * over while differing from it in pitch class. Needs the score's key and mode; a score without them
 * counts nothing.
 *
 * @example
 * // A minor, F♯m under the tune, the tune plays F♮ (letter F, the chord's F♯):
 * crossRelations(score); // => { count: 1, of: 1 }
 */
export function crossRelations(score: CraftScore): Share {
  const share = { count: 0, of: 0 };
  if (!score.key || !score.mode) return share;
  const letters = scaleLetters(score.key, score.mode);
  const chords = score.chords;
  for (const n of score.melody) {
    const over = chords.filter((c) => c.tick < n.tick + n.duration && c.tick + c.duration > n.tick);
    if (over.length === 0) continue;
    const letter = letterOf(n, letters, over);
    if (letter === undefined) continue;
    share.of++;
    const pc = ((n.pitch % 12) + 12) % 12;
    if (over.some((c) => spelled(c.symbol).some((t) => t.letter === letter && t.chroma !== pc))) share.count++;
  }
  return share;
}

/** The letter of a melody note: the scale's, else the chord's at its onset, else none. */
function letterOf(n: ScoreNote, letters: Map<number, string>, over: readonly ChordEvent[]): string | undefined {
  const pc = ((n.pitch % 12) + 12) % 12;
  const inScale = letters.get(pc);
  if (inScale) return inScale;
  const atOnset = over.find((c) => c.tick <= n.tick) ?? over[0];
  return spelled(atOnset.symbol).find((t) => t.chroma === pc)?.letter;
}
