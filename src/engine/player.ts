import * as Tone from 'tone';
import { type Piece, pieceTicks } from '../compose';
import { PPQ, type Ticks } from '../core';
import { createVoice, type VoiceOptions } from './voice';

/** How a piece sounds: a voice per track id, and the reverb send. */
export interface EngineOptions {
  voices: Record<string, VoiceOptions>;
  /** Wet share of the reverb, 0–1. */
  reverb: number;
}

/**
 * Plays pieces through Tone.js: one polyphonic voice per track into a reverb and a limiter, the
 * notes scheduled on the transport in ticks (so a tempo change takes effect at once), stopping by
 * itself at the end of the piece. Everything it creates goes with {@link Player.dispose}.
 */
export class Player {
  private voices: Tone.PolySynth[] = [];
  private parts: Tone.Part[] = [];
  private endEvent: number | undefined;
  private readonly reverb = new Tone.Reverb({ decay: 2.8, wet: 0.3 });
  private readonly limiter = new Tone.Limiter(-1);
  private readonly transport = Tone.getTransport();
  private length: Ticks = 0;
  /** Called when the piece has played to its end. */
  onEnd: () => void = () => {};

  constructor() {
    this.transport.PPQ = PPQ;
    this.reverb.chain(this.limiter, Tone.getDestination());
  }

  /** Unlocks audio; call from a user gesture (a click) before the first play. */
  async unlock(): Promise<void> {
    await Tone.start();
  }

  /** Replaces what is scheduled with `piece`, keeping the transport where it is. */
  load(piece: Piece, options: EngineOptions): void {
    this.clear();
    this.transport.bpm.value = piece.tempo;
    this.transport.timeSignature = [piece.meter[0], piece.meter[1]];
    this.reverb.wet.value = options.reverb;
    this.length = pieceTicks(piece);
    for (const track of piece.tracks) {
      const settings = options.voices[track.id];
      if (!settings) continue;
      const voice = createVoice(settings).connect(this.reverb);
      this.voices.push(voice);
      const events = track.notes.map((n) => ({
        time: `${n.tick}i`,
        frequency: Tone.Frequency(n.pitch, 'midi').toFrequency(),
        duration: `${n.duration}i`,
        velocity: n.velocity / 127,
      }));
      const part = new Tone.Part(
        (time, e) => voice.triggerAttackRelease(e.frequency, e.duration, time, e.velocity),
        events,
      );
      part.start(0);
      this.parts.push(part);
    }
    this.endEvent = this.transport.scheduleOnce((time) => {
      Tone.getDraw().schedule(() => {
        this.stop();
        this.onEnd();
      }, time);
    }, `${this.length}i`);
  }

  play(): void {
    if (this.transport.state !== 'started') this.transport.start();
  }

  stop(): void {
    this.transport.stop();
    this.transport.ticks = 0;
    for (const v of this.voices) v.releaseAll();
  }

  setTempo(bpm: number): void {
    this.transport.bpm.value = bpm;
  }

  get playing(): boolean {
    return this.transport.state === 'started';
  }

  /** The transport's position in ticks. */
  get ticks(): Ticks {
    return this.transport.ticks;
  }

  /** The audio context's state: "suspended" until unlocked, then "running". */
  get audioState(): string {
    return Tone.getContext().state;
  }

  private clear(): void {
    for (const p of this.parts) p.dispose();
    for (const v of this.voices) v.dispose();
    if (this.endEvent !== undefined) this.transport.clear(this.endEvent);
    this.parts = [];
    this.voices = [];
    this.endEvent = undefined;
  }

  dispose(): void {
    this.stop();
    this.clear();
    this.reverb.dispose();
    this.limiter.dispose();
  }
}
