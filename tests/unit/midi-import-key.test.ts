import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/corpus';
import {
  compareKeys,
  estimateKey,
  KEY_PROFILES,
  keyOfSignature,
  nameTonic,
  pitchClassProfile,
  rankKeys,
} from '../../src/corpus/midi';

const line = (pitches: number[], duration = 480): Note[] =>
  pitches.map((pitch, i) => ({ pitch, tick: i * duration, duration, velocity: 80 }));

describe('keyOfSignature', () => {
  it('names the tonic of sharps or flats and major or minor', () => {
    expect(keyOfSignature(0, 0)).toEqual({ key: 'C', mode: 'major' });
    expect(keyOfSignature(1, 0)).toEqual({ key: 'G', mode: 'major' });
    expect(keyOfSignature(-3, 1)).toEqual({ key: 'C', mode: 'minor' });
    expect(keyOfSignature(2, 1)).toEqual({ key: 'B', mode: 'minor' });
    expect(keyOfSignature(-1, 0)).toEqual({ key: 'F', mode: 'major' });
    expect(keyOfSignature(7, 0)).toEqual({ key: 'C#', mode: 'major' });
    expect(keyOfSignature(-7, 0)).toEqual({ key: 'Cb', mode: 'major' });
    expect(keyOfSignature(7, 1)).toEqual({ key: 'A#', mode: 'minor' });
    expect(keyOfSignature(6, 0)).toEqual({ key: 'F#', mode: 'major' });
  });

  it('refuses what a key signature cannot say', () => {
    expect(keyOfSignature(8, 0)).toBeUndefined();
    expect(keyOfSignature(-8, 1)).toBeUndefined();
    expect(keyOfSignature(0, 2)).toBeUndefined();
  });
});

describe('compareKeys', () => {
  it('tells the same key (by pitch class), the relative key and another key apart', () => {
    expect(compareKeys({ key: 'G', mode: 'major' }, { key: 'G', mode: 'major' })).toBe('same');
    expect(compareKeys({ key: 'F#', mode: 'major' }, { key: 'Gb', mode: 'major' })).toBe('same');
    expect(compareKeys({ key: 'C', mode: 'major' }, { key: 'A', mode: 'minor' })).toBe('relative');
    expect(compareKeys({ key: 'E', mode: 'minor' }, { key: 'G', mode: 'major' })).toBe('relative');
    expect(compareKeys({ key: 'G', mode: 'major' }, { key: 'D', mode: 'major' })).toBe('different');
    expect(compareKeys({ key: 'A', mode: 'major' }, { key: 'A', mode: 'minor' })).toBe('different');
  });
});

describe('estimateKey', () => {
  it('weights pitch classes by duration', () => {
    const profile = pitchClassProfile([...line([60, 72], 480), ...line([67], 120)]);
    expect(profile[0]).toBe(960);
    expect(profile[7]).toBe(120);
  });

  it('finds the key of a major tune and of a minor tune, with either profile', () => {
    const gMajor = line([67, 71, 74, 71, 72, 69, 66, 62, 67, 71, 69, 66, 67]);
    const aMinor = line([69, 72, 76, 72, 74, 71, 68, 64, 69, 72, 71, 68, 69]);
    for (const profiles of Object.keys(KEY_PROFILES) as (keyof typeof KEY_PROFILES)[]) {
      expect(estimateKey(gMajor, profiles)).toMatchObject({ key: 'G', mode: 'major' });
      expect(estimateKey(aMinor, profiles)).toMatchObject({ key: 'A', mode: 'minor' });
    }
    expect(estimateKey(gMajor).correlation).toBeGreaterThan(0.7);
  });

  it('ranks all 24 keys, and gives C major with correlation 0 for no notes', () => {
    expect(rankKeys(pitchClassProfile(line([60, 64, 67])))).toHaveLength(24);
    expect(estimateKey([])).toEqual({ key: 'C', mode: 'major', correlation: 0 });
  });

  it('spells estimated tonics the usual way', () => {
    expect([1, 3, 6, 8, 10].map((pc) => nameTonic(pc, 'major'))).toEqual(['Db', 'Eb', 'F#', 'Ab', 'Bb']);
    expect([1, 3, 6, 8, 10].map((pc) => nameTonic(pc, 'minor'))).toEqual(['C#', 'Eb', 'F#', 'G#', 'Bb']);
  });
});
