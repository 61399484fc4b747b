import type { NoiseColour } from './drumKit';
import { noiseSamples } from './noise';
import { type OscillatorShape, oscillatorShape, type ToneOptions } from './voice';
import { waveSpectrum } from './waves';

/** Brightness steps by velocity: each is one PeriodicWave per instrument and context. */
export const BRIGHTNESS_STEPS = 3;

/**
 * Waves and noise buffers, made once per sample rate for the whole page: making a PeriodicWave
 * costs milliseconds (the browser builds its band-limited tables), too much to repeat in every
 * render chunk. AudioBuffers may be shared between contexts by the standard; a PeriodicWave made in
 * one context plays in another in Chromium — where a browser refuses, the bank makes its own.
 */
const shared = new Map<string, PeriodicWave | AudioBuffer>();
const makers = new Map<number, BaseAudioContext>();

function maker(sampleRate: number): BaseAudioContext {
  let ctx = makers.get(sampleRate);
  if (!ctx) {
    ctx = new OfflineAudioContext(1, 128, sampleRate);
    makers.set(sampleRate, ctx);
  }
  return ctx;
}

/** The key of a wave: its shape, its filter. */
interface WaveSpec {
  shape: OscillatorShape;
  cutoff: number;
  q: number;
}

/**
 * The resources of the instruments in one context — waves and noise buffers — taken from the
 * page-wide cache. One per AudioContext (live) or per render chunk (offline); the sound code below
 * is the same for both.
 */
export class InstrumentBank {
  private local: Map<string, PeriodicWave> | undefined;

  constructor(readonly ctx: BaseAudioContext) {}

  /** The wave of `tone` at `velocity` (softer notes are darker, in {@link BRIGHTNESS_STEPS}). */
  toneWave(tone: ToneOptions, velocity: number): PeriodicWave {
    const step = Math.round((velocity / 127) * (BRIGHTNESS_STEPS - 1));
    const shape = oscillatorShape(tone.oscillator);
    if (tone.type === 'am') shape.modulation = 'am';
    const dark = 1 - tone.velocityToBrightness * (1 - step / (BRIGHTNESS_STEPS - 1));
    return this.wave({ shape, cutoff: Math.max(1, tone.brightness * dark), q: tone.resonance });
  }

  /** A plain wave (the drum kit's tones). */
  plainWave(shape: OscillatorShape['shape']): PeriodicWave {
    return this.wave({ shape: { shape, fat: false }, cutoff: 1e6, q: Math.SQRT1_2 });
  }

  private wave(spec: WaveSpec): PeriodicWave {
    const key = `${this.ctx.sampleRate}|${spec.shape.shape}|${spec.shape.modulation}|${spec.cutoff}|${spec.q}`;
    const make = (ctx: BaseAudioContext) => {
      const { real, imag } = waveSpectrum(spec.shape, spec.cutoff, spec.q);
      return ctx.createPeriodicWave(real, imag, { disableNormalization: true });
    };
    if (this.local) {
      let wave = this.local.get(key);
      if (!wave) {
        wave = make(this.ctx);
        this.local.set(key, wave);
      }
      return wave;
    }
    let wave = shared.get(key) as PeriodicWave | undefined;
    if (!wave) {
      wave = make(maker(this.ctx.sampleRate));
      shared.set(key, wave);
    }
    return wave;
  }

  /** Sets `wave` on `osc`, making a wave of this context's own if the browser refuses a shared one. */
  setWave(osc: OscillatorNode, wave: () => PeriodicWave): void {
    try {
      osc.setPeriodicWave(wave());
    } catch {
      this.local ??= new Map();
      osc.setPeriodicWave(wave());
    }
  }

  noise(colour: NoiseColour): AudioBuffer {
    const sr = this.ctx.sampleRate;
    const key = `${sr}|noise|${colour}`;
    let buffer = shared.get(key) as AudioBuffer | undefined;
    if (!buffer) {
      const data = noiseSamples(colour, sr);
      buffer = new AudioBuffer({ length: data.length, sampleRate: sr, numberOfChannels: 1 });
      buffer.copyToChannel(data as Float32Array<ArrayBuffer>, 0);
      shared.set(key, buffer);
    }
    return buffer;
  }
}
