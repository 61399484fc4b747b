/**
 * A small Standard MIDI File writer for tests: builds valid files event by event, and lets a test
 * break them on purpose (raw bytes, running status, missing end of track, any division word).
 */

/** One event of a track, at an absolute tick. Channels are 0–15. */
export type WriterEvent = { tick: number } & (
  | { type: 'on'; pitch: number; velocity?: number; channel?: number }
  | { type: 'off'; pitch: number; velocity?: number; channel?: number }
  | { type: 'program'; program: number; channel?: number }
  | { type: 'controller'; controller: number; value: number; channel?: number }
  | { type: 'tempo'; bpm: number }
  | { type: 'tempoMicros'; micros: number }
  | { type: 'meter'; numerator: number; denominator: number }
  | { type: 'key'; sf: number; mi: 0 | 1 }
  | { type: 'name'; text: string }
  | { type: 'text'; text: string }
  /** Bytes written as they are after the delta time. */
  | { type: 'raw'; bytes: number[] }
);

export interface WriterTrack {
  events: WriterEvent[];
  /** Leave out repeated channel status bytes (default false). */
  runningStatus?: boolean;
  /** Write the end-of-track meta event (default true). */
  endOfTrack?: boolean;
}

export interface WriterFile {
  format?: 0 | 1 | 2;
  /** Ticks per quarter note, or the raw 16-bit division word when `divisionWord` is set. */
  ppq?: number;
  divisionWord?: number;
  tracks: WriterTrack[];
}

/** A note for {@link noteEvents}. */
export interface WriterNote {
  pitch: number;
  tick: number;
  duration: number;
  velocity?: number;
  channel?: number;
}

/** A variable-length quantity. */
export function vlq(value: number): number[] {
  const bytes = [value & 0x7f];
  for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) bytes.unshift((v & 0x7f) | 0x80);
  return bytes;
}

/** A chunk: 4-letter id, 32-bit length, body. */
export function chunk(id: string, body: number[] | Uint8Array): number[] {
  const n = body.length;
  return [
    ...[...id].map((c) => c.charCodeAt(0)),
    (n >>> 24) & 0xff,
    (n >>> 16) & 0xff,
    (n >>> 8) & 0xff,
    n & 0xff,
    ...body,
  ];
}

/** Note-on and note-off events of notes (the note-offs first at equal ticks, as writers do). */
export function noteEvents(notes: readonly WriterNote[]): WriterEvent[] {
  const events: WriterEvent[] = [];
  for (const n of notes) {
    const channel = n.channel ?? 0;
    events.push({ tick: n.tick, type: 'on', pitch: n.pitch, velocity: n.velocity ?? 90, channel });
    events.push({ tick: n.tick + n.duration, type: 'off', pitch: n.pitch, channel });
  }
  return events.sort((a, b) => a.tick - b.tick || (a.type === 'off' ? 0 : 1) - (b.type === 'off' ? 0 : 1));
}

const text = (s: string) => [...new TextEncoder().encode(s)];

function eventBytes(e: WriterEvent): { status?: number; data: number[] } {
  const ch = 'channel' in e ? (e.channel ?? 0) : 0;
  switch (e.type) {
    case 'on':
      return { status: 0x90 | ch, data: [e.pitch, e.velocity ?? 90] };
    case 'off':
      return { status: 0x80 | ch, data: [e.pitch, e.velocity ?? 0] };
    case 'program':
      return { status: 0xc0 | ch, data: [e.program] };
    case 'controller':
      return { status: 0xb0 | ch, data: [e.controller, e.value] };
    case 'tempo':
      return eventBytes({ tick: e.tick, type: 'tempoMicros', micros: Math.round(60_000_000 / e.bpm) });
    case 'tempoMicros':
      return { data: [0xff, 0x51, 3, (e.micros >> 16) & 0xff, (e.micros >> 8) & 0xff, e.micros & 0xff] };
    case 'meter':
      return { data: [0xff, 0x58, 4, e.numerator, Math.log2(e.denominator), 24, 8] };
    case 'key':
      return { data: [0xff, 0x59, 2, e.sf & 0xff, e.mi] };
    case 'name':
      return { data: [0xff, 0x03, ...vlq(text(e.text).length), ...text(e.text)] };
    case 'text':
      return { data: [0xff, 0x01, ...vlq(text(e.text).length), ...text(e.text)] };
    case 'raw':
      return { data: e.bytes };
  }
}

/** The body of a track chunk: events sorted by tick (stable), delta times, optional running status. */
export function trackBody(track: WriterTrack): number[] {
  const events = [...track.events].sort((a, b) => a.tick - b.tick);
  const body: number[] = [];
  let last = 0;
  let running = -1;
  for (const e of events) {
    body.push(...vlq(e.tick - last));
    last = e.tick;
    const { status, data } = eventBytes(e);
    if (status === undefined) {
      body.push(...data);
      continue;
    }
    if (!(track.runningStatus && status === running)) body.push(status);
    running = status;
    body.push(...data);
  }
  if (track.endOfTrack !== false) body.push(0, 0xff, 0x2f, 0);
  return body;
}

/** A whole file: MThd (format, track count, division) and one MTrk per track. */
export function writeSmf(file: WriterFile): Uint8Array {
  const format = file.format ?? (file.tracks.length > 1 ? 1 : 0);
  const division = file.divisionWord ?? file.ppq ?? 480;
  const n = file.tracks.length;
  const header = chunk('MThd', [0, format, (n >> 8) & 0xff, n & 0xff, (division >> 8) & 0xff, division & 0xff]);
  return new Uint8Array([...header, ...file.tracks.flatMap((t) => chunk('MTrk', trackBody(t)))]);
}

/**
 * A format 0 file of `count` notes written straight into bytes (running status, a sixteenth apart,
 * pitches cycling over two octaves), fast enough for files of hundreds of thousands of notes.
 */
export function manyNotesFile(count: number, ppq = 480): Uint8Array {
  const step = ppq / 4;
  const stepBytes = vlq(step);
  // Per note: delta 0 + note-on (3 bytes with status once, then 2) and delta + note-off as note-on velocity 0.
  const body = new Uint8Array(8 + count * (2 + 2 + stepBytes.length + 1) + 8);
  let pos = 0;
  body.set([0, 0x90, 60, 90], pos);
  pos += 4;
  for (let i = 0; i < count; i++) {
    const pitch = 48 + (i % 24);
    if (i > 0) {
      body.set([0, pitch, 90], pos);
      pos += 3;
    } else body[pos - 2] = pitch;
    body.set([...stepBytes, pitch, 0], pos);
    pos += stepBytes.length + 2;
  }
  body.set([0, 0xff, 0x2f, 0], pos);
  pos += 4;
  const track = body.subarray(0, pos);
  const header = chunk('MThd', [0, 0, 0, 1, (ppq >> 8) & 0xff, ppq & 0xff]);
  const out = new Uint8Array(header.length + 8 + track.length);
  out.set(header, 0);
  out.set(chunk('MTrk', []).slice(0, 4), header.length);
  const n = track.length;
  out.set([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff], header.length + 4);
  out.set(track, header.length + 8);
  return out;
}

/**
 * A one-track melody file: meter, optional key signature (sharps or flats, major) and tempo, a track
 * named "Melody", quarter notes of `pitches` one after another (or the notes given).
 */
export function melodyFile(
  pitches: readonly number[],
  options: { meter?: [number, number]; sharps?: number; bpm?: number } = {},
): Uint8Array {
  const [numerator, denominator] = options.meter ?? [4, 4];
  const notes = pitches.map((pitch, i) => ({ pitch, tick: i * 480, duration: 480, velocity: 90 }));
  return writeSmf({
    tracks: [
      {
        events: [
          { tick: 0, type: 'meter', numerator, denominator },
          ...(options.sharps === undefined
            ? []
            : [{ tick: 0, type: 'key' as const, sf: options.sharps, mi: 0 as const }]),
          { tick: 0, type: 'tempo', bpm: options.bpm ?? 120 },
          { tick: 0, type: 'name', text: 'Melody' },
          ...noteEvents(notes),
        ],
      },
    ],
  });
}
