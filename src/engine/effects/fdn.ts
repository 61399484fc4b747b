/** Options of the feedback-delay-network room. */
export interface FdnOptions {
  /** Time for the tail to fall by 60 dB, in seconds. */
  decay: number;
  /** How much faster the highs die than the lows, 0–0.95. */
  damping: number;
  /** Delay before the first reflection, in seconds. */
  predelay: number;
}

export const FDN_DEFAULTS: FdnOptions = { decay: 2.2, damping: 0.4, predelay: 0.012 };

/** Lengths of the delay lines in milliseconds: mutually prime-ish so their echoes never line up. */
const LINES_MS = [29.7, 37.1, 41.1, 43.7, 47.9, 53.3, 59.1, 67.3];
/** Scales the tail so a steady input comes back at about the same loudness. */
const OUTPUT = 0.16;

/**
 * A feedback-delay-network reverb (eight damped delay lines mixed by a Householder matrix), mono in,
 * stereo out, wet only. Pure and streaming: the LightReverb effect runs it in an AudioWorklet, live
 * and in every render chunk; it costs a few milliseconds per second of audio. Linear and
 * time-invariant, so its impulse response played by a convolver is the same room ({@link fdnImpulse}).
 */
export class Fdn {
  private readonly lines: Float32Array[];
  private readonly pos: Int32Array;
  private readonly feedback: Float64Array;
  private readonly lowpass = new Float64Array(LINES_MS.length);
  private readonly damping: number;
  private readonly pre: Float32Array;
  private prePos = 0;
  private readonly out = new Float64Array(LINES_MS.length);

  constructor(sampleRate: number, options: Partial<FdnOptions> = {}) {
    const o = { ...FDN_DEFAULTS, ...options };
    const lengths = LINES_MS.map((ms) => Math.max(1, Math.round((ms * sampleRate) / 1000)));
    this.lines = lengths.map((n) => new Float32Array(n));
    this.pos = new Int32Array(lengths.length);
    this.feedback = Float64Array.from(lengths, (n) => 10 ** ((-3 * n) / (Math.max(0.05, o.decay) * sampleRate)));
    this.damping = Math.min(0.95, Math.max(0, o.damping));
    this.pre = new Float32Array(Math.max(1, Math.round(o.predelay * sampleRate)));
  }

  /** Adds the reverb of `frames` samples of `input` to `outL`/`outR`. */
  process(input: Float32Array, outL: Float32Array, outR: Float32Array, frames: number): void {
    const lines = this.lines;
    const count = lines.length;
    const pos = this.pos;
    const out = this.out;
    const lowpass = this.lowpass;
    const feedback = this.feedback;
    const keep = 1 - this.damping;
    const scale = 2 / count;
    const pre = this.pre;
    let prePos = this.prePos;
    for (let i = 0; i < frames; i++) {
      const x = pre[prePos];
      pre[prePos] = input[i];
      prePos = prePos + 1 === pre.length ? 0 : prePos + 1;
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const v = lines[k][pos[k]];
        out[k] = v;
        sum += v;
      }
      const mix = scale * sum;
      let left = 0;
      let right = 0;
      // Even lines go left and take the input, odd lines go right and take it inverted.
      for (let k = 0; k < count; k += 2) {
        let lp = lowpass[k] + keep * ((out[k] - mix) * feedback[k] - lowpass[k]);
        lowpass[k] = lp;
        let line = lines[k];
        line[pos[k]] = lp + x;
        pos[k] = pos[k] + 1 === line.length ? 0 : pos[k] + 1;
        left += out[k];
        const o = k + 1;
        lp = lowpass[o] + keep * ((out[o] - mix) * feedback[o] - lowpass[o]);
        lowpass[o] = lp;
        line = lines[o];
        line[pos[o]] = lp - x;
        pos[o] = pos[o] + 1 === line.length ? 0 : pos[o] + 1;
        right += out[o];
      }
      outL[i] += left * OUTPUT;
      outR[i] += right * OUTPUT;
    }
    this.prePos = prePos;
  }
}

/** The impulse response of the room, `seconds` long, left and right. */
export function fdnImpulse(
  sampleRate: number,
  options: Partial<FdnOptions>,
  seconds: number,
): [Float32Array, Float32Array] {
  const frames = Math.max(1, Math.ceil(seconds * sampleRate));
  const fdn = new Fdn(sampleRate, options);
  const input = new Float32Array(frames);
  input[0] = 1;
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  fdn.process(input, left, right, frames);
  return [left, right];
}
