/** Options of the chorus. */
export interface ChorusOptions {
  /** LFO rate in Hz. */
  rate: number;
  /** How far the delay swings, in seconds. */
  depth: number;
  /** Middle delay, in seconds. */
  delay: number;
}

export const CHORUS_DEFAULTS: ChorusOptions = { rate: 0.6, depth: 0.0025, delay: 0.014 };

/**
 * A two-voice chorus, mono in, stereo out: two copies with slowly swinging delays, a quarter cycle
 * apart, one per side. The LFO phase follows the sample count, so streamed blocks join seamlessly.
 */
export class Chorus {
  private readonly buffer: Float32Array;
  private pos = 0;
  // The LFO as a unit phasor turned a step each sample (no sin/cos per sample).
  private cos = 1;
  private sin = 0;
  private count = 0;
  private readonly stepCos: number;
  private readonly stepSin: number;
  private readonly centre: number;
  private readonly swing: number;

  constructor(sampleRate: number, options: Partial<ChorusOptions> = {}) {
    const o = { ...CHORUS_DEFAULTS, ...options };
    this.centre = o.delay * sampleRate;
    this.swing = o.depth * sampleRate;
    this.buffer = new Float32Array(Math.ceil(this.centre + this.swing) + 4);
    const step = (2 * Math.PI * o.rate) / sampleRate;
    this.stepCos = Math.cos(step);
    this.stepSin = Math.sin(step);
  }

  /** Adds the chorus voices of `frames` samples of `input` to `outL`/`outR`. */
  process(input: Float32Array, outL: Float32Array, outR: Float32Array, frames: number): void {
    const buffer = this.buffer;
    const size = buffer.length;
    const centre = this.centre;
    const swing = this.swing;
    let pos = this.pos;
    let c = this.cos;
    let s = this.sin;
    for (let i = 0; i < frames; i++) {
      buffer[pos] = input[i];
      // Left reads at centre + swing·sin, right at centre + swing·cos: a quarter cycle apart.
      let at = pos - (centre + swing * s);
      if (at < 0) at += size;
      let j = at | 0;
      let frac = at - j;
      let a = buffer[j];
      let b = buffer[j + 1 === size ? 0 : j + 1];
      outL[i] += a + (b - a) * frac;
      at = pos - (centre + swing * c);
      if (at < 0) at += size;
      j = at | 0;
      frac = at - j;
      a = buffer[j];
      b = buffer[j + 1 === size ? 0 : j + 1];
      outR[i] += a + (b - a) * frac;
      pos = pos + 1 === size ? 0 : pos + 1;
      const nc = c * this.stepCos - s * this.stepSin;
      s = s * this.stepCos + c * this.stepSin;
      c = nc;
      // Back onto the unit circle now and then (rounding would let it drift over hours); at fixed
      // sample counts, so the output does not depend on the block sizes.
      if (++this.count === 4096) {
        this.count = 0;
        const norm = 1 / Math.sqrt(c * c + s * s);
        c *= norm;
        s *= norm;
      }
    }
    this.cos = c;
    this.sin = s;
    this.pos = pos;
  }
}
