import { describe, expect, it } from 'vitest';
import {
  type ComposeOptions,
  checkPiece,
  type Piece,
  planForm,
  type RegenerateRequest,
  regenerate,
  resolveOptions,
} from '../../src/compose';
import { barTicks, type Ticks } from '../../src/core';
import { chordPitchClasses, type Note, tonicPitchClass } from '../../src/corpus';
import { isTonicChord } from '../../src/model';
import { composeOptions, type Generated, generate } from '../../src/presets';

function piece(preset: string, seed: number): { g: Generated; o: ComposeOptions } {
  const g = generate({ preset, seed });
  if (!g.ok) throw new Error(g.error.message);
  return { g: g.value, o: resolveOptions(composeOptions(g.value.preset, g.value.recipe)) };
}

/**
 * Problems with what lies outside [from, to): every note and chord there must be as it was (a note
 * held into the selection of a part that changes may end where the selection begins).
 */
function outsideChanges(before: Piece, after: Piece, from: Ticks, to: Ticks, changed: readonly string[]): string[] {
  const problems: string[] = [];
  const outside = (notes: readonly Note[]) => [
    ...notes.filter((n) => n.tick < from).map((n) => ({ ...n, duration: Math.min(n.duration, from - n.tick) })),
    ...notes.filter((n) => n.tick >= to),
  ];
  for (const t of before.tracks) {
    const a = after.tracks.find((x) => x.id === t.id)?.notes ?? [];
    // A chorale's alto and tenor are its chords part.
    const part = changed.includes(t.id) || (t.role === 'chords' && changed.includes('chords'));
    const keep = part ? outside(t.notes) : t.notes;
    const kept = part ? outside(a) : a;
    if (JSON.stringify(keep) !== JSON.stringify(kept)) problems.push(`${t.id} changed outside the selection`);
  }
  const chordsOutside = (p: Piece) =>
    JSON.stringify(p.chords.filter((c) => c.tick + c.duration <= from || c.tick >= to));
  if (chordsOutside(before) !== chordsOutside(after)) problems.push('chords changed outside the selection');
  return problems;
}

/** The leaps into and out of the selection in the melody, in semitones. */
function joins(after: Piece, from: Ticks, to: Ticks): number[] {
  const m = after.tracks[0].notes;
  const last = (at: Ticks) => m.filter((n) => n.tick < at).at(-1);
  const first = (at: Ticks) => m.find((n) => n.tick >= at);
  const leaps: number[] = [];
  for (const at of [from, to]) {
    const a = last(at);
    const b = first(at);
    if (a && b) leaps.push(Math.abs(b.pitch - a.pitch));
  }
  return leaps;
}

const PRESETS = ['pop-ballad', 'folk-dance', 'folk-jig', 'music-box-waltz', 'chorale', 'lofi-jazz', 'minor-nocturne'];

describe('Regenerate selection', () => {
  it('changes only the selection of the parts named, note for note, and joins both ends within an octave', () => {
    let changedInside = 0;
    let runs = 0;
    for (const name of PRESETS)
      for (let seed = 1; seed <= 4; seed++) {
        const { g, o } = piece(name, seed);
        const bar = barTicks(g.piece.meter);
        const request: RegenerateRequest = { from: 5, to: 11, parts: ['melody'], seed: 1000 + seed, variation: 1 };
        const after = regenerate(g.piece, g.model, o, request);
        expect(checkPiece(after), name).toEqual([]);
        expect(outsideChanges(g.piece, after, 5 * bar, 11 * bar, ['melody']), `${name} ${seed}`).toEqual([]);
        for (const leap of joins(after, 5 * bar, 11 * bar)) expect(leap, `${name} ${seed}`).toBeLessThanOrEqual(12);
        runs++;
        if (JSON.stringify(after.tracks[0].notes) !== JSON.stringify(g.piece.tracks[0].notes)) changedInside++;
      }
    expect(changedInside).toBe(runs);
  });

  it('the checks fail on a planted fault: a note moved outside the selection, a leap of two octaves', () => {
    const { g, o } = piece('folk-dance', 2);
    const bar = barTicks(g.piece.meter);
    const after = regenerate(g.piece, g.model, o, { from: 4, to: 8, parts: ['melody'], seed: 3, variation: 1 });
    const planted: Piece = structuredClone(after);
    planted.tracks[0].notes[0].pitch += 1;
    expect(outsideChanges(g.piece, planted, 4 * bar, 8 * bar, ['melody'])).toEqual([
      'melody changed outside the selection',
    ]);
    const leaping: Piece = structuredClone(after);
    const first = leaping.tracks[0].notes.find((n) => n.tick >= 4 * bar);
    if (!first) throw new Error('no note in the selection');
    first.pitch += 24;
    expect(Math.max(...joins(leaping, 4 * bar, 8 * bar))).toBeGreaterThan(12);
  });

  it('keeps the cadence of a section it regenerates whole: the last chord is the tonic, the melody ends on it', () => {
    for (const name of PRESETS)
      for (let seed = 1; seed <= 3; seed++) {
        const { g, o } = piece(name, seed);
        const plans = planForm(o.form, o.bars, o.phraseBars, o.sectionBars);
        // The first lettered section ends on an authentic cadence.
        let start = 0;
        const section = plans.find((p) => {
          const bars = p.phrases.reduce((n, x) => n + x.bars, 0);
          if (p.label !== 'intro') return true;
          start += bars;
          return false;
        });
        if (!section) throw new Error('no section');
        const bars = section.phrases.reduce((n, x) => n + x.bars, 0);
        expect(section.phrases.at(-1)?.cadence).toBe('authentic');
        const bar = barTicks(g.piece.meter);
        const after = regenerate(g.piece, g.model, o, {
          from: start,
          to: start + bars,
          parts: ['melody', 'chords', 'bass', 'drums'],
          seed: 40 + seed,
          variation: 1,
        });
        expect(checkPiece(after)).toEqual([]);
        const end = (start + bars) * bar;
        const lastChord = after.chords.filter((c) => c.tick < end).at(-1);
        expect(isTonicChord(lastChord?.roman ?? '', o.mode), `${name} ${seed} ${lastChord?.roman}`).toBe(true);
        const lastNote = after.tracks[0].notes.filter((n) => n.tick < end).at(-1);
        expect((lastNote?.pitch ?? -1) % 12, `${name} ${seed}`).toBe(tonicPitchClass(o.key));
        expect(outsideChanges(g.piece, after, start * bar, end, ['melody', 'chords', 'bass', 'drums'])).toEqual([]);
      }
  });

  it('new chords under a kept melody fit it, and the chords and bass parts follow the new harmony', () => {
    const { g, o } = piece('pop-ballad', 6);
    const bar = barTicks(g.piece.meter);
    const after = regenerate(g.piece, g.model, o, {
      from: 4,
      to: 12,
      parts: ['chords', 'bass'],
      seed: 5,
      variation: 1,
    });
    expect(after.tracks[0].notes).toEqual(g.piece.tracks[0].notes);
    expect(outsideChanges(g.piece, after, 4 * bar, 12 * bar, ['chords', 'bass'])).toEqual([]);
    for (const c of after.chords.filter((c) => c.tick >= 4 * bar && c.tick < 12 * bar)) {
      const root = chordPitchClasses(c.symbol)[0];
      const bass = after.tracks[2].notes.find((n) => n.tick === c.tick);
      if (bass) expect(bass.pitch % 12, c.symbol).toBe(root);
    }
  });

  it('Variation 0 changes nothing; a small Variation keeps the rhythm and moves a few notes a little', () => {
    const { g, o } = piece('folk-dance', 4);
    const bar = barTicks(g.piece.meter);
    expect(regenerate(g.piece, g.model, o, { from: 0, to: 8, parts: ['melody'], seed: 1, variation: 0 })).toBe(g.piece);
    const inside = (p: Piece) => p.tracks[0].notes.filter((n) => n.tick >= 4 * bar && n.tick < 8 * bar);
    let changed = 0;
    for (let seed = 0; seed < 10; seed++) {
      const after = regenerate(g.piece, g.model, o, { from: 4, to: 8, parts: ['melody'], seed, variation: 0.2 });
      const a = inside(g.piece);
      const b = inside(after);
      expect(b.map((n) => [n.tick, n.duration, n.velocity])).toEqual(a.map((n) => [n.tick, n.duration, n.velocity]));
      const moved = a.filter((n, i) => n.pitch !== b[i].pitch);
      changed += moved.length;
      expect(moved.length).toBeLessThanOrEqual(Math.ceil(a.length * 0.4));
      for (const [i, n] of a.entries()) expect(Math.abs(n.pitch - b[i].pitch)).toBeLessThanOrEqual(4);
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('is seeded: the same request on the same piece gives the same piece', () => {
    const { g, o } = piece('chorale', 9);
    const request: RegenerateRequest = {
      from: 2,
      to: 10,
      parts: ['melody', 'chords', 'bass'],
      seed: 8,
      variation: 0.7,
    };
    expect(regenerate(g.piece, g.model, o, request)).toEqual(regenerate(g.piece, g.model, o, request));
  });
});
