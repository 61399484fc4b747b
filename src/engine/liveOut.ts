import type { Seconds } from '../core';
import type { InstrumentBank } from './bank';
import { type Automation, automate, cutEvents, FADE } from './envelope';
import { type NoteTimes, playNote, type Sounding } from './instrument';
import type { NodeRegistry } from './registry';
import type { SchedulerSink } from './scheduler';
import type { NoteEvent } from './timeline';
import type { TrackVoices } from './trackGraph';
import type { Voice } from './voicePool';

interface LiveNote extends Sounding {
  start: Seconds;
}

/** A voice of the live graph and the notes it has been given that are not over yet, in order. */
interface LiveVoice {
  voice: Voice;
  notes: LiveNote[];
}

/** Nodes are released this long after their note ends (the audio thread may still be on it). */
const RELEASE_DELAY: Seconds = 0.1;

/**
 * The scheduler's sink for live playback: plays each note on its planned voice with the same code
 * as the offline render, keeps the nodes it made in the registry, releases them when the note is
 * over ({@link LiveOut.sweep}), and can cancel notes not yet started exactly — the automation the
 * cancelled notes put on their voices is taken back, the rest put back.
 */
export class LiveOut implements SchedulerSink {
  private readonly live: LiveVoice[][];

  constructor(
    private readonly bank: InstrumentBank,
    private readonly tracks: readonly TrackVoices[],
    private readonly registry: NodeRegistry,
  ) {
    this.live = tracks.map(() => []);
  }

  note(event: NoteEvent, times: NoteTimes): void {
    const track = this.tracks[event.track];
    const voices = this.live[event.track];
    voices[event.voice] ??= { voice: track.voices.get(event.voice), notes: [] };
    const slot = voices[event.voice];
    let start = times.start;
    const last = slot.notes.at(-1);
    if (last && last.end > start) {
      // Not in the plan (a loop or a restart brought two notes together): cut the older one here.
      this.cut(last, start);
      start += FADE;
    }
    const sounding = playNote(this.bank, track.sound.instrument, slot.voice, event, { ...times, start }, (node) =>
      this.registry.add(node),
    );
    slot.notes.push({ ...sounding, start });
  }

  /** Fades `note` out from `at` and stops its sources then. */
  private cut(note: LiveNote, at: Seconds): void {
    for (const a of note.automation) {
      const events = cutEvents(a.events, at);
      a.param.cancelScheduledValues(at);
      automate(
        a.param,
        events.filter((e) => e.time >= at),
      );
      a.events = events;
    }
    for (const s of note.sources) s.stop(at + FADE);
    note.end = at + FADE;
  }

  cancelAfter(time: Seconds): void {
    for (const track of this.live)
      for (const slot of track) {
        if (!slot) continue;
        const dropped = slot.notes.filter((n) => n.start >= time);
        if (dropped.length === 0) continue;
        slot.notes = slot.notes.filter((n) => n.start < time);
        for (const n of dropped) this.release(n);
        const params = new Set(dropped.flatMap((n) => n.automation.map((a) => a.param)));
        for (const param of params) {
          param.cancelScheduledValues(time);
          const rest: Automation[] = [];
          for (const n of slot.notes)
            for (const a of n.automation) if (a.param === param) rest.push(...a.events.filter((e) => e.time >= time));
          automate(param, rest);
        }
      }
  }

  /** Silences everything at `now` with a short fade, and drops what has not started. */
  silence(now: Seconds): void {
    this.cancelAfter(now);
    for (const track of this.live)
      for (const slot of track) {
        if (!slot) continue;
        for (const g of [slot.voice.amp.gain, slot.voice.noiseAmp?.gain]) {
          if (!g) continue;
          if (typeof g.cancelAndHoldAtTime === 'function') g.cancelAndHoldAtTime(now);
          else g.cancelScheduledValues(now);
          g.linearRampToValueAtTime(0, now + FADE);
        }
        for (const n of slot.notes) {
          for (const s of n.sources) s.stop(Math.max(now + FADE, n.start));
          n.end = Math.min(n.end, now + FADE);
        }
      }
  }

  /** Releases the nodes of notes that ended before `now`. */
  sweep(now: Seconds): void {
    for (const track of this.live)
      for (const slot of track) {
        if (!slot) continue;
        while (slot.notes.length > 0 && slot.notes[0].end < now - RELEASE_DELAY) this.release(slot.notes.shift()!);
      }
  }

  /** Notes given and not yet released. */
  get notes(): number {
    let count = 0;
    for (const track of this.live) for (const slot of track) count += slot?.notes.length ?? 0;
    return count;
  }

  private release(note: LiveNote): void {
    for (const s of note.sources) {
      try {
        s.stop();
      } catch {
        // Never started or already stopped.
      }
      this.registry.release(s);
    }
    for (const o of note.others) this.registry.release(o);
  }

  /** Drops everything at once (the graph is being taken down). */
  dispose(): void {
    for (const track of this.live) for (const slot of track) for (const n of slot?.notes ?? []) this.release(n);
    for (const track of this.live) track.length = 0;
  }
}
