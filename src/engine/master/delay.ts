/** Options of the echo. */
export interface DelayOptions {
  /** Share of each echo fed back, 0–0.9. */
  feedback: number;
  /** How much each echo is darkened, 0–0.95. */
  damping: number;
}

export const DELAY_DEFAULTS: DelayOptions = { feedback: 0.32, damping: 0.35 };

/** Longest echo time, in seconds (a dotted quarter at 30 bpm). */
export const MAX_DELAY = 3;

/**
 * A ping-pong echo, mono in, stereo out: the first echo on the left, the next on the right, each
 * darker and softer. Its time follows the tempo ({@link Delay.setTime}). Pure and streaming.
 */
export class Delay {
  private readonly left: Float32Array;
  private readonly right: Float32Array;
  private pos = 0;
  private length: number;
  private readonly feedback: number;
  private readonly damping: number;
  private lpLeft = 0;
  private lpRight = 0;

  constructor(
    private readonly sampleRate: number,
    seconds: number,
    options: Partial<DelayOptions> = {},
  ) {
    const o = { ...DELAY_DEFAULTS, ...options };
    const size = Math.ceil(MAX_DELAY * sampleRate) + 1;
    this.left = new Float32Array(size);
    this.right = new Float32Array(size);
    this.feedback = Math.min(0.9, Math.max(0, o.feedback));
    this.damping = Math.min(0.95, Math.max(0, o.damping));
    this.length = this.samples(seconds);
  }

  private samples(seconds: number): number {
    return Math.min(this.left.length - 1, Math.max(1, Math.round(seconds * this.sampleRate)));
  }

  /** Sets the echo time (on a tempo change). */
  setTime(seconds: number): void {
    this.length = this.samples(seconds);
  }

  /** Adds the echoes of `frames` samples of `input` to `outL`/`outR`. */
  process(input: Float32Array, outL: Float32Array, outR: Float32Array, frames: number): void {
    const size = this.left.length;
    const d = this.damping;
    for (let i = 0; i < frames; i++) {
      let read = this.pos - this.length;
      if (read < 0) read += size;
      const l = this.left[read];
      const r = this.right[read];
      this.lpLeft += (1 - d) * (l - this.lpLeft);
      this.lpRight += (1 - d) * (r - this.lpRight);
      this.left[this.pos] = input[i] + this.lpRight * this.feedback;
      this.right[this.pos] = this.lpLeft * this.feedback;
      this.pos = this.pos + 1 === size ? 0 : this.pos + 1;
      outL[i] += l * 0.7;
      outR[i] += r * 0.7;
    }
  }
}
