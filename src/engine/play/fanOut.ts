import type { Seconds, Ticks } from '../../core';
import type { NoteTimes, SchedulerSink } from './scheduler';
import type { NoteEvent } from './timeline';

/** One scheduler, several outputs: the built-in synths, a MIDI port, or both; and the visuals. */
export class FanOut implements SchedulerSink {
  constructor(
    public sinks: SchedulerSink[],
    private readonly visuals: Pick<SchedulerSink, 'beat' | 'end'> = {},
  ) {}

  note(event: NoteEvent, times: NoteTimes): void {
    for (const s of this.sinks) s.note(event, times);
  }

  cancelAfter(time: Seconds): void {
    for (const s of this.sinks) s.cancelAfter(time);
  }

  beat(tick: Ticks, time: Seconds): void {
    this.visuals.beat?.(tick, time);
  }

  end(time: Seconds): void {
    this.visuals.end?.(time);
  }
}
