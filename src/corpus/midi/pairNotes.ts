import { err, ok, type Result } from '../../core';
import { type ImportError, importError } from './errors';
import { formatCount, MAX_NOTES } from './limits';
import { NOTE_OFF, NOTE_ON, PROGRAM_CHANGE, type SmfTrack } from './smf';
import type { Warnings } from './warnings';

/** A note of one track, in file ticks, with its MIDI channel (0–15). */
export interface PairedNote {
  channel: number;
  pitch: number;
  start: number;
  end: number;
  velocity: number;
}

/** The notes of one track, sorted by start then pitch, and the first program chosen on each channel. */
export interface PairedTrack {
  notes: PairedNote[];
  /** Program (0–127) per channel, or −1 where the track sets none. */
  programs: number[];
}

/** What pairing needs besides the track: names for messages, and the file-wide note count. */
export interface PairContext {
  file: string;
  /** 1-based track number, for warnings. */
  number: number;
  warnings: Warnings;
  notes: { count: number };
}

const KEYS = 16 * 128;

/**
 * Pairs note-ons with note-offs in one pass (linear time): each (channel, pitch) key holds at most
 * one sounding note. A note-on with velocity 0 is a note-off. Rules for the cases files get wrong:
 * - a note-on on a key already sounding ends the sounding note there and starts a new one; a
 *   note-off at that same tick is then taken as the end of the note just ended (writers that put
 *   the new note-on before the old note-off), not as a zero-length end of the new one;
 * - a note-off on a silent key is ignored;
 * - notes still sounding at the end of the track end at the track's end;
 * - notes of zero length are dropped. Each case is counted in one warning, not listed per note.
 */
export function pairNotes(track: SmfTrack, ctx: PairContext): Result<PairedTrack, ImportError> {
  try {
    return pairWith(track, ctx, scratch);
  } finally {
    // Left as found: every key not sounding (the end of a track closes them, but not an error).
    scratch.openStart.fill(-1);
    scratch.retriggeredAt.fill(-1);
  }
}

/** What pairing keeps per key while it reads a track. */
interface KeyState {
  /** Start tick of the note sounding on the key, or −1. */
  openStart: Float64Array;
  openVelocity: Uint8Array;
  /** Tick of a note-on that ended a note still sounding on the key, or −1. */
  retriggeredAt: Float64Array;
}

/**
 * One key state for all tracks, reset after each (a thousand files of a few tracks each would
 * otherwise make and fill 36 KB of arrays per track).
 */
const scratch: KeyState = {
  openStart: new Float64Array(KEYS).fill(-1),
  openVelocity: new Uint8Array(KEYS),
  retriggeredAt: new Float64Array(KEYS).fill(-1),
};

function pairWith(track: SmfTrack, ctx: PairContext, state: KeyState): Result<PairedTrack, ImportError> {
  const { openStart, openVelocity, retriggeredAt } = state;
  const programs = new Array<number>(16).fill(-1);
  const notes: PairedNote[] = [];
  const { warnings, number } = ctx;
  const close = (key: number, end: number): boolean => {
    const start = openStart[key];
    openStart[key] = -1;
    if (end <= start) {
      warnings.add(`track ${number}: a note of zero length dropped`);
      return true;
    }
    notes.push({ channel: key >> 7, pitch: key & 0x7f, start, end, velocity: openVelocity[key] });
    return ++ctx.notes.count <= MAX_NOTES;
  };
  const { ticks, messages } = track;
  let within = true;
  for (let i = 0; i < messages.length && within; i++) {
    const message = messages[i];
    const tick = ticks[i];
    const kind = (message >> 16) & 0xf0;
    const key = ((message >> 16) & 0x0f) * 128 + ((message >> 8) & 0x7f);
    const velocity = message & 0x7f;
    if (kind === NOTE_ON && velocity > 0) {
      retriggeredAt[key] = -1;
      if (openStart[key] >= 0) {
        warnings.add(`track ${number}: a note started again while sounding; the first one ended there`);
        within = close(key, tick);
        retriggeredAt[key] = tick;
      }
      openStart[key] = tick;
      openVelocity[key] = velocity;
    } else if (kind === NOTE_ON || kind === NOTE_OFF) {
      if (openStart[key] < 0) warnings.add(`track ${number}: a note-off with no note sounding ignored`);
      else if (retriggeredAt[key] === tick && openStart[key] === tick) retriggeredAt[key] = -1;
      else within = close(key, tick);
    } else if (kind === PROGRAM_CHANGE && programs[key >> 7] < 0) {
      programs[key >> 7] = (message >> 8) & 0x7f;
    }
  }
  for (let key = 0; key < KEYS && within; key++) {
    if (openStart[key] < 0) continue;
    warnings.add(`track ${number}: a note still sounding at the end of the track ended there`);
    within = close(key, track.endTick);
  }
  if (!within)
    return err(importError('too-many-notes', ctx.file, `more than ${formatCount(MAX_NOTES)} notes (the limit)`));
  notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  return ok({ notes, programs });
}
