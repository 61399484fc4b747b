import { type Piece, pieceTicks } from '../compose';
import { midiKeySignature } from './keySignature';
import { type SmfEvent, type SmfTrack, writeSmf } from './smf';

/** A track's channel strip as MIDI controllers: CC7 volume and CC10 pan, 0–127 (64 is the centre). */
export interface MidiChannelMix {
  volume: number;
  pan: number;
}

/** What goes into a MIDI file beside the notes. */
export interface MidiWriteOptions {
  /** A text event in the conductor track: where the piece comes from (JSON). */
  provenance?: string;
  /** Each track's volume and pan by track id; a track not named gets {@link DEFAULT_CHANNEL_MIX}. */
  mix?: Readonly<Record<string, MidiChannelMix>>;
}

/** General MIDI's defaults: volume 100, pan centre. */
export const DEFAULT_CHANNEL_MIX: MidiChannelMix = { volume: 100, pan: 64 };

const CC = { bankMsb: 0, bankLsb: 32, volume: 7, pan: 10 } as const;

/**
 * Writes a piece as a Standard MIDI File, type 1, at the piece's PPQ, as DAWs and notation programs
 * read it. The conductor track holds the title, tempo, meter, key, the provenance (a text event),
 * a marker at each section ("intro", "A", "B" …) and a cue point with each chord symbol. Then one
 * named track per part on its own channel (drums on 10): the key signature (in every pitched track:
 * MuseScore reads the key only from the track that holds the notes), bank select (CC0/CC32) before
 * the General MIDI program, volume (CC7) and pan (CC10), then the notes. Note-offs come before
 * note-ons at the same tick; every track ends at the end of the last bar. Pure: the same piece
 * gives the same bytes.
 */
export function pieceToMidi(piece: Piece, options: MidiWriteOptions = {}): Uint8Array {
  const end = pieceTicks(piece);
  const { sharpsOrFlats, minor } = midiKeySignature(piece.key, piece.mode);
  const key: SmfEvent = { tick: 0, type: 'keySignature', sharps: sharpsOrFlats, minor: minor === 1 };
  const conductor: SmfEvent[] = [
    { tick: 0, type: 'trackName', text: piece.title },
    { tick: 0, type: 'tempo', bpm: piece.tempo },
    { tick: 0, type: 'timeSignature', numerator: piece.meter[0], denominator: piece.meter[1] },
    key,
  ];
  if (options.provenance) conductor.push({ tick: 0, type: 'text', text: options.provenance });
  for (const s of piece.sections) conductor.push({ tick: s.tick, type: 'marker', text: s.label });
  for (const c of piece.chords) conductor.push({ tick: c.tick, type: 'cuePoint', text: c.symbol });
  const tracks: SmfTrack[] = [{ events: conductor, end }];
  for (const part of piece.tracks) {
    const channel = part.channel;
    const mix = options.mix?.[part.id] ?? DEFAULT_CHANNEL_MIX;
    const events: SmfEvent[] = [{ tick: 0, type: 'trackName', text: part.name }];
    if (part.role !== 'drums') events.push({ ...key });
    events.push(
      { tick: 0, type: 'controller', channel, controller: CC.bankMsb, value: 0 },
      { tick: 0, type: 'controller', channel, controller: CC.bankLsb, value: 0 },
      { tick: 0, type: 'program', channel, program: part.program },
      { tick: 0, type: 'controller', channel, controller: CC.volume, value: mix.volume },
      { tick: 0, type: 'controller', channel, controller: CC.pan, value: mix.pan },
    );
    for (const n of part.notes) {
      events.push({ tick: n.tick, type: 'noteOn', channel, pitch: n.pitch, velocity: n.velocity });
      events.push({ tick: n.tick + n.duration, type: 'noteOff', channel, pitch: n.pitch, velocity: 0 });
    }
    tracks.push({ events, end });
  }
  return writeSmf(tracks, piece.ppq);
}
