/**
 * Our AudioWorklet processors, one module: "muse-light-reverb" runs the feedback-delay network of
 * LightReverb (fdn.ts). Loaded by worklets.ts into the live context and into each render chunk;
 * runs in the AudioWorkletGlobalScope.
 */
import { Fdn, type FdnOptions } from '../effects/fdn';

declare const sampleRate: number;
declare function registerProcessor(name: string, processor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: unknown);
}

class LightReverbProcessor extends AudioWorkletProcessor {
  private readonly fdn: Fdn;
  private silence = new Float32Array(128);
  private alive = true;

  constructor(init: { processorOptions: Partial<FdnOptions> }) {
    super(init);
    this.fdn = new Fdn(sampleRate, init.processorOptions);
    this.port.onmessage = () => {
      this.alive = false;
    };
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const [left, right] = outputs[0];
    const input = inputs[0]?.[0] ?? this.silence;
    if (input.length > this.silence.length) this.silence = new Float32Array(input.length);
    left.fill(0);
    right?.fill(0);
    this.fdn.process(input, left, right ?? left, left.length);
    return this.alive;
  }
}

registerProcessor('muse-light-reverb', LightReverbProcessor);
