import { BUS, BUS_CHANNELS, MasterBus, type MasterOptions } from './masterBus';

/** How one track goes into the mix: fader gain (linear, 0 = silent), pan, post-fader sends. */
export interface TrackMix {
  gain: number;
  /** −1 (left) to 1 (right). */
  pan: number;
  reverb: number;
  delay: number;
  chorus: number;
}

/** Seconds a mixer change takes to settle (so a fader move never clicks). */
export const MIX_SMOOTHING = 0.01;

/** The gains a track's mono signal gets on its way to each bus channel. */
function busGains(m: TrackMix): Float64Array {
  // Equal-power pan, the law of StereoPannerNode for a mono input.
  const x = ((Math.max(-1, Math.min(1, m.pan)) + 1) * Math.PI) / 4;
  const g = new Float64Array(BUS_CHANNELS);
  g[BUS.dryLeft] = m.gain * Math.cos(x);
  g[BUS.dryRight] = m.gain * Math.sin(x);
  g[BUS.reverb] = m.gain * m.reverb;
  g[BUS.delay] = m.gain * m.delay;
  g[BUS.chorus] = m.gain * m.chorus;
  return g;
}

/**
 * The mixer as streaming DSP: each track arrives as one mono channel (its voices summed) and is
 * faded, panned and sent here, in track order — so the mix is exactly repeatable, and live
 * playback (in the AudioWorklet) and the offline render mix with the same code.
 */
export class Mix {
  private current: Float64Array[];
  private target: Float64Array[];
  private readonly step: number;

  constructor(sampleRate: number, tracks: readonly TrackMix[]) {
    this.current = tracks.map(busGains);
    this.target = this.current.map((g) => g.slice());
    this.step = 1 / Math.max(1, MIX_SMOOTHING * sampleRate);
  }

  /** Changes track `index`'s mix; the change glides in over {@link MIX_SMOOTHING}. */
  set(index: number, mix: TrackMix): void {
    if (index < this.target.length) this.target[index] = busGains(mix);
  }

  /** Adds `frames` samples of the track channels into the bus channels. */
  process(tracks: readonly (Float32Array | undefined)[], bus: Float32Array[], frames: number): void {
    for (let t = 0; t < this.current.length; t++) {
      const input = tracks[t];
      const g = this.current[t];
      const target = this.target[t];
      let moving = false;
      for (let c = 0; c < BUS_CHANNELS; c++) if (g[c] !== target[c]) moving = true;
      if (!input) {
        if (moving) g.set(target);
        continue;
      }
      for (let c = 0; c < BUS_CHANNELS; c++) {
        const out = bus[c];
        if (!moving) {
          const k = g[c];
          if (k !== 0) for (let i = 0; i < frames; i++) out[i] += input[i] * k;
          continue;
        }
        // A linear glide to the target, per sample.
        const delta = (target[c] - g[c]) * this.step;
        let k = g[c];
        for (let i = 0; i < frames; i++) {
          if (Math.abs(target[c] - k) <= Math.abs(delta)) k = target[c];
          else k += delta;
          out[i] += input[i] * k;
        }
        g[c] = k;
      }
    }
  }
}

/** The mixer and the master bus in one: track channels in, stereo out. */
export class MixMaster {
  mix: Mix;
  readonly master: MasterBus;
  private bus: Float32Array[] = [];

  constructor(
    private readonly sampleRate: number,
    tracks: readonly TrackMix[],
    options: MasterOptions,
  ) {
    this.mix = new Mix(sampleRate, tracks);
    this.master = new MasterBus(sampleRate, options);
  }

  /** New tracks (a new piece); the effects keep ringing. */
  setTracks(tracks: readonly TrackMix[]): void {
    this.mix = new Mix(this.sampleRate, tracks);
  }

  /** Samples by which the output lags the input. */
  get latency(): number {
    return this.master.latency;
  }

  process(tracks: readonly (Float32Array | undefined)[], outL: Float32Array, outR: Float32Array, frames: number): void {
    if (this.bus.length === 0 || this.bus[0].length < frames)
      this.bus = Array.from({ length: BUS_CHANNELS }, () => new Float32Array(frames));
    for (const b of this.bus) b.fill(0, 0, frames);
    this.mix.process(tracks, this.bus, frames);
    this.master.process(this.bus, outL, outR, frames);
  }
}
