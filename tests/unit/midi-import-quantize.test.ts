import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/corpus';
import { meterGrid, quantizeInMeters, quantizeNotes, trimOverlaps } from '../../src/corpus/midi';

const note = (tick: number, duration: number, pitch = 60): Note => ({ pitch, tick, duration, velocity: 80 });
const spans = (notes: Note[]) => notes.map((n) => [n.tick, n.duration]);

describe('meterGrid', () => {
  it('gives sixteenths and eighth triplets per quarter in simple meters, sixteenths and duplets in compound', () => {
    expect(meterGrid([4, 4])).toEqual({ window: 480, straight: 120, triplet: 160 });
    expect(meterGrid([3, 4])).toEqual({ window: 480, straight: 120, triplet: 160 });
    expect(meterGrid([2, 2])).toEqual({ window: 480, straight: 120, triplet: 160 });
    expect(meterGrid([6, 8])).toEqual({ window: 720, straight: 120, triplet: 180 });
    expect(meterGrid([9, 8])).toEqual({ window: 720, straight: 120, triplet: 180 });
    expect(meterGrid([12, 8])).toEqual({ window: 720, straight: 120, triplet: 180 });
    expect(meterGrid([3, 8])).toEqual({ window: 240, straight: 120, triplet: 80 });
  });
});

describe('quantizeNotes', () => {
  it('snaps a played straight line to sixteenths', () => {
    const played = [note(3, 230), note(245, 110), note(355, 130), note(478, 470), note(962, 955)];
    expect(spans(quantizeNotes(played, [4, 4]))).toEqual([
      [0, 240],
      [240, 120],
      [360, 120],
      [480, 480],
      [960, 960],
    ]);
  });

  it('keeps light swing on the straight grid and reads hard (2:1) swing as triplets', () => {
    const light = [note(0, 260), note(260, 220), note(480, 260), note(740, 220)];
    expect(spans(quantizeNotes(light, [4, 4]))).toEqual([
      [0, 240],
      [240, 240],
      [480, 240],
      [720, 240],
    ]);
    const hard = [note(0, 318), note(322, 160), note(481, 322), note(799, 161)];
    expect(spans(quantizeNotes(hard, [4, 4]))).toEqual([
      [0, 320],
      [320, 160],
      [480, 320],
      [800, 160],
    ]);
  });

  it('finds eighth-note triplets in 4/4 next to straight beats', () => {
    const played = [note(0, 158), note(163, 155), note(318, 165), note(480, 240), note(723, 235)];
    expect(spans(quantizeNotes(played, [4, 4]))).toEqual([
      [0, 160],
      [160, 160],
      [320, 160],
      [480, 240],
      [720, 240],
    ]);
    expect(spans(quantizeNotes(played, [4, 4], { triplets: false }))).toEqual([
      [0, 120],
      [120, 240],
      [360, 120],
      [480, 240],
      [720, 240],
    ]);
  });

  it('keeps the eighths of 6/8 on the eighth grid', () => {
    const played = [note(5, 235), note(238, 240), note(482, 236), note(715, 480), note(1205, 235)];
    expect(spans(quantizeNotes(played, [6, 8]))).toEqual([
      [0, 240],
      [240, 240],
      [480, 240],
      [720, 480],
      [1200, 240],
    ]);
  });

  it('reads duplets in 6/8 on the duplet grid', () => {
    const played = [note(2, 356), note(362, 358)];
    expect(spans(quantizeNotes(played, [6, 8]))).toEqual([
      [0, 360],
      [360, 360],
    ]);
  });

  it('keeps 16th-note triplets and 32nds apart instead of merging them', () => {
    const sixteenthTriplets = [note(480, 240, 62), note(720, 80, 64), note(800, 80, 65), note(880, 80, 67)];
    expect(quantizeNotes(sixteenthTriplets, [4, 4]).map((n) => n.tick)).toEqual([480, 720, 800, 880]);
    const thirtySeconds = [note(0, 60), note(62, 58, 62), note(118, 62, 64), note(182, 58, 65)];
    expect(quantizeNotes(thirtySeconds, [4, 4]).map((n) => n.tick)).toEqual([0, 60, 120, 180]);
  });

  it('preserves ties across bar lines', () => {
    const tied = [note(1440, 960), note(3830, 1930)]; // beat 4 into the next bar; a whole bar across two
    expect(spans(quantizeNotes(tied, [4, 4]))).toEqual([
      [1440, 960],
      [3840, 1920],
    ]);
  });

  it('never makes a duration 0 and never lets a note start before the same pitch ends', () => {
    const tiny = [note(100, 5), note(2, 3, 62)];
    for (const n of quantizeNotes(tiny, [4, 4])) expect(n.duration).toBeGreaterThan(0);
    const overlapping = [note(0, 500), note(470, 480), note(470, 240, 64)];
    expect(quantizeNotes(overlapping, [4, 4]).map((n) => [n.pitch, n.tick, n.duration])).toEqual([
      [60, 0, 480],
      [60, 480, 480],
      [64, 480, 240],
    ]);
  });

  it('snaps each note to the grid of the meter at its onset, counted from where the meter starts', () => {
    const meters = [
      { tick: 0, meter: [3, 4] as const },
      { tick: 1440, meter: [6, 8] as const },
    ];
    const notes = [note(1430, 10), note(1440 + 715, 250), note(1440 + 962, 230)];
    expect(spans(quantizeInMeters(notes, meters))).toEqual([
      [1440, 120],
      [2160, 240],
      [2400, 240],
    ]);
  });
});

describe('trimOverlaps', () => {
  it('cuts the earlier note and merges notes on the same tick, keeping the longer', () => {
    const out = trimOverlaps([note(0, 960), note(480, 240), note(480, 480), note(0, 100, 67)]);
    expect(out.map((n) => [n.pitch, n.tick, n.duration])).toEqual([
      [60, 0, 480],
      [67, 0, 100],
      [60, 480, 480],
    ]);
  });
});
