import type { PartSound, SoundSpec } from '../engine/catalogue';
import type { Preset } from './schema';

/**
 * The preset's sound settings as the engine takes them: each part's Tone.js instrument, effect
 * chain and pan (the drums' level as their fader), and the master chain. Built here and nowhere
 * else, so that what the preset says is what is heard, live, in the WAV export and in the
 * benchmarks alike. Pure data.
 */
export type PresetSound = SoundSpec;

/**
 * The sound of a preset.
 *
 * @example
 * presetSound(findPreset('chiptune')!).parts.melody.voice.instrument // => 'LightSynth'
 */
export function presetSound(preset: Preset): PresetSound {
  const part = (p: Preset['melody'] | Preset['chords'] | Preset['bass']): PartSound => ({
    voice: p.voice,
    effects: p.effects ?? [],
    pan: p.pan,
  });
  const parts: Record<string, PartSound> = {
    melody: part(preset.melody),
    chords: part(preset.chords),
    bass: part(preset.bass),
  };
  const d = preset.drums;
  if (d)
    parts.drums = {
      voice: d.voice ?? { instrument: 'DrumKit' },
      effects: d.effects ?? [],
      pan: d.pan,
      volume: d.volume,
    };
  return { parts, master: preset.master };
}
