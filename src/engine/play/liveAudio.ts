// Tone.js by module, not its index: the index creates an AudioContext of its own as soon as it is imported.
import { Context as ToneContext } from 'tone/build/esm/core/context/Context';
import { setContext as setToneContext } from 'tone/build/esm/core/context/GlobalContext';
import 'tone/build/esm/core/util/Draw';
import type { Seconds } from '../../core';
import { primeToneNoiseInTasks } from '../instruments/seededNoise';
import { loadWorklets, type WorkletSupport } from '../worklets/load';

/**
 * The page's audio: one AudioContext, Tone.js's context around it (its worker clock ticks the
 * scheduler, and keeps time in a background tab; its Draw runs visual callbacks in step with the
 * audio), the worklets loaded, and a meter on what reaches the speakers. Keeps the context running
 * while `wanted()` says so: a context the browser or the system suspends or interrupts is resumed
 * at once, when the page is shown again, or at the next gesture.
 */
export class LiveAudio {
  /** The context changed state ("running", "suspended", "interrupted", ...). */
  onState: (state: string) => void = () => {};
  /** Whether the context should be running (something is playing). */
  wanted: () => boolean = () => false;
  /** Where every graph plays into: the speakers, through the meter. */
  readonly output: GainNode;
  private readonly meter: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;

  private constructor(
    readonly ctx: AudioContext,
    readonly tone: ToneContext,
    readonly worklets: WorkletSupport,
  ) {
    this.output = ctx.createGain();
    this.meter = ctx.createAnalyser();
    this.meter.fftSize = 4096;
    this.samples = new Float32Array(this.meter.fftSize);
    this.output.connect(ctx.destination);
    this.output.connect(this.meter);
    ctx.addEventListener('statechange', this.stateChanged);
    document.addEventListener('visibilitychange', this.visibilityChanged);
  }

  /**
   * Creates the context and loads the worklets. `awake`: start audio now (call it from a user
   * gesture, a click or a key: that is what lets the browser start audio); otherwise the context
   * is made suspended, ahead of time — waking it takes milliseconds where making one can take half a second.
   */
  static async create(awake: boolean): Promise<LiveAudio> {
    const ctx = new AudioContext({ latencyHint: 'interactive' });
    if (awake) void ctx.resume().catch(() => {});
    else void ctx.suspend().catch(() => {});
    const tone = new ToneContext({ context: ctx });
    setToneContext(tone);
    // The noise buffers a task each while the worklets load: the engine is made at idle, and a
    // preset chosen then waited for all of it in one task (341 ms in a trace, with the context).
    const [worklets] = await Promise.all([
      loadWorklets(tone),
      primeToneNoiseInTasks(() => new Promise((resolve) => setTimeout(resolve, 0))),
    ]);
    return new LiveAudio(ctx, tone, worklets);
  }

  get now(): Seconds {
    return this.ctx.currentTime;
  }

  /** The output's peak and RMS over the last tenth of a second or so. */
  level(): { peak: number; rms: number } {
    this.meter.getFloatTimeDomainData(this.samples);
    let peak = 0;
    let sum = 0;
    for (const v of this.samples) {
      peak = Math.max(peak, Math.abs(v));
      sum += v * v;
    }
    return { peak, rms: Math.sqrt(sum / this.samples.length) };
  }

  /** Resumes the context (after the browser suspended or interrupted it). */
  async resume(): Promise<void> {
    if (this.ctx.state !== 'running' && this.ctx.state !== 'closed') await this.ctx.resume();
  }

  /** Suspends the context, as a browser or the system may (for tests). */
  async suspend(): Promise<void> {
    await this.ctx.suspend();
  }

  /** performance.now() at which audio scheduled for context time `t` reaches the speakers. */
  outputTime(t: Seconds): number {
    const stamp = this.ctx.getOutputTimestamp?.();
    if (stamp?.contextTime && stamp.performanceTime) return stamp.performanceTime + (t - stamp.contextTime) * 1000;
    return (
      performance.now() + (t - this.ctx.currentTime + (this.ctx.outputLatency || this.ctx.baseLatency || 0)) * 1000
    );
  }

  async dispose(): Promise<void> {
    this.ctx.removeEventListener('statechange', this.stateChanged);
    document.removeEventListener('visibilitychange', this.visibilityChanged);
    this.output.disconnect();
    this.meter.disconnect();
    this.tone.dispose();
    await this.ctx.close().catch(() => {});
  }

  private readonly stateChanged = () => {
    this.onState(this.ctx.state);
    if (!this.wanted() || this.ctx.state === 'running' || this.ctx.state === 'closed') return;
    // Suspended or interrupted: try at once, then at the next gesture.
    this.resume().catch(() => {});
    const again = () => {
      if (this.wanted() && this.ctx.state !== 'running') this.resume().catch(() => {});
    };
    document.addEventListener('pointerdown', again, { once: true });
    document.addEventListener('keydown', again, { once: true });
  };

  private readonly visibilityChanged = () => {
    if (document.visibilityState === 'visible' && this.wanted()) this.resume().catch(() => {});
  };
}
