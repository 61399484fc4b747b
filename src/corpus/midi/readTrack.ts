import { err, ok, type Result } from '../../core';
import { type Cursor, readVlq, VLQ_TOO_LONG, VLQ_TRUNCATED } from './byteReader';
import { type ImportError, importError } from './errors';
import { formatCount, MAX_EVENTS } from './limits';
import { META_END_OF_TRACK, NOTE_OFF, NOTE_ON, PROGRAM_CHANGE, type SmfTrack } from './smf';
import type { Warnings } from './warnings';

/** What reading a track needs besides its bytes: names for messages, and the file-wide event count. */
export interface TrackContext {
  file: string;
  /** 1-based track number, for messages. */
  number: number;
  warnings: Warnings;
  /** Events read so far in the whole file; reading stops with an error past {@link MAX_EVENTS}. */
  events: { count: number };
}

/**
 * Reads the events of one track chunk, `bytes[start..end)`, in one pass: every step consumes at
 * least one byte, so the work is bounded by the chunk's length.
 *
 * Running status is kept across meta and system exclusive events (as most readers do, and some
 * writers rely on), and cleared only at the start of the track. A track cut short — an event or a
 * length running past `end` — keeps what was read before, with a warning. Content that no MIDI file
 * may hold (a 5-byte length, a data byte with no running status, a system real-time status byte, a
 * data byte ≥ 0x80) is a typed error: the rest of the track cannot be trusted.
 */
export function readTrack(
  bytes: Uint8Array,
  start: number,
  end: number,
  ctx: TrackContext,
): Result<SmfTrack, ImportError> {
  const track: SmfTrack = { ticks: [], messages: [], metas: [], endTick: 0 };
  const cursor: Cursor = { pos: start };
  const fail = (code: 'bad-length' | 'running-status' | 'bad-event', what: string) =>
    err(importError(code, ctx.file, `track ${ctx.number}: ${what} at byte ${cursor.pos}; the file is damaged`));
  const cut = () => ctx.warnings.add(`track ${ctx.number} is cut short at byte ${cursor.pos}; kept the events before`);
  let tick = 0;
  let running = 0;
  while (cursor.pos < end) {
    const delta = readVlq(bytes, cursor, end);
    if (delta === VLQ_TOO_LONG) return fail('bad-length', 'a delta time longer than 4 bytes');
    if (delta === VLQ_TRUNCATED) {
      cut();
      break;
    }
    tick += delta;
    if (++ctx.events.count > MAX_EVENTS) {
      return err(importError('too-many-events', ctx.file, `more than ${formatCount(MAX_EVENTS)} events (the limit)`));
    }
    if (cursor.pos >= end) {
      cut();
      break;
    }
    let status = bytes[cursor.pos];
    if (status & 0x80) cursor.pos++;
    else if (running) status = running;
    else return fail('running-status', `a data byte (0x${status.toString(16)}) with no status before it`);

    if (status < 0xf0) {
      running = status;
      const kind = status & 0xf0;
      const size = kind === PROGRAM_CHANGE || kind === 0xd0 ? 1 : 2;
      if (cursor.pos + size > end) {
        cut();
        break;
      }
      const data1 = bytes[cursor.pos];
      const data2 = size === 2 ? bytes[cursor.pos + 1] : 0;
      if ((data1 | data2) & 0x80) return fail('bad-event', 'a data byte of 0x80 or more inside a channel message');
      cursor.pos += size;
      if (kind === NOTE_ON || kind === NOTE_OFF || kind === PROGRAM_CHANGE) {
        track.ticks.push(tick);
        track.messages.push((status << 16) | (data1 << 8) | data2);
      }
    } else if (status === 0xff || status === 0xf0 || status === 0xf7) {
      let type = -1;
      if (status === 0xff) {
        if (cursor.pos >= end) {
          cut();
          break;
        }
        type = bytes[cursor.pos++];
      }
      const length = readVlq(bytes, cursor, end);
      if (length === VLQ_TOO_LONG) return fail('bad-length', 'an event length longer than 4 bytes');
      if (length === VLQ_TRUNCATED || cursor.pos + length > end) {
        cut();
        break;
      }
      const data = bytes.subarray(cursor.pos, cursor.pos + length);
      cursor.pos += length;
      if (type === META_END_OF_TRACK) break;
      if (type >= 0) track.metas.push({ tick, type, data });
    } else {
      return fail('bad-event', `a status byte (0x${status.toString(16)}) that has no meaning in a MIDI file`);
    }
  }
  track.endTick = tick;
  return ok(track);
}
