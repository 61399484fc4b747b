import { describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { beatTicks } from '../../src/core';
import { chordPitchClasses } from '../../src/corpus';
import { craftScore, measureCraft, ratio, sonorities, summarizeCraft } from '../../src/eval';
import { findPreset, generate } from '../../src/presets';
import { craftOfJsb, craftOfPreset, parallelTo } from '../helpers/craft';
import { sharedCorporaAvailable } from '../helpers/shared';

/*
 * Issue #14: the chorale preset is true four-part writing, held against the 382 JSB chorales —
 * parallel fifths and octaves between any two voices on at most 3 % of chord changes each, four
 * voices in their ranges that never cross, never double the soprano in unison nor rise above it,
 * and a fifth of the chords or more in inversion, the bass moving by step. 20 seeds; each goal with
 * a planted fault that makes it fail.
 */

const SEEDS = 20;
const preset = findPreset('chorale');

function chorales(): Piece[] {
  return Array.from({ length: SEEDS }, (_, i) => {
    const g = generate({ preset: 'chorale', seed: i + 1 }, { quantize: true });
    if (!g.ok) throw new Error(g.error.message);
    return g.value.piece;
  });
}

const part = (piece: Piece, id: string) => {
  const track = piece.tracks.find((t) => t.id === id);
  if (!track) throw new Error(`no ${id}`);
  return track;
};
const withPart = (piece: Piece, id: string, notes: Piece['tracks'][number]['notes']): Piece => ({
  ...piece,
  tracks: piece.tracks.map((t) => (t.id === id ? { ...t, notes } : t)),
});

/** Of the bass's moves (a new pitch), the share by step (one or two semitones). */
function bassSteps(piece: Piece): { count: number; of: number } {
  const bass = part(piece, 'bass').notes;
  const share = { count: 0, of: 0 };
  for (let i = 1; i < bass.length; i++) {
    const move = Math.abs(bass[i].pitch - bass[i - 1].pitch);
    if (move === 0) continue;
    share.of++;
    if (move <= 2) share.count++;
  }
  return share;
}

/** The same piece with its bass on every chord's root (in the same octave as written): no inversions. */
function rootBass(piece: Piece): Piece {
  const bass = part(piece, 'bass').notes.map((n) => {
    const chord = piece.chords.find((c) => c.tick <= n.tick && n.tick < c.tick + c.duration);
    const root = chord ? chordPitchClasses(chord.symbol)[0] : n.pitch % 12;
    const up = (((root - n.pitch) % 12) + 12) % 12;
    return { ...n, pitch: up <= 6 ? n.pitch + up : n.pitch + up - 12 };
  });
  return withPart(piece, 'bass', bass);
}

const pooled = (shares: readonly { count: number; of: number }[]) =>
  shares.reduce((s, x) => s + x.count, 0) / shares.reduce((s, x) => s + x.of, 0);

describe.skipIf(!sharedCorporaAvailable())('chorale: four-part writing against the JSB chorales', () => {
  it('parallel fifths and octaves between any two voices on at most 3 % of chord changes, as in Bach', () => {
    const ours = craftOfPreset('chorale', SEEDS).summary;
    const jsb = craftOfJsb().summary;
    for (const s of [ours, jsb]) {
      expect(s.parallelFifths.share).toBeLessThanOrEqual(0.03);
      expect(s.parallelOctaves.share).toBeLessThanOrEqual(0.03);
    }
    // Planted: the alto a twelfth under the soprano, moving with it.
    const piece = chorales()[0];
    const faulty = withPart(piece, 'alto', parallelTo(part(piece, 'melody').notes));
    expect(ratio(measureCraft(faulty).parallels.fifths)).toBeGreaterThan(0.3);
  }, 120_000);

  it('four voices in their ranges: no crossing, no voice on or above the soprano, the bass under the tenor', () => {
    const s = craftOfPreset('chorale', SEEDS).summary;
    expect(s.voices.min).toBe(4);
    expect(s.voices.max).toBe(4);
    expect(s.voiceCrossing.count).toBe(0);
    expect(s.sopranoUnison.count).toBe(0);
    expect(s.aboveSoprano.count).toBe(0);
    if (!preset) throw new Error('no chorale preset');
    const ranges = {
      melody: [preset.melody.low, preset.melody.high],
      alto: [preset.chords.low + 7, preset.chords.high],
      tenor: [preset.chords.low, preset.chords.high - 7],
      bass: [preset.bass.low, preset.bass.high],
    };
    for (const piece of chorales()) {
      expect(piece.tracks.map((t) => [t.id, t.name])).toEqual([
        ['melody', 'Soprano'],
        ['alto', 'Alto'],
        ['tenor', 'Tenor'],
        ['bass', 'Bass'],
      ]);
      for (const [id, [low, high]] of Object.entries(ranges))
        for (const n of part(piece, id).notes) {
          expect(n.pitch, id).toBeGreaterThanOrEqual(low);
          expect(n.pitch, id).toBeLessThanOrEqual(high);
        }
      // The old bug: a bass above the lowest organ note (an accidental six-four).
      for (const slice of sonorities(craftScore(piece))) {
        const pitch = (id: string) => slice.voices.find((v) => v.voice.startsWith(id))?.pitch;
        const [tenor, bass] = [pitch('tenor'), pitch('bass')];
        if (tenor !== undefined && bass !== undefined) expect(bass).toBeLessThan(tenor);
      }
    }
    // Planted: the alto on the soprano's pitch, then the tenor over the alto.
    const piece = chorales()[1];
    const doubled = withPart(piece, 'alto', part(piece, 'melody').notes);
    expect(measureCraft(doubled).voicing.sopranoUnison.count).toBeGreaterThan(10);
    // The tenor over the alto for the first ten of its notes (the rest where they were).
    const alto = part(piece, 'alto').notes;
    const crossed = withPart(
      piece,
      'tenor',
      part(piece, 'tenor').notes.map((n, i) => {
        const over = alto.find((a) => a.tick <= n.tick && n.tick < a.tick + a.duration);
        return i < 10 && over ? { ...n, pitch: over.pitch + 1 } : n;
      }),
    );
    expect(measureCraft(crossed).voicing.crossing.count).toBeGreaterThan(10);
  }, 120_000);

  it('a fifth of the chords or more in inversion (Bach: a third), so that the bass moves by step', () => {
    const pieces = chorales();
    const ours = craftOfPreset('chorale', SEEDS).summary;
    const jsb = craftOfJsb().summary;
    expect(ours.inversions.share).toBeGreaterThanOrEqual(0.2);
    expect(jsb.inversions.share).toBeGreaterThanOrEqual(0.2);
    // The inversions make the bass move by step more than a bass on the roots would.
    const steps = pooled(pieces.map(bassSteps));
    const onRoots = pieces.map(rootBass);
    expect(steps).toBeGreaterThan(0.4);
    expect(steps).toBeGreaterThan(pooled(onRoots.map(bassSteps)) + 0.05);
    // Planted: the bass on the roots (a note held over a change keeps the first chord's root).
    const rooted = summarizeCraft(onRoots.map((p) => measureCraft(p)));
    expect(rooted.inversions.share).toBeLessThan(0.1);
  }, 120_000);

  it('chords change on the beat and are held no longer than the chorales corpus holds one (half notes)', () => {
    const s = craftOfPreset('chorale', SEEDS).summary;
    expect(s.offBeatChordChanges.count).toBe(0);
    expect(s.longestChordBeats.max).toBeLessThanOrEqual(2);
    // Cadences in root position: every phrase's last chord stands on its root.
    for (const piece of chorales()) {
      const phrase = 4 * 4 * beatTicks(piece.meter);
      const bass = part(piece, 'bass').notes;
      for (let end = phrase; end <= piece.bars * 4 * beatTicks(piece.meter); end += phrase) {
        const last = piece.chords.filter((c) => c.tick < end).pop();
        const low = bass.find((n) => last && n.tick <= last.tick && last.tick < n.tick + n.duration);
        if (last && low)
          expect(low.pitch % 12, `${last.symbol} at ${last.tick}`).toBe(chordPitchClasses(last.symbol)[0]);
      }
    }
  }, 120_000);
});
