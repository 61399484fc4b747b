import { readFileSync } from 'node:fs';
import { Chord } from 'tonal';
import { describe, expect, it } from 'vitest';
import { type PitchClass, PPQ } from '../../src/core';
import type { Mode, Note } from '../../src/corpus';
import { labelChords, measureChordAccuracy } from '../../src/corpus/chords';
import { CORPORA } from '../helpers/nottingham';
import { sharedCorporaAvailable } from '../helpers/shared';

const FILE = `${CORPORA}jsb/jsb-chorales-quarter.json`;
const present = sharedCorporaAvailable();

const MAJOR_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const MINOR_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];

/** One note per pitch and stretch of consecutive steps in which it sounds (a step is a quarter note). */
function notesOf(steps: number[][]): Note[] {
  const notes: Note[] = [];
  const open = new Map<number, Note>();
  steps.forEach((pitches, s) => {
    for (const pitch of [...open.keys()]) if (!pitches.includes(pitch)) open.delete(pitch);
    for (const pitch of new Set(pitches)) {
      const held = open.get(pitch);
      if (held) held.duration += PPQ;
      else {
        const note = { pitch, tick: s * PPQ, duration: PPQ, velocity: 80 };
        notes.push(note);
        open.set(pitch, note);
      }
    }
  });
  return notes;
}

/** A rough key for the test: the tonic is the final bass note; minor when the minor third above it sounds more than the major. */
function keyOf(steps: number[][], notes: Note[]): { key: string; mode: Mode } {
  const last = [...steps].reverse().find((s) => s.length > 0) ?? [60];
  const tonic: PitchClass = Math.min(...last) % 12;
  const weight = new Array<number>(12).fill(0);
  for (const n of notes) weight[n.pitch % 12] += n.duration;
  const minor = weight[(tonic + 3) % 12] > weight[(tonic + 4) % 12];
  return { key: (minor ? MINOR_NAMES : MAJOR_NAMES)[tonic], mode: minor ? 'minor' : 'major' };
}

describe('chord labels of the JSB chorales', () => {
  it.skipIf(!present)(
    'label all 382 chorales with valid symbols and roman numerals, without gaps',
    () => {
      const splits = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, number[][][]>;
      const chorales = Object.values(splits).flat();
      expect(chorales).toHaveLength(382);
      const romans = new Map<string, number>();
      const symbols = new Set<string>();
      let judged = 0;
      let matched = 0;
      for (const [i, steps] of chorales.entries()) {
        const notes = notesOf(steps);
        const { key, mode } = keyOf(steps, notes);
        const labels = labelChords(notes, { meter: [4, 4], key, mode });
        expect(labels.length, `chorale ${i}`).toBeGreaterThan(0);
        expect(labels[0].tick).toBe(Math.min(...notes.map((n) => n.tick)));
        const last = labels[labels.length - 1];
        expect(last.tick + last.duration).toBe(Math.max(...notes.map((n) => n.tick + n.duration)));
        for (const [j, l] of labels.entries()) {
          if (j > 0) expect(l.tick).toBe(labels[j - 1].tick + labels[j - 1].duration);
          expect(Chord.get(l.symbol).empty, l.symbol).toBe(false);
          expect(l.roman, `${l.symbol} in ${key}`).not.toBe('');
          romans.set(l.roman, (romans.get(l.roman) ?? 0) + 1);
          symbols.add(l.symbol);
        }
        const report = measureChordAccuracy(labels, notes, 3);
        judged += report.judged;
        matched += report.matched;
      }
      const total = [...romans.values()].reduce((a, b) => a + b, 0);
      const top = [...romans].sort((a, b) => b[1] - a[1]).slice(0, 10);
      console.log(
        [
          `JSB chorales: ${chorales.length} labelled, ${total} labels, ${romans.size} roman numerals, ${symbols.size} symbols`,
          `most frequent: ${top.map(([r, n]) => `${r} ${((100 * n) / total).toFixed(1)} %`).join(', ')}`,
          `time with three or more pitch classes whose label is exactly what sounds: ${((100 * matched) / judged).toFixed(1)} %`,
        ].join('\n'),
      );
    },
    60_000,
  );
});
