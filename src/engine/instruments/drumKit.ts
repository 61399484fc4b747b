import { ftom } from 'tone/build/esm/core/type/Conversions';
import { deepMerge } from 'tone/build/esm/core/util/Defaults';
import type { RecursivePartial } from 'tone/build/esm/core/util/Interface';
import type { Seconds } from '../../core';
import { automate, FADE, hitEvents } from './envelope';
import { drumHit, hitLength } from './kit';
import { NOISE_SECONDS } from './noise';
import { type NoteStart, type Sounding, type Voice, VoiceInstrument, type VoiceInstrumentOptions } from './voices';

export interface DrumKitOptions extends VoiceInstrumentOptions {
  /** Semitones by which the pitched parts of the hits (kick, toms, bells) are tuned. */
  tune: number;
  /** How long the hits ring, as a share of their natural length (0.25–4). */
  decay: number;
}

/**
 * The General MIDI drum kit (notes 35–81: kick, snares, toms, hi-hats, cymbals, hand drums…) as a
 * Tone.js instrument, all synthesized: a gliding tone and a stretch of filtered noise per hit,
 * each with its own decay. Play it with the MIDI note's frequency (`triggerAttack(36 → "C2")`);
 * hits ring their natural length (a note-off does not damp them, as on a drum machine), a closed
 * hi-hat chokes an open one, and `releaseAll` damps everything.
 *
 * @example
 * const kit = new DrumKit({ volume: -6 }).toDestination();
 * kit.triggerAttack('C2'); // kick (MIDI 36)
 */
export class DrumKit extends VoiceInstrument<DrumKitOptions> {
  readonly name: string = 'DrumKit';

  constructor(options: RecursivePartial<DrumKitOptions> = {}) {
    super(deepMerge(DrumKit.getDefaults(), options) as DrumKitOptions);
  }

  static getDefaults(): DrumKitOptions {
    return { ...VoiceInstrument.getDefaults(), maxPolyphony: 10, tune: 0, decay: 1 };
  }

  /** How long the hit of MIDI note `pitch` rings. */
  ringOf(pitch: number): Seconds {
    return hitLength(drumHit(pitch)) * this.options.decay;
  }

  protected get twoGains(): boolean {
    return true;
  }

  protected chokeGroup(frequency: number): number | undefined {
    return drumHit(ftom(frequency)).choke;
  }

  protected startNote(voice: Voice, note: NoteStart): Omit<Sounding, 'voice' | 'released'> {
    const ctx = this.raw;
    const pitch = ftom(note.frequency);
    const hit = drumHit(pitch);
    const stretch = this.options.decay;
    const ratio = 2 ** (this.options.tune / 12);
    const sources: AudioScheduledSourceNode[] = [];
    const automation: Sounding['automation'] = [];
    let end = note.start;
    if (hit.tone) {
      const t = hit.tone;
      const shape = hitEvents(note.start, t.decay * stretch, t.level * note.velocity);
      automate(voice.amp.gain, shape.events);
      automation.push({ param: voice.amp.gain, events: shape.events });
      const osc = ctx.createOscillator();
      this.bank.setWave(osc, () => this.bank.wave({ shape: { shape: t.shape }, cutoff: 1e6, q: Math.SQRT1_2 }));
      osc.frequency.setValueAtTime(t.from * ratio, note.start);
      if (t.to !== t.from) osc.frequency.exponentialRampToValueAtTime(t.to * ratio, note.start + t.glide);
      osc.connect(voice.amp);
      osc.start(note.start);
      osc.stop(shape.end);
      sources.push(osc);
      end = Math.max(end, shape.end);
    }
    if (hit.noise && voice.noiseAmp) {
      const n = hit.noise;
      const decay = Math.min(n.decay * stretch, NOISE_SECONDS - FADE - 0.01);
      const shape = hitEvents(note.start, decay, n.level * note.velocity);
      automate(voice.noiseAmp.gain, shape.events);
      automation.push({ param: voice.noiseAmp.gain, events: shape.events });
      const src = ctx.createBufferSource();
      src.buffer = this.bank.noise(n.colour);
      src.connect(voice.noiseAmp);
      // Each hit reads its own stretch of the noise, chosen by when it falls: varied, yet repeatable.
      const room = Math.max(0, NOISE_SECONDS - decay - FADE - 0.01);
      const offset = room > 0 ? ((Math.round((note.start + this.origin) * 1000) * 0.6180339887) % 1) * room : 0;
      src.start(note.start, offset);
      src.stop(shape.end);
      sources.push(src);
      end = Math.max(end, shape.end);
    }
    return { frequency: note.frequency, start: note.start, end, sources, others: [], automation };
  }

  /** A note-off does not damp a drum (General MIDI drums ring on). */
  protected releaseNote(_note: Sounding, _at: Seconds): void {}

  /** Damps every hit at `time` (a 5 ms fade). */
  releaseAll(time?: number): this {
    this.silence(this.toSeconds(time));
    return this;
  }
}
