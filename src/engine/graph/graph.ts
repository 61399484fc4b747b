import type { Context } from 'tone/build/esm/core/context/Context';
import { connect, connectSeries, type OutputNode } from 'tone/build/esm/core/context/ToneAudioNode';
import type { Bpm, Seconds } from '../../core';
import type { EffectSpec } from '../catalogue';
import { type AnyEffect, alignLfos, makeEffect, retime } from '../effects/factory';
import { type AnyInstrument, makeInstrument } from '../instruments/factory';
import type { SampleLibraries } from '../instruments/samples';
import { SumChain } from '../instruments/sumChain';
import type { SoundSetup, TrackSound } from '../sound';
import { channelGain, channelOf, type MixerState } from './mixer';

/** Seconds a mixer change takes to settle (so a fader move never clicks). */
export const MIX_SMOOTHING = 0.01;

/** One track: its Tone.js instrument, its effect chain, its fader and pan. */
export interface TrackStrip {
  sound: TrackSound;
  instrument: AnyInstrument;
  effects: AnyEffect[];
  /** Between the instrument and its effects: live playback closes it to silence a Tone instrument that cannot take notes back. */
  gate: GainNode;
  fader: GainNode;
  panner: StereoPannerNode;
}

/** Which part of the master chain a graph holds. */
export type MasterPart = 'all' | 'linear';

export interface GraphOptions {
  mixer: MixerState;
  libraries?: SampleLibraries;
  /** The master's effects to build (a render builds the chain up to its first non-linear effect). */
  masterEffects?: EffectSpec[];
}

/**
 * The sound of a piece as Tone.js nodes in one context — the same nodes live and in each render
 * chunk: per track its instrument → its effects → fader → pan, the tracks summed into the master
 * → the master's effects → `output`. The mixer sets the faders (level, mute, solo) and pans.
 */
export class SoundGraph {
  readonly strips: TrackStrip[];
  readonly master: { input: GainNode; volume: GainNode; effects: AnyEffect[]; specs: EffectSpec[] };
  /** The end of the master chain: connect it to the speakers or a render's destination. */
  readonly output: OutputNode;
  private readonly sums: SumChain;

  constructor(
    readonly context: Context,
    readonly sound: SoundSetup,
    options: GraphOptions,
  ) {
    const raw = context.rawContext as unknown as BaseAudioContext;
    const input = raw.createGain();
    const volume = raw.createGain();
    volume.gain.value = 10 ** (sound.master.volume / 20);
    input.connect(volume);
    const specs = options.masterEffects ?? sound.master.effects;
    const made: (AnyEffect | AnyInstrument)[] = [];
    try {
      const masterEffects = specs.map((e) => makeEffect(e, context, sound.tempo));
      made.push(...masterEffects);
      this.master = { input, volume, effects: masterEffects, specs };
      const last = masterEffects.at(-1);
      if (masterEffects.length > 0) connectSeries(volume, ...(masterEffects as never[]));
      this.output = last ?? volume;
      this.sums = new SumChain(raw, input, context.isOffline);
      this.strips = sound.tracks.map((t) => {
        const instrument = makeInstrument(t.voice, context, options.libraries);
        made.push(instrument);
        const effects = t.effects.map((e) => makeEffect(e, context, sound.tempo));
        made.push(...effects);
        const gate = raw.createGain();
        const fader = raw.createGain();
        const panner = raw.createStereoPanner();
        connectSeries(instrument, gate, ...(effects as never[]), fader);
        fader.connect(panner);
        this.sums.join(panner);
        return { sound: t, instrument, effects, gate, fader, panner };
      });
    } catch (e) {
      for (const node of made) node.dispose();
      throw e;
    }
    this.setMix(options.mixer, true);
  }

  /** Connects the end of the master chain to `destination`. */
  connectTo(destination: AudioNode): void {
    connect(this.output, destination);
  }

  /** Applies the mixer: each track's fader (its part's level, the mixer's, mute and solo) and pan. */
  setMix(mixer: MixerState, now = false): void {
    const ids = this.strips.map((s) => s.sound.id);
    const raw = this.context.rawContext as unknown as BaseAudioContext;
    for (const s of this.strips) {
      const gain = channelGain(mixer, s.sound.id, ids) * 10 ** (s.sound.volume / 20);
      const pan = channelOf(mixer, s.sound.id).pan ?? s.sound.pan;
      if (now) {
        s.fader.gain.value = gain;
        s.panner.pan.value = pan;
      } else {
        s.fader.gain.setTargetAtTime(gain, raw.currentTime, MIX_SMOOTHING / 3);
        s.panner.pan.setTargetAtTime(pan, raw.currentTime, MIX_SMOOTHING / 3);
      }
    }
  }

  /** Follows a tempo change: echoes and LFO rates given as note values. */
  setTempo(bpm: Bpm): void {
    for (const s of this.strips)
      s.effects.forEach((e, i) => {
        retime(e, s.sound.effects[i], bpm);
      });
    this.master.effects.forEach((e, i) => {
      retime(e, this.master.specs[i], bpm);
    });
  }

  /** A render chunk starting at `origin` on the piece's clock: LFOs turned there, per-note variation seeded. */
  startAt(origin: Seconds): void {
    for (const s of this.strips) {
      for (const e of s.effects) alignLfos(e, origin);
      (s.instrument as { origin?: number }).origin = origin;
    }
    for (const e of this.master.effects) alignLfos(e, origin);
  }

  /** Tone.js nodes and native nodes the graph holds (instruments count their own notes). */
  get nodeCount(): number {
    let count = 2 + this.master.effects.length + this.sums.nodes;
    for (const s of this.strips)
      count += 4 + s.effects.length + ((s.instrument as { nodeCount?: number }).nodeCount ?? 0);
    return count;
  }

  dispose(): void {
    for (const s of this.strips) {
      s.instrument.dispose();
      for (const e of s.effects) e.dispose();
      s.gate.disconnect();
      s.fader.disconnect();
      s.panner.disconnect();
    }
    for (const e of this.master.effects) e.dispose();
    this.sums.dispose();
    this.master.input.disconnect();
    this.master.volume.disconnect();
  }
}
