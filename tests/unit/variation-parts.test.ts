import { describe, expect, it } from 'vitest';
import { type PartId, type Piece, regenerate, resolveOptions } from '../../src/compose';
import { barTicks, type Ticks } from '../../src/core';
import { chordPitchClasses, type Note, scaleSteps, tonicPitchClass } from '../../src/corpus';
import { composeOptions, generate } from '../../src/presets';

/*
 * Variation on every part: regenerating a selection of the bass or the drums with a small Variation
 * keeps their rhythm (every onset, length, velocity) and changes a few notes by a bounded step; the
 * music outside the selection stays note for note and the bass joins what surrounds it.
 */

const g = generate({ preset: 'pop-ballad', seed: 11 });
if (!g.ok) throw new Error(g.error.message);
const { piece, model, preset, recipe } = g.value;
const o = resolveOptions(composeOptions(preset, recipe));
const bar = barTicks(piece.meter);
const [from, to] = [8 * bar, 16 * bar];
const notesOf = (p: Piece, id: string) => p.tracks.find((t) => t.id === id)?.notes ?? [];
const inside = (notes: readonly Note[]) => notes.filter((n) => n.tick >= from && n.tick < to);
const outside = (notes: readonly Note[]) => notes.filter((n) => n.tick < from || n.tick >= to);
const rhythm = (notes: readonly Note[]) => notes.map((n) => [n.tick, n.duration, n.velocity]);
const pc = (p: number) => ((p % 12) + 12) % 12;

function vary(parts: PartId[], variation: number, seed = 5): Piece {
  return regenerate(piece, model, o, { from: 8, to: 16, parts, seed, variation });
}

/** Problems of a varied part against the original: rhythm, how many changed, step, outside. */
function variationProblems(before: Piece, after: Piece, id: string, v: number, maxStep: number): string[] {
  const problems: string[] = [];
  const [a, b] = [inside(notesOf(before, id)), inside(notesOf(after, id))];
  if (JSON.stringify(rhythm(a)) !== JSON.stringify(rhythm(b))) problems.push('rhythm changed');
  if (JSON.stringify(outside(notesOf(before, id))) !== JSON.stringify(outside(notesOf(after, id))))
    problems.push('notes outside the selection changed');
  const changed = a.filter((n, i) => b[i] && b[i].pitch !== n.pitch).length;
  if (changed === 0) problems.push('nothing changed');
  if (changed > Math.max(1, Math.round(a.length * 2 * v))) problems.push(`${changed} of ${a.length} changed`);
  if (a.some((n, i) => b[i] && Math.abs(b[i].pitch - n.pitch) > maxStep)) problems.push('a note moved too far');
  for (const t of before.tracks)
    if (t.id !== id && JSON.stringify(t.notes) !== JSON.stringify(notesOf(after, t.id)))
      problems.push(`${t.id} changed`);
  return problems;
}

describe('Variation on the bass and the drums', () => {
  it('bass, Variation 0.1: the rhythm kept, a few notes moved by a few semitones in key, direction kept, joined', () => {
    const v = 0.1;
    const after = vary(['bass'], v);
    expect(variationProblems(piece, after, 'bass', v, 5 + Math.round(7 * v))).toEqual([]);
    const [a, b] = [inside(notesOf(piece, 'bass')), inside(notesOf(after, 'bass'))];
    const tonic = tonicPitchClass(piece.key);
    const scale = scaleSteps(piece.mode).map((s) => (tonic + s) % 12);
    b.forEach((n, i) => {
      if (n.pitch === a[i].pitch) return;
      const chord = piece.chords.find((c) => c.tick <= n.tick && n.tick < c.tick + c.duration);
      const tones = chord ? chordPitchClasses(chord.symbol) : [];
      expect(tones.includes(pc(n.pitch)) || scale.includes(pc(n.pitch))).toBe(true);
      // The contour: the same direction from the note before and to the note after.
      for (const [x, y] of [
        [a[i - 1]?.pitch, a[i].pitch],
        [a[i].pitch, a[i + 1]?.pitch],
      ])
        if (x !== undefined && y !== undefined && x !== y) {
          const was = Math.sign(y - x);
          const now = Math.sign((y === a[i].pitch ? n.pitch : y) - (x === a[i].pitch ? n.pitch : x));
          expect(now === was || now === 0).toBe(true);
        }
    });
    // Joined: no leap over an octave into or out of the selection.
    const all = notesOf(after, 'bass');
    for (const at of [from, to]) {
      const i = all.findIndex((n) => n.tick >= at);
      if (i > 0) expect(Math.abs(all[i].pitch - all[i - 1].pitch)).toBeLessThanOrEqual(12);
    }
  });

  it('drums, Variation 0.1: every hit keeps its onset, length and velocity; a few turn into a related voice', () => {
    const v = 0.1;
    const after = vary(['drums'], v);
    // A related voice: at most 7 GM notes apart (hats 42/44/46, snare 38/rim 37, toms 45/47/50).
    expect(variationProblems(piece, after, 'drums', v, 8)).toEqual([]);
  });

  it('Variation 0 changes nothing; from 0.5 the part is drawn anew (the planted fault: the rhythm check fails)', () => {
    expect(vary(['bass', 'drums'], 0)).toEqual(piece);
    const anew = vary(['drums'], 0.8);
    expect(variationProblems(piece, anew, 'drums', 0.1, 8)).not.toEqual([]);
    expect(outside(notesOf(anew, 'drums'))).toEqual(outside(notesOf(piece, 'drums')));
  });

  it('bass under new chords: the bass on each chord change follows the new root, the rest of its rhythm kept', () => {
    const after = vary(['chords', 'bass'], 0.2, 9);
    const [a, b] = [inside(notesOf(piece, 'bass')), inside(notesOf(after, 'bass'))];
    expect(rhythm(b)).toEqual(rhythm(a));
    const slack: Ticks = o.groove.timing;
    let followed = 0;
    for (const c of after.chords.filter((c) => c.tick >= from && c.tick < to)) {
      const on = b.find((n) => Math.abs(n.tick - c.tick) <= slack);
      if (!on) continue;
      const tones = chordPitchClasses(c.symbol);
      const was = piece.chords.find((x) => x.tick <= c.tick && c.tick < x.tick + x.duration);
      // A changed chord: the bass takes its root; an unchanged one: a tone of it (an inversion at most).
      if (was?.symbol !== c.symbol) {
        expect(pc(on.pitch)).toBe(tones[0]);
        followed++;
      } else expect(tones).toContain(pc(on.pitch));
    }
    expect(followed).toBeGreaterThan(0);
    expect(outside(notesOf(after, 'bass'))).toEqual(outside(notesOf(piece, 'bass')));
    // The melody was not named: it stays note for note.
    expect(notesOf(after, 'melody')).toEqual(notesOf(piece, 'melody'));
  });
});
