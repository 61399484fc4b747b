import type { EngineOptions } from '../engine/sound';
import type { Preset } from './schema';

/**
 * The preset's sound settings as the engine takes them: everything the engine needs from a preset
 * (its voices, drum kit level, reverb). Built here and nowhere else, so that what the preset says is
 * what is heard, live, in the WAV export and in the benchmarks alike.
 */
export type PresetSound = EngineOptions;

/**
 * The sound of a preset.
 *
 * @example
 * presetSound(findPreset('chiptune')!).drums; // => { volume: -16 }
 */
export function presetSound(preset: Preset): PresetSound {
  return {
    voices: { melody: preset.melody.synth, chords: preset.chords.synth, bass: preset.bass.synth },
    reverb: preset.reverb,
    ...(preset.drums ? { drums: { volume: preset.drums.volume } } : {}),
  };
}
