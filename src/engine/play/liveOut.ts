import type { Seconds } from '../../core';
import type { TrackStrip } from '../graph/graph';
import { FADE } from '../instruments/envelope';
import { isBuiltIn } from '../instruments/factory';
import type { NoteTimes, SchedulerSink } from './scheduler';
import type { NoteEvent } from './timeline';

const midiToHz = (pitch: number) => 440 * 2 ** ((pitch - 69) / 12);

/**
 * How far ahead notes are handed to a stock Tone.js instrument: once handed, a note cannot be
 * taken back (Tone's instruments have no cancel), so they get their notes only this close to
 * their time — as Tone's Transport gives its callbacks (lookAhead 0.1 s) — and a seek or a tempo
 * change lets at most this much of the old plan play.
 */
export const COMMIT_AHEAD: Seconds = 0.15;

/** How long a silenced stock track stays closed after what it was handed: its release fades first. */
const REOPEN: Seconds = 0.35;

interface Pending {
  event: NoteEvent;
  times: NoteTimes;
}

/**
 * The scheduler's sink for live playback: hands each note to its track's Tone.js instrument with
 * `triggerAttackRelease`, as the offline render does. Our own instruments take notes a bar ahead
 * and give back those not yet started exactly (`cancelAfter`); a stock Tone instrument gets its
 * notes {@link COMMIT_AHEAD} before their time, and its track's gate closes on a stop or a seek.
 */
export class LiveOut implements SchedulerSink {
  private readonly pending: Pending[][];
  /** Per stock track, the notes handed over and not yet started (index → start). */
  private readonly committed: Map<number, Seconds>[];
  /** Notes to skip when the scheduler hands them again after a cancel (already committed). */
  private readonly skip = new Set<number>();

  constructor(
    private readonly strips: readonly TrackStrip[],
    private readonly now: () => Seconds,
  ) {
    this.pending = strips.map(() => []);
    this.committed = strips.map(() => new Map());
  }

  note(event: NoteEvent, times: NoteTimes): void {
    const strip = this.strips[event.track];
    if (isBuiltIn(strip.instrument)) this.trigger(event, times);
    else if (this.skip.delete(event.index)) return;
    else {
      this.pending[event.track].push({ event, times });
      this.pump(this.now());
    }
  }

  /** Hands stock instruments the notes due within {@link COMMIT_AHEAD}. Call it on every tick. */
  pump(now: Seconds): void {
    for (const [t, list] of this.pending.entries()) {
      const done = this.committed[t];
      for (const [index, start] of done) if (start < now) done.delete(index);
      while (list.length > 0 && list[0].times.start < now + COMMIT_AHEAD) {
        const p = list.shift()!;
        this.trigger(p.event, p.times);
        done.set(p.event.index, p.times.start);
      }
    }
  }

  cancelAfter(time: Seconds): void {
    this.skip.clear();
    for (const [t, s] of this.strips.entries()) {
      if (isBuiltIn(s.instrument)) s.instrument.cancelAfter(time);
      else {
        this.pending[t] = this.pending[t].filter((p) => p.times.start < time);
        for (const [index, start] of this.committed[t]) if (start >= time) this.skip.add(index);
      }
    }
  }

  /** Silences everything at `now` with a short fade, and drops what has not started. */
  silence(now: Seconds): void {
    this.cancelAfter(now);
    this.skip.clear();
    for (const [t, s] of this.strips.entries()) {
      if (isBuiltIn(s.instrument)) s.instrument.silence(now);
      else {
        // Tone's instruments cannot take back what they were handed: release everything (notes
        // not started yet then start released), close the track's gate at once, and open it again
        // once what was handed over has passed (the effects' tails ring on meanwhile).
        s.instrument.releaseAll(now);
        const gate = s.gate.gain;
        gate.cancelScheduledValues(now);
        gate.setValueAtTime(gate.value, now);
        gate.linearRampToValueAtTime(0, now + FADE);
        gate.setValueAtTime(0, now + COMMIT_AHEAD + REOPEN);
        gate.linearRampToValueAtTime(1, now + COMMIT_AHEAD + REOPEN + FADE);
        this.committed[t].clear();
      }
    }
  }

  /** Frees the nodes of notes that ended before `now` (our instruments; Tone's free their own). */
  sweep(now: Seconds): void {
    for (const s of this.strips) if (isBuiltIn(s.instrument)) s.instrument.sweep(now);
  }

  /** Notes given and not yet freed (or not yet handed over). */
  get notes(): number {
    let count = 0;
    for (const [t, s] of this.strips.entries())
      count += isBuiltIn(s.instrument) ? s.instrument.activeNotes : this.pending[t].length + this.committed[t].size;
    return count;
  }

  private trigger(event: NoteEvent, times: NoteTimes): void {
    this.strips[event.track].instrument.triggerAttackRelease(
      midiToHz(event.pitch),
      Math.max(0, times.off - times.start),
      times.start,
      event.velocity / 127,
    );
  }
}
