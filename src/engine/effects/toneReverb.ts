import { Reverb as ToneReverb } from 'tone/build/esm/effect/Reverb';
import { createRng, hashString } from '../../core';

/** Impulse responses by sample rate and settings: made once per page. */
const impulses = new Map<string, AudioBuffer>();

/**
 * Tone.js's Reverb (a convolver playing decaying noise; `decay`, `preDelay`, `wet`), with the same
 * impulse response Tone makes — noise silent until `preDelay`, then falling as Tone's
 * exponentialApproachValueAtTime falls over `decay` — from seeded noise, made at once and kept: so
 * every render of a piece gives the same samples, and render chunks do not each make their own.
 */
export class Reverb extends ToneReverb {
  async generate(): Promise<this> {
    const raw = this.context.rawContext as unknown as BaseAudioContext;
    const convolver = (this as unknown as { _convolver: ConvolverNode })._convolver;
    convolver.buffer = impulse(raw.sampleRate, this.decay as number, this.preDelay as number);
    this.ready = Promise.resolve();
    return this;
  }
}

function impulse(sampleRate: number, decay: number, preDelay: number): AudioBuffer {
  const key = `${sampleRate}|${decay}|${preDelay}`;
  let buffer = impulses.get(key);
  if (buffer) return buffer;
  const frames = Math.max(1, Math.ceil((decay + preDelay) * sampleRate));
  buffer = new AudioBuffer({ length: frames, sampleRate, numberOfChannels: 2 });
  const timeConstant = Math.log(decay + 1) / Math.log(200);
  const rampFrom = preDelay + decay * 0.9;
  const atRamp = Math.exp(-(rampFrom - preDelay) / timeConstant);
  for (let c = 0; c < 2; c++) {
    const rng = createRng(hashString(`reverb:${c}`));
    const data = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      const t = i / sampleRate;
      const gain =
        t < preDelay
          ? 0
          : t < rampFrom
            ? Math.exp(-(t - preDelay) / timeConstant)
            : atRamp * Math.max(0, 1 - (t - rampFrom) / (decay * 0.1));
      data[i] = (rng.next() * 2 - 1) * gain;
    }
    buffer.copyToChannel(data, c);
  }
  impulses.set(key, buffer);
  return buffer;
}
