import { connect, type InputNode } from 'tone/build/esm/core/context/ToneAudioNode';
import type { Seconds, Time } from 'tone/build/esm/core/type/Units';
import { deepMerge } from 'tone/build/esm/core/util/Defaults';
import { Instrument, type InstrumentOptions } from 'tone/build/esm/instrument/Instrument';
import { chooseVoice, type VoiceState } from './allocator';
import { Polyphonic } from './polyphonic';
import { SumChain } from './sumChain';

/** One stock voice: a monophonic Tone.js instrument (Synth, FMSynth, PluckSynth, NoiseSynth…). */
export interface StockVoice {
  triggerAttack(note: unknown, time?: unknown, velocity?: unknown): unknown;
  triggerRelease(time?: unknown): unknown;
  connect(destination: unknown): unknown;
  dispose(): unknown;
}

export interface ToneVoicesOptions extends InstrumentOptions {
  /** Most voices (instances of the instrument) at once. */
  maxPolyphony: number;
  /** Makes one voice in the context (the Tone instrument with the preset's options). */
  make: () => StockVoice;
  /** Seconds a voice rings after its note-off (its envelope's release). */
  release: Seconds;
  /** The voice takes no pitch (NoiseSynth): `triggerAttack(time, velocity)`. */
  unpitched: boolean;
}

/** A voice is disposed this long after its note has rung out (past the −60 dB its release is counted to). */
const IDLE_MARGIN: Seconds = 0.05;

/**
 * A stock monophonic Tone.js instrument played polyphonically, as a PolySynth does — but with
 * every note scheduled at once, at its time, on a voice chosen as our own instruments choose
 * (free, same pitch, else the oldest), rather than through Tone's clock: so a render chunk renders
 * without ticking Tone's timeline, and live playback and a render choose the same voices. Voices
 * are made on first use.
 */
export class ToneVoices extends Polyphonic<ToneVoicesOptions> {
  readonly name: string = 'ToneVoices';
  private readonly voices: (StockVoice | undefined)[] = [];
  /** Where each voice joins the sum (a voice made again joins there). */
  private readonly inputs: InputNode[] = [];
  private readonly states: VoiceState[] = [];
  private readonly sums: SumChain;
  private readonly options: ToneVoicesOptions;

  constructor(options: Partial<ToneVoicesOptions>) {
    const o = deepMerge(ToneVoices.getDefaults(), options) as ToneVoicesOptions;
    super(o);
    this.options = o;
    this.sums = new SumChain(
      this.context.rawContext as unknown as BaseAudioContext,
      this.output as never,
      this.context.isOffline,
    );
  }

  static getDefaults(): ToneVoicesOptions {
    return Object.assign(Instrument.getDefaults(), {
      maxPolyphony: 16,
      make: () => {
        throw new Error('ToneVoices needs a voice maker');
      },
      release: 1,
      unpitched: false,
    });
  }

  protected releaseHeld(frequency: number, at: Seconds): void {
    const v = this.states.findIndex((s) => s && !s.released && s.frequency === frequency && s.start <= at);
    if (v >= 0) this.release(v, at);
  }

  releaseAll(time?: Time): this {
    const at = this.toSeconds(time);
    this.states.forEach((s, v) => {
      if (s && s.end > at) this.release(v, Math.max(at, s.start));
    });
    return this;
  }

  /** Voices in being. */
  get voiceCount(): number {
    return this.voices.filter((v) => v !== undefined).length;
  }

  /**
   * Disposes the voices silent since before `now` (their note released and rung out): a stock
   * voice keeps a dozen nodes running (signals for its frequency, detune, envelope), processed
   * every block whether it sounds or not. A render calls this as it goes; a voice is made again,
   * fresh, when the allocator next gives a note to it — as a free voice it would start from
   * silence anyway.
   */
  sweep(now: Seconds): void {
    this.voices.forEach((voice, v) => {
      const s = this.states[v];
      if (voice && s && s.end + IDLE_MARGIN < now) {
        voice.dispose();
        this.voices[v] = undefined;
      }
    });
  }

  dispose(): this {
    for (const v of this.voices) v?.dispose();
    this.sums.dispose();
    super.dispose();
    return this;
  }

  protected play(frequency: number, at: Seconds, off: Seconds, velocity: number): void {
    const choice = chooseVoice(this.states, at, frequency, this.options.maxPolyphony);
    const v = choice.voice;
    const voice = this.voice(v);
    if (this.options.unpitched) voice.triggerAttack(at, velocity);
    else voice.triggerAttack(frequency, at, velocity);
    const released = Number.isFinite(off);
    if (released) voice.triggerRelease(off);
    this.states[v] = {
      start: at,
      end: released ? off + this.options.release : Number.POSITIVE_INFINITY,
      frequency,
      released,
    };
    for (const c of choice.cuts) if (c !== v && this.states[c]) this.release(c, at);
  }

  private release(v: number, at: Seconds): void {
    this.voices[v]?.triggerRelease(at);
    const s = this.states[v];
    this.states[v] = { ...s, end: Math.min(s.end, at + this.options.release), released: true };
  }

  private voice(i: number): StockVoice {
    let voice = this.voices[i];
    if (!voice) {
      voice = this.options.make();
      if (this.inputs[i]) connect(voice as never, this.inputs[i]);
      else this.inputs[i] = this.sums.join(voice as never);
      this.voices[i] = voice;
    }
    return voice;
  }
}
