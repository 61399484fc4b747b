import type { NoiseColour } from './kit';
import { noiseSamples } from './noise';
import { type WaveShape, waveKey, waveSpectrum } from './waves';

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

/** A wave: its shape and the key-tracked low-pass filter baked into it. */
export interface FilteredWave {
  shape: WaveShape;
  /** Cutoff in harmonics of the note. */
  cutoff: number;
  q: number;
}

/**
 * The resources of the built-in instruments in one context — waves and noise buffers — taken from
 * the page-wide cache. One per context (live, or each render chunk); the sound code is the same.
 */
export class InstrumentBank {
  private local: Map<string, PeriodicWave> | undefined;

  private constructor(readonly ctx: BaseAudioContext) {}

  private static readonly banks = new WeakMap<BaseAudioContext, InstrumentBank>();

  /** The bank of `ctx`. */
  static of(ctx: BaseAudioContext): InstrumentBank {
    let bank = InstrumentBank.banks.get(ctx);
    if (!bank) {
      bank = new InstrumentBank(ctx);
      InstrumentBank.banks.set(ctx, bank);
    }
    return bank;
  }

  /** The PeriodicWave of `wave`. */
  wave(wave: FilteredWave): PeriodicWave {
    const key = `${this.ctx.sampleRate}|${waveKey(wave.shape)}|${wave.cutoff}|${wave.q}`;
    const make = (ctx: BaseAudioContext) => {
      const { real, imag } = waveSpectrum(wave.shape, wave.cutoff, wave.q);
      return ctx.createPeriodicWave(real, imag, { disableNormalization: true });
    };
    if (this.local) {
      let w = this.local.get(key);
      if (!w) {
        w = make(this.ctx);
        this.local.set(key, w);
      }
      return w;
    }
    let w = shared.get(key) as PeriodicWave | undefined;
    if (!w) {
      w = make(maker(this.ctx.sampleRate));
      shared.set(key, w);
    }
    return w;
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
