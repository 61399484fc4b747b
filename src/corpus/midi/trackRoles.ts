import type { MidiPitch } from '../../core';
import type { Note, TrackRole } from '../types';

/** The MIDI channel of General MIDI percussion (channel 10, counted from 0). */
export const DRUM_CHANNEL = 9;
/** A track is mostly monophonic when at least this share of its notes sound alone. */
export const MONOPHONIC_SHARE = 0.8;
/** A mostly monophonic track whose mean pitch is below this (G3) can be the bass. */
export const BASS_BELOW: MidiPitch = 55;
/** A polyphonic track with at most this many notes per onset can be a melody in thirds or double stops. */
export const MELODY_MAX_VOICES = 2.5;
/** Overlap tolerated between consecutive notes before they count as sounding together (a 32nd). */
const LEGATO_TICKS = 60;

/** Keywords of track names, tried in this order (so "Bass guitar" is bass, "Piano melody" melody). */
const NAME_ROLES: [RegExp, TrackRole][] = [
  [/drum|perc|kit\b|snare|hi-?hat|cymbal/i, 'drums'],
  [/bass(?!oon)/i, 'bass'],
  [/melod|lead|vocal|voice|voix|solo|flute|violin|fiddle|whistle|recorder|trumpet|sax|clarinet|oboe|sing/i, 'melody'],
  [/chord|piano|guitar|pad|comp\b|accomp|organ|harmon|string|rhythm|keys/i, 'chords'],
];

/** What role detection looks at in a track. */
export interface RoleInput {
  name: string;
  channel: number;
  notes: readonly Note[];
}

/** How a track's notes lie: how many sound alone, how many start together, how high. */
export interface TrackTexture {
  /** Share of notes that sound alone, 0–1. */
  monophony: number;
  /** Mean number of notes starting on the same tick (1 for a single line, 3–4 for block chords). */
  voices: number;
  meanPitch: MidiPitch;
}

/** The role a track name suggests, if any. */
export function roleFromName(name: string): TrackRole | undefined {
  return NAME_ROLES.find(([pattern]) => pattern.test(name))?.[1];
}

/**
 * How monophonic a track is and how high it lies. A note sounds alone when no other note starts
 * on the same tick and none still sounds at its onset (beyond a 32nd of legato overlap).
 */
export function describeTexture(notes: readonly Note[]): TrackTexture {
  if (notes.length === 0) return { monophony: 0, voices: 0, meanPitch: 0 };
  const sorted = notes.every((n, i) => i === 0 || notes[i - 1].tick <= n.tick)
    ? notes
    : [...notes].sort((a, b) => a.tick - b.tick);
  let alone = 0;
  let onsets = 0;
  let pitchSum = 0;
  let soundingUntil = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < sorted.length; i++) {
    const n = sorted[i];
    const shared = sorted[i - 1]?.tick === n.tick || sorted[i + 1]?.tick === n.tick;
    if (sorted[i - 1]?.tick !== n.tick) onsets++;
    if (!shared && soundingUntil <= n.tick + LEGATO_TICKS) alone++;
    soundingUntil = Math.max(soundingUntil, n.tick + n.duration);
    pitchSum += n.pitch;
  }
  return { monophony: alone / sorted.length, voices: sorted.length / onsets, meanPitch: pitchSum / sorted.length };
}

/**
 * The role of each track: drums on channel 10; else what the name says (see {@link roleFromName});
 * else by texture: the highest mostly monophonic track is the melody (unless a name gave one), the
 * lowest other mostly monophonic track below G3 the bass (likewise), polyphonic tracks are chords,
 * the rest other. When no track is mostly monophonic but several are pitched, the highest one with
 * at most {@link MELODY_MAX_VOICES} notes per onset is the melody (a tune in thirds or double stops
 * over block chords); a lone polyphonic track stays chords.
 */
export function detectRoles(tracks: readonly RoleInput[]): TrackRole[] {
  const roles = tracks.map((t) => (t.channel === DRUM_CHANNEL ? 'drums' : roleFromName(t.name)));
  const open = tracks
    .map((t, i) => ({ i, ...describeTexture(t.notes) }))
    .filter(({ i }) => roles[i] === undefined && tracks[i].notes.length > 0);
  const mono = open.filter((t) => t.monophony >= MONOPHONIC_SHARE).sort((a, b) => b.meanPitch - a.meanPitch);
  if (!roles.includes('melody') && mono.length > 0) roles[mono[0].i] = 'melody';
  if (!roles.includes('melody') && open.length > 1) {
    const [highest] = [...open].sort((a, b) => b.meanPitch - a.meanPitch);
    if (highest.voices <= MELODY_MAX_VOICES) roles[highest.i] = 'melody';
  }
  const low = mono.filter((t) => roles[t.i] === undefined && t.meanPitch < BASS_BELOW);
  if (!roles.includes('bass') && low.length > 0) roles[low[low.length - 1].i] = 'bass';
  for (const t of open) {
    if (roles[t.i] === undefined) roles[t.i] = t.monophony < MONOPHONIC_SHARE ? 'chords' : 'other';
  }
  return roles.map((r) => r ?? 'other');
}
