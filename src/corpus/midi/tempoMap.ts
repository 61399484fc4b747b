import { type Bpm, PPQ, type Seconds, type Ticks } from '../../core';
import { lastAtOrBefore } from './timeScale';

/** A tempo from `tick` (domain ticks at PPQ 480) until the next point. */
export interface TempoPoint {
  tick: Ticks;
  bpm: Bpm;
}

/** The tempo before the first tempo event, as the MIDI standard says. */
export const DEFAULT_BPM = 120;

/**
 * A tempo map in domain ticks: starts at tick 0 (with {@link DEFAULT_BPM} when the file sets no tempo
 * there), one point per tick (the last event at a tick wins), no point that repeats the tempo before.
 */
export function buildTempoMap(changes: readonly TempoPoint[]): TempoPoint[] {
  const map: TempoPoint[] = [{ tick: 0, bpm: DEFAULT_BPM }];
  for (const { tick, bpm } of changes) {
    if (!(bpm > 0) || !Number.isFinite(bpm) || tick < 0) continue;
    const last = map[map.length - 1];
    if (tick === last.tick) last.bpm = bpm;
    else if (bpm !== last.bpm) map.push({ tick, bpm });
  }
  return map.filter((p, i) => i === 0 || p.bpm !== map[i - 1].bpm);
}

/**
 * Seconds from the start of the piece to `tick`, following the tempo map.
 *
 * @example
 * secondsAtTick([{ tick: 0, bpm: 120 }, { tick: 960, bpm: 60 }], 1440); // => 1 + 1 = 2
 */
export function secondsAtTick(tempoMap: readonly TempoPoint[], tick: Ticks): Seconds {
  return secondsAt(tempoMap)(tick);
}

/**
 * A converter from ticks to seconds for one tempo map, for converting many times (say every chord's
 * start and end for the CLI): the map is walked once, each call is a binary search.
 */
export function secondsAt(tempoMap: readonly TempoPoint[]): (tick: Ticks) => Seconds {
  const map = tempoMap.length > 0 && tempoMap[0].tick === 0 ? tempoMap : [{ tick: 0, bpm: DEFAULT_BPM }, ...tempoMap];
  const starts = map.map((p) => p.tick);
  const seconds: number[] = [0];
  for (let i = 1; i < map.length; i++) {
    seconds.push(seconds[i - 1] + spanSeconds(map[i].tick - map[i - 1].tick, map[i - 1].bpm));
  }
  return (tick) => {
    const i = lastAtOrBefore(starts, tick);
    return seconds[i] + spanSeconds(tick - starts[i], map[i].bpm);
  };
}

function spanSeconds(ticks: Ticks, bpm: Bpm): Seconds {
  return bpm > 0 ? (ticks / PPQ) * (60 / bpm) : 0;
}
