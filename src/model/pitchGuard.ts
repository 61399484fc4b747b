import { forbids, guardOf, intervalToken, intervalTokens } from './guard';
import type { Units } from './metric';
import { mod12 } from './pitchExperts';
import type { PitchRequest } from './pitchPhrase';

/*
 * The originality guard of a pitch phrase (guard.ts: MaxOrder): no run of more than L notes copied
 * from one training piece, by scale degree and length (exact copies) or by interval and lengths
 * (transposed copies), within the phrase, across the seam from the notes before it, and across the
 * seam into the phrase after it when that is already written (a repeat).
 */

/** The guard token of a note: scale degree and length. */
export const noteGuardToken = (pitch: number, units: Units): string => `${mod12(pitch)}|${units}`;

type GuardRequest = Pick<PitchRequest, 'slots' | 'low' | 'high' | 'guard' | 'previous'>;
type Forbids = (history: readonly number[], token: number) => boolean;

/** Every guard of the phrase in one: true when the pitch `token` after `history` copies too much. */
export function phraseGuard(request: GuardRequest): Forbids | undefined {
  const guards = [pitchGuard(request), transposedGuard(request), seamGuard(request)].filter(
    (g): g is Forbids => g !== undefined,
  );
  if (guards.length === 0) return undefined;
  return (history, token) => guards.some((g) => g(history, token));
}

/** The guard of a pitch phrase: forbids a pitch that would complete a copied run of L + 1 notes. */
function pitchGuard(request: GuardRequest): ((history: readonly number[], token: number) => boolean) | undefined {
  const { guard, slots, low } = request;
  if (!guard) return undefined;
  // Each (slot, pitch) is named once: the look-ahead asks about the same ones again and again.
  const size = Math.max(0, request.high - low + 1);
  const names = new Array<string | undefined>(slots.length * size).fill(undefined);
  return guardOf(guard.index, guard.context, (j, t) => {
    const i = j * size + t;
    names[i] ??= noteGuardToken(low + t, slots[j].units);
    return names[i];
  });
}

/**
 * The transposed guard of a pitch phrase: forbids a pitch that would complete a run of L + 1 notes
 * whose intervals and lengths one training piece has (L interval tokens, the index's maxRun + 1).
 */
function transposedGuard(request: GuardRequest): ((history: readonly number[], token: number) => boolean) | undefined {
  const index = request.guard?.transposed;
  if (!index) return undefined;
  const { slots, low, previous } = request;
  const size = Math.max(0, request.high - low + 1);
  const n = index.maxRun + 1;
  const before = intervalTokens(previous);
  const last = previous[previous.length - 1];
  // The token of slot j from token `prev` (-1: the note before the phrase) to `t`, named once.
  const names = new Map<number, string>();
  const tokenAt = (j: number, prev: number, t: number): string | undefined => {
    const key = (j * (size + 1) + prev + 1) * size + t;
    let name = names.get(key);
    if (name === undefined) {
      const from = prev >= 0 ? { pitch: low + prev, units: slots[j - 1].units } : last;
      if (!from) return undefined;
      name = intervalToken(low + t - from.pitch, from.units, slots[j].units);
      names.set(key, name);
    }
    return name;
  };
  const run = new Array<string>(n);
  return (history, token) => {
    const at = history.length;
    if (before.length + at + (last ? 1 : 0) < n) return false;
    for (let k = at - n + 1, i = 0; k <= at; k++, i++) {
      const name =
        k < 0 ? before[before.length + k] : tokenAt(k, k > 0 ? history[k - 1] : -1, k === at ? token : history[k]);
      if (name === undefined) return false;
      run[i] = name;
    }
    return forbids(index, run, 0);
  };
}

/**
 * Runs across the seam into the phrase that follows (`guard.follow`): checked at the last slot,
 * when the whole phrase is known — every run of L + 1 notes that begins in the phrase (or before
 * it) and ends in the follower, exact or transposed.
 */
function seamGuard(request: GuardRequest): Forbids | undefined {
  const { guard, slots, low, previous } = request;
  const follow = guard?.follow;
  if (!guard || !follow || follow.length === 0 || slots.length === 0) return undefined;
  const last = slots.length - 1;
  const L = guard.index.maxRun;
  return (history, token) => {
    if (history.length !== last) return false;
    const phrase = [...history, token].map((t, j) => ({ pitch: low + t, units: slots[j].units }));
    const notes = [...previous, ...phrase, ...follow];
    const end = previous.length + phrase.length;
    const degrees = notes.map((n) => noteGuardToken(n.pitch, n.units));
    for (let e = end; e < Math.min(notes.length, end + L); e++)
      if (e - L >= 0 && forbids(guard.index, degrees, e - L)) return true;
    const transposed = guard.transposed;
    if (!transposed) return false;
    // Interval token i joins notes i and i + 1; the seam's is end − 1.
    const intervals = intervalTokens(notes);
    const n = transposed.maxRun + 1;
    for (let e = end - 1; e < Math.min(intervals.length, end - 1 + n); e++)
      if (e - n + 1 >= 0 && forbids(transposed, intervals, e - n + 1)) return true;
    return false;
  };
}
