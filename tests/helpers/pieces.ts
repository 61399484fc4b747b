import type { Piece } from '../../src/compose';

/** A small hand-made piece: two bars of 4/4 in E minor, three parts, notes that touch end to start. */
export function tinyPiece(): Piece {
  return {
    title: 'tiny',
    ppq: 480,
    tempo: 90,
    meter: [4, 4],
    key: 'E',
    mode: 'minor',
    bars: 2,
    tracks: [
      {
        id: 'melody',
        name: 'Lead',
        role: 'melody',
        channel: 0,
        program: 73,
        notes: [
          { pitch: 64, tick: 0, duration: 480, velocity: 100 },
          { pitch: 64, tick: 480, duration: 480, velocity: 1 },
          { pitch: 67, tick: 960, duration: 2880, velocity: 127 },
        ],
      },
      {
        id: 'chords',
        name: 'Pad',
        role: 'chords',
        channel: 1,
        program: 89,
        notes: [
          { pitch: 52, tick: 0, duration: 1920, velocity: 60 },
          { pitch: 55, tick: 0, duration: 1920, velocity: 60 },
          { pitch: 59, tick: 0, duration: 1920, velocity: 60 },
          { pitch: 52, tick: 1920, duration: 1920, velocity: 61 },
        ],
      },
      {
        id: 'bass',
        name: 'Bass',
        role: 'bass',
        channel: 2,
        program: 32,
        notes: [{ pitch: 40, tick: 0, duration: 1000, velocity: 80 }],
      },
    ],
    chords: [
      { tick: 0, duration: 1920, symbol: 'Em', roman: 'Im' },
      { tick: 1920, duration: 1920, symbol: 'Em', roman: 'Im' },
    ],
    sections: [{ label: 'A', tick: 0, bars: 2 }],
  };
}
