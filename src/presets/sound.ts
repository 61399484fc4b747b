import type { PartSound, SoundSpec } from '../engine/catalogue';
import type { Preset } from './schema';

/**
 * How a preset sounds, as the engine takes it: each part's Tone.js instrument, effect chain and
 * pan (the drums' level as their fader), and the master chain. Pure data.
 *
 * @example
 * soundOf(findPreset('chiptune')!).parts.melody.voice.instrument // => 'LightSynth'
 */
export function soundOf(preset: Preset): SoundSpec {
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
