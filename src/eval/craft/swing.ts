import { PPQ, type Ticks } from '../../core';
import type { Note } from '../../corpus';
import type { CraftScore, ScorePart } from './score';
import { pool, type Share } from './share';

/** The note value whose off-beats swing: eighths (most styles) or sixteenths (lo-fi, hip-hop). */
export type SwingUnit = 'eighth' | 'sixteenth';
export const SWING_UNITS: readonly SwingUnit[] = ['eighth', 'sixteenth'];

/** Swing part by part. */
export interface SwingMeasure {
  /** The unit judged: the one asked for (a preset's groove), else the one some part delays most. */
  unit: SwingUnit;
  /** Per part (drums included) and unit: the off-beats of that unit it plays, and how many come late. */
  parts: Record<string, Record<SwingUnit, Share>>;
  /** Whether some part swings the unit: delays at least half of its off-beats (4 or more of them). */
  swung: boolean;
  /** Parts that play 4 or more off-beats of the unit but delay fewer than half, while another part swings it. */
  straight: string[];
}

/** Fewest off-beats a part must play to be judged swung or straight. */
export const MIN_OFFBEATS = 4;

/** Ticks of a pair of units (on-beat + off-beat): a quarter for eighths, an eighth for sixteenths. */
const pairOf = (unit: SwingUnit): Ticks => (unit === 'eighth' ? PPQ : PPQ / 2);

/**
 * An onset more than a 24th of the pair late (10 ticks for sixteenths, 20 for eighths at 480 per
 * quarter) is delayed: more than timing humanization moves a note, so swing lighter than 0.25
 * reads as straight.
 */
const isLate = (late: Ticks, unit: SwingUnit) => late > pairOf(unit) / 24;

/**
 * Reading a performance without its written score: an onset from the straight off-beat (less a
 * 24th of the pair) up to the triplet place two thirds into the pair (plus a 24th) plays the
 * off-beat; `late` is how far after the straight place it comes. Undefined for an onset elsewhere.
 * (Written triplets land on the triplet place too: without the score they read as swing.)
 */
export function offBeatLateness(tick: Ticks, unit: SwingUnit): Ticks | undefined {
  const pair = pairOf(unit);
  const late = (tick % pair) - pair / 2;
  return late < -pair / 24 || late > pair / 6 + pair / 24 ? undefined : late;
}

function readGrid(notes: readonly Note[], unit: SwingUnit): Share {
  const share = { count: 0, of: 0 };
  for (const tick of new Set(notes.map((n) => n.tick))) {
    const late = offBeatLateness(tick, unit);
    if (late === undefined) continue;
    share.of++;
    if (isLate(late, unit)) share.count++;
  }
  return share;
}

/**
 * Against the written score: each note written exactly on an off-beat of the unit, found in the
 * performance (the same pitch, the nearest onset within a quarter of the pair), and whether it
 * sounds late. Written triplets are not off-beats, so they never read as swing.
 */
function readAgainst(written: readonly Note[], played: readonly Note[], unit: SwingUnit): Share {
  const pair = pairOf(unit);
  const share = { count: 0, of: 0 };
  let from = 0; // both sorted by tick: the search window only moves forward
  for (const n of written) {
    if (n.tick % pair !== pair / 2) continue;
    while (from < played.length && played[from].tick < n.tick - pair / 4) from++;
    let late: Ticks | undefined;
    for (let i = from; i < played.length && played[i].tick <= n.tick + pair / 4; i++) {
      const d = played[i].tick - n.tick;
      if (played[i].pitch === n.pitch && (late === undefined || Math.abs(d) < Math.abs(late))) late = d;
    }
    if (late === undefined) continue;
    share.of++;
    if (isLate(late, unit)) share.count++;
  }
  return share;
}

const swings = (s: Share) => s.of >= MIN_OFFBEATS && s.count * 2 >= s.of;

/**
 * Swing, part by part: for each part and unit, the off-beats it plays and how many come late —
 * against the written score when given (a composed piece made again quantized), else read from the
 * grid ({@link offBeatLateness}). When some part swings the unit, every other part that plays that
 * unit's off-beats should swing too: those that do not are listed in `straight`. Without `unit`,
 * the unit judged is the one with the most late off-beats in a swinging part (eighths on a tie).
 *
 * @example
 * // lofi-jazz, seed 1: the lead's 32 off-beat eighths swing, and so do the bass's 54 and the drums' 160
 * measureSwing(craftScore(played), 'eighth', craftScore(written)); // => { unit: 'eighth', swung: true, straight: [], ... }
 */
export function measureSwing(performed: CraftScore, unit?: SwingUnit, written?: CraftScore): SwingMeasure {
  const parts: SwingMeasure['parts'] = {};
  for (const track of performed.tracks) {
    const score = written?.tracks.find((t) => t.id === track.id);
    parts[track.id] = Object.fromEntries(SWING_UNITS.map((u) => [u, read(track, u, score)])) as Record<
      SwingUnit,
      Share
    >;
  }
  const lateIn = (u: SwingUnit) => Math.max(0, ...Object.values(parts).map((p) => (swings(p[u]) ? p[u].count : 0)));
  const chosen: SwingUnit = unit ?? (lateIn('sixteenth') > lateIn('eighth') ? 'sixteenth' : 'eighth');
  const swung = Object.values(parts).some((p) => swings(p[chosen]));
  const straight = swung
    ? Object.entries(parts)
        .filter(([, p]) => p[chosen].of >= MIN_OFFBEATS && !swings(p[chosen]))
        .map(([id]) => id)
    : [];
  return { unit: chosen, parts, swung, straight };
}

function read(track: ScorePart, unit: SwingUnit, written?: ScorePart): Share {
  return written ? readAgainst(written.notes, track.notes, unit) : readGrid(track.notes, unit);
}

/** The parts' shares pooled over pieces, per part id and unit. */
export function poolSwing(measures: readonly SwingMeasure[]): Record<string, Record<SwingUnit, Share>> {
  const ids = [...new Set(measures.flatMap((m) => Object.keys(m.parts)))];
  return Object.fromEntries(
    ids.map((id) => [
      id,
      Object.fromEntries(
        SWING_UNITS.map((u) => [u, pool(measures.flatMap((m) => (m.parts[id] ? [m.parts[id][u]] : [])))]),
      ) as Record<SwingUnit, Share>,
    ]),
  );
}
