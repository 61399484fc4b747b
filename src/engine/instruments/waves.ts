/** Harmonics of a periodic wave for `PeriodicWave`: `real[n]` cosine and `imag[n]` sine terms of harmonic n. */
export interface Spectrum {
  real: Float32Array;
  imag: Float32Array;
}

/** Harmonics computed per wave: enough for a bright low note; the browser band-limits per octave. */
export const HARMONICS = 64;

/** The plain shapes of Tone.js's oscillators. */
export const BASE_SHAPES = ['sine', 'triangle', 'square', 'sawtooth'] as const;
export type BaseShape = (typeof BASE_SHAPES)[number];

/**
 * One period of an oscillator as Tone.js names it: a plain shape (or a pulse of `width`, or the
 * `partials` of a custom wave), optionally amplitude- or frequency-modulated by a second shape at a
 * whole-number `harmonicity` — the static `am…`/`fm…` oscillators of Tone.js, which repeat every
 * period of the note and so fit in one PeriodicWave.
 */
export interface WaveShape {
  shape: BaseShape | 'pulse' | 'custom';
  /** Pulse width, 0–1 (Tone's PulseOscillator: 0 is a square). */
  width?: number;
  /** Sine amplitudes of harmonics 1, 2, … (Tone's `partials`; also limits a plain shape to that many). */
  partials?: readonly number[];
  modulation?: {
    kind: 'am' | 'fm';
    shape: BaseShape;
    /** Modulator frequency over the note's, a whole number here. */
    harmonicity: number;
    /** Frequency deviation over the note's frequency (FM only, Tone's `modulationIndex`). */
    index: number;
  };
}

/** Sine and cosine amplitudes of harmonic n of a plain shape, as Tone.js builds its waves. */
function plain(shape: WaveShape['shape'], n: number, width: number): { cos: number; sin: number } {
  switch (shape) {
    case 'sine':
      return { cos: 0, sin: n === 1 ? 1 : 0 };
    case 'sawtooth':
      return { cos: 0, sin: ((n % 2 === 1 ? 1 : -1) * 2) / (Math.PI * n) };
    case 'square':
      return { cos: 0, sin: n % 2 === 1 ? 4 / (Math.PI * n) : 0 };
    case 'triangle':
      return { cos: 0, sin: n % 2 === 1 ? ((((n - 1) / 2) % 2 === 0 ? 1 : -1) * 8) / (Math.PI * Math.PI * n * n) : 0 };
    case 'pulse': {
      // ±1, high for (1 + width)/2 of the period (width 0 is a square), centred: cosine terms only.
      const duty = (1 + width) / 2;
      return { cos: (4 * Math.sin(Math.PI * n * duty)) / (Math.PI * n), sin: 0 };
    }
    case 'custom':
      return { cos: 0, sin: 0 };
  }
}

/** One period of a plain shape sampled at `n` points (for the modulated waves). */
function periodOf(shape: BaseShape, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = i / n;
    x[i] =
      shape === 'sine'
        ? Math.sin(2 * Math.PI * p)
        : shape === 'square'
          ? p < 0.5
            ? 1
            : -1
          : shape === 'sawtooth'
            ? p < 0.5
              ? 2 * p
              : 2 * p - 2
            : p < 0.25
              ? 4 * p
              : p < 0.75
                ? 2 - 4 * p
                : 4 * p - 4;
  }
  return x;
}

/** Points per period when a modulated wave is computed in time and analysed. */
const POINTS = 4096;

/** The harmonics of a modulated wave: sampled over one period, then analysed term by term. */
function modulated(shape: WaveShape, cos: Float64Array, sin: Float64Array): void {
  const m = shape.modulation!;
  const carrier = shape.shape === 'custom' || shape.shape === 'pulse' ? 'sine' : shape.shape;
  const mod = periodOf(m.shape, POINTS);
  const car = periodOf(carrier, POINTS);
  const x = new Float64Array(POINTS);
  const h = Math.max(1, Math.round(m.harmonicity));
  if (m.kind === 'am') {
    // Tone's AMOscillator: the carrier times the modulator scaled from −1…1 to 0…1.
    for (let i = 0; i < POINTS; i++) x[i] = car[i] * ((mod[(i * h) % POINTS] + 1) / 2);
  } else {
    // Tone's FMOscillator: the frequency swings by index × the note's frequency; the phase integrates it.
    let phase = 0;
    for (let i = 0; i < POINTS; i++) {
      const p = phase - Math.floor(phase);
      x[i] = carrier === 'sine' ? Math.sin(2 * Math.PI * p) : car[Math.floor(p * POINTS)];
      phase += (1 + m.index * mod[(i * h) % POINTS]) / POINTS;
    }
  }
  for (let k = 1; k <= HARMONICS; k++) {
    let c = 0;
    let s = 0;
    for (let i = 0; i < POINTS; i++) {
      const w = (2 * Math.PI * k * i) / POINTS;
      c += x[i] * Math.cos(w);
      s += x[i] * Math.sin(w);
    }
    cos[k] = (2 * c) / POINTS;
    sin[k] = (2 * s) / POINTS;
  }
}

/**
 * The spectrum of an oscillator through a key-tracked low-pass filter: the filter's magnitude at
 * each harmonic scales it, so one `PeriodicWave` per instrument replaces a filter per note.
 *
 * @param cutoff cutoff frequency in harmonics of the note
 * @param q resonance of the filter
 */
export function waveSpectrum(shape: WaveShape, cutoff: number, q: number): Spectrum {
  const n = HARMONICS;
  const cos = new Float64Array(n + 1);
  const sin = new Float64Array(n + 1);
  if (shape.modulation) modulated(shape, cos, sin);
  else if (shape.shape === 'custom' || shape.partials) {
    const partials = shape.partials ?? [];
    for (let h = 1; h <= n; h++) {
      if (shape.shape === 'custom') sin[h] = partials[h - 1] ?? 0;
      else if (h <= partials.length) {
        const b = plain(shape.shape, h, shape.width ?? 0);
        cos[h] = b.cos;
        sin[h] = b.sin;
      }
    }
  } else
    for (let h = 1; h <= n; h++) {
      const b = plain(shape.shape, h, shape.width ?? 0);
      cos[h] = b.cos;
      sin[h] = b.sin;
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

/** A key for caching the wave of `shape`. */
export function waveKey(shape: WaveShape): string {
  return JSON.stringify(shape);
}
