import type { Seconds } from '../core';
import type { NoteTimes, SchedulerSink } from './scheduler';
import type { NoteEvent } from './timeline';
import type { TrackVoices } from './trackGraph';

const midiToHz = (pitch: number) => 440 * 2 ** ((pitch - 69) / 12);

/**
 * The scheduler's sink for live playback: hands each note to its track's Tone.js instrument
 * (`triggerAttackRelease`, as the offline render does), takes back notes not yet started
 * (`cancelAfter`), silences (`silence`) and frees finished notes' nodes (`sweep`).
 */
export class LiveOut implements SchedulerSink {
  constructor(private readonly tracks: readonly TrackVoices[]) {}

  note(event: NoteEvent, times: NoteTimes): void {
    const instrument = this.tracks[event.track].instrument;
    instrument.triggerAttackRelease(
      midiToHz(event.pitch),
      Math.max(0, times.off - times.start),
      times.start,
      event.velocity / 127,
    );
  }

  cancelAfter(time: Seconds): void {
    for (const t of this.tracks) t.instrument.cancelAfter(time);
  }

  /** Silences everything at `now` with a short fade, and drops what has not started. */
  silence(now: Seconds): void {
    for (const t of this.tracks) t.instrument.silence(now);
  }

  /** Frees the nodes of notes that ended before `now`. */
  sweep(now: Seconds): void {
    for (const t of this.tracks) t.instrument.sweep(now);
  }

  /** Notes given and not yet freed. */
  get notes(): number {
    let count = 0;
    for (const t of this.tracks) count += t.instrument.activeNotes;
    return count;
  }

  /** Audio nodes the instruments hold. */
  get nodes(): number {
    let count = 0;
    for (const t of this.tracks) count += t.instrument.nodeCount;
    return count;
  }
}
