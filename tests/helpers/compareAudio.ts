/**
 * Comparing renders with stored references, in the manner of Tone.js's own tests
 * (test/helper/compare: `CompareToFile`, `compareSpectra`): both signals become spectrograms
 * (Blackman–Harris windows of 1024 samples every 64) and the difference is measured over them — so
 * a change of sound is caught while the last bits of float rounding are not. Here the difference
 * is relative: ‖A − B‖ / ‖B‖ over every bin of every frame. Also WAV read/write for the references,
 * and band energies for "is this instrument heard" checks. Node only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pcm16, wavHeader } from '../../src/engine/wav';

/** In-place radix-2 FFT of `re`/`im` (length a power of two). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len)
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const ar = re[i + k + len / 2];
        const ai = im[i + k + len / 2];
        const tr = ar * wr - ai * wi;
        const ti = ar * wi + ai * wr;
        re[i + k + len / 2] = re[i + k] - tr;
        im[i + k + len / 2] = im[i + k] - ti;
        re[i + k] += tr;
        im[i + k] += ti;
      }
  }
}

/** Magnitude spectra of `x` (Blackman–Harris windows of `size`, every `hop` samples). */
export function spectrogram(x: Float32Array, size = 1024, hop = 64): Float64Array[] {
  const window = Float64Array.from({ length: size }, (_, i) => {
    const a = (2 * Math.PI * i) / (size - 1);
    return 0.35875 - 0.48829 * Math.cos(a) + 0.14128 * Math.cos(2 * a) - 0.01168 * Math.cos(3 * a);
  });
  const frames: Float64Array[] = [];
  for (let at = 0; at + size <= x.length; at += hop) {
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    for (let i = 0; i < size; i++) re[i] = x[at + i] * window[i];
    fft(re, im);
    frames.push(Float64Array.from({ length: size / 2 }, (_, k) => Math.hypot(re[k], im[k])));
  }
  return frames;
}

/** The relative spectral difference of `a` from the reference `b`: 0 is the same sound. */
export function compareSpectra(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  const sa = spectrogram(a);
  const sb = spectrogram(b);
  let diff = 0;
  let ref = 0;
  for (let f = 0; f < sb.length; f++)
    for (let k = 0; k < sb[f].length; k++) {
      diff += (sa[f][k] - sb[f][k]) ** 2;
      ref += sb[f][k] ** 2;
    }
  return Math.sqrt(diff / Math.max(ref, 1e-30));
}

/** Energy of `x` between `low` and `high` Hz, as a share of all its energy. */
export function bandShare(x: Float32Array, sampleRate: number, low: number, high: number): number {
  let band = 0;
  let all = 0;
  for (const frame of spectrogram(x, 4096, 2048))
    frame.forEach((m, k) => {
      const hz = (k * sampleRate) / 4096;
      all += m * m;
      if (hz >= low && hz < high) band += m * m;
    });
  return all > 0 ? band / all : 0;
}

/** The spectrum of `x`'s amplitude envelope (RMS per `step` samples): where a tremolo shows. */
export function envelopeSpectrum(x: Float32Array, sampleRate: number, step = 441): { hz: number; level: number }[] {
  const env: number[] = [];
  for (let at = 0; at + step <= x.length; at += step) {
    let s = 0;
    for (let i = at; i < at + step; i++) s += x[i] * x[i];
    env.push(Math.sqrt(s / step));
  }
  const mean = env.reduce((a, b) => a + b, 0) / env.length;
  let n = 1;
  while (n < env.length) n <<= 1;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  env.forEach((v, i) => {
    re[i] = v - mean;
  });
  fft(re, im);
  const rate = sampleRate / step;
  return Array.from({ length: n / 2 }, (_, k) => ({ hz: (k * rate) / n, level: Math.hypot(re[k], im[k]) }));
}

/** Writes mono float samples as a 16-bit WAV file. */
export function writeWav(path: string, x: Float32Array, sampleRate: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.concat([wavHeader(x.length, sampleRate, 1), pcm16([x], x.length)]));
}

/** Reads a mono 16-bit WAV file written by {@link writeWav}. */
export function readWav(path: string): { samples: Float32Array; sampleRate: number } | undefined {
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sampleRate = view.getUint32(24, true);
  const frames = view.getUint32(40, true) / 2;
  const samples = new Float32Array(frames);
  for (let i = 0; i < frames; i++) samples[i] = view.getInt16(44 + 2 * i, true) / 32767;
  return { samples, sampleRate };
}
