import type { Seconds } from '../../core';
import { FADE } from './envelope';

/** What the allocator needs to know of the last note of a voice. */
export interface VoiceState {
  start: Seconds;
  /** When the note is over (Infinity while held). */
  end: Seconds;
  frequency: number;
  /** Its note-off was given, or it was cut. */
  released: boolean;
}

/** Where a new note goes: its voice, the voices whose notes it cuts, and whether it waits for a fade. */
export interface VoiceChoice {
  voice: number;
  /** Voices whose ringing notes fade out at the new note's start (a steal, a choke, the same pitch). */
  cuts: number[];
  /** The note takes a voice that is fading out: it starts {@link FADE} late. */
  steals: boolean;
}

/**
 * Chooses a voice for a note starting at `at`, from the last note of each voice: never drops a
 * note. Notes of the note's choke group are cut; then the voice already playing the same pitch
 * (cut and reused), else the lowest free voice (so few voices stay warm), else one still fading,
 * else the oldest (cut). Live playback and a render give notes in time order, so both choose alike.
 *
 * @example
 * chooseVoice([{ start: 0, end: 1, frequency: 440, released: true }], 0.5, 330, 1); // => { voice: 0, cuts: [0], steals: true }
 */
export function chooseVoice(
  voices: readonly (VoiceState | undefined)[],
  at: Seconds,
  frequency: number,
  polyphony: number,
  chokeGroup?: (frequency: number) => number | undefined,
): VoiceChoice {
  const ringing = (v: VoiceState | undefined): v is VoiceState => v !== undefined && v.end > at;
  const fading = (v: VoiceState | undefined) => ringing(v) && v.released && v.end <= at + FADE + 1e-9;
  const cuts: number[] = [];
  const group = chokeGroup?.(frequency);
  if (group !== undefined)
    voices.forEach((v, i) => {
      if (ringing(v) && !fading(v) && chokeGroup?.(v.frequency) === group) cuts.push(i);
    });
  const count = Math.max(voices.length, Math.max(1, Math.floor(polyphony)));
  // After a cut a voice is fading: free for the next note once the fade is over.
  const after = (i: number) => (cuts.includes(i) ? true : fading(voices[i]));
  let voice = voices.findIndex((v) => ringing(v) && !fading(v) && v.frequency === frequency && v.start <= at);
  if (voice >= 0) {
    if (!cuts.includes(voice)) cuts.push(voice);
  } else {
    for (let i = 0; i < count && voice < 0; i++) if (!ringing(voices[i]) && !cuts.includes(i)) voice = i;
    for (let i = 0; i < voices.length && voice < 0; i++) if (after(i)) voice = i;
  }
  if (voice < 0) {
    voice = 0;
    for (let i = 1; i < voices.length; i++) if (voices[i]!.start < voices[voice]!.start) voice = i;
    cuts.push(voice);
  }
  return { voice, cuts, steals: after(voice) };
}
