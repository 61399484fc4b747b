import { describe, expect, it } from 'vitest';
import {
  applyGroove,
  bassLine,
  drumPart,
  GM_DRUMS,
  type HarmonyEvent,
  stepsPerBar,
  swingTick,
} from '../../src/compose';
import { createRng } from '../../src/core';
import type { Note } from '../../src/corpus';

const C = [0, 4, 7];
const G7 = [7, 11, 2, 5];
const harmony: HarmonyEvent[] = [
  { tick: 0, duration: 1920, pitchClasses: C },
  { tick: 1920, duration: 1920, pitchClasses: G7 },
  { tick: 3840, duration: 1920, pitchClasses: C },
];
const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const range = { low: 28, high: 55, velocity: 90 };

describe('bassLine', () => {
  it('walks a note a beat, starting each chord on its root and approaching the next root by step', () => {
    const notes = bassLine(harmony, [4, 4], 'walking', range, MAJOR, createRng(3));
    expect(notes).toHaveLength(12);
    expect(notes.map((n) => n.tick)).toEqual(Array.from({ length: 12 }, (_, i) => i * 480));
    expect(notes[0].pitch % 12).toBe(0);
    expect(notes[4].pitch % 12).toBe(7);
    expect(notes[8].pitch % 12).toBe(0);
    // the last beat before G7 and before C approaches by a half or whole step
    expect(Math.abs(notes[3].pitch - notes[4].pitch)).toBeLessThanOrEqual(2);
    expect(Math.abs(notes[7].pitch - notes[8].pitch)).toBeLessThanOrEqual(2);
    for (const n of notes) expect(n.pitch).toBeGreaterThanOrEqual(28);
  });

  it('plays root and fifth with an approach into each change', () => {
    const notes = bassLine(harmony, [4, 4], 'approach', range, MAJOR, createRng(1));
    expect(notes.map((n) => n.tick)).toEqual([0, 960, 1680, 1920, 2880, 3600, 3840, 4800]);
    expect(notes.map((n) => n.pitch % 12).filter((_, i) => i % 3 === 0)).toEqual([0, 7, 0]);
  });

  it('alternates root and octave in eighths', () => {
    const notes = bassLine(harmony.slice(0, 1), [4, 4], 'octaves', range, MAJOR, createRng(1));
    expect(notes).toHaveLength(8);
    expect(notes[1].pitch - notes[0].pitch).toBe(12);
  });
});

describe('drumPart', () => {
  const sections = [
    { tick: 0, bars: 4 },
    { tick: 4 * 1920, bars: 4 },
  ];
  it('repeats the style bar, fills the last bar of each section and crashes into the next', () => {
    const notes = drumPart('rock', [4, 4], sections, 90, true, createRng(1));
    const kicks = notes.filter((n) => n.pitch === GM_DRUMS.kick && n.tick < 1920);
    expect(kicks.map((n) => n.tick)).toEqual([0, 960, 1200]);
    const crash = notes.filter((n) => n.pitch === GM_DRUMS.crash);
    expect(crash.map((n) => n.tick)).toEqual([4 * 1920]);
    const toms = notes.filter((n) => [GM_DRUMS.lowTom, GM_DRUMS.midTom, GM_DRUMS.highTom].includes(n.pitch as 45));
    expect(toms.length).toBeGreaterThan(0);
    for (const t of toms) expect(t.tick % 1920).toBeGreaterThanOrEqual(960);
    expect(new Set(toms.map((t) => Math.floor(t.tick / 1920)))).toEqual(new Set([3, 7]));
  });

  it('has a bar for 4/4, 3/4 and 6/8 in every style', () => {
    expect(stepsPerBar([4, 4])).toBe(16);
    expect(stepsPerBar([3, 4])).toBe(12);
    expect(stepsPerBar([6, 8])).toBe(12);
    for (const style of ['rock', 'ballad', 'lofi', 'chip', 'waltz', 'jig'])
      for (const meter of [
        [4, 4],
        [3, 4],
        [6, 8],
      ] as const) {
        const notes = drumPart(style, meter, [{ tick: 0, bars: 2 }], 80, false, createRng(2));
        expect(notes.length, `${style} ${meter}`).toBeGreaterThan(0);
        for (const n of notes) expect(n.tick).toBeLessThan(2 * ((meter[0] * 1920) / meter[1]));
      }
  });
});

describe('groove', () => {
  it('swings off-beat eighths towards the triplet and leaves beats alone', () => {
    expect(swingTick(0, 1, 'eighth')).toBe(0);
    expect(swingTick(480, 1, 'eighth')).toBe(480);
    expect(swingTick(240, 1, 'eighth')).toBe(320);
    expect(swingTick(240, 0.5, 'eighth')).toBe(280);
    expect(swingTick(120, 1, 'sixteenth')).toBe(160);
    expect(swingTick(240, 0, 'eighth')).toBe(240);
  });

  it('keeps parts well formed under swing and timing humanization', () => {
    const rng = createRng(9);
    const notes: Note[] = [];
    for (let t = 0; t < 7680; t += 120) notes.push({ pitch: 60 + (t % 3), tick: t, duration: 120, velocity: 80 });
    const out = applyGroove(notes, { swing: 0.6, swingUnit: 'eighth', timing: 20 }, 7680, rng);
    let last = -1;
    const ends = new Map<number, number>();
    for (const n of out) {
      expect(n.tick).toBeGreaterThanOrEqual(last);
      expect(n.duration).toBeGreaterThan(0);
      expect(n.tick + n.duration).toBeLessThanOrEqual(7680);
      expect(n.tick).toBeGreaterThanOrEqual(ends.get(n.pitch) ?? 0);
      ends.set(n.pitch, n.tick + n.duration);
      last = n.tick;
    }
    expect(out.length).toBeGreaterThan(notes.length * 0.95);
  });
});
