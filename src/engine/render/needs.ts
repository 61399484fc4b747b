import type { EffectName } from '../catalogue';
import type { SoundSetup } from '../sound';

/** Effects that run in our AudioWorklet module, and in Tone's. */
const OURS: readonly EffectName[] = ['LightReverb'];
const TONES: readonly EffectName[] = ['BitCrusher', 'Freeverb'];

/** The AudioWorklet modules a sound's effects need loaded first (each costs a few ms per context). */
export function needsWorklets(sound: SoundSetup): { ours: boolean; tone: boolean } {
  const all = [...sound.master.effects, ...sound.tracks.flatMap((t) => t.effects)];
  // PluckSynth's string is Tone's comb filter, a worklet too.
  const plucked = sound.tracks.some((t) => t.voice.instrument === 'PluckSynth');
  return {
    ours: all.some((e) => OURS.includes(e.effect)),
    tone: plucked || all.some((e) => TONES.includes(e.effect)),
  };
}
