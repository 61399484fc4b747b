import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMidi } from '../../src/corpus/midi';
import { fixtures } from '../fixtures/midi/make-fixtures';
import { pieceOf } from '../helpers/importChecks';

const read = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/midi/${name}`, import.meta.url)));
const summary = (name: string) => {
  const p = pieceOf(importMidi(read(name), name));
  return {
    title: p.title,
    format: p.format,
    key: `${p.key} ${p.mode}`,
    meter: p.meter.join('/'),
    tempo: p.tempo,
    tracks: p.tracks.map((t) => `${t.role} ch${t.channel + 1} p${t.program} ${t.notes.length}`),
  };
};

describe('MIDI fixtures', () => {
  it('are the files make-fixtures.ts builds', () => {
    for (const [name, bytes] of Object.entries(fixtures())) expect(read(name), name).toEqual(bytes);
  });

  it('jig-6-8.mid: melody and chords in 6/8, G major by signature and by estimate', () => {
    expect(summary('jig-6-8.mid')).toEqual({
      title: 'Fixture Jig',
      format: 1,
      key: 'G major',
      meter: '6/8',
      tempo: 110,
      tracks: ['melody ch1 p0 24', 'chords ch1 p0 16'],
    });
    const piece = pieceOf(importMidi(read('jig-6-8.mid'), 'jig-6-8.mid'));
    expect(piece.keyAgreement).toBe('same');
    expect(piece.tracks[0].notes.slice(0, 3).map((n) => [n.tick, n.duration])).toEqual([
      [0, 240],
      [240, 240],
      [480, 240],
    ]);
  });

  it('band-format0.mid: four channels become four tracks with roles, programs, tempo and meter changes', () => {
    expect(summary('band-format0.mid')).toMatchObject({
      format: 0,
      tracks: ['melody ch1 p73 9', 'bass ch2 p33 7', 'chords ch3 p21 6', 'drums ch10 p0 7'],
    });
    const piece = pieceOf(importMidi(read('band-format0.mid'), 'band-format0.mid'));
    expect(piece.tempoMap).toEqual([
      { tick: 0, bpm: 100 },
      { tick: 1920, bpm: 80 },
    ]);
    expect(piece.meters.map((m) => m.meter.join('/'))).toEqual(['4/4', '3/4']);
    expect(piece.tracks[0].notes.slice(4, 7).map((n) => [n.tick, n.duration])).toEqual([
      [1920, 160],
      [2080, 160],
      [2240, 160],
    ]);
  });

  it('patterns-format2.mid, smpte-25fps.mid, truncated.mid import; not-midi.mid is refused', () => {
    expect(summary('patterns-format2.mid')).toMatchObject({ format: 2, tracks: ['other ch1 p0 4', 'melody ch1 p0 4'] });
    expect(summary('smpte-25fps.mid')).toMatchObject({ tempo: 120, tracks: ['melody ch1 p0 4'] });
    const truncated = pieceOf(importMidi(read('truncated.mid'), 'truncated.mid'));
    expect(truncated.warnings.join()).toContain('the file ends first');
    const refused = importMidi(read('not-midi.mid'), 'not-midi.mid');
    expect(!refused.ok && refused.error.message).toBe('not-midi.mid: not a MIDI file (starts with "<!DO")');
  });
});
