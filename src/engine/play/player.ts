import type { EndlessComposer, Piece } from '../../compose';
import type { Bpm, Seconds, Ticks } from '../../core';
import type { ChannelState, MixerState } from '../graph/mixer';
import type { SampleLibraries } from '../instruments/samples';
import { resolveSound, type SoundSpec } from '../sound';
import { LiveAudio } from './liveAudio';
import { loadPlayable, type Playable, silenceLoaded, TEARDOWN_DELAY_MS, wireOutputs } from './loaded';
import type { MidiPort } from './midiOut';
import { PlayerStatus } from './playerStatus';
import type { LoopRange } from './scheduler';
import { SectionFeed } from './sectionFeed';
import { timelineOf } from './timeline';

export type { TransportState } from './playerStatus';

/** The transport starts this long after Play, so the first notes are never late. */
export const START_DELAY: Seconds = 0.02;

/**
 * Live playback. Builds the same voices, strips and master bus as the offline render in a real
 * AudioContext, and drives them with a lookahead {@link Scheduler} ticked by Tone.js's worker clock
 * (so it keeps time in a background tab). Transport: play, pause, stop, seek, loop, live tempo;
 * mixer: volume, pan, mute, solo per track; optional Web MIDI output instead of or beside the
 * synths; endless playback of sections composed while the one before plays ({@link
 * Player.loadEndless}). Playhead callbacks go through Tone.Draw. Every node it makes is counted
 * ({@link Player.nodeCount}) and released on stop, on load and on dispose.
 */
export class Player extends PlayerStatus {
  private mixer: MixerState = {};
  private loopOn = false;
  /** The range looped when not the whole piece (kept across {@link Player.load}). */
  private loopSpan: LoopRange | undefined;
  private midiPort: MidiPort | undefined;
  /** Decoded sample libraries for Sampler parts (load them before loading a piece that needs them). */
  libraries: SampleLibraries = new Map();
  private builtIn = true;
  private endAt: Seconds | undefined;
  /** Milliseconds from the last Play click to the transport start at the speakers. */
  latencyMs: number | undefined;
  /** The piece played to its end (not looping). */
  onEnd: () => void = () => {};
  /** A beat is heard (piece tick), called through Tone.Draw in step with the audio. */
  onBeat: (tick: Ticks) => void = () => {};
  /** The audio context changed state ("running", "suspended", "interrupted", ...). */
  onAudioState: (state: string) => void = () => {};

  private constructor(audio: LiveAudio) {
    super(audio);
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
  load(piece: Piece, sound: SoundSpec): void {
    // A playing piece starts again START_DELAY from now: from where the transport will be then, so
    // that the beat stays where it was (an edit while playing, an answer to a played phrase).
    const at =
      this.loaded && this.transport === 'playing'
        ? this.loaded.scheduler.position(this.audio.now + START_DELAY)
        : this.ticks;
    this.replace({ sound: resolveSound(piece, sound), timeline: timelineOf(piece) }, at);
  }

  /**
   * Plays sections one after another for as long as the transport runs: each is composed (by a
   * composer from `make`, made again on Stop) while the one before plays, and dropped once it has
   * been heard. Starts from the first section; Loop does not apply.
   */
  loadEndless(make: () => EndlessComposer, sound: SoundSpec): void {
    const feed = new SectionFeed(make, sound);
    this.replace({ sound: feed.sound, timeline: feed.timeline, feed }, 0);
  }

  private replace(p: Playable, at: Ticks): void {
    const now = this.audio.now;
    // Built before the old graph goes: a graph that cannot be built (an effect this page cannot
    // run, samples not loaded) throws here and the piece before plays on.
    const l = loadPlayable(
      this.audio,
      p,
      this.mixer,
      {
        beat: (tick, time) => this.audio.tone.draw.schedule(() => this.onBeat(tick), time),
        end: (time) => {
          this.endAt = time;
        },
      },
      this.libraries,
    );
    this.retire(now);
    this.loaded = l;
    this.wire();
    if (this.loopOn && !l.feed) l.scheduler.setLoop(this.loopSpan ?? { start: 0, end: l.timeline.length }, now);
    const from = at < l.timeline.length ? at : 0;
    if (this.transport === 'playing') l.scheduler.start(now + START_DELAY, from);
    else if (this.transport === 'paused') l.scheduler.seek(from, now);
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
      // Endless: Play starts again from the first section, composed anew.
      this.loaded.feed?.reset();
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
    if (!l || l.feed) return;
    const range = loop === true ? { start: 0, end: l.timeline.length } : loop || undefined;
    l.scheduler.setLoop(range, this.audio.now);
  }

  /** Whether Loop is on (never in endless playback). */
  get looping(): boolean {
    return this.loopOn && !this.loaded?.feed;
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
    l.graph.setTempo(bpm);
  }

  /** Changes one track's mixer channel (volume in dB, pan, mute, solo). */
  setChannel(id: string, change: Partial<ChannelState>): void {
    this.mixer = { ...this.mixer, [id]: { ...this.mixer[id], ...change } };
    if (!this.loaded) return;
    this.loaded.graph.setMix(this.mixer);
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
      // Composing the next section waits for a timer of its own, off this tick's path.
      l.feed?.update(l.scheduler.position(now), (f) => setTimeout(f, 0));
      l.scheduler.pump(now);
      l.out.pump(now);
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
    silenceLoaded(l, now);
    this.audio.tone.draw.cancel(now);
    this.endAt = undefined;
    setTimeout(() => l.out.sweep(this.audio.now + 1), TEARDOWN_DELAY_MS);
  }

  /** Connects the scheduler to the built-in synths and/or the MIDI port. */
  private wire(): void {
    if (this.loaded) wireOutputs(this.loaded, this.audio, this.midiPort, this.builtIn, () => this.mixer);
  }

  /** Silences the loaded piece and takes its graph down once the fade is over. */
  private retire(now: Seconds): void {
    const old = this.loaded;
    if (!old) return;
    silenceLoaded(old, now);
    this.audio.tone.draw.cancel(now);
    this.loaded = undefined;
    this.retiring.add(old);
  }
}
