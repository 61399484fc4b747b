/**
 * The mix and master bus as an AudioWorklet processor ("muse-master"): the same MixMaster code the
 * offline render runs, so live playback has the same faders, pans, sends, reverb, echo, chorus and
 * limiter. Its input has a channel per track. Loaded by liveMaster.ts; runs in the AudioWorkletGlobalScope.
 */
import { type MasterOptions, MixMaster, type TrackMix } from './master';

declare const sampleRate: number;
declare function registerProcessor(name: string, processor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: unknown);
}

/** What the processor starts with. */
export interface MasterInit {
  tracks: TrackMix[];
  master: MasterOptions;
}

/** What the processor reports, about ten times a second: the output's peak and RMS since the last report. */
export interface LevelMessage {
  type: 'level';
  peak: number;
  rms: number;
}

/** Messages the processor understands. */
export type MasterMessage =
  | { type: 'load'; init: MasterInit }
  | { type: 'mix'; track: number; mix: TrackMix }
  | { type: 'delayTime'; seconds: number };

class MuseMaster extends AudioWorkletProcessor {
  private bus: MixMaster;
  private master: string;
  private peak = 0;
  private energy = 0;
  private frames = 0;

  constructor(init: { processorOptions: MasterInit }) {
    super(init);
    const o = init.processorOptions;
    this.master = effects(o.master);
    this.bus = new MixMaster(sampleRate, o.tracks, o.master);
    this.port.onmessage = (e: MessageEvent<MasterMessage>) => {
      const m = e.data;
      if (m.type === 'delayTime') this.bus.master.setDelayTime(m.seconds);
      else if (m.type === 'mix') this.bus.mix.set(m.track, m.mix);
      else this.load(m.init);
    };
  }

  /** A new piece: new tracks; the effects are kept (their tails ring on) unless their settings changed. */
  private load(init: MasterInit): void {
    const master = effects(init.master);
    if (master === this.master) {
      this.bus.setTracks(init.tracks);
      this.bus.master.setDelayTime(init.master.delayTime);
    } else this.bus = new MixMaster(sampleRate, init.tracks, init.master);
    this.master = master;
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const input = inputs[0] ?? [];
    const [left, right] = outputs[0];
    this.bus.process(input, left, right ?? left, left.length);
    this.meter(left, right ?? left);
    return true;
  }

  private meter(left: Float32Array, right: Float32Array): void {
    for (let i = 0; i < left.length; i++) {
      const l = Math.abs(left[i]);
      const r = Math.abs(right[i]);
      this.peak = Math.max(this.peak, l, r);
      this.energy += (l * l + r * r) / 2;
    }
    this.frames += left.length;
    if (this.frames < sampleRate / 10) return;
    const m: LevelMessage = { type: 'level', peak: this.peak, rms: Math.sqrt(this.energy / this.frames) };
    this.port.postMessage(m);
    this.peak = 0;
    this.energy = 0;
    this.frames = 0;
  }
}

/** The effect settings that need a new master bus when they change (not the echo time). */
function effects(o: MasterOptions): string {
  return JSON.stringify({ ...o, delayTime: 0 });
}

registerProcessor('muse-master', MuseMaster);
