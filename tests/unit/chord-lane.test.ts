import { describe, expect, it } from 'vitest';
import { applyEdits, GM_DRUMS, type Piece, resolveOptions } from '../../src/compose';
import { barTicks, beatTicks, type Ticks } from '../../src/core';
import { chordOfRoman, chordPitchClasses, type Note } from '../../src/corpus';
import { composeOptions, generate } from '../../src/presets';

/*
 * The chord lane: a chord picked for a span, and the accompaniment follows it — the chords part
 * voiced anew on the chord's tones, the bass on its root, the drums with a fill into the changed
 * chord and a crash on it. Everything else stays note for note.
 */

const g = generate({ preset: 'pop-ballad', seed: 3 });
if (!g.ok) throw new Error(g.error.message);
const { piece, preset, recipe } = g.value;
const o = resolveOptions(composeOptions(preset, recipe));
const bar = barTicks(piece.meter);
const beat = beatTicks(piece.meter);
const pc = (p: number) => ((p % 12) + 12) % 12;
const track = (p: Piece, id: string) => p.tracks.find((t) => t.id === id)?.notes ?? [];
const between = (notes: readonly Note[], from: Ticks, to: Ticks) => notes.filter((n) => n.tick >= from && n.tick < to);
/** The most a part's onsets are moved by the preset's timing humanization (pop-ballad: 6 ticks). */
const JITTER = 20;
const FILL = new Set<number>([GM_DRUMS.snare, GM_DRUMS.highTom, GM_DRUMS.midTom, GM_DRUMS.lowTom]);

/** A chord of the scale other than the one sounding just before `at`. */
function otherChord(p: Piece, at: Ticks): string {
  const before = p.chords.filter((c) => c.tick < at).at(-1)?.roman;
  return ['IV', 'vi', 'ii', 'V'].find((r) => r !== before) as string;
}

/**
 * Problems with the drums of `after` as a fill into `at` over `length` ticks: at least one hit per
 * eighth (a fill leaves out only some sixteenths), only fill voices, a tom, a crash on the chord.
 */
function fillProblems(after: Piece, at: Ticks, length: Ticks): string[] {
  const problems: string[] = [];
  const drums = track(after, 'drums');
  const lead = between(drums, at - length - JITTER, at);
  const least = Math.round(length / (beat / 2));
  if (lead.length < least) problems.push(`only ${lead.length} hits before the chord`);
  if (between(drums, at - length + JITTER, at).some((n) => !FILL.has(n.pitch)))
    problems.push('groove hits (kick, hats) inside the fill');
  if (!lead.some((n) => n.pitch !== GM_DRUMS.snare)) problems.push('no tom in the fill');
  if (!drums.some((n) => n.tick === at && n.pitch === GM_DRUMS.crash)) problems.push('no crash on the chord');
  return problems;
}

describe('the chord lane: the accompaniment follows a picked chord', () => {
  // Bar 7 (0-based 6): inside the first A phrase, not a section start.
  const from = 6 * bar + 0;
  const to = from + bar;
  const roman = otherChord(piece, from);
  const after = applyEdits(piece, [{ op: 'chord', from, to, roman }], {
    model: g.value.model,
    options: o,
    seed: recipe.seed,
  });
  const tones = chordPitchClasses(chordOfRoman(roman, piece.key));

  it('voices the chords part on the new chord and puts the bass on its root', () => {
    expect(after.chords.find((c) => c.tick === from)).toMatchObject({ roman, duration: bar });
    // Onsets are humanized by a few ticks: the notes of the span are those well inside it.
    const comp = between(track(after, 'chords'), from - JITTER, to - JITTER);
    expect(comp.length).toBeGreaterThan(0);
    expect(comp.every((n) => tones.includes(pc(n.pitch)))).toBe(true);
    const bass = between(track(after, 'bass'), from - JITTER, to - JITTER);
    expect(bass.length).toBeGreaterThan(0);
    expect(pc(bass[0].pitch)).toBe(tones[0]);
    // Negative control: the piece before the edit does not have these tones there.
    expect(between(track(piece, 'chords'), from - JITTER, to - JITTER).every((n) => tones.includes(pc(n.pitch)))).toBe(
      false,
    );
  });

  it('leads the drums into the changed chord with a fill and a crash; the rest of the drums stay note for note', () => {
    // A chord of a bar: half a bar of fill before it.
    expect(fillProblems(after, from, bar / 2)).toEqual([]);
    // Negative control: the drums before the edit have no fill there (the groove plays on).
    expect(fillProblems(piece, from, bar / 2)).not.toEqual([]);
    const outside = (p: Piece) => track(p, 'drums').filter((n) => n.tick < from - bar / 2 || n.tick > from);
    expect(outside(after)).toEqual(outside(piece));
    // Melody untouched; the chords and bass outside the span untouched.
    expect(track(after, 'melody')).toEqual(track(piece, 'melody'));
    for (const id of ['chords', 'bass'])
      expect(track(after, id).filter((n) => n.tick >= to)).toEqual(track(piece, id).filter((n) => n.tick >= to));
  });

  it('a chord shorter than a bar gets a beat of fill; the same chord as before gets none', () => {
    const at = 9 * bar + 2 * beat;
    const short = otherChord(piece, at);
    const edited = applyEdits(piece, [{ op: 'chord', from: at, to: at + 2 * beat, roman: short }], {
      model: g.value.model,
      options: o,
      seed: recipe.seed,
    });
    expect(fillProblems(edited, at, beat)).toEqual([]);
    expect(between(track(edited, 'drums'), at - 2 * beat, at - beat - JITTER)).toEqual(
      between(track(piece, 'drums'), at - 2 * beat, at - beat - JITTER),
    );
    const same = piece.chords.filter((c) => c.tick < at).at(-1)?.roman as string;
    const unchanged = applyEdits(piece, [{ op: 'chord', from: at, to: at + 2 * beat, roman: same }], {
      model: g.value.model,
      options: o,
      seed: recipe.seed,
    });
    expect(track(unchanged, 'drums')).toEqual(track(piece, 'drums'));
  });

  it('is the same on every run (seeded), and the edited piece is well formed', () => {
    const again = applyEdits(piece, [{ op: 'chord', from, to, roman }], {
      model: g.value.model,
      options: o,
      seed: recipe.seed,
    });
    expect(again).toEqual(after);
    const drums = track(after, 'drums');
    expect(drums.every((n, i) => i === 0 || drums[i - 1].tick <= n.tick)).toBe(true);
    expect(drums.every((n) => n.velocity >= 1 && n.velocity <= 127 && n.duration > 0)).toBe(true);
  });
});
