import { type Bpm, barTicks, beatTicks, type Seconds, type Ticks } from '../../core';
import { firstAt, type NoteEvent, type Timeline, tickSeconds } from './timeline';

/** When a note sounds, in the sink's seconds. */
export interface NoteTimes {
  start: Seconds;
  off: Seconds;
}

/** Where the scheduled notes go: Tone.js instruments, a MIDI port, or a test's list. */
export interface SchedulerSink {
  /** Plays `event` at `times` (seconds on the sink's clock). */
  note(event: NoteEvent, times: NoteTimes): void;
  /** Drops every note that starts at or after `time`. */
  cancelAfter(time: Seconds): void;
  /** A beat of the piece (piece tick) falls at `time`: for the playhead and other visuals. */
  beat?(tick: Ticks, time: Seconds): void;
  /** The piece ends at `time` (not looping). */
  end?(time: Seconds): void;
}

/**
 * A timeline that grows while it plays (endless playback): asked when the scheduler reaches the
 * timeline's end, it appends more events and length to the same timeline and says so.
 */
export interface TimelineSource {
  /** Makes the timeline longer if it can; false: the end is the end. */
  more(): boolean;
}

/** A stretch of the piece to repeat, in ticks: [start, end). */
export interface LoopRange {
  start: Ticks;
  end: Ticks;
}

/** A point where the tick clock was set: from `time` on, ticks advance from `tick` at `bpm`. */
interface Anchor {
  time: Seconds;
  tick: Ticks;
  bpm: Bpm;
}

/** How far ahead events are scheduled: a bar, within these bounds. */
export const HORIZON = { min: 0.25, max: 2 } as const;
/** Notes starting sooner than this after a change keep their place (they may already be playing). */
export const MARGIN: Seconds = 0.02;

/**
 * A lookahead scheduler: each {@link Scheduler.pump} (every 50 ms or so) hands the sink the notes
 * of the next stretch — about a bar — in the sink's seconds, so however long the piece only a bar of
 * notes is ever scheduled. Tempo changes, loops and seeks take effect at once: notes not yet started
 * are cancelled and scheduled again. Time is an argument everywhere, so tests drive it with fake time.
 */
export class Scheduler {
  private anchors: Anchor[] = [];
  private cursorTick: Ticks = 0;
  private cursorTime: Seconds = 0;
  private loop: LoopRange | undefined;
  private bpm: Bpm;
  private running = false;
  private done = false;

  constructor(
    private readonly timeline: Timeline,
    private readonly sink: SchedulerSink,
    private readonly source?: TimelineSource,
  ) {
    this.bpm = timeline.tempo;
  }

  get playing(): boolean {
    return this.running;
  }

  get tempo(): Bpm {
    return this.bpm;
  }

  /** Seconds of notes scheduled ahead: a bar at the current tempo, within {@link HORIZON}. */
  get horizon(): Seconds {
    const bar = barTicks(this.timeline.meter) * tickSeconds(this.bpm);
    return Math.min(HORIZON.max, Math.max(HORIZON.min, bar));
  }

  /** Starts playing from piece tick `tick` at `time`, and schedules the first stretch. */
  start(time: Seconds, tick: Ticks): void {
    this.running = true;
    this.done = false;
    this.reanchor(time, Math.max(0, Math.min(tick, this.timeline.length)));
    this.pump(time);
  }

  /** Stops at `now`: cancels what has not started; returns the position (piece tick). */
  stop(now: Seconds): Ticks {
    const at = this.position(now);
    this.running = false;
    this.sink.cancelAfter(now);
    this.anchors = [{ time: now, tick: at, bpm: this.bpm }];
    return at;
  }

  /** Changes the tempo from `now` on. */
  setTempo(bpm: Bpm, now: Seconds): void {
    if (bpm === this.bpm) return;
    const at = now + MARGIN;
    const tick = this.position(at);
    this.bpm = bpm;
    if (this.running) this.restart(at, tick);
    else this.anchors = [{ time: now, tick: this.position(now), bpm }];
  }

  /** Repeats `range` (or stops repeating, when undefined) from `now` on. */
  setLoop(range: LoopRange | undefined, now: Seconds): void {
    const valid = range && range.end > range.start ? range : undefined;
    this.loop = valid ? { start: Math.max(0, valid.start), end: Math.min(this.timeline.length, valid.end) } : undefined;
    if (this.running) this.restart(now + MARGIN, this.position(now + MARGIN));
  }

  get looping(): LoopRange | undefined {
    return this.loop;
  }

  /** Jumps to piece tick `tick` at `now`. */
  seek(tick: Ticks, now: Seconds): void {
    const to = Math.max(0, Math.min(tick, this.timeline.length));
    if (this.running) this.restart(now + MARGIN, to);
    else this.anchors = [{ time: now, tick: to, bpm: this.bpm }];
  }

  /** The piece tick sounding at `time`. */
  position(time: Seconds): Ticks {
    let a = this.anchors[0];
    if (!a) return 0;
    for (const b of this.anchors) if (b.time <= time) a = b;
    if (!this.running) return a.tick;
    const tick = a.tick + Math.max(0, time - a.time) / tickSeconds(a.bpm);
    return Math.min(tick, this.timeline.length);
  }

  /** Schedules everything up to `now` + horizon. Call it often (every 50 ms or so). */
  pump(now: Seconds): void {
    if (!this.running || this.done) return;
    // Forget anchors that are past, keeping the one in force now.
    while (this.anchors.length > 1 && this.anchors[1].time <= now) this.anchors.shift();
    const until = now + this.horizon;
    const perTick = tickSeconds(this.bpm);
    while (this.cursorTime < until && !this.done) {
      const stop = this.loop && this.cursorTick < this.loop.end ? this.loop.end : this.timeline.length;
      const reach = this.cursorTick + (until - this.cursorTime) / perTick;
      const to = Math.min(stop, reach);
      this.emit(this.cursorTick, to, perTick);
      this.cursorTime += (to - this.cursorTick) * perTick;
      this.cursorTick = to;
      if (to < stop) break;
      if (this.loop && stop === this.loop.end) {
        this.cursorTick = this.loop.start;
        this.anchors.push({ time: this.cursorTime, tick: this.cursorTick, bpm: this.bpm });
      } else if (!(this.source?.more() && this.timeline.length > stop)) {
        this.done = true;
        this.sink.end?.(this.cursorTime);
      }
    }
  }

  /** Schedules the notes and beats with ticks in [from, to). */
  private emit(from: Ticks, to: Ticks, perTick: Seconds): void {
    const { events, meter } = this.timeline;
    const timeOf = (tick: Ticks) => this.cursorTime + (tick - this.cursorTick) * perTick;
    for (let i = firstAt(events, Math.ceil(from)); i < events.length && events[i].tick < to; i++) {
      const e = events[i];
      const start = timeOf(e.tick);
      this.sink.note(e, { start, off: timeOf(e.tick + e.duration) });
    }
    if (this.sink.beat) {
      const beat = beatTicks(meter);
      for (let b = Math.ceil(from / beat) * beat; b < to; b += beat) this.sink.beat(b, timeOf(b));
    }
  }

  private reanchor(time: Seconds, tick: Ticks): void {
    this.cursorTick = tick;
    this.cursorTime = time;
    this.anchors = [{ time, tick, bpm: this.bpm }];
  }

  /** Cancels what starts from `time` on and schedules again from piece tick `tick` there. */
  private restart(time: Seconds, tick: Ticks): void {
    this.sink.cancelAfter(time);
    const keep = this.anchors.filter((a) => a.time < time);
    this.done = false;
    this.cursorTick = tick;
    this.cursorTime = time;
    this.anchors = [...keep, { time, tick, bpm: this.bpm }];
    this.pump(time - MARGIN);
  }
}
