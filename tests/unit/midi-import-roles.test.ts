import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/corpus';
import { describeTexture, detectRoles, roleFromName } from '../../src/corpus/midi';

const line = (pitches: number[]): Note[] =>
  pitches.map((pitch, i) => ({ pitch, tick: i * 480, duration: 480, velocity: 80 }));
const blocks = (chords: number[][]): Note[] =>
  chords.flatMap((tones, i) => tones.map((pitch) => ({ pitch, tick: i * 1920, duration: 1920, velocity: 70 })));
const track = (notes: Note[], name = '', channel = 0) => ({ name, channel, notes });

const tune = line([67, 71, 74, 72, 71, 69, 67, 66]);
const bass = line([43, 38, 43, 36, 43, 38, 43, 38]);
const chords = blocks([
  [55, 59, 62],
  [54, 57, 60],
]);

describe('track roles', () => {
  it('reads roles from names, drums from channel 10 first', () => {
    expect(roleFromName('Lead Vocal')).toBe('melody');
    expect(roleFromName('Bass guitar')).toBe('bass');
    expect(roleFromName('Bassoon')).toBeUndefined();
    expect(roleFromName('Piano (comp)')).toBe('chords');
    expect(roleFromName('Drum kit')).toBe('drums');
    expect(detectRoles([track(tune, 'Flute'), track(bass, 'Piano', 9)])).toEqual(['melody', 'drums']);
  });

  it('finds melody, bass and chords by texture when tracks have no names', () => {
    expect(detectRoles([track(chords), track(bass), track(tune)])).toEqual(['chords', 'bass', 'melody']);
  });

  it('takes a melody in thirds over block chords as the melody; a lone polyphonic track stays chords', () => {
    const thirds = tune.flatMap((n) => [n, { ...n, pitch: n.pitch - 4 }]);
    expect(detectRoles([track(thirds), track(blocks([[43, 55, 59, 62]]))])).toEqual(['melody', 'chords']);
    expect(detectRoles([track(thirds)])).toEqual(['chords']);
  });

  it('gives a second high monophonic line the role other, and a name wins over texture', () => {
    expect(detectRoles([track(tune), track(line([76, 79, 81]))])).toEqual(['other', 'melody']);
    expect(detectRoles([track(tune, 'Violin'), track(line([76, 79, 81]))])).toEqual(['melody', 'other']);
  });

  it('measures how many notes sound alone and start together', () => {
    expect(describeTexture(tune)).toMatchObject({ monophony: 1, voices: 1 });
    expect(describeTexture(chords)).toMatchObject({ monophony: 0, voices: 3 });
    const legato = tune.map((n) => ({ ...n, duration: n.duration + 30 }));
    expect(describeTexture(legato).monophony).toBe(1);
  });
});
