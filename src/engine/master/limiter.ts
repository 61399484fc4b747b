/** Options of the master limiter. */
export interface LimiterOptions {
  /** Highest output level, linear (0.966 is −0.3 dBFS). */
  ceiling: number;
  /** How far ahead the limiter looks, in seconds (also its delay). */
  lookahead: number;
  /** Time for the gain to recover, in seconds (to about 37 %). */
  release: number;
}

export const LIMITER_DEFAULTS: LimiterOptions = { ceiling: 0.966, lookahead: 0.0015, release: 0.15 };

/**
 * A look-ahead peak limiter for stereo streams: no output sample exceeds the ceiling, and the gain
 * moves smoothly (it starts coming down `lookahead` before a peak and recovers over `release`). Pure
 * and streaming, so the live AudioWorklet and the offline render run this same code on blocks of
 * any size and get the same samples. The output is delayed by {@link Limiter.delay} samples.
 */
export class Limiter {
  /** Output delay in samples. */
  readonly delay: number;
  private readonly window: number;
  private readonly ceiling: number;
  private readonly recover: number;
  private readonly left: Float32Array;
  private readonly right: Float32Array;
  // Sliding-window minimum of the target gain: a monotonic deque in a ring.
  private readonly minValue: Float64Array;
  private readonly minIndex: Float64Array;
  private head = 0;
  private tail = 0;
  // Running mean of the released gain over the window.
  private readonly held: Float64Array;
  private sum: number;
  private gain = 1;
  private n = 0;

  constructor(sampleRate: number, options: Partial<LimiterOptions> = {}) {
    const o = { ...LIMITER_DEFAULTS, ...options };
    this.window = Math.max(1, Math.round(o.lookahead * sampleRate));
    this.delay = this.window - 1;
    this.ceiling = o.ceiling;
    this.recover = 1 - Math.exp(-1 / (o.release * sampleRate));
    this.left = new Float32Array(this.window);
    this.right = new Float32Array(this.window);
    this.minValue = new Float64Array(this.window + 1);
    this.minIndex = new Float64Array(this.window + 1);
    this.held = new Float64Array(this.window).fill(1);
    this.sum = this.window;
  }

  /** Limits `frames` samples of `inL`/`inR` into `outL`/`outR` (which may be the same arrays). */
  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, frames: number): void {
    const w = this.window;
    const size = w + 1;
    const ceiling = this.ceiling;
    const minValue = this.minValue;
    const minIndex = this.minIndex;
    const held = this.held;
    const left = this.left;
    const right = this.right;
    let { head, tail, gain, sum, n } = this;
    let slot = n % w;
    for (let i = 0; i < frames; i++) {
      // A NaN from upstream would poison the gain for good: treat it as silence.
      const l = Number.isFinite(inL[i]) ? inL[i] : 0;
      const r = Number.isFinite(inR[i]) ? inR[i] : 0;
      const peak = Math.max(Math.abs(l), Math.abs(r));
      const target = peak > ceiling ? ceiling / peak : 1;
      // Push the target, dropping larger ones behind it; drop the front once it leaves the window.
      while (tail !== head) {
        const last = tail === 0 ? size - 1 : tail - 1;
        if (minValue[last] < target) break;
        tail = last;
      }
      minValue[tail] = target;
      minIndex[tail] = n;
      tail = tail + 1 === size ? 0 : tail + 1;
      if (minIndex[head] <= n - w) head = head + 1 === size ? 0 : head + 1;
      const hold = minValue[head];
      gain = hold < gain ? hold : gain + (1 - gain) * this.recover;
      if (gain > hold) gain = hold;
      sum += gain - held[slot];
      held[slot] = gain;
      const g = Math.min(1, sum / w);
      // Every gain averaged into g is at most the target of the sample `w − 1` back: that one goes out.
      left[slot] = l;
      right[slot] = r;
      slot = slot + 1 === w ? 0 : slot + 1;
      outL[i] = Math.min(ceiling, Math.max(-ceiling, left[slot] * g));
      outR[i] = Math.min(ceiling, Math.max(-ceiling, right[slot] * g));
      n++;
    }
    this.head = head;
    this.tail = tail;
    this.gain = gain;
    this.sum = sum;
    this.n = n;
  }
}
