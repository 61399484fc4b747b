import { type Bpm, PPQ, type Ticks } from '../../core';
import type { LiveAudio } from './liveAudio';
import { type EndlessState, endlessState, type Loaded, Retiring } from './loaded';

/** Where the transport is. */
export type TransportState = 'stopped' | 'playing' | 'paused';

/**
 * What the {@link Player} shows of itself, read-only: transport, position, tempo, audio state,
 * output level, the nodes and notes it holds, endless playback's state.
 */
export abstract class PlayerStatus {
  protected loaded: Loaded | undefined;
  protected transport: TransportState = 'stopped';
  protected readonly retiring = new Retiring();

  protected constructor(protected readonly audio: LiveAudio) {}

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

  /**
   * performance.now() at which piece tick `tick` reaches the speakers if the transport plays on to
   * it at this tempo (what a MIDI port's timestamps are on); undefined when nothing is loaded.
   */
  outputAt(tick: Ticks): number | undefined {
    const l = this.loaded;
    if (!l) return undefined;
    const now = this.audio.now;
    return this.audio.outputTime(now + ((tick - l.scheduler.position(now)) * 60) / (l.scheduler.tempo * PPQ));
  }

  get tempo(): Bpm | undefined {
    return this.loaded?.scheduler.tempo;
  }

  /** The audio context's state. */
  get audioState(): string {
    return this.audio.ctx.state;
  }

  /** The output's peak and RMS over the last tenth of a second or so. */
  get level(): { peak: number; rms: number } | undefined {
    return this.audio.level();
  }

  /**
   * "worklet": the worklet effects (LightReverb's network, Tone's BitCrusher and Freeverb) run;
   * "fallback": the page has no AudioWorklet, LightReverb plays its impulse response instead.
   */
  get masterKind(): string {
    return this.audio.worklets === 'worklet' ? 'worklet' : 'fallback';
  }

  /** Audio nodes the player holds now. */
  get nodeCount(): number {
    return 2 + (this.loaded?.graph.nodeCount ?? 0) + this.retiring.nodeCount;
  }

  /** Notes scheduled or sounding, not yet released. */
  get liveNotes(): number {
    return this.loaded?.out.notes ?? 0;
  }

  /** Endless playback's state, or undefined when a piece is loaded. */
  get endless(): EndlessState | undefined {
    const feed = this.loaded?.feed;
    return feed && endlessState(feed, this.ticks, this.transport !== 'stopped');
  }
}
