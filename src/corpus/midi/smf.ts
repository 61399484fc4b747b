/**
 * A Standard MIDI File as read from bytes, before any interpretation: events at absolute ticks in
 * the file's own resolution. Only what the import uses is kept (notes, program changes, meta events);
 * controllers, pitch bends and system exclusive messages are read past and counted.
 */

/** How the file measures time: ticks per quarter note, or SMPTE frames per second × ticks per frame. */
export type Division =
  | { kind: 'ppq'; ticksPerQuarter: number }
  | { kind: 'smpte'; framesPerSecond: number; ticksPerFrame: number };

/** A meta event: its type byte (0x51 tempo, 0x58 time signature, ...) and its data bytes. */
export interface SmfMeta {
  /** Absolute tick, in file ticks. */
  tick: number;
  type: number;
  data: Uint8Array;
}

/**
 * One track chunk. Channel events are kept in two parallel arrays (a number each) rather than one
 * object per event, so that a file at the event limit does not need millions of small objects.
 */
export interface SmfTrack {
  /** Absolute tick of each kept channel event, in file ticks, never decreasing. */
  ticks: number[];
  /** Each kept channel event as `status << 16 | data1 << 8 | data2` (note on, note off, program change). */
  messages: number[];
  metas: SmfMeta[];
  /** Tick of the end-of-track event, or of the last event when there is none. */
  endTick: number;
}

/** A whole file: format 0 (one track), 1 (simultaneous tracks) or 2 (independent patterns). */
export interface SmfFile {
  format: 0 | 1 | 2;
  division: Division;
  tracks: SmfTrack[];
}

/** Status nibbles of the channel messages the import keeps. */
export const NOTE_OFF = 0x80;
export const NOTE_ON = 0x90;
export const PROGRAM_CHANGE = 0xc0;

/** Meta event types the import reads. */
export const META_TEXT = 0x01;
export const META_TRACK_NAME = 0x03;
export const META_END_OF_TRACK = 0x2f;
export const META_TEMPO = 0x51;
export const META_TIME_SIGNATURE = 0x58;
export const META_KEY_SIGNATURE = 0x59;
