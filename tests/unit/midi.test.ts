import { type MidiEvent, parseMidi } from 'midi-file';
import { describe, expect, it } from 'vitest';
import { midiMix, panController, pieceToMidi, vlq, volumeController, writeSmf } from '../../src/export';
import { tinyPiece } from '../helpers/pieces';

/** Every event of a track with its absolute tick, read back by an independent parser (midi-file). */
function timed(track: MidiEvent[]): { time: number; e: MidiEvent }[] {
  let time = 0;
  return track.map((e) => {
    time += e.deltaTime;
    return { time, e };
  });
}

describe('pieceToMidi', () => {
  const piece = {
    ...tinyPiece(),
    sections: [
      { label: 'A', tick: 0, bars: 1 },
      { label: 'B', tick: 1920, bars: 1 },
    ],
  };
  const mix = { melody: { volume: 90, pan: 70 }, chords: { volume: 60, pan: 30 } };
  const bytes = pieceToMidi(piece, { provenance: '{"app":"markov-muse"}', mix });
  const data = parseMidi(bytes);

  it('writes type 1 at 480 PPQ with a conductor track and one named track per part on its channel', () => {
    expect(data.header).toMatchObject({ format: 1, numTracks: 4, ticksPerBeat: 480 });
    const names = data.tracks.map((t) => t.find((e) => e.type === 'trackName'));
    expect(names.map((e) => e && 'text' in e && e.text)).toEqual([piece.title, 'Lead', 'Pad', 'Bass']);
    data.tracks.slice(1).forEach((t, i) => {
      const channels = new Set(t.filter((e) => 'channel' in e).map((e) => (e as { channel: number }).channel));
      expect([...channels]).toEqual([piece.tracks[i].channel]);
    });
    const tempo = data.tracks[0].find((e) => e.type === 'setTempo');
    expect(tempo && 'microsecondsPerBeat' in tempo && tempo.microsecondsPerBeat).toBe(Math.round(60e6 / 90));
    expect(data.tracks[0].find((e) => e.type === 'timeSignature')).toMatchObject({ numerator: 4, denominator: 4 });
  });

  it('puts the key signature (E minor: one sharp, minor) in the conductor and every pitched track', () => {
    for (const t of data.tracks) expect(t.find((e) => e.type === 'keySignature')).toMatchObject({ key: 1, scale: 1 });
    const drums = parseMidi(pieceToMidi({ ...piece, tracks: [{ ...piece.tracks[0], role: 'drums', channel: 9 }] }));
    expect(drums.tracks[1].some((e) => e.type === 'keySignature')).toBe(false);
  });

  it('marks the sections and writes the chord symbols at their ticks, and the provenance text', () => {
    const conductor = timed(data.tracks[0]);
    const markers = conductor.filter((x) => x.e.type === 'marker').map((x) => [x.time, (x.e as { text: string }).text]);
    expect(markers).toEqual([
      [0, 'A'],
      [1920, 'B'],
    ]);
    const cues = conductor.filter((x) => x.e.type === 'cuePoint').map((x) => [x.time, (x.e as { text: string }).text]);
    expect(cues).toEqual(piece.chords.map((c) => [c.tick, c.symbol]));
    expect(data.tracks[0].find((e) => e.type === 'text')).toMatchObject({ text: '{"app":"markov-muse"}' });
  });

  it('sets bank select, then the program, then volume and pan at tick 0 on each track', () => {
    data.tracks.slice(1).forEach((t, i) => {
      const setup = timed(t)
        .filter((x) => x.time === 0 && (x.e.type === 'controller' || x.e.type === 'programChange'))
        .map((x) =>
          x.e.type === 'programChange'
            ? `program ${x.e.programNumber}`
            : `cc${(x.e as { controllerType: number }).controllerType}=${(x.e as { value: number }).value}`,
        );
      const own = Object.values(mix)[i] ?? { volume: 100, pan: 64 };
      expect(setup).toEqual([
        'cc0=0',
        'cc32=0',
        `program ${piece.tracks[i].program}`,
        `cc7=${own.volume}`,
        `cc10=${own.pan}`,
      ]);
    });
  });

  it('gives back every note exactly: pitch, tick, duration, velocity', () => {
    piece.tracks.forEach((track, i) => {
      const open = new Map<number, { tick: number; velocity: number }>();
      const back: { pitch: number; tick: number; duration: number; velocity: number }[] = [];
      for (const { time, e } of timed(data.tracks[i + 1])) {
        if (e.type === 'noteOn' && e.velocity > 0) open.set(e.noteNumber, { tick: time, velocity: e.velocity });
        else if (e.type === 'noteOff' || e.type === 'noteOn') {
          const on = open.get(e.noteNumber);
          if (!on) throw new Error(`note-off without note-on at ${time}`);
          back.push({ pitch: e.noteNumber, tick: on.tick, duration: time - on.tick, velocity: on.velocity });
          open.delete(e.noteNumber);
        }
      }
      const order = (a: { tick: number; pitch: number }, b: { tick: number; pitch: number }) =>
        a.tick - b.tick || a.pitch - b.pitch;
      expect(back.sort(order)).toEqual([...track.notes].sort(order));
    });
  });

  it('puts note-offs before note-ons at the same tick and ends every track at the last bar line', () => {
    for (const track of data.tracks) {
      const events = timed(track);
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
    expect(pieceToMidi(tinyPiece(), { provenance: 'x' })).toEqual(pieceToMidi(tinyPiece(), { provenance: 'x' }));
  });
});

describe('the SMF writer', () => {
  it('writes variable-length quantities as the standard gives them', () => {
    expect(vlq(0)).toEqual([0x00]);
    expect(vlq(0x7f)).toEqual([0x7f]);
    expect(vlq(0x80)).toEqual([0x81, 0x00]);
    expect(vlq(0x2000)).toEqual([0xc0, 0x00]);
    expect(vlq(0x0fffffff)).toEqual([0xff, 0xff, 0xff, 0x7f]);
    expect(() => vlq(-1)).toThrow(RangeError);
  });

  it('writes meta and channel events that an independent parser reads back, in tick order', () => {
    const bytes = writeSmf(
      [
        {
          end: 960,
          events: [
            { tick: 480, type: 'noteOff', channel: 3, pitch: 60, velocity: 0 },
            { tick: 0, type: 'noteOn', channel: 3, pitch: 60, velocity: 100 },
            { tick: 0, type: 'keySignature', sharps: -3, minor: false },
            { tick: 0, type: 'timeSignature', numerator: 6, denominator: 8 },
            { tick: 480, type: 'marker', text: 'B – é' },
          ],
        },
      ],
      480,
    );
    const back = timed(parseMidi(bytes).tracks[0]);
    expect(back.map((x) => [x.time, x.e.type])).toEqual([
      [0, 'keySignature'],
      [0, 'timeSignature'],
      [0, 'noteOn'],
      [480, 'marker'],
      [480, 'noteOff'],
      [960, 'endOfTrack'],
    ]);
    expect(back[1].e).toMatchObject({ numerator: 6, denominator: 8, metronome: 36 });
    expect(back[0].e).toMatchObject({ key: -3, scale: 0 });
    expect(new TextDecoder().decode(bytes)).toContain('B – é');
  });
});

describe('the MIDI mix', () => {
  it('maps decibels and pan to CC7 and CC10 as General MIDI reads them', () => {
    expect(volumeController(0)).toBe(127);
    expect(volumeController(-40)).toBe(13);
    expect(volumeController(12)).toBe(127);
    expect(panController(0)).toBe(64);
    expect(panController(-1)).toBe(0);
    expect(panController(1)).toBe(127);
  });

  it("carries the user's fader and pan, and the engine's placement otherwise", () => {
    const piece = tinyPiece();
    const plain = midiMix(piece, { melody: 0.5 });
    expect(plain.melody.pan).toBe(96); // 64 + 0.5 · 63
    expect(plain.chords.pan).toBe(64);
    const user = midiMix(piece, { melody: 0.5 }, { melody: { volume: -6, pan: -1 } });
    expect(user.melody.pan).toBe(0);
    expect(user.melody.volume).toBeLessThan(plain.melody.volume);
    expect(user.chords).toEqual(plain.chords);
    // −6 dB on the fader is 40·log10 in CC7.
    expect(20 * Math.log10(user.melody.volume / plain.melody.volume) * 2).toBeCloseTo(-6, 0);
  });
});
