import type { Seconds } from '../../core';
import type { TrackSound } from '../sound';
import type { NoteTimes, SchedulerSink } from './scheduler';
import type { NoteEvent } from './timeline';

/** The part of a Web MIDI `MIDIOutput` the engine uses (a fake one in tests). */
export interface MidiPort {
  send(data: number[], timestamp?: number): void;
}

interface Message {
  time: Seconds;
  data: number[];
  /** Note-offs go before note-ons at the same time, so a repeated pitch is not cut. */
  order: number;
  /** Which note a message belongs to (a note-off is dropped with its cancelled note-on). */
  note: number;
}

/** Messages are handed to the port this far ahead of their time (the port then times them itself). */
export const MIDI_AHEAD: Seconds = 0.1;

const NOTE_ON = 0x90;
const NOTE_OFF = 0x80;
const CONTROL = 0xb0;
const PROGRAM = 0xc0;
const ALL_NOTES_OFF = 123;

/**
 * Sends the scheduled notes to a MIDI port, each track on its own channel (its MIDI channel; drums
 * on 10): the program of each track first, then note-ons and note-offs with timestamps. The
 * scheduler works a bar ahead; the port only gets the next {@link MIDI_AHEAD} seconds, so a stop,
 * a tempo change or a muted track is heard at once — a port cannot take back a message it was given.
 */
export class MidiOut implements SchedulerSink {
  private queue: Message[] = [];
  private sounding = new Map<number, number>(); // channel << 7 | pitch → notes on
  private next = 0;

  constructor(
    private readonly port: MidiPort,
    private readonly tracks: readonly TrackSound[],
    /** Converts the scheduler's seconds to the port's milliseconds (performance.now()). */
    private readonly toPortTime: (time: Seconds) => number,
    /** Whether a track is heard now (mute and solo apply to MIDI too). */
    private readonly audible: (track: number) => boolean = () => true,
  ) {}

  /** Sends each track's program change (not for drums, whose channel is the kit). */
  programs(): void {
    for (const t of this.tracks) if (t.role !== 'drums') this.port.send([PROGRAM | t.channel, t.program & 0x7f]);
  }

  note(event: NoteEvent, times: NoteTimes): void {
    if (!this.audible(event.track)) return;
    const channel = this.tracks[event.track].channel & 0x0f;
    const pitch = event.pitch & 0x7f;
    const id = this.next++;
    const end = Math.max(times.start, times.off);
    this.queue.push({ time: times.start, data: [NOTE_ON | channel, pitch, event.velocity & 0x7f], order: 1, note: id });
    this.queue.push({ time: end, data: [NOTE_OFF | channel, pitch, 0], order: 0, note: id });
  }

  cancelAfter(time: Seconds): void {
    const dropped = new Set(this.queue.filter((m) => m.order === 1 && m.time >= time).map((m) => m.note));
    this.queue = this.queue.filter((m) => !dropped.has(m.note));
  }

  /** Gives the port every message due before `now` + {@link MIDI_AHEAD}. */
  pump(now: Seconds): void {
    const until = now + MIDI_AHEAD;
    const due = this.queue.filter((m) => m.time < until);
    if (due.length === 0) return;
    this.queue = this.queue.filter((m) => m.time >= until);
    due.sort((a, b) => a.time - b.time || a.order - b.order);
    for (const m of due) {
      this.port.send(m.data, this.toPortTime(m.time));
      const key = ((m.data[0] & 0x0f) << 7) | m.data[1];
      const on = this.sounding.get(key) ?? 0;
      if (m.order === 1) this.sounding.set(key, on + 1);
      else if (on <= 1) this.sounding.delete(key);
      else this.sounding.set(key, on - 1);
    }
  }

  /** Stops everything now: forgets queued messages, ends sounding notes, and says "all notes off". */
  silence(): void {
    this.queue = [];
    for (const key of this.sounding.keys()) this.port.send([NOTE_OFF | (key >> 7), key & 0x7f, 0]);
    this.sounding.clear();
    const channels = new Set(this.tracks.map((t) => t.channel & 0x0f));
    for (const c of channels) this.port.send([CONTROL | c, ALL_NOTES_OFF, 0]);
  }

  /** Messages waiting for their time. */
  get pending(): number {
    return this.queue.length;
  }
}
