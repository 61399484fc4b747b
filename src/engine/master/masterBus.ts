import { Chorus, type ChorusOptions } from './chorus';
import { Delay, type DelayOptions } from './delay';
import { Limiter, type LimiterOptions } from './limiter';
import { Reverb, type ReverbOptions } from './reverb';

/** The channels of the bus the mix feeds: the dry stereo mix, then one mono send per effect. */
export const BUS = { dryLeft: 0, dryRight: 1, reverb: 2, delay: 3, chorus: 4 } as const;
export const BUS_CHANNELS = 5;

/** Settings of the effects and of the master bus. */
export interface MasterOptions {
  reverb: ReverbOptions;
  delay: DelayOptions;
  chorus: ChorusOptions;
  limiter: LimiterOptions;
  /** Master level, in decibels, before the limiter. */
  gain: number;
  /** Echo time, in seconds (follows the tempo). */
  delayTime: number;
}

/**
 * Effects and master in one streaming processor: reverb, echo and chorus returns added to the dry
 * mix, the master gain, and the limiter. The same code runs in the live AudioWorklet and after each
 * chunk of the offline render, so both paths sound the same.
 */
export class MasterBus {
  private readonly reverb: Reverb;
  private readonly delay: Delay;
  private readonly chorus: Chorus;
  private readonly limiter: Limiter;
  private readonly gain: number;
  private left = new Float32Array(128);
  private right = new Float32Array(128);
  private silence = new Float32Array(128);

  constructor(sampleRate: number, options: MasterOptions) {
    this.reverb = new Reverb(sampleRate, options.reverb);
    this.delay = new Delay(sampleRate, options.delayTime, options.delay);
    this.chorus = new Chorus(sampleRate, options.chorus);
    this.limiter = new Limiter(sampleRate, options.limiter);
    this.gain = 10 ** (options.gain / 20);
  }

  /** Samples by which the output lags the input (the limiter's look-ahead). */
  get latency(): number {
    return this.limiter.delay;
  }

  setDelayTime(seconds: number): void {
    this.delay.setTime(seconds);
  }

  /**
   * Mixes `frames` samples of the bus channels (missing channels are silent) into `outL`/`outR`.
   */
  process(
    channels: readonly (Float32Array | undefined)[],
    outL: Float32Array,
    outR: Float32Array,
    frames: number,
  ): void {
    if (this.left.length < frames) {
      this.left = new Float32Array(frames);
      this.right = new Float32Array(frames);
      this.silence = new Float32Array(frames);
    }
    const left = this.left;
    const right = this.right;
    const dryL = channels[BUS.dryLeft];
    const dryR = channels[BUS.dryRight];
    for (let i = 0; i < frames; i++) {
      left[i] = dryL ? dryL[i] : 0;
      right[i] = dryR ? dryR[i] : 0;
    }
    // Missing sends are fed silence, so the tails already in the effects ring out.
    this.reverb.process(channels[BUS.reverb] ?? this.silence, left, right, frames);
    this.delay.process(channels[BUS.delay] ?? this.silence, left, right, frames);
    this.chorus.process(channels[BUS.chorus] ?? this.silence, left, right, frames);
    const g = this.gain;
    for (let i = 0; i < frames; i++) {
      left[i] *= g;
      right[i] *= g;
    }
    this.limiter.process(left, right, outL, outR, frames);
  }
}
