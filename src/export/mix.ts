import type { Piece, PieceTrack } from '../compose';
import { type Bpm, maxOf, minOf, PPQ } from '../core';
import { GM_DRUM_LEVEL, GM_DRUM_NOTES, GM_LEVELS, type GmLevel } from './gmLevels';
import type { MidiChannelMix } from './midi';

/** What the user set in the mixer for a track (as the engine's mixer keeps it). */
export interface ChannelSetting {
  /** Fader in decibels (0: as the piece was made). */
  volume?: number;
  /** −1 (left) … 1 (right). */
  pan?: number;
}

/** Loudness every part is brought to in a General MIDI synth (gated, as {@link estimateLoudness}). */
const HEADROOM_DB = 4;

/** A General MIDI level of a track: its program's (or the drum kit's) measured level. */
export function gmLevel(track: Pick<PieceTrack, 'role' | 'channel' | 'program'>): GmLevel {
  return track.role === 'drums' || track.channel === 9 ? GM_DRUM_LEVEL : (GM_LEVELS[track.program] ?? GM_LEVELS[0]);
}

/**
 * The loudness of `notes` in decibels before the instrument's own level: each note gives power
 * (velocity/127)⁴ (General MIDI's velocity curve, 40·log10 in amplitude) for its length, at most
 * `tau` seconds (how long the instrument sounds before it has decayed); power is summed in blocks of
 * 400 ms every 100 ms, and the quiet blocks are left out as loudness meters do (below 10 dB under
 * the mean of the sounding ones).
 */
export function estimateLoudness(
  notes: PieceTrack['notes'],
  tempo: Bpm,
  tau: number,
  pitchDb: (pitch: number) => number = () => 0,
): number {
  if (notes.length === 0) return Number.NEGATIVE_INFINITY;
  const perTick = 60 / (tempo * PPQ);
  const hop = 0.1;
  const end = maxOf(notes.map((n) => (n.tick + n.duration) * perTick));
  const bins = new Float64Array(Math.ceil(end / hop) + 4);
  for (const n of notes) {
    const start = n.tick * perTick;
    const stop = start + Math.min(n.duration * perTick, tau);
    const power = (n.velocity / 127) ** 4 * 10 ** (pitchDb(n.pitch) / 10);
    for (let b = Math.floor(start / hop); b * hop < stop; b++)
      bins[b] += power * (Math.min(stop, (b + 1) * hop) - Math.max(start, b * hop));
  }
  const blocks: number[] = [];
  for (let b = 0; b + 4 <= bins.length; b++) blocks.push((bins[b] + bins[b + 1] + bins[b + 2] + bins[b + 3]) / 0.4);
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
  const sounding = blocks.filter((p) => p > 0);
  const gated = sounding.filter((p) => p > mean(sounding) / 10);
  return 10 * Math.log10(mean(gated));
}

/** A drum note's level against the kit's (General MIDI drum keys 27–87; others as the kit). */
function drumNoteDb(pitch: number): number {
  return GM_DRUM_NOTES[pitch - 27] ?? 0;
}

/** A track's loudness in a General MIDI synth at full volume (CC7 127), estimated from its notes. */
export function trackLoudness(track: PieceTrack, tempo: Bpm): number {
  const gm = gmLevel(track);
  const drums = gm === GM_DRUM_LEVEL;
  return estimateLoudness(track.notes, tempo, gm.tau, drums ? drumNoteDb : undefined) + gm.offset;
}

/** CC7 for a gain in decibels (General MIDI: gain = 40·log10(CC7/127)). */
export function volumeController(db: number): number {
  return Math.max(0, Math.min(127, Math.round(127 * 10 ** (db / 40))));
}

/** CC10 for a pan of −1 … 1. */
export function panController(pan: number): number {
  const p = Math.max(-1, Math.min(1, pan));
  return Math.round(64 + p * (p < 0 ? 64 : 63));
}

/**
 * Each track's volume and pan in a MIDI file. Volume: the parts are balanced for a General MIDI
 * synth — each brought to the loudness of the quietest part less {@link HEADROOM_DB} (so a fader
 * raised by up to that much still fits in CC7) by its notes' velocities and lengths and its
 * program's measured level — then the user's fader is added. Pan: the user's, else the track's
 * placement in the engine (`placement`, −1 … 1).
 */
export function midiMix(
  piece: Piece,
  placement: Readonly<Record<string, number>> = {},
  mixer: Readonly<Record<string, ChannelSetting | undefined>> = {},
): Record<string, MidiChannelMix> {
  const loudness = piece.tracks.map((t) => trackLoudness(t, piece.tempo));
  const heard = loudness.filter(Number.isFinite);
  const target = minOf(heard, 0) - HEADROOM_DB;
  const mix: Record<string, MidiChannelMix> = {};
  piece.tracks.forEach((t, i) => {
    const trim = Number.isFinite(loudness[i]) ? target - loudness[i] : -HEADROOM_DB;
    const user = mixer[t.id];
    mix[t.id] = {
      volume: volumeController(trim + (user?.volume ?? 0)),
      pan: panController(user?.pan ?? placement[t.id] ?? 0),
    };
  });
  return mix;
}
