import { describe, expect, it } from 'vitest';
import { chordOfRoman, chordPitchClasses, romanOf, scaleSteps, tonicPitchClass } from '../../src/corpus';
import { midiKeySignature } from '../../src/export';

describe('roman numerals', () => {
  it('names chords relative to the key', () => {
    expect(romanOf('C', 'C')).toBe('I');
    expect(romanOf('Am', 'C')).toBe('VIm');
    expect(romanOf('G7', 'C')).toBe('V7');
    expect(romanOf('E7', 'A')).toBe('V7');
    expect(romanOf('C', 'A')).toBe('bIII');
    expect(romanOf('D/F#', 'G')).toBe('V');
    expect(romanOf('Bdim', 'C')).toBe('VIIo');
    expect(romanOf('not a chord', 'C')).toBe('');
  });

  it('survives the trip to another key and back for the usual vocabulary', () => {
    const symbols = [
      'C',
      'Dm',
      'Em7',
      'F',
      'Fmaj7',
      'G7',
      'Am',
      'Bm7b5',
      'Bdim',
      'Gsus4',
      'G7sus4',
      'E7',
      'D7',
      'Bb',
      'Ab',
      'Cm',
      'C6',
      'Caug',
      'Bdim7',
    ];
    for (const key of ['C', 'G', 'Eb', 'F#', 'Bb']) {
      for (const s of symbols) {
        const roman = romanOf(s, 'C');
        const there = chordOfRoman(roman, key);
        expect(there, `${s} → ${roman} in ${key}`).not.toBe('');
        expect(romanOf(there, key)).toBe(roman);
        // transposing keeps the shape of the chord
        const a = chordPitchClasses(s);
        const b = chordPitchClasses(there);
        const shift = (tonicPitchClass(key) as number) - 0;
        expect(b).toEqual(a.map((p) => (p + shift + 12) % 12));
      }
    }
  });

  it('lists a chord root first, also for slash chords', () => {
    expect(chordPitchClasses('D/F#')).toEqual([2, 6, 9]);
    expect(chordPitchClasses('nonsense')).toEqual([]);
  });

  it('knows the modes', () => {
    expect(scaleSteps('major')).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect(scaleSteps('minor')).toEqual([0, 2, 3, 5, 7, 8, 10]);
    expect(scaleSteps('dorian')).toEqual([0, 2, 3, 5, 7, 9, 10]);
    expect(tonicPitchClass('Bb')).toBe(10);
    expect(tonicPitchClass('H')).toBe(-1);
  });
});

describe('midiKeySignature', () => {
  it('counts sharps and flats, minor and modes by their relative major', () => {
    expect(midiKeySignature('C', 'major')).toEqual({ sharpsOrFlats: 0, minor: 0 });
    expect(midiKeySignature('G', 'major')).toEqual({ sharpsOrFlats: 1, minor: 0 });
    expect(midiKeySignature('F', 'major')).toEqual({ sharpsOrFlats: -1, minor: 0 });
    expect(midiKeySignature('A', 'minor')).toEqual({ sharpsOrFlats: 0, minor: 1 });
    expect(midiKeySignature('E', 'minor')).toEqual({ sharpsOrFlats: 1, minor: 1 });
    expect(midiKeySignature('D', 'dorian')).toEqual({ sharpsOrFlats: 0, minor: 0 });
    expect(midiKeySignature('G#', 'major')).toEqual({ sharpsOrFlats: -4, minor: 0 });
  });
});
