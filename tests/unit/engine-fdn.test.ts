import { describe, expect, it } from 'vitest';
import { Fdn, type FdnOptions } from '../../src/engine/effects/fdn';

/**
 * The FDN as first written, a loop over its lines: the oracle for the unrolled one (which must give
 * the same samples, bit for bit — the golden audio and every render's hash rest on it).
 */
function referenceFdn(sampleRate: number, o: FdnOptions, input: Float32Array): [Float32Array, Float32Array] {
  const ms = [29.7, 37.1, 41.1, 43.7, 47.9, 53.3, 59.1, 67.3];
  const lengths = ms.map((m) => Math.max(1, Math.round((m * sampleRate) / 1000)));
  const lines = lengths.map((n) => new Float32Array(n));
  const pos = new Int32Array(lengths.length);
  const feedback = Float64Array.from(lengths, (n) => 10 ** ((-3 * n) / (Math.max(0.05, o.decay) * sampleRate)));
  const keep = 1 - Math.min(0.95, Math.max(0, o.damping));
  const pre = new Float32Array(Math.max(1, Math.round(o.predelay * sampleRate)));
  const lowpass = new Float64Array(8);
  const out = new Float64Array(8);
  const left = new Float32Array(input.length);
  const right = new Float32Array(input.length);
  let prePos = 0;
  for (let i = 0; i < input.length; i++) {
    const x = pre[prePos];
    pre[prePos] = input[i];
    prePos = prePos + 1 === pre.length ? 0 : prePos + 1;
    let sum = 0;
    for (let k = 0; k < 8; k++) {
      out[k] = lines[k][pos[k]];
      sum += out[k];
    }
    const mix = (2 / 8) * sum;
    let l = 0;
    let r = 0;
    for (let k = 0; k < 8; k++) {
      const lp = lowpass[k] + keep * ((out[k] - mix) * feedback[k] - lowpass[k]);
      lowpass[k] = lp;
      lines[k][pos[k]] = k % 2 === 0 ? lp + x : lp - x;
      pos[k] = pos[k] + 1 === lines[k].length ? 0 : pos[k] + 1;
      if (k % 2 === 0) l += out[k];
      else r += out[k];
    }
    left[i] += l * 0.16;
    right[i] += r * 0.16;
  }
  return [left, right];
}

/** Noise bursts and silence, processed in blocks of 128 as an AudioWorklet gets them. */
function run(fdn: Fdn, input: Float32Array): [Float32Array, Float32Array] {
  const left = new Float32Array(input.length);
  const right = new Float32Array(input.length);
  for (let at = 0; at < input.length; at += 128) {
    const n = Math.min(128, input.length - at);
    fdn.process(input.subarray(at, at + n), left.subarray(at, at + n), right.subarray(at, at + n), n);
  }
  return [left, right];
}

function signal(frames: number): Float32Array {
  const x = new Float32Array(frames);
  let seed = 12345;
  for (let i = 0; i < frames; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    x[i] = i % 20_000 < 4_000 ? (seed / 2 ** 32) * 2 - 1 : 0;
  }
  return x;
}

describe('Fdn (LightReverb)', () => {
  const options: FdnOptions = { decay: 1.6, damping: 0.4, predelay: 0.012 };
  const input = signal(44_100);

  it('gives the same samples as the loop it was unrolled from, bit for bit', () => {
    const [l, r] = run(new Fdn(44_100, options), input);
    const [refL, refR] = referenceFdn(44_100, options, input);
    expect(l.some((v) => v !== 0)).toBe(true);
    expect(Array.from(l)).toEqual(Array.from(refL));
    expect(Array.from(r)).toEqual(Array.from(refR));
  });

  it('negative control: another damping gives other samples (the comparison can fail)', () => {
    const [l] = run(new Fdn(44_100, { ...options, damping: 0.41 }), input);
    const [refL] = referenceFdn(44_100, options, input);
    expect(Array.from(l)).not.toEqual(Array.from(refL));
  });
});
