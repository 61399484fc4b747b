import type { MidiPitch } from '../../core';

/** Audio file endings a sample folder may hold. */
export const SAMPLE_TYPES = ['wav', 'mp3', 'ogg', 'oga', 'flac', 'm4a', 'aac', 'webm', 'opus'] as const;

const NOTE = /(?:^|[^A-Za-z])([A-Ga-g])(#|s|b)?(-?[0-9])(?![0-9])/;
const STEPS: Record<string, number> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11 };
const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/**
 * The note a sample's file name names, in Tone's spelling ("F#3"), or undefined: the first note
 * name with an octave in it — "C4.wav", "F#3.mp3", "Db2.ogg", "Piano Eb-1 soft.flac", "Ds4v10.mp3"
 * — in a file of an audio type.
 *
 * @example
 * noteOfFile('F#3.mp3') // => 'F#3'
 * noteOfFile('Db2.wav') // => 'C#2'
 * noteOfFile('kick.wav') // => undefined
 */
export function noteOfFile(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  const type = name.slice(dot + 1).toLowerCase();
  if (dot < 0 || !(SAMPLE_TYPES as readonly string[]).includes(type)) return undefined;
  const m = NOTE.exec(name.slice(0, dot));
  if (!m) return undefined;
  const step = STEPS[m[1].toLowerCase()] + (m[2] === '#' || m[2] === 's' ? 1 : m[2] === 'b' ? -1 : 0);
  const midi: MidiPitch = (Number(m[3]) + 1) * 12 + step;
  if (midi < 0 || midi > 127) return undefined;
  return `${NAMES[((midi % 12) + 12) % 12]}${Math.floor(midi / 12) - 1}`;
}
