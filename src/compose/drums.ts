import { barTicks, type Meter, type Rng, type Ticks } from '../core';
import type { Note } from '../corpus';

/** General MIDI drum notes (channel 10). */
export const GM_DRUMS = {
  kick: 36,
  snare: 38,
  rim: 37,
  closedHat: 42,
  pedalHat: 44,
  openHat: 46,
  lowTom: 45,
  midTom: 47,
  highTom: 50,
  crash: 49,
  ride: 51,
} as const;
export type DrumVoice = keyof typeof GM_DRUMS;

/**
 * One bar of a drum pattern on a sixteenth grid (a 4/4 bar has 16 steps, 3/4 and 6/8 have 12):
 * "x" is an accented hit, "o" a soft one, "." silence.
 */
export type DrumGrid = Partial<Record<DrumVoice, string>>;

/** Named styles, each a bar per meter; the composer picks by the meter's steps (12 or 16). */
export const DRUM_STYLES: Record<string, Record<number, DrumGrid>> = {
  rock: {
    16: { kick: 'x.......x.x.....', snare: '....x.......x...', closedHat: 'x.o.x.o.x.o.x.o.' },
    12: { kick: 'x.....x.....', snare: '....x.......', closedHat: 'x.o.x.o.x.o.' },
  },
  ballad: {
    16: { kick: 'x.........x.....', rim: '....x.......x...', closedHat: 'x...o...x...o...' },
    12: { kick: 'x...........', rim: '....o...o...', closedHat: 'x...o...o...' },
  },
  lofi: {
    16: { kick: 'x......ox.......', snare: '....x.......x...', closedHat: 'x.o.x.o.x.o.x.oo' },
    12: { kick: 'x.....o.....', snare: '......x.....', closedHat: 'x.o.x.o.x.o.' },
  },
  chip: {
    16: { kick: 'x...x...x...x...', snare: '....x.......x...', closedHat: '..x...x...x...x.' },
    12: { kick: 'x...x...x...', snare: '....x...x...', closedHat: '..x...x...x.' },
  },
  waltz: {
    12: { kick: 'x...........', closedHat: '....o...o...', snare: '....o...o...' },
    16: { kick: 'x.......x.......', closedHat: '....o.......o...' },
  },
  jig: {
    12: { kick: 'x.....x.....', snare: '......o.....', closedHat: 'x.o.o.x.o.o.' },
    16: { kick: 'x.......x.......', snare: '....o.......o...', closedHat: 'x.o.x.o.x.o.x.o.' },
  },
};

/** A hit of a drum voice written into `notes`: a grid step long, its velocity `velocity × strength` ± 4. */
function hitter(notes: Note[], step: Ticks, velocity: number, rng: Rng) {
  return (voice: DrumVoice, tick: Ticks, strength: number): void => {
    notes.push({
      pitch: GM_DRUMS[voice],
      tick,
      duration: Math.max(1, Math.round(step)),
      velocity: Math.min(127, Math.max(1, Math.round(velocity * strength + rng.int(9) - 4))),
    });
  };
}

/** Steps of a bar on the sixteenth grid. */
export function stepsPerBar(meter: Meter): number {
  return Math.round((meter[0] * 16) / meter[1]);
}

/**
 * The drum part: the style's bar repeated, a fill (snare and toms rising to the bar line) in the
 * last bar of each section, and a crash on the first downbeat of every section but the first.
 * Ticks are absolute; `sections` are [tick, bars] of each section in order.
 */
export function drumPart(
  style: string,
  meter: Meter,
  sections: readonly { tick: Ticks; bars: number }[],
  velocity: number,
  fills: boolean,
  rng: Rng,
): Note[] {
  const steps = stepsPerBar(meter);
  const grid = DRUM_STYLES[style]?.[steps] ?? DRUM_STYLES.rock[steps] ?? DRUM_STYLES.rock[16];
  const bar = barTicks(meter);
  const step = bar / steps;
  const notes: Note[] = [];
  const hit = hitter(notes, step, velocity, rng);
  for (const [s, section] of sections.entries()) {
    for (let b = 0; b < section.bars; b++) {
      const start = section.tick + b * bar;
      const fill = fills && b === section.bars - 1 && section.bars > 1;
      const fillFrom = fill ? Math.floor(steps / 2) : steps;
      for (const [voice, pattern] of Object.entries(grid) as [DrumVoice, string][]) {
        for (let i = 0; i < Math.min(steps, pattern.length, fillFrom); i++) {
          if (pattern[i] === 'x') hit(voice, start + i * step, 1);
          else if (pattern[i] === 'o') hit(voice, start + i * step, 0.7);
        }
      }
      if (fill) {
        fillSteps(steps - fillFrom, start + fillFrom * step, step, hit, rng);
        hit('kick', start + fillFrom * step, 0.9);
      }
      if (b === 0 && s > 0) hit('crash', start, 1);
    }
  }
  return notes;
}

/** Snare and toms falling to the low tom over `count` grid steps from `start`, louder to the end (a few off-steps left out). */
function fillSteps(
  count: number,
  start: Ticks,
  step: Ticks,
  hit: (voice: DrumVoice, tick: Ticks, strength: number) => void,
  rng: Rng,
): void {
  const toms: DrumVoice[] = ['snare', 'snare', 'highTom', 'highTom', 'midTom', 'midTom', 'lowTom', 'lowTom'];
  for (let k = 0; k < count; k++) {
    if (k % 2 === 1 && rng.next() < 0.3) continue;
    hit(toms[Math.floor((k * toms.length) / count)], start + k * step, 0.75 + (0.25 * k) / count);
  }
}

/**
 * A fill leading into a chord that starts at `at` (the chord lane's edit): snare and toms over the
 * `length` ticks before it (on the sixteenth grid), and a crash on the new chord. Velocities as in
 * {@link drumPart}.
 */
export function leadInFill(meter: Meter, at: Ticks, length: Ticks, velocity: number, rng: Rng): Note[] {
  const step = barTicks(meter) / stepsPerBar(meter);
  const count = Math.max(1, Math.round(length / step));
  const notes: Note[] = [];
  const hit = hitter(notes, step, velocity, rng);
  fillSteps(count, at - count * step, step, hit, rng);
  hit('crash', at, 1);
  return notes.filter((n) => n.tick >= 0);
}
