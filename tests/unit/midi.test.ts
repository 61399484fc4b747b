import pkg from '@tonejs/midi';
import { parseMidi } from 'midi-file';
import { describe, expect, it } from 'vitest';
import { pieceToMidi } from '../../src/export';
import { tinyPiece } from '../helpers/pieces';

const { Midi } = pkg;

describe('pieceToMidi', () => {
  const piece = tinyPiece();
  const bytes = pieceToMidi(piece, '{"app":"markov-muse"}');

  it('writes type 1 at 480 PPQ with a conductor track and one named track per part', () => {
    const midi = new Midi(bytes);
    expect(midi.header.ppq).toBe(480);
    expect(midi.tracks.map((t) => t.name)).toEqual(['Lead', 'Pad', 'Bass']);
    expect(midi.tracks.map((t) => t.channel)).toEqual([0, 1, 2]);
    expect(midi.tracks.map((t) => t.instrument.number)).toEqual([73, 89, 32]);
    expect(midi.header.tempos[0].ticks).toBe(0);
    expect(midi.header.tempos[0].bpm).toBeCloseTo(90, 3); // microseconds per beat are whole numbers
    expect(midi.header.timeSignatures[0]).toMatchObject({ ticks: 0, timeSignature: [4, 4] });
    const data = parseMidi(bytes);
    expect(data.header.format).toBe(1);
    expect(data.tracks).toHaveLength(4);
  });

  it('gives back every note exactly: pitch, tick, duration, velocity', () => {
    const midi = new Midi(bytes);
    piece.tracks.forEach((track, i) => {
      const back = midi.tracks[i].notes.map((n) => ({
        pitch: n.midi,
        tick: n.ticks,
        duration: n.durationTicks,
        velocity: Math.round(n.velocity * 127),
      }));
      const sorted = [...track.notes].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
      expect(back.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch)).toEqual(sorted);
    });
  });

  it('writes the key signature right (E minor: one sharp, minor) and the provenance text', () => {
    const data = parseMidi(bytes);
    const key = data.tracks[0].find((e) => e.type === 'keySignature');
    expect(key).toMatchObject({ key: 1, scale: 1 });
    const text = data.tracks[0].find((e) => e.type === 'text');
    expect(text).toMatchObject({ text: '{"app":"markov-muse"}' });
  });

  it('puts note-offs before note-ons at the same tick and ends every track at the last bar line', () => {
    const data = parseMidi(bytes);
    for (const track of data.tracks) {
      let time = 0;
      const events = track.map((e) => {
        time += e.deltaTime;
        return { e, time };
      });
      const end = events[events.length - 1];
      expect(end.e.type).toBe('endOfTrack');
      expect(end.time).toBe(2 * 1920);
      for (let i = 1; i < events.length; i++) {
        const [a, b] = [events[i - 1], events[i]];
        if (a.time === b.time && a.e.type === 'noteOn' && b.e.type === 'noteOff')
          throw new Error(`note-on before note-off at ${a.time}`);
      }
    }
  });

  it('is deterministic', () => {
    expect(pieceToMidi(tinyPiece(), 'x')).toEqual(pieceToMidi(tinyPiece(), 'x'));
  });
});
