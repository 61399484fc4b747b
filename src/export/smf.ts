/**
 * A small Standard MIDI File writer: tracks of events at absolute ticks → the bytes of a type-1 file.
 * Pure and deterministic. Events at one tick keep a fixed order (meta events, then controllers and
 * program changes, then note-offs, then note-ons), and every track ends with its end-of-track event
 * at the tick given (or its last event, whichever is later).
 */

import { pushAll } from '../core';

/** An event of a track at an absolute tick. Channels are 0–15; data bytes 0–127. */
export type SmfEvent = { tick: number } & (
  | { type: 'trackName' | 'text' | 'marker' | 'cuePoint'; text: string }
  | { type: 'tempo'; bpm: number }
  | { type: 'timeSignature'; numerator: number; denominator: number }
  /** `sharps`: −7 (seven flats) … 7 (seven sharps). */
  | { type: 'keySignature'; sharps: number; minor: boolean }
  | { type: 'controller'; channel: number; controller: number; value: number }
  | { type: 'program'; channel: number; program: number }
  | { type: 'noteOn' | 'noteOff'; channel: number; pitch: number; velocity: number }
);

/** A track: its events (any order) and the tick its end-of-track event goes at, at the latest. */
export interface SmfTrack {
  events: SmfEvent[];
  end: number;
}

const META = { text: 0x01, trackName: 0x03, marker: 0x06, cuePoint: 0x07 } as const;

/** Order of events at one tick: setup first, then notes ending, then notes starting. */
const RANK: Record<SmfEvent['type'], number> = {
  trackName: 0,
  text: 1,
  tempo: 1,
  timeSignature: 1,
  keySignature: 1,
  marker: 1,
  cuePoint: 1,
  controller: 2,
  program: 2,
  noteOff: 3,
  noteOn: 4,
};

/** A variable-length quantity (7 bits a byte, high bit on all but the last). */
export function vlq(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0x0fffffff) throw new RangeError(`VLQ out of range: ${value}`);
  const bytes = [value & 0x7f];
  for (let v = value >>> 7; v > 0; v >>>= 7) bytes.unshift((v & 0x7f) | 0x80);
  return bytes;
}

const data7 = (x: number) => Math.max(0, Math.min(127, Math.round(x)));
const utf8 = new TextEncoder();

function meta(type: number, body: readonly number[] | Uint8Array): number[] {
  return [0xff, type, ...vlq(body.length), ...body];
}

/** The bytes of one event after its delta time. */
function eventBytes(e: SmfEvent): number[] {
  switch (e.type) {
    case 'trackName':
    case 'text':
    case 'marker':
    case 'cuePoint':
      return meta(META[e.type], utf8.encode(e.text));
    case 'tempo': {
      const micros = Math.round(60_000_000 / e.bpm);
      return meta(0x51, [(micros >>> 16) & 0xff, (micros >>> 8) & 0xff, micros & 0xff]);
    }
    case 'timeSignature':
      // Clocks per click: a beat of the meter (a dotted quarter in compound meters) in MIDI clocks.
      return meta(0x58, [e.numerator, Math.log2(e.denominator), clocksPerClick(e.numerator, e.denominator), 8]);
    case 'keySignature':
      return meta(0x59, [e.sharps & 0xff, e.minor ? 1 : 0]);
    case 'controller':
      return [0xb0 | e.channel, data7(e.controller), data7(e.value)];
    case 'program':
      return [0xc0 | e.channel, data7(e.program)];
    case 'noteOn':
      return [0x90 | e.channel, data7(e.pitch), Math.max(1, data7(e.velocity))];
    case 'noteOff':
      return [0x80 | e.channel, data7(e.pitch), data7(e.velocity)];
  }
}

function clocksPerClick(numerator: number, denominator: number): number {
  const quarter = 24;
  const unit = (quarter * 4) / denominator;
  return denominator >= 8 && numerator % 3 === 0 && numerator > 3 ? unit * 3 : unit;
}

function chunk(id: string, body: readonly number[]): number[] {
  const n = body.length;
  return [...utf8.encode(id), (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, ...body];
}

/** The track chunk's body: events sorted by tick and rank (stable otherwise), then end of track. */
function trackBody(track: SmfTrack): number[] {
  const events = track.events
    .map((e, order) => ({ e, order }))
    .sort((a, b) => a.e.tick - b.e.tick || RANK[a.e.type] - RANK[b.e.type] || a.order - b.order);
  const body: number[] = [];
  let previous = 0;
  for (const { e } of events) {
    if (!Number.isInteger(e.tick) || e.tick < 0) throw new RangeError(`event at tick ${e.tick}`);
    pushAll(pushAll(body, vlq(e.tick - previous)), eventBytes(e));
    previous = e.tick;
  }
  pushAll(body, vlq(Math.max(track.end, previous) - previous)).push(0xff, 0x2f, 0x00);
  return body;
}

/** A type-1 Standard MIDI File of `tracks` at `ppq` ticks per quarter note. */
export function writeSmf(tracks: readonly SmfTrack[], ppq: number): Uint8Array {
  const header = chunk('MThd', [
    0,
    1,
    (tracks.length >>> 8) & 0xff,
    tracks.length & 0xff,
    (ppq >>> 8) & 0x7f,
    ppq & 0xff,
  ]);
  const out = [...header];
  for (const t of tracks) for (const b of chunk('MTrk', trackBody(t))) out.push(b);
  return Uint8Array.from(out);
}
