import { createRng, hashString } from '../../core';
import type { NoiseColour } from './kit';

/** Seconds of each noise: longer than the longest hit, so a hit never runs off its end. */
export const NOISE_SECONDS = 2.5;

type FilterKind = 'lowpass' | 'highpass' | 'bandpass';

/** A biquad (RBJ cookbook) run over `x` in place. */
function biquad(x: Float32Array, kind: FilterKind, hz: number, q: number, sampleRate: number): void {
  const w = (2 * Math.PI * Math.min(hz, sampleRate * 0.45)) / sampleRate;
  const alpha = Math.sin(w) / (2 * q);
  const cos = Math.cos(w);
  const b =
    kind === 'lowpass'
      ? [(1 - cos) / 2, 1 - cos, (1 - cos) / 2]
      : kind === 'highpass'
        ? [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        : [alpha, 0, -alpha];
  const a0 = 1 + alpha;
  const [b0, b1, b2] = b.map((v) => v / a0);
  const a1 = (-2 * cos) / a0;
  const a2 = (1 - alpha) / a0;
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const y = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x[i];
    y2 = y1;
    y1 = y;
    x[i] = y;
  }
}

const SHAPES: Record<NoiseColour, [FilterKind, number, number][]> = {
  click: [['highpass', 1800, 0.7]],
  snare: [
    ['highpass', 900, 0.7],
    ['lowpass', 9000, 0.7],
  ],
  clap: [['bandpass', 1300, 1.6]],
  hat: [
    ['highpass', 7200, 0.9],
    ['highpass', 7200, 0.9],
  ],
  cymbal: [
    ['highpass', 4200, 0.7],
    ['bandpass', 8000, 0.6],
  ],
  shaker: [['highpass', 5500, 0.8]],
  // The air of a flute: a soft band around 2–3 kHz.
  breath: [
    ['bandpass', 2400, 0.9],
    ['lowpass', 6000, 0.7],
  ],
};

/**
 * White noise from a seeded generator, shaped by fixed filters and scaled to a peak of 1: the same
 * samples on every run, in live playback and in the offline render.
 */
export function noiseSamples(colour: NoiseColour, sampleRate: number): Float32Array {
  const rng = createRng(hashString(`noise:${colour}`));
  const x = new Float32Array(Math.ceil(NOISE_SECONDS * sampleRate));
  for (let i = 0; i < x.length; i++) x[i] = rng.next() * 2 - 1;
  for (const [kind, hz, q] of SHAPES[colour]) biquad(x, kind, hz, q, sampleRate);
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  const scale = peak > 0 ? 1 / peak : 1;
  for (let i = 0; i < x.length; i++) x[i] *= scale;
  return x;
}
