import { connect } from 'tone/build/esm/core/context/ToneAudioNode';
import type { Time } from 'tone/build/esm/core/type/Units';
import { deepMerge } from 'tone/build/esm/core/util/Defaults';
import type { RecursivePartial } from 'tone/build/esm/core/util/Interface';
import { Instrument, type InstrumentOptions } from 'tone/build/esm/instrument/Instrument';
import type { Seconds } from '../../core';
import { chooseVoice } from './allocator';
import { InstrumentBank } from './bank';
import { type Automation, automate, cutEvents, FADE } from './envelope';
import { Polyphonic } from './polyphonic';
import { SumChain } from './sumChain';

/** What every built-in voice instrument takes, beside Tone's `volume`. */
export interface VoiceInstrumentOptions extends InstrumentOptions {
  /** Most notes sounding at once (Tone's PolySynth name); more steal the oldest, with a short fade. */
  maxPolyphony: number;
}

/** One voice: the gain(s) its notes play through, reused note after note. */
export interface Voice {
  amp: GainNode;
  /** A second gain with its own envelope (the noise of a drum hit). */
  noiseAmp?: GainNode;
}

/** What a subclass asks for when it starts a note. */
export interface NoteStart {
  /** Hertz. */
  frequency: number;
  /** 0–1. */
  velocity: number;
  start: Seconds;
  /** The note-off, or Infinity while the note is held (released later). */
  off: Seconds;
}

/** A note as played: its nodes, the automation it put on its voice, and when it is over. */
export interface Sounding {
  frequency: number;
  start: Seconds;
  /** When the note is silent and its sources stop; Infinity while held. */
  end: Seconds;
  voice: number;
  sources: AudioScheduledSourceNode[];
  /** Nodes other than sources made for this note (FM depth). */
  others: AudioNode[];
  /** Automation on the voice's gains (kept, to undo a cancelled note exactly). */
  automation: { param: AudioParam; events: Automation[] }[];
  /** Whether the note-off has been given (or the note was cut). */
  released: boolean;
}

/** Nodes are freed this long after their note ends (the audio thread may still be on them). */
const FREE_DELAY: Seconds = 0.1;

/**
 * A polyphonic Tone.js instrument made of light voices: each note starts its own oscillators (or
 * noise) in the context's own timeline — nothing per note runs before it starts or after it ends —
 * and plays through one of at most `maxPolyphony` reused voice gains shaped by the envelope. No
 * Tone signals per voice: the envelope is automation on the voice gain, the pitch a plain value.
 * Voices are given as notes come (free, or the one playing the same pitch, or the oldest, faded in
 * 5 ms); {@link VoiceInstrument.cancelAfter} takes back notes not yet started, exactly.
 */
export abstract class VoiceInstrument<O extends VoiceInstrumentOptions> extends Polyphonic<O> {
  protected options: O;
  protected readonly bank: InstrumentBank;
  /**
   * Where time 0 of the context falls on the piece's clock (a render chunk sets it): seeds the
   * per-note variation (which stretch of noise a drum hit plays), so it does not depend on chunking.
   */
  origin: Seconds = 0;
  private readonly voices: Voice[] = [];
  /** Per voice, its notes not yet freed, in order. */
  private readonly notes: Sounding[][] = [];
  private readonly sum: GainNode;
  private readonly sums: SumChain;

  constructor(options: O) {
    super(options);
    this.options = options;
    const raw = this.context.rawContext as unknown as BaseAudioContext;
    this.bank = InstrumentBank.of(raw);
    this.sum = raw.createGain();
    connect(this.sum, this.output);
    this.sums = new SumChain(raw, this.sum, this.context.isOffline);
  }

  static getDefaults(): VoiceInstrumentOptions {
    return Object.assign(Instrument.getDefaults(), { maxPolyphony: 16 });
  }

  /** The options now (Tone's `get`), `volume` included. */
  get(): O {
    return { ...structuredClone(this.options), volume: this.volume.value };
  }

  /** Changes options for the notes to come (Tone's `set`); `volume` at once. */
  set(props: RecursivePartial<O>): this {
    const { volume, ...rest } = props as RecursivePartial<O> & { volume?: number };
    if (volume !== undefined) this.volume.value = volume;
    this.options = deepMerge(structuredClone(this.options), rest) as O;
    return this;
  }

  /** The raw context the notes play in. */
  protected get raw(): BaseAudioContext {
    return this.context.rawContext as unknown as BaseAudioContext;
  }

  /** Plays one note on `voice`: its sources, automation and end (Infinity while `off` is). */
  protected abstract startNote(voice: Voice, note: NoteStart): Omit<Sounding, 'voice' | 'released'>;

  /** Releases `note` at `at` (its note-off comes now): moves its automation and end. */
  protected abstract releaseNote(note: Sounding, at: Seconds): void;

  /** Notes of one group cut each other (a closed hi-hat chokes the open one). */
  protected chokeGroup(_frequency: number): number | undefined {
    return undefined;
  }

  /** Whether a voice needs its second gain (the noise of a drum hit). */
  protected get twoGains(): boolean {
    return false;
  }

  protected releaseHeld(frequency: number, at: Seconds): void {
    const held = this.sounding().find((s) => !s.released && s.frequency === frequency && s.start <= at);
    if (held) this.release(held, at);
  }

  /** Releases every sounding or scheduled note at `time`. */
  releaseAll(time?: Time): this {
    const at = this.toSeconds(time);
    for (const s of this.sounding()) if (!s.released || s.end > at) this.release(s, Math.max(at, s.start));
    return this;
  }

  /**
   * Takes back the notes that start at or after `time`, exactly: their nodes are stopped and the
   * automation they put on their voices is undone (what earlier notes put there is kept). Not part
   * of Tone's Instrument; the live player uses it on seek, tempo and loop changes.
   */
  cancelAfter(time: Seconds): this {
    for (const [v, list] of this.notes.entries()) {
      if (!list) continue;
      const dropped = list.filter((n) => n.start >= time);
      if (dropped.length === 0) continue;
      this.notes[v] = list.filter((n) => n.start < time);
      for (const n of dropped) this.free(n);
      const params = new Set(dropped.flatMap((n) => n.automation.map((a) => a.param)));
      for (const param of params) {
        param.cancelScheduledValues(time);
        const rest: Automation[] = [];
        for (const n of this.notes[v])
          for (const a of n.automation) if (a.param === param) rest.push(...a.events.filter((e) => e.time >= time));
        automate(param, rest);
      }
    }
    return this;
  }

  /** Silences everything from `now` with a 5 ms fade and drops what has not started. */
  silence(now: Seconds): this {
    this.cancelAfter(now);
    for (const [v, voice] of this.voices.entries()) {
      for (const g of [voice.amp.gain, voice.noiseAmp?.gain]) {
        if (!g) continue;
        if (typeof g.cancelAndHoldAtTime === 'function') g.cancelAndHoldAtTime(now);
        else g.cancelScheduledValues(now);
        g.linearRampToValueAtTime(0, now + FADE);
      }
      for (const n of this.notes[v] ?? []) {
        for (const s of n.sources) s.stop(Math.max(now + FADE, n.start));
        n.end = Math.min(n.end, now + FADE);
        n.released = true;
      }
    }
    return this;
  }

  /** Frees the nodes of notes that ended before `now`. */
  sweep(now: Seconds): void {
    for (const list of this.notes) {
      if (!list) continue;
      while (list.length > 0 && list[0].end < now - FREE_DELAY) this.free(list.shift()!);
    }
  }

  /** Notes given and not yet freed. */
  get activeNotes(): number {
    let count = 0;
    for (const list of this.notes) count += list?.length ?? 0;
    return count;
  }

  /** Audio nodes this instrument holds: its voice gains and its notes' nodes. */
  get nodeCount(): number {
    let count = 1 + this.sums.nodes + this.voices.length * (this.twoGains ? 2 : 1);
    for (const list of this.notes) for (const n of list ?? []) count += n.sources.length + n.others.length;
    return count;
  }

  dispose(): this {
    for (const list of this.notes) for (const n of list ?? []) this.free(n);
    this.notes.length = 0;
    for (const v of this.voices) {
      v.amp.disconnect();
      v.noiseAmp?.disconnect();
    }
    this.sums.dispose();
    this.sum.disconnect();
    super.dispose();
    return this;
  }

  /** Every note not yet freed, oldest first. */
  private sounding(): Sounding[] {
    return this.notes.flatMap((l) => l ?? []).sort((a, b) => a.start - b.start);
  }

  /** Gives the note a voice (see {@link chooseVoice}) and plays it. */
  protected play(frequency: number, at: Seconds, off: Seconds, velocity: number): void {
    this.sweep(this.raw.currentTime);
    const lasts = this.voices.map((_, v) => this.notes[v]?.at(-1));
    const choice = chooseVoice(lasts, at, frequency, this.options.maxPolyphony, (f) => this.chokeGroup(f));
    for (const v of choice.cuts) this.cut(lasts[v]!, at);
    const start = choice.steals ? at + FADE : at;
    const voice = this.voice(choice.voice);
    const sounding = this.startNote(voice, { frequency, velocity, start, off: Math.max(off, start) });
    this.notes[choice.voice] ??= [];
    this.notes[choice.voice].push({ ...sounding, voice: choice.voice, released: Number.isFinite(off) });
  }

  private release(note: Sounding, at: Seconds): void {
    if (note.end <= at) return;
    this.releaseNote(note, at);
    note.released = true;
  }

  /** Fades `note` out from `at` in 5 ms and stops its sources then. */
  private cut(note: Sounding, at: Seconds): void {
    for (const a of note.automation) {
      const events = cutEvents(a.events, at);
      a.param.cancelScheduledValues(at);
      automate(
        a.param,
        events.filter((e) => e.time >= at),
      );
      a.events = events;
    }
    for (const s of note.sources) s.stop(at + FADE);
    note.end = at + FADE;
    note.released = true;
  }

  /** Voice `i`, made on first use (a render chunk makes only the few it needs). */
  private voice(i: number): Voice {
    let voice = this.voices[i];
    if (!voice) {
      const gain = () => {
        const g = this.raw.createGain();
        g.gain.value = 0;
        this.sums.join(g);
        return g;
      };
      voice = { amp: gain() };
      if (this.twoGains) voice.noiseAmp = gain();
      this.voices[i] = voice;
    }
    return voice;
  }

  private free(note: Sounding): void {
    for (const s of note.sources) {
      try {
        s.stop();
      } catch {
        // Never started or already stopped.
      }
      s.disconnect();
    }
    for (const o of note.others) o.disconnect();
  }
}
