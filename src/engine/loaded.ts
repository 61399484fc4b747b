import type { Piece } from '../compose';
import type { Seconds, Ticks } from '../core';
import { FanOut } from './fanOut';
import type { LiveAudio } from './liveAudio';
import { LiveOut } from './liveOut';
import { MidiOut, type MidiPort } from './midiOut';
import { isAudible, type MixerState } from './mixer';
import { NodeRegistry } from './registry';
import { Scheduler, type SchedulerSink } from './scheduler';
import type { SectionFeed } from './sectionFeed';
import type { EngineOptions, SoundSetup } from './sound';
import type { Timeline } from './timeline';
import { buildTracks, type TrackGraph, trackMixes } from './trackGraph';

/** A replaced graph is taken down this long after it was silenced (its fade is over by then). */
export const TEARDOWN_DELAY_MS = 120;

/** What the player plays: a piece's timeline, or an endless feed of sections. */
export interface Playable {
  sound: SoundSetup;
  timeline: Timeline;
  options: EngineOptions;
  /** Endless playback: the sections, composed while the one before plays. */
  feed?: SectionFeed;
}

/** One loaded piece (or endless feed): its graph, its outputs, its scheduler. */
export interface Loaded extends Playable {
  registry: NodeRegistry;
  graph: TrackGraph;
  out: LiveOut;
  midi?: MidiOut;
  fan: FanOut;
  scheduler: Scheduler;
}

/** The player's callbacks for the visuals: a beat heard, the end reached (audio times). */
export type Visuals = Pick<Required<SchedulerSink>, 'beat' | 'end'>;

/**
 * Builds what plays `p` in the live audio graph: the track strips and voices (their nodes counted
 * in a registry of their own), the master bus loaded with the mix, the outputs and the scheduler.
 */
export function loadPlayable(audio: LiveAudio, p: Playable, mixer: MixerState, visuals: Visuals): Loaded {
  const registry = new NodeRegistry();
  const keep = <T extends AudioNode>(node: T) => registry.add(node);
  const graph = buildTracks(audio.tone, p.sound);
  keep(graph.output);
  audio.master.load(
    graph.output,
    p.sound.tracks.length,
    { tracks: trackMixes(p.sound, mixer), master: p.sound.master },
    keep,
  );
  const out = new LiveOut(graph.tracks);
  const fan = new FanOut([], visuals);
  const scheduler = new Scheduler(p.timeline, fan, p.feed);
  return { ...p, registry, graph, out, fan, scheduler };
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
  private readonly registries = new Set<NodeRegistry>();
  private readonly loaded = new Set<Loaded>();

  /** Takes `l` (already silenced) down after {@link TEARDOWN_DELAY_MS}. */
  add(l: Loaded): void {
    this.registries.add(l.registry);
    this.loaded.add(l);
    setTimeout(() => {
      l.graph.dispose();
      l.registry.releaseAll();
      this.registries.delete(l.registry);
      this.loaded.delete(l);
    }, TEARDOWN_DELAY_MS);
  }

  /** Audio nodes still held by graphs being taken down. */
  get nodeCount(): number {
    let count = 0;
    for (const r of this.registries) count += r.size;
    for (const l of this.loaded) count += l.out.nodes;
    return count;
  }
}
