import { err, ok, PPQ, type Result, type Ticks } from '../core';
import type { CorpusPiece, CorpusTrack, Note } from './types';

/** Why a JSB step-sequence file was refused. */
export interface JsbError {
  code: 'jsb-format';
  file: string;
  message: string;
}

/** The JSB Chorales files hold one step per quarter note or per sixteenth. */
export type JsbResolution = 'quarter' | '16th';

const VOICES = ['Soprano', 'Alto', 'Tenor', 'Bass'] as const;
const MAX_STEPS = 100_000;

/** True when `json` looks like a JSB step-sequence file: {train, valid, test} lists of steps. */
export function isJsbFile(json: unknown): json is Record<string, number[][][]> {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const splits = Object.values(json as Record<string, unknown>);
  return splits.length > 0 && splits.every((s) => Array.isArray(s) && s.every((c) => Array.isArray(c)));
}

/**
 * Turns JSB-style step sequences (each piece a list of time steps, each step the sounding MIDI
 * pitches) into corpus pieces: voices by rank in each step (highest = soprano, the melody; lowest =
 * bass; the others alto and tenor), a step of fewer than four pitches read as voices in unison (the
 * format lists a unison once) and shared out where the voices move least, a pitch held over
 * consecutive steps in one voice merged into one note (the format does not tell held from repeated
 * notes). Meter 4/4 and tempo 80 are assumed (the
 * format has neither); the key is left to the caller (`key: 'C'` until estimated).
 */
export function importJsb(
  json: unknown,
  file: string,
  resolution: JsbResolution = 'quarter',
): Result<CorpusPiece[], JsbError> {
  if (!isJsbFile(json))
    return err({
      code: 'jsb-format',
      file,
      message: `${file}: not a JSB step-sequence file ({"train": [[[60, 64, 67], ...], ...], ...})`,
    });
  const step: Ticks = resolution === 'quarter' ? PPQ : PPQ / 4;
  const pieces: CorpusPiece[] = [];
  for (const [split, chorales] of Object.entries(json)) {
    for (const [i, steps] of chorales.entries()) {
      const where = `${file}: ${split}[${i}]`;
      if (steps.length > MAX_STEPS)
        return err({ code: 'jsb-format', file, message: `${where} has more than ${MAX_STEPS} steps` });
      const voices: Note[][] = VOICES.map(() => []);
      for (const [s, pitches] of steps.entries()) {
        if (!Array.isArray(pitches) || !pitches.every((p) => Number.isInteger(p) && p >= 0 && p <= 127))
          return err({
            code: 'jsb-format',
            file,
            message: `${where} step ${s}: expected a list of MIDI pitches 0–127`,
          });
        const sorted = [...new Set(pitches)].sort((a, b) => b - a);
        const before = voices.map((notes) => {
          const last = notes[notes.length - 1];
          return last && last.tick + last.duration === s * step ? last.pitch : undefined;
        });
        voicesOf(sorted, before).forEach((pitch, v) => {
          if (pitch === undefined) return;
          const notes = voices[v];
          const last = notes[notes.length - 1];
          if (last && last.pitch === pitch && last.tick + last.duration === s * step) last.duration += step;
          else notes.push({ pitch, tick: s * step, duration: step, velocity: 80 });
        });
      }
      const tracks: CorpusTrack[] = VOICES.map((name, v) => ({
        name,
        role: v === 0 ? 'melody' : v === 3 ? 'bass' : 'other',
        notes: voices[v],
      }));
      pieces.push({
        id: `jsb-${split}-${i}`,
        title: `Chorale ${split} ${i + 1}`,
        composer: 'Johann Sebastian Bach',
        source: `${file} (${split} split, item ${i}); JSB Chorales step sequences`,
        licence: 'public-domain',
        key: 'C',
        mode: 'major',
        meter: [4, 4],
        tempo: 80,
        tracks: tracks.filter((t) => t.notes.length > 0),
      });
    }
  }
  return ok(pieces);
}

/**
 * The pitch of each voice (soprano, alto, tenor, bass) in a step of distinct pitches, highest
 * first. Four pitches: one a voice. Two or three: the format lists a unison once, so the voices are
 * spread over the pitches in order (soprano on the highest, bass on the lowest, every pitch sung),
 * the inner voices where they move least from their last pitches (`before`). One pitch: the
 * soprano alone (a melody, or a unison the format cannot tell from one).
 */
function voicesOf(pitches: readonly number[], before: readonly (number | undefined)[]): (number | undefined)[] {
  const n = pitches.length;
  if (n === 0) return [];
  if (n === 1) return [pitches[0]];
  if (n >= 4) return [pitches[0], pitches[1], pitches[n === 4 ? 2 : n - 2], pitches[n - 1]];
  let best: number[] = [];
  let bestCost = Number.POSITIVE_INFINITY;
  // Alto and tenor on pitch ranks a ≤ t between the soprano's (0) and the bass's (n − 1), all used.
  for (let a = 0; a < n; a++)
    for (let t = a; t < n; t++) {
      const ranks = [0, a, t, n - 1];
      if (new Set(ranks).size < n) continue;
      const cost = ranks.reduce((sum, r, v) => sum + Math.abs(pitches[r] - (before[v] ?? pitches[r])), 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = ranks;
      }
    }
  return best.map((r) => pitches[r]);
}
