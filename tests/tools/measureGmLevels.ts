/**
 * Measures the level of every General MIDI program (and the drum kit) in fluidsynth with the FluidR3
 * GM font, and writes src/export/gmLevels.ts, the table the MIDI export balances its parts with.
 * Each program plays two patterns at velocity 100 and full volume: sixteen eighth notes and four
 * whole notes (120 bpm); their gated loudness gives how long the instrument's notes sound (tau) and
 * its offset from the export's estimate. The programs the built-in presets use are then levelled on
 * their own parts (seeds 1–3), which the synthetic patterns resemble only roughly. Run: `npx tsx tests/tools/measureGmLevels.ts` (a minute).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Piece, PieceTrack } from '../../src/compose';
import { PPQ } from '../../src/core';
import type { Note } from '../../src/corpus';
import { estimateLoudness, GM_DRUM_LEVEL, gmLevel, pieceToMidi, splitTracks } from '../../src/export';
import { builtinPresets, generate, loadBuiltinCorpora } from '../../src/presets';
import { fluidRender, wavLevels } from '../helpers/fluidRender';

const dir = mkdtempSync(join(tmpdir(), 'muse-gm-'));
const TAUS = [0.05, 0.08, 0.12, 0.18, 0.25, 0.35, 0.5, 0.7, 1, 1.4, 2, 3, 4];

function pattern(kind: 'short' | 'long', drums: boolean): Note[] {
  const pitches = drums ? [36, 38, 42, 38] : [60, 64, 67, 72];
  const step = kind === 'short' ? PPQ : 4 * PPQ;
  const count = kind === 'short' ? 8 : 4;
  return Array.from({ length: count }, (_, i) => ({
    pitch: pitches[i % 4],
    tick: i * step,
    duration: step,
    velocity: 100,
  }));
}

function piece(track: PieceTrack, bars: number): Piece {
  return {
    title: 'level',
    ppq: PPQ,
    tempo: 120,
    meter: [4, 4],
    key: 'C',
    mode: 'major',
    bars,
    tracks: [track],
    chords: [],
    sections: [],
  };
}

async function measure(program: number | 'drums'): Promise<{ offset: number; tau: number }> {
  const drums = program === 'drums';
  const results: Record<string, { loud: number; notes: Note[] }> = {};
  for (const kind of ['short', 'long'] as const) {
    const notes = pattern(kind, drums);
    const track: PieceTrack = {
      id: 'x',
      name: 'x',
      role: drums ? 'drums' : 'melody',
      channel: drums ? 9 : 0,
      program: drums ? 0 : program,
      notes,
    };
    const mid = join(dir, `${program}-${kind}.mid`);
    writeFileSync(mid, pieceToMidi(piece(track, kind === 'short' ? 2 : 4), { mix: { x: { volume: 127, pan: 64 } } }));
    await fluidRender(mid, mid.replace(/mid$/, 'wav'));
    results[kind] = { loud: wavLevels(mid.replace(/mid$/, 'wav')).loudnessDb, notes };
  }
  let best = { tau: 1, err: Infinity, offset: 0 };
  for (const tau of TAUS) {
    const s = results.short.loud - estimateLoudness(results.short.notes, 120, tau);
    const l = results.long.loud - estimateLoudness(results.long.notes, 120, tau);
    if (Math.abs(s - l) < best.err) best = { tau, err: Math.abs(s - l), offset: (s + l) / 2 };
  }
  return { offset: Math.round(best.offset * 10) / 10, tau: best.tau };
}

/** A drum key's level against the kit's: eight hits of it, a quarter note apart. */
async function drumNote(pitch: number, kit: number): Promise<number> {
  const notes = Array.from({ length: 8 }, (_, i) => ({ pitch, tick: i * PPQ, duration: PPQ / 4, velocity: 100 }));
  const track: PieceTrack = { id: 'x', name: 'x', role: 'drums', channel: 9, program: 0, notes };
  const mid = join(dir, `drum-${pitch}.mid`);
  writeFileSync(mid, pieceToMidi(piece(track, 2), { mix: { x: { volume: 127, pan: 64 } } }));
  await fluidRender(mid, mid.replace(/mid$/, 'wav'));
  const loud = wavLevels(mid.replace(/mid$/, 'wav')).loudnessDb;
  return Math.round((loud - estimateLoudness(notes, 120, 0.05) - kit) * 10) / 10;
}

const levels: { offset: number; tau: number }[] = [];
for (let p = 0; p < 128; p += 2) levels.push(...(await Promise.all([measure(p), measure(p + 1)])));
const drum = await measure('drums');
const drumNotes: number[] = [];
for (let k = 27; k <= 87; k++) drumNotes.push(await drumNote(k, drum.offset));
// Then the levels of the programs the built-in presets use, from their own parts (seeds 1–3; the
// tests check other seeds): each part alone at full volume, against the estimate from its notes.
await loadBuiltinCorpora();
const residuals = new Map<number | 'drums', number[]>();
for (const preset of builtinPresets())
  for (const seed of [1, 2, 3]) {
    const g = generate({ preset: preset.name, seed });
    if (!g.ok) throw new Error(g.error.message);
    for (const part of splitTracks(g.value.piece)) {
      const t = part.tracks[0];
      const mid = join(dir, `${preset.name}-${seed}-${t.id}.mid`);
      writeFileSync(mid, pieceToMidi(part, { mix: { [t.id]: { volume: 127, pan: 64 } } }));
      await fluidRender(mid, mid.replace(/mid$/, 'wav'));
      const measured = wavLevels(mid.replace(/mid$/, 'wav')).loudnessDb;
      const key = gmLevel(t) === GM_DRUM_LEVEL ? 'drums' : t.program;
      const level = key === 'drums' ? drum : levels[t.program];
      const estimate = estimateLoudness(
        t.notes,
        part.tempo,
        level.tau,
        key === 'drums' ? (p) => drumNotes[p - 27] ?? 0 : undefined,
      );
      residuals.set(key, [...(residuals.get(key) ?? []), measured - (estimate + level.offset)]);
    }
  }
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const [key, r] of residuals) {
  const level = key === 'drums' ? drum : levels[key];
  level.offset = Math.round((level.offset + meanOf(r)) * 10) / 10;
}
const rows = levels.map((l, p) => `  { offset: ${l.offset.toFixed(1)}, tau: ${l.tau} }, // ${p}`).join('\n');
writeFileSync(
  new URL('../../src/export/gmLevels.ts', import.meta.url),
  `/**
 * How loud each General MIDI program sounds, measured in fluidsynth with the FluidR3 GM font (the
 * reference General MIDI bank of the tests) by tests/tools/measureGmLevels.ts, which wrote this file:
 * \`offset\` is the gated loudness (dBFS, fluidsynth gain 0.5, CC7 127) above the export's estimate
 * from velocities and lengths, \`tau\` how long (s) its notes sound before they have decayed.
 * Other General MIDI banks are levelled alike within a few decibels.
 */

/** A General MIDI instrument's level. */
export interface GmLevel {
  /** Loudness in dB over the estimate from the notes ({@link estimateLoudness}). */
  offset: number;
  /** Seconds a note sounds at most (sustained instruments: their length). */
  tau: number;
}

/** By program, 0–127. */
export const GM_LEVELS: readonly GmLevel[] = [
${rows}
];

/** The drum kit on channel 10 (kick, snare, hi-hat). */
export const GM_DRUM_LEVEL: GmLevel = { offset: ${drum.offset.toFixed(1)}, tau: ${drum.tau} };

/** Each drum key's level (dB) against the kit's, keys 27–87. */
export const GM_DRUM_NOTES: readonly number[] = [${drumNotes.map((x) => x.toFixed(1)).join(', ')}];
`,
);
console.log(`wrote src/export/gmLevels.ts (drums ${drum.offset} dB, tau ${drum.tau})`);
