import type { Piece } from '../../compose';
import type { Seconds, Ticks } from '../../core';
import { SoundGraph } from '../graph/graph';
import { isAudible, type MixerState } from '../graph/mixer';
import type { SampleLibraries } from '../instruments/samples';
import type { SoundSetup } from '../sound';
import { FanOut } from './fanOut';
import type { LiveAudio } from './liveAudio';
import { LiveOut } from './liveOut';
import { MidiOut, type MidiPort } from './midiOut';
import { Scheduler, type SchedulerSink } from './scheduler';
import type { SectionFeed } from './sectionFeed';
import type { Timeline } from './timeline';

/** A replaced graph is taken down this long after it was silenced (its fade is over by then). */
export const TEARDOWN_DELAY_MS = 120;

/** What the player plays: a piece's timeline, or an endless feed of sections. */
export interface Playable {
  sound: SoundSetup;
  timeline: Timeline;
  /** Endless playback: the sections, composed while the one before plays. */
  feed?: SectionFeed;
}

/** One loaded piece (or endless feed): its graph, its outputs, its scheduler. */
export interface Loaded extends Playable {
  graph: SoundGraph;
  out: LiveOut;
  midi?: MidiOut;
  fan: FanOut;
  scheduler: Scheduler;
}

/** The player's callbacks for the visuals: a beat heard, the end reached (audio times). */
export type Visuals = Pick<Required<SchedulerSink>, 'beat' | 'end'>;

/**
 * Builds what plays `p` in the live context — the same Tone.js graph as a render chunk's:
 * instruments, effects, faders, the master chain into the speakers — and its outputs and scheduler.
 */
export function loadPlayable(
  audio: LiveAudio,
  p: Playable,
  mixer: MixerState,
  visuals: Visuals,
  libraries?: SampleLibraries,
): Loaded {
  const graph = new SoundGraph(audio.tone, p.sound, { mixer, libraries });
  graph.connectTo(audio.output);
  const out = new LiveOut(graph.strips, () => audio.now);
  const fan = new FanOut([], visuals);
  const scheduler = new Scheduler(p.timeline, fan, p.feed);
  return { ...p, graph, out, fan, scheduler };
}

/** Connects the scheduler of `l` to the built-in synths and/or the MIDI port. */
export function wireOutputs(
  l: Loaded,
  audio: LiveAudio,
  port: MidiPort | undefined,
  builtIn: boolean,
  mixer: () => MixerState,
): void {
  const ids = l.sound.tracks.map((t) => t.id);
  l.midi = port
    ? new MidiOut(
        port,
        l.sound.tracks,
        (t) => audio.outputTime(t),
        (track) => isAudible(mixer(), ids[track], ids),
      )
    : undefined;
  l.fan.sinks = [...(builtIn ? [l.out] : []), ...(l.midi ? [l.midi] : [])];
}

/** Where endless playback is: the section playing, and how many sections are held. */
export interface EndlessState {
  /** Sections begun since Play from the start (the one playing included). */
  sectionsPlayed: number;
  /** Sections in memory (the one playing and the next). */
  sectionsHeld: number;
  /** The section playing: its letter, its first tick in the endless timeline, and its notes. */
  section: { index: number; label: string; start: Ticks; piece: Piece };
}

/** Stops the scheduler of `l` at `now` and silences its outputs. */
export function silenceLoaded(l: Loaded, now: Seconds): void {
  l.scheduler.stop(now);
  l.out.silence(now);
  l.midi?.silence();
}

/** Endless playback at piece tick `tick` (`started`: not stopped). */
export function endlessState(feed: SectionFeed, tick: Ticks, started: boolean): EndlessState {
  const s = feed.sectionAt(tick);
  return {
    sectionsPlayed: started ? s.index + 1 : 0,
    sectionsHeld: feed.sections.length,
    section: { index: s.index, label: s.label, start: s.start, piece: s.piece },
  };
}

/** Graphs replaced or stopped for good: each is taken down once its fade is over. */
export class Retiring {
  private readonly loaded = new Set<Loaded>();

  /** Takes `l` (already silenced) down after {@link TEARDOWN_DELAY_MS}. */
  add(l: Loaded): void {
    this.loaded.add(l);
    setTimeout(() => {
      l.graph.dispose();
      this.loaded.delete(l);
    }, TEARDOWN_DELAY_MS);
  }

  /** Audio nodes still held by graphs being taken down. */
  get nodeCount(): number {
    let count = 0;
    for (const l of this.loaded) count += l.graph.nodeCount;
    return count;
  }
}
