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

  constructor(sampleRate: number, options: Partial<FdnOptions> = {}) {
    const o = { ...FDN_DEFAULTS, ...options };
    const lengths = LINES_MS.map((ms) => Math.max(1, Math.round((ms * sampleRate) / 1000)));
    this.lines = lengths.map((n) => new Float32Array(n));
    this.pos = new Int32Array(lengths.length);
    this.feedback = Float64Array.from(lengths, (n) => 10 ** ((-3 * n) / (Math.max(0.05, o.decay) * sampleRate)));
    this.damping = Math.min(0.95, Math.max(0, o.damping));
    this.pre = new Float32Array(Math.max(1, Math.round(o.predelay * sampleRate)));
  }

  /**
   * Adds the reverb of `frames` samples of `input` to `outL`/`outR`. Written out line by line, its
   * state in locals for the loop: the same arithmetic in the same order as a loop over the lines
   * (the same samples, bit for bit), several times faster in a JIT — it runs in every render.
   */
  process(input: Float32Array, outL: Float32Array, outR: Float32Array, frames: number): void {
    const [l0, l1, l2, l3, l4, l5, l6, l7] = this.lines;
    const [f0, f1, f2, f3, f4, f5, f6, f7] = this.feedback;
    const n0 = l0.length;
    const n1 = l1.length;
    const n2 = l2.length;
    const n3 = l3.length;
    const n4 = l4.length;
    const n5 = l5.length;
    const n6 = l6.length;
    const n7 = l7.length;
    const pos = this.pos;
    const lowpass = this.lowpass;
    let p0 = pos[0],
      p1 = pos[1],
      p2 = pos[2],
      p3 = pos[3],
      p4 = pos[4],
      p5 = pos[5],
      p6 = pos[6],
      p7 = pos[7];
    let q0 = lowpass[0],
      q1 = lowpass[1],
      q2 = lowpass[2],
      q3 = lowpass[3],
      q4 = lowpass[4],
      q5 = lowpass[5],
      q6 = lowpass[6],
      q7 = lowpass[7];
    const keep = 1 - this.damping;
    const scale = 2 / 8;
    const pre = this.pre;
    const preLength = pre.length;
    let prePos = this.prePos;
    for (let i = 0; i < frames; i++) {
      const x = pre[prePos];
      pre[prePos] = input[i];
      prePos = prePos + 1 === preLength ? 0 : prePos + 1;
      const o0 = l0[p0];
      const o1 = l1[p1];
      const o2 = l2[p2];
      const o3 = l3[p3];
      const o4 = l4[p4];
      const o5 = l5[p5];
      const o6 = l6[p6];
      const o7 = l7[p7];
      const mix = scale * (o0 + o1 + o2 + o3 + o4 + o5 + o6 + o7);
      q0 = q0 + keep * ((o0 - mix) * f0 - q0);
      l0[p0] = q0 + x;
      p0 = p0 + 1 === n0 ? 0 : p0 + 1;
      q1 = q1 + keep * ((o1 - mix) * f1 - q1);
      l1[p1] = q1 - x;
      p1 = p1 + 1 === n1 ? 0 : p1 + 1;
      q2 = q2 + keep * ((o2 - mix) * f2 - q2);
      l2[p2] = q2 + x;
      p2 = p2 + 1 === n2 ? 0 : p2 + 1;
      q3 = q3 + keep * ((o3 - mix) * f3 - q3);
      l3[p3] = q3 - x;
      p3 = p3 + 1 === n3 ? 0 : p3 + 1;
      q4 = q4 + keep * ((o4 - mix) * f4 - q4);
      l4[p4] = q4 + x;
      p4 = p4 + 1 === n4 ? 0 : p4 + 1;
      q5 = q5 + keep * ((o5 - mix) * f5 - q5);
      l5[p5] = q5 - x;
      p5 = p5 + 1 === n5 ? 0 : p5 + 1;
      q6 = q6 + keep * ((o6 - mix) * f6 - q6);
      l6[p6] = q6 + x;
      p6 = p6 + 1 === n6 ? 0 : p6 + 1;
      q7 = q7 + keep * ((o7 - mix) * f7 - q7);
      l7[p7] = q7 - x;
      p7 = p7 + 1 === n7 ? 0 : p7 + 1;
      // Even lines go left and take the input, odd lines go right and take it inverted.
      outL[i] += (o0 + o2 + o4 + o6) * OUTPUT;
      outR[i] += (o1 + o3 + o5 + o7) * OUTPUT;
    }
    pos[0] = p0;
    pos[1] = p1;
    pos[2] = p2;
    pos[3] = p3;
    pos[4] = p4;
    pos[5] = p5;
    pos[6] = p6;
    pos[7] = p7;
    lowpass[0] = q0;
    lowpass[1] = q1;
    lowpass[2] = q2;
    lowpass[3] = q3;
    lowpass[4] = q4;
    lowpass[5] = q5;
    lowpass[6] = q6;
    lowpass[7] = q7;
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
