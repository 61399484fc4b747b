import { connectSeries } from 'tone/build/esm/core/context/ToneAudioNode';
import { deepMerge } from 'tone/build/esm/core/util/Defaults';
import { Effect, type EffectOptions } from 'tone/build/esm/effect/Effect';
import { hasWorklets } from '../worklets/load';
import { fdnImpulse } from './fdn';

export interface LightReverbOptions extends EffectOptions {
  /** Seconds for the tail to fall by 60 dB. */
  decay: number;
  /** How much faster the highs die than the lows, 0–0.95. */
  damping: number;
  /** Seconds before the first reflection. */
  preDelay: number;
}

/** Impulse responses by sample rate and settings: made once per page. */
const impulses = new Map<string, AudioBuffer>();

/**
 * Our light reverb as a Tone.js effect (`wet`, `decay`, `damping`, `preDelay`): an eight-line
 * feedback delay network in an AudioWorklet, a few milliseconds per second of audio where Tone's
 * convolution Reverb takes about forty. Where the page has no AudioWorklet (an insecure page),
 * its impulse response — the same room, to −60 dB — plays through a ConvolverNode instead:
 * the same sound, only dearer. Deterministic: every render of a piece gives the same samples.
 */
export class LightReverb extends Effect<LightReverbOptions> {
  readonly name: string = 'LightReverb';
  private readonly node: AudioNode;
  readonly decay: number;

  constructor(options?: Partial<LightReverbOptions>) {
    const o = deepMerge(LightReverb.getDefaults(), options ?? {}) as LightReverbOptions;
    super(o);
    this.decay = o.decay;
    const raw = this.context.rawContext as unknown as BaseAudioContext;
    const settings = { decay: o.decay, damping: o.damping, predelay: o.preDelay };
    if (hasWorklets(raw))
      this.node = new AudioWorkletNode(raw, 'muse-light-reverb', {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        outputChannelCount: [2],
        channelCount: 1,
        channelCountMode: 'explicit',
        processorOptions: settings,
      });
    else {
      const convolver = raw.createConvolver();
      convolver.normalize = false;
      // Mono in (as the worklet's input), the room's two channels out.
      convolver.channelCount = 1;
      convolver.channelCountMode = 'explicit';
      convolver.buffer = impulse(raw.sampleRate, settings);
      this.node = convolver;
    }
    connectSeries(this.effectSend, this.node, this.effectReturn);
  }

  static getDefaults(): LightReverbOptions {
    return Object.assign(Effect.getDefaults(), { wet: 0.3, decay: 2.2, damping: 0.4, preDelay: 0.012 });
  }

  /** Seconds the effect rings after its input stops. */
  get tail(): number {
    return this.decay;
  }

  dispose(): this {
    super.dispose();
    if (this.node instanceof AudioWorkletNode) this.node.port.postMessage('dispose');
    this.node.disconnect();
    return this;
  }
}

function impulse(sampleRate: number, o: { decay: number; damping: number; predelay: number }): AudioBuffer {
  const key = `${sampleRate}|${o.decay}|${o.damping}|${o.predelay}`;
  let buffer = impulses.get(key);
  if (!buffer) {
    const [left, right] = fdnImpulse(sampleRate, o, o.decay + o.predelay);
    // A convolver is mono in, stereo out like the network: it sums the channels (the worklet's input is mono).
    buffer = new AudioBuffer({ length: left.length, sampleRate, numberOfChannels: 2 });
    buffer.copyToChannel(left as Float32Array<ArrayBuffer>, 0);
    buffer.copyToChannel(right as Float32Array<ArrayBuffer>, 1);
    impulses.set(key, buffer);
  }
  return buffer;
}
