import type { Seconds } from '../core';
import type { InstrumentBank } from './bank';
import { drumHit } from './drumKit';
import { type Automation, automate, envelopeEvents, FADE, hitEvents } from './envelope';
import { NOISE_SECONDS } from './noise';
import type { Keep } from './registry';
import type { Instrument } from './sound';
import { dbToGain, oscillatorShape, type ToneOptions } from './voice';
import type { Voice } from './voicePool';

/** A note as played: its sources, the automation it put on its voice, and when it ends. */
export interface Sounding {
  sources: AudioScheduledSourceNode[];
  /** Nodes other than sources made for this note (FM modulation depth). */
  others: AudioNode[];
  /** What the note set on its voice's gains (kept live, to undo a cancelled note exactly). */
  automation: { param: AudioParam; events: Automation[] }[];
  end: Seconds;
}

/** When a note sounds, in the context's seconds. */
export interface NoteTimes {
  start: Seconds;
  off: Seconds;
  cut?: Seconds;
}

export interface NoteSpec {
  pitch: number;
  velocity: number;
  /** Piece-wide note number; picks the stretch of noise a drum hit uses. */
  index: number;
}

const midiToHz = (pitch: number) => 440 * 2 ** ((pitch - 69) / 12);

/**
 * Plays one note of `instrument` on `voice`: oscillators (one, two detuned for `fat…` shapes, or a
 * carrier and its modulator for FM) started and stopped at the note's times, and the voice's gain
 * shaped by the envelope. Drum hits glide a tone and play a stretch of filtered noise.
 */
export function playNote(
  bank: InstrumentBank,
  instrument: Instrument,
  voice: Voice,
  note: NoteSpec,
  times: NoteTimes,
  keep: Keep,
): Sounding {
  return instrument.kind === 'drums'
    ? playHit(bank, instrument.volume, voice, note, times, keep)
    : playTone(bank, instrument.tone, voice, note, times, keep);
}

function playTone(
  bank: InstrumentBank,
  tone: ToneOptions,
  voice: Voice,
  note: NoteSpec,
  times: NoteTimes,
  keep: Keep,
): Sounding {
  const ctx = bank.ctx;
  const hz = midiToHz(note.pitch);
  const fat = oscillatorShape(tone.oscillator).fat;
  const peak = (note.velocity / 127) * dbToGain(tone.volume) * (fat ? Math.SQRT1_2 : 1);
  const { events, end } = envelopeEvents(tone, times.start, times.off, peak, times.cut);
  automate(voice.amp.gain, events);
  const wave = () => bank.toneWave(tone, note.velocity);
  const sources: AudioScheduledSourceNode[] = [];
  const others: AudioNode[] = [];
  const detunes = fat ? [-tone.spread / 2, tone.spread / 2] : [0];
  for (const detune of detunes) {
    const osc = keep(ctx.createOscillator());
    bank.setWave(osc, wave);
    osc.frequency.value = hz;
    if (detune) osc.detune.value = detune;
    osc.connect(voice.amp);
    sources.push(osc);
  }
  if (tone.type === 'fm') {
    // A sine modulator at three times the pitch; its depth falls from index 3 to 0.8 over attack and decay.
    const modulator = keep(ctx.createOscillator());
    bank.setWave(modulator, () => bank.plainWave('sine'));
    modulator.frequency.value = hz * 3;
    const depth = keep(ctx.createGain());
    depth.gain.setValueAtTime(3 * hz * 3, times.start);
    depth.gain.exponentialRampToValueAtTime(0.8 * hz * 3, times.start + tone.attack + tone.decay);
    modulator.connect(depth);
    for (const osc of sources) depth.connect((osc as OscillatorNode).frequency);
    sources.push(modulator);
    others.push(depth);
  }
  for (const s of sources) {
    s.start(times.start);
    s.stop(end);
  }
  return { sources, others, automation: [{ param: voice.amp.gain, events }], end };
}

function playHit(
  bank: InstrumentBank,
  volume: number,
  voice: Voice,
  note: NoteSpec,
  times: NoteTimes,
  keep: Keep,
): Sounding {
  const ctx = bank.ctx;
  const hit = drumHit(note.pitch);
  const level = (note.velocity / 127) * dbToGain(volume);
  const sources: AudioScheduledSourceNode[] = [];
  const automation: Sounding['automation'] = [];
  let end = times.start;
  if (hit.tone) {
    const t = hit.tone;
    const shape = hitEvents(times.start, t.decay, t.level * level, times.cut);
    automate(voice.amp.gain, shape.events);
    automation.push({ param: voice.amp.gain, events: shape.events });
    const osc = keep(ctx.createOscillator());
    bank.setWave(osc, () => bank.plainWave(t.shape));
    osc.frequency.setValueAtTime(t.from, times.start);
    if (t.to !== t.from) osc.frequency.exponentialRampToValueAtTime(t.to, times.start + t.glide);
    osc.connect(voice.amp);
    osc.start(times.start);
    osc.stop(shape.end);
    sources.push(osc);
    end = Math.max(end, shape.end);
  }
  if (hit.noise && voice.noiseAmp) {
    const n = hit.noise;
    const shape = hitEvents(times.start, n.decay, n.level * level, times.cut);
    automate(voice.noiseAmp.gain, shape.events);
    automation.push({ param: voice.noiseAmp.gain, events: shape.events });
    const src = keep(ctx.createBufferSource());
    src.buffer = bank.noise(n.colour);
    src.connect(voice.noiseAmp);
    // Each hit reads its own stretch of the noise, chosen by its place in the piece: varied, yet repeatable.
    const room = Math.max(0, NOISE_SECONDS - n.decay - FADE - 0.01);
    const offset = room > 0 ? ((note.index * 0.6180339887) % 1) * room : 0;
    src.start(times.start, offset);
    src.stop(shape.end);
    sources.push(src);
    end = Math.max(end, shape.end);
  }
  return { sources, others: [], automation, end };
}
