import type { MidiPitch, Ticks } from '../../core';
import type { TrackRole } from '../../corpus';
import type { CraftScore } from './score';
import { beatsOf, soundingAt } from './time';

/** One voice sounding in a sonority: which voice (top to bottom order) and its pitch. */
export interface VoiceNote {
  /** "melody", "bass", or a chord part's id with its rank from the top ("chords#0" is its highest note). */
  voice: string;
  /** Order of the voice from the top of the texture (0 = soprano), by how the parts are written. */
  order: number;
  /** The role of the part the voice comes from ("melody" for the soprano). */
  role: TrackRole;
  pitch: MidiPitch;
}

/** What sounds at one beat, voice by voice, top voice first. */
export interface Sonority {
  tick: Ticks;
  voices: VoiceNote[];
}

/**
 * The texture sampled at every felt beat ({@link beatsOf}): the melody's highest sounding note
 * (the soprano), each chord or inner part's sounding notes sorted from the top into voices
 * (`chords#0` its highest, `chords#1` the next…: how a reader splits an organ part into alto and
 * tenor), and the bass part's lowest sounding note. A JSB chorale's four tracks give S, A, T, B.
 */
export function sonorities(score: CraftScore): Sonority[] {
  const beats = beatsOf(score.meter, score.end);
  const perPart = score.voices.map((p) => soundingAt(p.notes, beats));
  return beats.map((tick, b) => {
    const voices: VoiceNote[] = [];
    score.voices.forEach((part, p) => {
      const pitches = perPart[p][b].map((n) => n.pitch).sort((x, y) => y - x);
      if (pitches.length === 0) return;
      const { id, role } = part;
      if (role === 'melody') voices.push({ voice: id, order: voices.length, role, pitch: pitches[0] });
      else if (role === 'bass')
        voices.push({ voice: id, order: voices.length, role, pitch: pitches[pitches.length - 1] });
      else
        for (const [rank, pitch] of [...new Set(pitches)].entries())
          voices.push({ voice: `${id}#${rank}`, order: voices.length, role, pitch });
    });
    return { tick, voices };
  });
}
