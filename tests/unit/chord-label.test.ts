import { Chord } from 'tonal';
import { describe, expect, it } from 'vitest';
import type { Meter } from '../../src/core';
import { chordOfRoman, chordPitchClasses, type Mode, type Note, romanOf } from '../../src/corpus';
import { type ChordLabel, chordAccuracy, labelChords, measureChordAccuracy } from '../../src/corpus/chords';

const BAR = 1920;
const BEAT = 480;

/** Notes of `pitches` struck together at `tick` for `duration`. */
function block(pitches: number[], tick: number, duration: number): Note[] {
  return pitches.map((pitch) => ({ pitch, tick, duration, velocity: 80 }));
}

/** One note per pitch in turn, each `step` long, from `tick`. */
function broken(pitches: number[], tick: number, step: number): Note[] {
  return pitches.map((pitch, i) => ({ pitch, tick: tick + i * step, duration: step, velocity: 80 }));
}

function label(notes: Note[], key = 'C', mode: Mode = 'major', meter: Meter = [4, 4]): ChordLabel[] {
  return labelChords(notes, { meter, key, mode });
}

const symbols = (labels: ChordLabel[]) => labels.map((l) => l.symbol);
const spans = (labels: ChordLabel[]) => labels.map((l) => [l.tick, l.duration]);

/** Labels are contiguous, valid tonal chords whose roman numeral leads back to the same chord. */
function expectWellFormed(labels: ChordLabel[], key: string): void {
  for (const [i, l] of labels.entries()) {
    if (i > 0) expect(l.tick).toBe(labels[i - 1].tick + labels[i - 1].duration);
    expect(l.duration).toBeGreaterThan(0);
    expect(Chord.get(l.symbol).empty, l.symbol).toBe(false);
    expect(l.roman).toBe(romanOf(l.symbol, key));
    expect(new Set(chordPitchClasses(chordOfRoman(l.roman, key)))).toEqual(new Set(l.pitchClasses));
    expect(chordPitchClasses(l.symbol)).toEqual(l.pitchClasses);
  }
}

describe('labelChords on block chords', () => {
  it('gives one label per held chord, with roman numerals', () => {
    const notes = [
      ...block([48, 52, 55], 0, BAR),
      ...block([53, 57, 60], BAR, BAR),
      ...block([43, 53, 59, 62], 2 * BAR, BAR),
      ...block([48, 52, 55, 60], 3 * BAR, BAR),
    ];
    const labels = label(notes);
    expect(symbols(labels)).toEqual(['C', 'F', 'G7', 'C']);
    expect(labels.map((l) => l.roman)).toEqual(['I', 'IV', 'V7', 'I']);
    expect(spans(labels)).toEqual([0, 1, 2, 3].map((b) => [b * BAR, BAR]));
    expect(labels[2].pitchClasses).toEqual([7, 11, 2, 5]);
    expectWellFormed(labels, 'C');
    expect(chordAccuracy(labels, notes)).toBe(1);
  });

  it('names inversions with slash chords', () => {
    const notes = [
      ...block([52, 55, 60], 0, BAR), // C/E
      ...block([47, 50, 53, 55], BAR, BAR), // G7/B
      ...block([48, 53, 57], 2 * BAR, BAR), // F/C
      ...block([50, 55, 59], 3 * BAR, BAR), // G/D
    ];
    const labels = label(notes);
    expect(symbols(labels)).toEqual(['C/E', 'G7/B', 'F/C', 'G/D']);
    expect(labels.map((l) => l.bass)).toEqual([4, 11, 0, 2]);
    expect(labels.map((l) => l.roman)).toEqual(['I', 'V7', 'IV', 'V']);
    expectWellFormed(labels, 'C');
  });

  it('tells a chord from its inversion when only the bass moves', () => {
    const notes = [...block([48, 55, 64], 0, BAR), ...block([52, 55, 60], BAR, BAR)];
    expect(symbols(label(notes))).toEqual(['C', 'C/E']);
  });

  it('knows sevenths, sixths, suspensions, diminished and augmented chords', () => {
    const chords: [number[], string][] = [
      [[48, 52, 55, 59], 'Cmaj7'],
      [[50, 53, 57, 60], 'Dm7'],
      [[47, 50, 53, 57], 'Bm7b5'],
      [[47, 50, 53, 56], 'Bdim7'],
      [[43, 48, 50], 'Gsus4'],
      [[48, 52, 55, 57], 'C6'],
      [[48, 50, 55], 'Csus2'],
      [[48, 52, 56], 'Caug'],
      [[53, 56, 60, 62], 'Fm6'],
      [[47, 50, 53], 'Bdim'],
      [[45, 48, 52, 55], 'Am7'],
      [[43, 48, 50, 53], 'G7sus4'],
    ];
    const notes = chords.flatMap(([pitches], i) => block(pitches, i * BAR, BAR));
    const labels = label(notes);
    expect(symbols(labels)).toEqual(chords.map(([, s]) => s));
    expectWellFormed(labels, 'C');
  });

  it('catches a chord change on a weak beat and a seventh added for one beat', () => {
    const notes = [
      ...block([43, 47, 50], 0, 3 * BEAT),
      ...block([43, 47, 50, 53], 3 * BEAT, BEAT),
      ...block([48, 52, 55], BAR, BEAT + 240),
      ...block([50, 53, 57], BAR + BEAT + 240, 240),
      ...block([43, 47, 50], BAR + 2 * BEAT, 2 * BEAT),
    ];
    const labels = label(notes);
    expect(symbols(labels)).toEqual(['G', 'G7', 'C', 'Dm', 'G']);
    expect(chordAccuracy(labels, notes)).toBe(1);
  });

  it('keeps one label for a chord held over the bar line', () => {
    const notes = [
      ...block([48, 52, 55], 0, 2 * BEAT),
      ...block([53, 57, 60], 2 * BEAT, BAR),
      ...block([43, 47, 50, 53], BAR + 2 * BEAT, 2 * BEAT),
    ];
    const labels = label(notes);
    expect(symbols(labels)).toEqual(['C', 'F', 'G7']);
    expect(spans(labels)).toEqual([
      [0, 960],
      [960, 1920],
      [2880, 960],
    ]);
  });

  it('snaps slightly early or late notes of a chord to one change', () => {
    const notes = [
      ...block([48, 52, 55], 0, BAR),
      { pitch: 53, tick: BAR - 12, duration: BAR, velocity: 80 },
      { pitch: 57, tick: BAR + 7, duration: BAR, velocity: 80 },
      { pitch: 60, tick: BAR + 15, duration: BAR, velocity: 80 },
    ];
    expect(symbols(label(notes))).toEqual(['C', 'F']);
  });

  it('carries a chord over the silence after it', () => {
    const notes = [...block([48, 52, 55], 0, BEAT), ...block([43, 47, 50], 2 * BEAT, BEAT)];
    const labels = label(notes);
    expect(symbols(labels)).toEqual(['C', 'G']);
    expect(spans(labels)).toEqual([
      [0, 960],
      [960, 480],
    ]);
  });

  it('covers the span asked for, and nothing without notes', () => {
    const notes = block([48, 52, 55], BAR, BAR);
    const labels = labelChords(notes, { meter: [4, 4], key: 'C', mode: 'major', span: { start: 0, end: 4 * BAR } });
    expect(spans(labels)).toEqual([[0, 4 * BAR]]);
    expect(label([])).toEqual([]);
    expect(labelChords(notes, { meter: [4, 4], key: 'C', mode: 'major', span: { start: 0, end: 100 } })).toEqual([]);
  });
});

describe('labelChords on broken chords', () => {
  it('hears an Alberti bass as one chord per bar', () => {
    const notes = [
      ...broken([48, 55, 52, 55, 48, 55, 52, 55], 0, 240), // C
      ...broken([47, 55, 50, 55, 47, 55, 50, 55], BAR, 240), // G/B
      ...broken([48, 57, 53, 57, 48, 57, 53, 57], 2 * BAR, 240), // F/C
      ...broken([43, 53, 47, 53, 43, 53, 47, 53], 3 * BAR, 240), // G7 without its fifth
    ];
    const labels = label(notes);
    expect(symbols(labels)).toEqual(['C', 'G/B', 'F/C', 'G7']);
    expect(spans(labels)).toEqual([0, 1, 2, 3].map((b) => [b * BAR, BAR]));
    expectWellFormed(labels, 'C');
  });

  it('hears chords broken over a bar, rising and falling', () => {
    const notes = [
      ...broken([45, 52, 57, 60, 64, 60, 57, 52], 0, 240), // Am
      ...broken([50, 53, 57, 60, 65, 60, 57, 53], BAR, 240), // Dm7
      ...broken([40, 47, 52, 56, 59, 56, 52, 47], 2 * BAR, 240), // E
      ...broken([45, 52, 57, 60, 64, 60, 57, 52], 3 * BAR, 240), // Am
    ];
    const labels = label(notes, 'A', 'minor');
    expect(symbols(labels)).toEqual(['Am', 'Dm7', 'E', 'Am']);
    expect(labels.map((l) => l.roman)).toEqual(['Im', 'IVm7', 'V', 'Im']);
    expectWellFormed(labels, 'A');
  });

  it('hears a waltz accompaniment (bass, then the chord on beats two and three) as one chord', () => {
    const waltz = (bass: number, chord: number[], tick: number) => [
      ...block([bass], tick, BEAT),
      ...block(chord, tick + BEAT, BEAT),
      ...block(chord, tick + 2 * BEAT, BEAT),
    ];
    const notes = [...waltz(41, [57, 60], 0), ...waltz(36, [58, 60, 64], 1440), ...waltz(41, [57, 60, 65], 2880)];
    const labels = label(notes, 'F', 'major', [3, 4]);
    expect(symbols(labels)).toEqual(['F', 'C7', 'F']);
    expect(labels.map((l) => l.roman)).toEqual(['I', 'V7', 'I']);
  });

  it('hears a broken chord that starts on beat three and runs over the bar line', () => {
    const notes = [
      ...broken([48, 52, 55, 60], 0, 240),
      ...broken([41, 48, 53, 57, 60, 57, 53, 48], 960, 240),
      ...broken([43, 47, 50, 55], 2880, 240),
    ];
    const labels = label(notes);
    expect(symbols(labels)).toEqual(['C', 'F', 'G']);
    expect(spans(labels)).toEqual([
      [0, 960],
      [960, 1920],
      [2880, 960],
    ]);
  });
});

describe('labelChords on chorales', () => {
  it('hears a passing tone as part of the chord, not a new chord', () => {
    const notes = [
      ...block([48, 55, 64], 0, 2 * BEAT), // bass C, tenor G, alto E
      ...[76, 74, 72].map((pitch, i) => ({
        pitch,
        tick: [0, 480, 720][i],
        duration: [480, 240, 240][i],
        velocity: 80,
      })),
      ...block([43, 50, 59, 67], 2 * BEAT, 2 * BEAT), // G
    ];
    const labels = label(notes);
    expect(symbols(labels)).toEqual(['C', 'G']);
    expect(spans(labels)).toEqual([
      [0, 960],
      [960, 960],
    ]);
  });

  it('names a cadence in a minor key (i – iv6 – V7 – i)', () => {
    const notes = [
      ...block([45, 52, 60, 69], 0, BEAT), // Am
      ...block([45, 53, 62, 69], BEAT, BEAT), // Dm/A
      ...block([40, 56, 62, 71], 2 * BEAT, BEAT), // E7 (no fifth)
      ...block([45, 52, 60, 69], 3 * BEAT, BEAT), // Am
    ];
    const labels = label(notes, 'A', 'minor');
    expect(symbols(labels)).toEqual(['Am', 'Dm/A', 'E7', 'Am']);
    expect(labels.map((l) => l.roman)).toEqual(['Im', 'IVm', 'V7', 'Im']);
  });
});

describe('roman numerals', () => {
  it('spell chromatic chords by their degree in major and minor keys', () => {
    const roots = [
      [70, 74, 77], // Bb
      [68, 72, 75], // Ab
      [63, 67, 70], // Eb
      [61, 65, 68], // Db
      [66, 70, 73], // F#/Gb
    ];
    const notes = roots.flatMap((pitches, i) => block(pitches, i * BAR, BAR));
    const inC = label(notes, 'C');
    expect(symbols(inC)).toEqual(['Bb', 'Ab', 'Eb', 'Db', 'F#']);
    expect(inC.map((l) => l.roman)).toEqual(['bVII', 'bVI', 'bIII', 'bII', '#IV']);
    const inA = label(notes, 'A', 'minor');
    expect(inA.map((l) => l.roman)).toEqual(['bII', 'VII', '#IV', 'III', 'VI']);
    const inEb = label(notes, 'Eb');
    expect(symbols(inEb)).toEqual(['Bb', 'Ab', 'Eb', 'Db', 'Gb']);
    expect(inEb.map((l) => l.roman)).toEqual(['V', 'IV', 'I', 'bVII', 'bIII']);
    for (const [labels, key] of [
      [inC, 'C'],
      [inA, 'A'],
      [inEb, 'Eb'],
    ] as const)
      expectWellFormed(labels, key);
  });

  it('are empty when the key is no note, while symbols still come out', () => {
    const labels = label(block([48, 52, 55], 0, BAR), 'H');
    expect(symbols(labels)).toEqual(['C']);
    expect(labels[0].roman).toBe('');
  });
});

describe('measureChordAccuracy', () => {
  it('counts the time during which the label is exactly what sounds', () => {
    const notes = [...block([48, 52, 55], 0, BAR), ...block([48, 52, 55, 58], BAR, BAR)];
    const wrong: ChordLabel[] = [{ tick: 0, duration: 2 * BAR, symbol: 'C', roman: 'I', pitchClasses: [0, 4, 7] }];
    const report = measureChordAccuracy(wrong, notes);
    expect(report.accuracy).toBe(0.5);
    expect(report.missed.get('C E G Bb as C')).toBe(BAR);
    expect(chordAccuracy([], notes)).toBe(0);
    expect(chordAccuracy(wrong, block([48], 0, BAR), 3)).toBe(1);
  });
});
