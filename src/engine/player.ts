import type { Piece } from '../compose';
import type { Bpm, Seconds, Ticks } from '../core';
import { InstrumentBank } from './bank';
import { FanOut } from './fanOut';
import { LiveAudio } from './liveAudio';
import { LiveOut } from './liveOut';
import { MidiOut, type MidiPort } from './midiOut';
import { type ChannelState, isAudible, type MixerState } from './mixer';
import { NodeRegistry } from './registry';
import { type LoopRange, Scheduler } from './scheduler';
import { delaySeconds, type EngineOptions, resolveSound, type SoundSetup } from './sound';
import { type Timeline, timelineOf } from './timeline';
import { buildTracks, type TrackGraph, trackMixes } from './trackGraph';

/** Where the transport is. */
export type TransportState = 'stopped' | 'playing' | 'paused';

/** The transport starts this long after Play, so the first notes are never late. */
export const START_DELAY: Seconds = 0.02;
/** A replaced graph is taken down this long after it was silenced (its fade is over by then). */
const TEARDOWN_DELAY_MS = 120;

/** One loaded piece: its graph, its outputs, its scheduler. */
interface Loaded {
  piece: Piece;
  sound: SoundSetup;
  timeline: Timeline;
  registry: NodeRegistry;
  graph: TrackGraph;
  out: LiveOut;
  midi?: MidiOut;
  fan: FanOut;
  scheduler: Scheduler;
  options: EngineOptions;
}

/**
 * Live playback. Builds the same voices, strips and master bus as the offline render in a real
 * AudioContext, and drives them with a lookahead {@link Scheduler} ticked by Tone.js's worker clock
 * (so it keeps time in a background tab). Transport: play, pause, stop, seek, loop, live tempo;
 * mixer: volume, pan, mute, solo per track; optional Web MIDI output instead of or beside the
 * synths. Playhead callbacks go through Tone.Draw. Every node it makes is counted
 * ({@link Player.nodeCount}) and released on stop, on load and on dispose.
 */
export class Player {
  private loaded: Loaded | undefined;
  private transport: TransportState = 'stopped';
  private mixer: MixerState = {};
  private loopOn = false;
  /** The range looped when not the whole piece (kept across {@link Player.load}). */
  private loopSpan: LoopRange | undefined;
  private midiPort: MidiPort | undefined;
  private builtIn = true;
  private endAt: Seconds | undefined;
  private retiring = new Set<NodeRegistry>();
  private readonly bank: InstrumentBank;
  /** Milliseconds from the last Play click to the transport start at the speakers. */
  latencyMs: number | undefined;
  /** The piece played to its end (not looping). */
  onEnd: () => void = () => {};
  /** A beat is heard (piece tick), called through Tone.Draw in step with the audio. */
  onBeat: (tick: Ticks) => void = () => {};
  /** The audio context changed state ("running", "suspended", "interrupted", ...). */
  onAudioState: (state: string) => void = () => {};

  private constructor(private readonly audio: LiveAudio) {
    this.bank = new InstrumentBank(audio.ctx);
    audio.tone.on('tick', this.tick);
    audio.wanted = () => this.transport === 'playing';
    audio.onState = (state) => this.onAudioState(state);
  }

  /**
   * Creates the player and its audio. `awake`: start audio now (from a user gesture); otherwise the
   * audio context is made ahead of time, suspended, and Play or {@link Player.resumeAudio} wakes it.
   */
  static async create(awake = true): Promise<Player> {
    return new Player(await LiveAudio.create(awake));
  }

  /** Resumes the audio context (after the browser suspended or interrupted it). */
  resumeAudio(): Promise<void> {
    return this.audio.resume();
  }

  /** Replaces the piece, keeping the transport where it is (a playing piece plays on from there). */
  load(piece: Piece, options: EngineOptions): void {
    const now = this.audio.now;
    const at = this.ticks;
    this.retire(now);
    const registry = new NodeRegistry();
    const sound = resolveSound(piece, options);
    const timeline = timelineOf(piece, sound);
    const keep = <T extends AudioNode>(node: T) => registry.add(node);
    const graph = buildTracks(this.audio.ctx, sound, keep, false);
    graph.connect();
    this.audio.master.load(
      graph.output,
      sound.tracks.length,
      { tracks: trackMixes(sound, this.mixer), master: sound.master },
      keep,
    );
    const out = new LiveOut(this.bank, graph.tracks, registry);
    const fan = new FanOut([], {
      beat: (tick, time) => this.audio.tone.draw.schedule(() => this.onBeat(tick), time),
      end: (time) => {
        this.endAt = time;
      },
    });
    const scheduler = new Scheduler(timeline, fan);
    this.loaded = { piece, sound, timeline, registry, graph, out, fan, scheduler, options };
    this.wire();
    if (this.loopOn) scheduler.setLoop(this.loopSpan ?? { start: 0, end: timeline.length }, now);
    const from = at < timeline.length ? at : 0;
    if (this.transport === 'playing') scheduler.start(now + START_DELAY, from);
    else if (this.transport === 'paused') scheduler.seek(from, now);
  }

  /** Starts (or resumes) playing. `clickTime` (performance.now() of the click) measures the latency. */
  play(clickTime?: number): void {
    const l = this.loaded;
    if (!l || this.transport === 'playing') return;
    const resumed = this.resumeAudio();
    const start = this.audio.now + START_DELAY;
    l.midi?.programs();
    l.scheduler.start(start, l.scheduler.position(start));
    this.transport = 'playing';
    this.endAt = undefined;
    this.latencyMs = undefined;
    // Measured once the context runs: a suspended context's clock stands still until then.
    if (clickTime !== undefined)
      resumed
        .then(() => {
          this.latencyMs = this.audio.outputTime(start) - clickTime;
        })
        .catch(() => {});
  }

  /** Pauses; {@link Player.play} goes on from here. */
  pause(): void {
    if (this.transport !== 'playing' || !this.loaded) return;
    this.halt();
    this.transport = 'paused';
  }

  /** Stops and goes back to the start. */
  stop(): void {
    if (this.loaded) {
      this.halt();
      this.loaded.scheduler.seek(0, this.audio.now);
    }
    this.transport = 'stopped';
  }

  /** Jumps to piece tick `tick`, playing or not. */
  seek(tick: Ticks): void {
    const l = this.loaded;
    if (!l) return;
    const now = this.audio.now;
    if (this.transport === 'playing') {
      l.out.silence(now);
      l.midi?.silence();
    }
    l.scheduler.seek(tick, now);
  }

  /** Loops the whole piece (or a range of it) or stops looping. */
  setLoop(loop: boolean | LoopRange): void {
    this.loopOn = loop !== false;
    this.loopSpan = typeof loop === 'object' ? { ...loop } : undefined;
    const l = this.loaded;
    if (!l) return;
    const range = loop === true ? { start: 0, end: l.timeline.length } : loop || undefined;
    l.scheduler.setLoop(range, this.audio.now);
  }

  get looping(): boolean {
    return this.loopOn;
  }

  /** The range the scheduler repeats now (piece ticks), if looping. */
  get loopRange(): LoopRange | undefined {
    return this.loaded?.scheduler.looping;
  }

  /** Changes the tempo at once, playing or not. */
  setTempo(bpm: Bpm): void {
    const l = this.loaded;
    if (!l) return;
    l.scheduler.setTempo(bpm, this.audio.now);
    this.audio.master.setDelayTime(delaySeconds(bpm, l.options.master?.delayBeats));
  }

  /** Changes one track's mixer channel (volume in dB, pan, mute, solo). */
  setChannel(id: string, change: Partial<ChannelState>): void {
    this.mixer = { ...this.mixer, [id]: { ...this.mixer[id], ...change } };
    if (!this.loaded) return;
    for (const [i, mix] of trackMixes(this.loaded.sound, this.mixer).entries()) this.audio.master.setMix(i, mix);
  }

  get mixerState(): MixerState {
    return this.mixer;
  }

  /** Sends the piece to a MIDI port (or none), with or without the built-in synths. */
  setMidiOutput(port: MidiPort | undefined, builtIn: boolean): void {
    const playing = this.transport === 'playing';
    if (playing) this.pause();
    this.loaded?.midi?.silence();
    this.midiPort = port;
    this.builtIn = builtIn || !port;
    this.wire();
    if (playing) this.play();
  }

  get state(): TransportState {
    return this.transport;
  }

  get playing(): boolean {
    return this.transport === 'playing';
  }

  /** The position in piece ticks. */
  get ticks(): Ticks {
    return this.loaded ? this.loaded.scheduler.position(this.audio.now) : 0;
  }

  get tempo(): Bpm | undefined {
    return this.loaded?.scheduler.tempo;
  }

  /** The audio context's state. */
  get audioState(): string {
    return this.audio.ctx.state;
  }

  /** The output's peak and RMS over the last tenth of a second (undefined without the worklet). */
  get level(): { peak: number; rms: number } | undefined {
    return this.audio.master.level();
  }

  /** "worklet" or "fallback" (see createLiveMaster). */
  get masterKind(): string {
    return this.audio.master.kind;
  }

  /** Audio nodes the player holds now. */
  get nodeCount(): number {
    let count = this.audio.registry.size + (this.loaded?.registry.size ?? 0);
    for (const r of this.retiring) count += r.size;
    return count;
  }

  /** Notes scheduled or sounding, not yet released. */
  get liveNotes(): number {
    return this.loaded?.out.notes ?? 0;
  }

  /** For tests: suspends the audio context as a browser or the system would. */
  interrupt(): Promise<void> {
    return this.audio.suspend();
  }

  /** Takes everything down and closes the audio context. */
  async dispose(): Promise<void> {
    this.stop();
    this.audio.tone.off('tick', this.tick);
    this.retire(this.audio.now);
    await this.audio.dispose();
  }

  private readonly tick = () => {
    const l = this.loaded;
    if (!l) return;
    const now = this.audio.now;
    if (this.transport === 'playing') {
      l.scheduler.pump(now);
      l.midi?.pump(now);
      if (this.endAt !== undefined && now >= this.endAt) {
        // The last notes ring on; only the transport goes back to the start.
        l.scheduler.stop(now);
        l.scheduler.seek(0, now);
        this.transport = 'stopped';
        this.endAt = undefined;
        this.onEnd();
      }
    }
    l.out.sweep(now);
  };

  /** Stops the scheduler and silences the outputs (stop and pause). */
  private halt(): void {
    const l = this.loaded;
    if (!l) return;
    const now = this.audio.now;
    l.scheduler.stop(now);
    l.out.silence(now);
    l.midi?.silence();
    this.audio.tone.draw.cancel(now);
    this.endAt = undefined;
    setTimeout(() => l.out.sweep(this.audio.now + 1), TEARDOWN_DELAY_MS);
  }

  /** Connects the scheduler to the built-in synths and/or the MIDI port. */
  private wire(): void {
    const l = this.loaded;
    if (!l) return;
    const ids = l.sound.tracks.map((t) => t.id);
    l.midi = this.midiPort
      ? new MidiOut(
          this.midiPort,
          l.sound.tracks,
          (t) => this.audio.outputTime(t),
          (track) => isAudible(this.mixer, ids[track], ids),
        )
      : undefined;
    l.fan.sinks = [...(this.builtIn ? [l.out] : []), ...(l.midi ? [l.midi] : [])];
  }

  /** Silences the loaded piece and takes its graph down once the fade is over. */
  private retire(now: Seconds): void {
    const old = this.loaded;
    if (!old) return;
    old.scheduler.stop(now);
    old.out.silence(now);
    old.midi?.silence();
    this.audio.tone.draw.cancel(now);
    this.loaded = undefined;
    this.retiring.add(old.registry);
    setTimeout(() => {
      old.out.dispose();
      old.registry.releaseAll();
      this.retiring.delete(old.registry);
    }, TEARDOWN_DELAY_MS);
  }
}
