import pkg from '@tonejs/midi';
import { type MidiData, type MidiEvent, parseMidi, writeMidi } from 'midi-file';
import { type Piece, pieceTicks } from '../compose';
import { midiKeySignature } from './keySignature';

const { Midi } = pkg;

/**
 * Writes a piece as a Standard MIDI File, type 1, at the piece's PPQ: a conductor track with the
 * title, tempo, time and key signature and an optional text event (the provenance), then one named
 * track per part with its General MIDI program on its own channel. Note-offs come before note-ons
 * at the same tick, and every track ends at the end of the last bar. Pure: the same piece gives the
 * same bytes.
 */
export function pieceToMidi(piece: Piece, provenance?: string): Uint8Array {
  const midi = new Midi();
  midi.header.name = piece.title;
  midi.header.setTempo(piece.tempo);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: [piece.meter[0], piece.meter[1]] });
  if (provenance) midi.header.meta.push({ ticks: 0, type: 'text', text: provenance });
  for (const part of piece.tracks) {
    const track = midi.addTrack();
    track.name = part.name;
    track.channel = part.channel;
    track.instrument.number = part.program;
    for (const n of part.notes)
      track.addNote({ midi: n.pitch, ticks: n.tick, durationTicks: n.duration, velocity: n.velocity / 127 });
  }
  // @tonejs/midi 2.0.28 writes key signatures off by seven (its encoder adds 7 to the index that its
  // decoder subtracts 7 from), and ends tracks at their last event: finish the file with midi-file.
  const data = parseMidi(midi.toArray());
  const { sharpsOrFlats, minor } = midiKeySignature(piece.key, piece.mode);
  const end = pieceTicks(piece);
  data.tracks = data.tracks.map((events, i) => {
    const timed = absolute(events).filter((e) => e.event.type !== 'endOfTrack');
    if (i === 0)
      timed.splice(1, 0, {
        time: 0,
        order: 0,
        event: { deltaTime: 0, meta: true, type: 'keySignature', key: sharpsOrFlats, scale: minor },
      });
    timed.sort((a, b) => a.time - b.time || rank(a.event) - rank(b.event) || a.order - b.order);
    const last = timed.length ? timed[timed.length - 1].time : 0;
    timed.push({
      time: Math.max(end, last),
      order: Number.MAX_SAFE_INTEGER,
      event: { deltaTime: 0, meta: true, type: 'endOfTrack' },
    });
    return relative(timed);
  });
  return Uint8Array.from(writeMidi(data as MidiData));
}

interface Timed {
  time: number;
  order: number;
  event: MidiEvent;
}

/** Meta events first, then note-offs, then the rest, at any one tick. */
function rank(e: MidiEvent): number {
  if ('meta' in e && e.meta) return 0;
  if (e.type === 'noteOff' || (e.type === 'noteOn' && e.velocity === 0)) return 1;
  return 2;
}

function absolute(events: MidiEvent[]): Timed[] {
  let time = 0;
  return events.map((event, order) => {
    time += event.deltaTime;
    return { time, order, event };
  });
}

function relative(timed: Timed[]): MidiEvent[] {
  let previous = 0;
  return timed.map(({ time, event }) => {
    const out = { ...event, deltaTime: time - previous };
    previous = time;
    return out;
  });
}
