import { describe, expect, it } from 'vitest';
import { importJsb, isJsbFile } from '../../src/corpus/jsb';

describe('importJsb', () => {
  it('splits steps into voices and merges held pitches', () => {
    const json = {
      train: [
        [
          [72, 67, 64, 48],
          [72, 67, 64, 48],
          [74, 67, 65, 47],
          [72, 64, 60, 48],
        ],
      ],
    };
    const r = importJsb(json, 'tiny.json');
    if (!r.ok) throw new Error(r.error.message);
    const [piece] = r.value;
    expect(piece.tracks.map((t) => [t.name, t.role])).toEqual([
      ['Soprano', 'melody'],
      ['Alto', 'other'],
      ['Tenor', 'other'],
      ['Bass', 'bass'],
    ]);
    expect(piece.tracks[0].notes).toEqual([
      { pitch: 72, tick: 0, duration: 960, velocity: 80 },
      { pitch: 74, tick: 960, duration: 480, velocity: 80 },
      { pitch: 72, tick: 1440, duration: 480, velocity: 80 },
    ]);
    expect(piece.tracks[1].notes.map((n) => [n.pitch, n.tick, n.duration])).toEqual([
      [67, 0, 1440],
      [64, 1440, 480],
    ]);
    expect(piece.licence).toBe('public-domain');
  });

  it('keeps four voices through unisons, each moving least, and reads one pitch as the soprano alone', () => {
    // Alto and tenor meet on G4 in the second step (listed once), then part again.
    const json = {
      train: [[[72, 67, 64, 48], [72, 67, 48], [74, 67, 65, 47], [72]]],
    };
    const r = importJsb(json, 'unison.json');
    if (!r.ok) throw new Error(r.error.message);
    const [s, a, t, b] = r.value[0].tracks.map((track) => track.notes.map((n) => [n.pitch, n.tick, n.duration]));
    expect(a).toEqual([[67, 0, 1440]]);
    expect(t).toEqual([
      [64, 0, 480],
      [67, 480, 480],
      [65, 960, 480],
    ]);
    expect(b).toEqual([
      [48, 0, 960],
      [47, 960, 480],
    ]);
    expect(s.at(-1)).toEqual([72, 1440, 480]);
  });

  it('uses sixteenth steps at 16th resolution', () => {
    const r = importJsb({ test: [[[60], [62]]] }, 'x.json', '16th');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value[0].tracks[0].notes.map((n) => [n.tick, n.duration])).toEqual([
      [0, 120],
      [120, 120],
    ]);
  });

  it.each([null, 42, 'text', [], { train: 'no' }, { train: [[['a']]] }, { train: [[[200]]] }, { train: [[[60.5]]] }])(
    'refuses %j with a typed error naming the file',
    (json) => {
      const r = importJsb(json, 'bad.json');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('jsb-format');
        expect(r.error.message).toContain('bad.json');
      }
    },
  );

  it('recognises JSB files', () => {
    expect(isJsbFile({ train: [], valid: [[[60]]] })).toBe(true);
    expect(isJsbFile({ format: 'markov-muse/corpus' })).toBe(false);
  });
});
