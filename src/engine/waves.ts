import type { OscillatorShape } from './voice';

/** Harmonics of a periodic wave for `PeriodicWave`: `real[n]` cosine and `imag[n]` sine terms of harmonic n. */
export interface Spectrum {
  real: Float32Array;
  imag: Float32Array;
}

/** Harmonics computed per wave: enough for a bright low note; the browser band-limits per octave. */
export const HARMONICS = 64;

/** Bessel function of the first kind, J_k(x), by its series (small x and k only). */
function besselJ(k: number, x: number): number {
  const order = Math.abs(k);
  let term = (x / 2) ** order;
  for (let i = 1; i <= order; i++) term /= i;
  let sum = 0;
  for (let s = 0; s < 30; s++) {
    sum += term;
    term *= -(x * x) / 4 / ((s + 1) * (s + 1 + order));
  }
  return k < 0 && order % 2 === 1 ? -sum : sum;
}

/** Sine amplitudes of the plain shapes, peak about 1 like the browser's own oscillators. */
function baseSine(shape: OscillatorShape['shape'], n: number): { cos: number; sin: number } {
  switch (shape) {
    case 'sine':
      return { cos: 0, sin: n === 1 ? 1 : 0 };
    case 'sawtooth':
      return { cos: 0, sin: ((n % 2 === 1 ? 1 : -1) * 2) / (Math.PI * n) };
    case 'square':
      return { cos: 0, sin: n % 2 === 1 ? 4 / (Math.PI * n) : 0 };
    case 'triangle':
      return { cos: 0, sin: n % 2 === 1 ? ((((n - 1) / 2) % 2 === 0 ? 1 : -1) * 8) / (Math.PI * Math.PI * n * n) : 0 };
    case 'pulse':
      // A 20 % pulse, centred: cosine terms only.
      return { cos: (2 * Math.sin(Math.PI * n * 0.2)) / (Math.PI * n), sin: 0 };
  }
}

/**
 * The spectrum of an oscillator through a key-tracked low-pass filter: the filter's magnitude at
 * each harmonic scales it, so one `PeriodicWave` per instrument replaces a filter per note.
 * `am…` shapes are multiplied by (1 + ½·sin 2ωt)/1.5, `fm…` shapes are sin(ωt + 1.5·sin ωt).
 *
 * @param cutoff cutoff frequency in harmonics of the note
 * @param q resonance of the filter
 */
export function waveSpectrum(shape: OscillatorShape, cutoff: number, q: number): Spectrum {
  const n = HARMONICS;
  const cos = new Float64Array(n + 1);
  const sin = new Float64Array(n + 1);
  if (shape.modulation === 'fm') {
    for (let k = -n; k <= n; k++) {
      const h = 1 + k;
      const j = besselJ(k, 1.5);
      if (h > 0 && h <= n) sin[h] += j;
      else if (h < 0 && -h <= n) sin[-h] -= j;
    }
  } else {
    for (let h = 1; h <= n; h++) {
      const b = baseSine(shape.shape, h);
      cos[h] = b.cos;
      sin[h] = b.sin;
    }
  }
  if (shape.modulation === 'am') {
    // x·(1 + m·sin 2ωt): sin a·sin b = (cos(a−b) − cos(a+b))/2, cos a·sin b = (sin(a+b) − sin(a−b))/2.
    const m = 0.5;
    const c2 = new Float64Array(n + 1);
    const s2 = new Float64Array(n + 1);
    const add = (h: number, c: number, s: number) => {
      if (h === 0) return;
      if (h < 0) {
        h = -h;
        s = -s;
      }
      if (h > n) return;
      c2[h] += c;
      s2[h] += s;
    };
    for (let h = 1; h <= n; h++) {
      add(h, cos[h], sin[h]);
      add(h - 2, (sin[h] * m) / 2, (-cos[h] * m) / 2);
      add(h + 2, (-sin[h] * m) / 2, (cos[h] * m) / 2);
    }
    for (let h = 1; h <= n; h++) {
      cos[h] = c2[h] / (1 + m);
      sin[h] = s2[h] / (1 + m);
    }
  }
  const real = new Float32Array(n + 1);
  const imag = new Float32Array(n + 1);
  for (let h = 1; h <= n; h++) {
    const x = h / cutoff;
    const gain = 1 / Math.sqrt((1 - x * x) ** 2 + (x / q) ** 2);
    real[h] = cos[h] * gain;
    imag[h] = sin[h] * gain;
  }
  return { real, imag };
}
