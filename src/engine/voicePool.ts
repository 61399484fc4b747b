import type { Keep } from './registry';
import type { Instrument } from './sound';

/** One voice of a track: the gains its notes play through, reused note after note. */
export interface Voice {
  amp: GainNode;
  /** The noise part of a drum hit has its own envelope. */
  noiseAmp?: GainNode;
}

/**
 * The voices of one track, made on first use (a render chunk only builds the few it needs) and
 * then reused note after note; at most the instrument's polyphony of them. Their sum is the track's
 * mono signal, {@link VoicePool.output}.
 *
 * `exact` chains the voices through two-input sums: a browser adds the inputs of one node in no
 * fixed order, and with three or more the float rounding then differs from run to run; two-input
 * sums make the offline render repeat to the last bit. Live, every voice feeds one sum.
 */
export class VoicePool {
  private readonly voices: (Voice | undefined)[] = [];
  private tail: AudioNode | undefined;
  private readonly sum: GainNode | undefined;

  constructor(
    private readonly ctx: BaseAudioContext,
    private readonly instrument: Instrument,
    private readonly keep: Keep,
    exact: boolean,
  ) {
    if (!exact) this.sum = keep(ctx.createGain());
  }

  /** Connects the track's signal to `destination`'s input `input`. Exact pools: once all voices are made. */
  connect(destination: AudioNode, input: number): void {
    const out = this.sum ?? this.tail;
    out?.connect(destination, 0, input);
  }

  /** Voice number `i`. */
  get(i: number): Voice {
    let voice = this.voices[i];
    if (!voice) {
      const amp = this.gain();
      voice = { amp };
      if (this.instrument.kind === 'drums') voice.noiseAmp = this.gain();
      this.voices[i] = voice;
    }
    return voice;
  }

  /** A voice gain, joined to the sum. */
  private gain(): GainNode {
    const amp = this.keep(this.ctx.createGain());
    amp.gain.value = 0;
    if (this.sum) {
      amp.connect(this.sum);
      return amp;
    }
    if (!this.tail) {
      this.tail = amp;
      return amp;
    }
    const link = this.keep(this.ctx.createGain());
    this.tail.connect(link);
    amp.connect(link);
    this.tail = link;
    return amp;
  }
}
