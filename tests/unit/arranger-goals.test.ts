import { describe, expect, it } from 'vitest';
import { chordTones, type Piece } from '../../src/compose';
import { barTicks, beatTicks } from '../../src/core';
import { chordPitchClasses } from '../../src/corpus';
import {
  type CraftMeasures,
  craftScore,
  harmonicChanges,
  measureCraft,
  parallelKinds,
  ratio,
  sonorities,
} from '../../src/eval';
import { builtinPresets, generate, type Preset } from '../../src/presets';
import { craftOfCorpus, craftOfPreset, withClashes } from '../helpers/craft';

/*
 * Issue #14, the arranger's goals, over 20 seeds of every preset (craftOfPreset: each piece
 * measured as written, its swing as played): no strong-beat clash, chords changing on the beat and
 * held no longer than the corpus holds them, no parallel fifths or octaves against the bass or the
 * tune, every part that plays the swung unit swinging, and each style's idiom. Each goal has a
 * planted fault that makes it fail.
 */

const SEEDS = 20;
const presets = builtinPresets();

/** A preset's pieces as written (quantized), seeds 1–20, made once per file. */
const written = new Map<string, Piece[]>();
function piecesOf(preset: Preset): Piece[] {
  let pieces = written.get(preset.name);
  if (!pieces) {
    pieces = Array.from({ length: SEEDS }, (_, i) => {
      const g = generate({ preset: preset.name, seed: i + 1 }, { quantize: true });
      if (!g.ok) throw new Error(g.error.message);
      return g.value.piece;
    });
    written.set(preset.name, pieces);
  }
  return pieces;
}

const replace = (piece: Piece, id: string, notes: Piece['tracks'][number]['notes']): Piece => ({
  ...piece,
  tracks: piece.tracks.map((t) => (t.id === id ? { ...t, notes } : t)),
});
const partOf = (piece: Piece, id: string) => {
  const track = piece.tracks.find((t) => t.id === id);
  if (!track) throw new Error(`no ${id} part`);
  return track;
};

/**
 * Of the chord changes (consecutive beats that sound different), those where the melody or the bass
 * moves in parallel fifths or octaves with another voice: what the arranger controls in every style
 * (parallel fifths inside a strummed chord are the guitar's idiom, not counted here).
 */
function outerParallels(piece: Piece): { count: number; of: number } {
  const slices = sonorities(craftScore(piece));
  const share = { count: 0, of: 0 };
  for (let i = 1; i < slices.length; i++) {
    const [a, b] = [slices[i - 1].voices, slices[i].voices];
    if (a.length < 2 || b.length < 2) continue;
    share.of++;
    const outer = (v: { role: string }) => v.role === 'melody' || v.role === 'bass';
    let found = false;
    for (let x = 0; x < a.length && !found; x++)
      for (let y = x + 1; y < a.length && !found; y++)
        if ((outer(a[x]) || outer(a[y])) && parallelKinds([a[x], a[y]], b).size > 0) found = true;
    if (found) share.count++;
  }
  return share;
}

const pooled = (shares: readonly { count: number; of: number }[]) =>
  shares.reduce((s, x) => s + x.count, 0) /
  Math.max(
    1,
    shares.reduce((s, x) => s + x.of, 0),
  );

describe('the arranger, over 20 seeds of every preset', () => {
  for (const preset of presets) {
    it(`${preset.name}: no strong-beat clash, chords on the beat and never held past the corpus's 95th percentile`, () => {
      const { measures, summary } = craftOfPreset(preset.name, SEEDS);
      // Melody notes on strong beats a semitone, major seventh or minor ninth from any sounding note.
      expect(summary.clashesWithSevenths.share, preset.name).toBeLessThanOrEqual(0.08);
      expect(summary.clashesWithSevenths.max, preset.name).toBeLessThanOrEqual(0.08);
      expect(summary.offBeatChordChanges.count, preset.name).toBe(0);
      const p95 = craftOfCorpus(preset.corpus).summary.chordLengthP95Beats ?? 0;
      expect(p95, preset.corpus).toBeGreaterThan(0);
      expect(summary.longestChordBeats.max, `${preset.name}: corpus ${preset.corpus} P95 ${p95}`).toBeLessThanOrEqual(
        p95,
      );
      expect(measures).toHaveLength(SEEDS);
    });

    it(`${preset.name}: no parallel fifths or octaves against the bass or the melody (≤ 3 % of chord changes)`, () => {
      const shares = piecesOf(preset).map(outerParallels);
      expect(pooled(shares), preset.name).toBeLessThanOrEqual(0.03);
    });
  }

  it('every part that plays the swung unit swings: lofi-jazz swings its eighths in the lead, the bass and the drums', () => {
    for (const preset of presets) {
      const { summary } = craftOfPreset(preset.name, SEEDS);
      expect(summary.swing.straight, preset.name).toEqual({});
      if (preset.groove && preset.groove.swing > 0) expect(summary.swing.swungPieces, preset.name).toBe(SEEDS);
    }
    const lofi = craftOfPreset('lofi-jazz', SEEDS).summary.swing.parts;
    for (const id of ['melody', 'bass', 'drums']) {
      expect(lofi[id].eighth.of, id).toBeGreaterThan(20);
      expect(lofi[id].eighth.count, id).toBe(lofi[id].eighth.of);
    }
  });

  it('planted faults fail each goal: a clashing note, an off-beat change, a chord held too long, a part in parallels, a straight lead', () => {
    const preset = presets.find((p) => p.name === 'pop-ballad') as Preset;
    const piece = piecesOf(preset)[2];
    const melody = partOf(piece, 'melody').notes;
    const clean = measureCraft(piece);
    expect(ratio(clean.clashesWithSevenths)).toBeLessThanOrEqual(0.08);
    // A note a minor ninth under every melody note, in the chords part.
    const clashing = replace(piece, 'chords', withClashes(melody, partOf(piece, 'chords').notes));
    expect(ratio(measureCraft(clashing).clashesWithSevenths)).toBeGreaterThan(0.9);
    // A chord change moved two thirds of a beat late.
    const beat = beatTicks(piece.meter);
    const chords = piece.chords.map((c) => ({ ...c }));
    const k = chords.findIndex((c, i) => i > 0 && c.duration > beat);
    chords[k - 1].duration += (2 * beat) / 3;
    chords[k].tick += (2 * beat) / 3;
    chords[k].duration -= (2 * beat) / 3;
    expect(measureCraft({ ...piece, chords }).harmonicRhythm.offBeat.count).toBe(1);
    // The first two chords as one (the same symbol twice): longer than the corpus's 95th percentile.
    const p95 = craftOfCorpus(preset.corpus).summary.chordLengthP95Beats ?? 0;
    const held = piece.chords.map((c, i) => (i < 3 ? { ...c, symbol: piece.chords[0].symbol } : c));
    expect(measureCraft({ ...piece, chords: held }).harmonicRhythm.longestBeats).toBeGreaterThan(p95);
    // The chords part replaced by the bass a twelfth up: parallel fifths wherever the bass moves.
    const bass = partOf(piece, 'bass').notes;
    const parallels = replace(
      piece,
      'chords',
      bass.map((n) => ({ ...n, pitch: n.pitch + 19 })),
    );
    expect(pooled([outerParallels(piece)])).toBeLessThanOrEqual(0.03);
    expect(pooled([outerParallels(parallels)])).toBeGreaterThan(0.2);
    // lofi-jazz played with its lead left straight (the written lead under the swung drums).
    const lofi = (swung: boolean) => generate({ preset: 'lofi-jazz', seed: 3 }, { quantize: !swung });
    const [score, played] = [lofi(false), lofi(true)];
    if (!score.ok || !played.ok) throw new Error('lofi-jazz');
    const straightLead = replace(played.value.piece, 'melody', partOf(score.value.piece, 'melody').notes);
    const m = (p: Piece): CraftMeasures => measureCraft(score.value.piece, { performed: p, swingUnit: 'eighth' });
    expect(m(played.value.piece).swing.straight).toEqual([]);
    expect(m(straightLead).swing.straight).toEqual(['melody']);
  });
});

describe("each style's idiom", () => {
  const byName = (name: string) => presets.find((p) => p.name === name) as Preset;

  it("the waltz's oom-pah-pah: bass on every downbeat (and on a chord changing inside the bar), the piano on two and three", () => {
    const oomPahPah = (piece: Piece) => {
      const bar = barTicks(piece.meter);
      const bass = partOf(piece, 'bass').notes;
      const changes = new Set(piece.chords.map((c) => c.tick));
      const downbeats = new Set(bass.filter((n) => n.tick % bar === 0).map((n) => n.tick));
      return {
        everyBar: downbeats.size === piece.bars,
        bassOnOneOrChange: bass.every((n) => n.tick % bar === 0 || changes.has(n.tick)),
        pianoOffOne: partOf(piece, 'chords').notes.every((n) => n.tick % bar !== 0),
      };
    };
    for (const piece of piecesOf(byName('music-box-waltz')))
      expect(oomPahPah(piece)).toEqual({ everyBar: true, bassOnOneOrChange: true, pianoOffOne: true });
    // Planted: piano chords on the downbeat, with the bass.
    const piece = piecesOf(byName('music-box-waltz'))[0];
    const bar = barTicks(piece.meter);
    const onOne = partOf(piece, 'chords').notes.map((n) => ({ ...n, tick: n.tick - (n.tick % bar) }));
    expect(oomPahPah(replace(piece, 'chords', onOne)).pianoOffOne).toBe(false);
  });

  it("the jig's guitar strums every dotted-quarter beat, all its notes together", () => {
    for (const piece of piecesOf(byName('folk-jig'))) {
      const beat = beatTicks(piece.meter);
      const guitar = partOf(piece, 'chords').notes;
      expect(guitar.every((n) => n.tick % beat === 0)).toBe(true);
      const strums = new Set(guitar.map((n) => n.tick));
      expect(strums.size).toBe(piece.bars * 2);
    }
    // Planted: a strum a third of a beat late.
    const piece = piecesOf(byName('folk-jig'))[0];
    const late = partOf(piece, 'chords').notes.map((n, i) => (i === 0 ? { ...n, tick: n.tick + 160 } : n));
    expect(late.every((n) => n.tick % beatTicks(piece.meter) === 0)).toBe(false);
  });

  it("lofi-jazz's rootless voicings: chords with a seventh leave their root to the bass", () => {
    const rootless = (piece: Piece) => {
      const keys = partOf(piece, 'chords').notes;
      let rich = 0;
      let without = 0;
      for (const c of harmonicChanges(piece.chords)) {
        const pcs = chordPitchClasses(c.symbol);
        if (!chordTones(pcs).some((t) => t.degree === 7)) continue;
        const struck = keys.filter((n) => n.tick === c.tick).map((n) => n.pitch % 12);
        if (struck.length === 0) continue;
        rich++;
        if (!struck.includes(pcs[0])) without++;
      }
      return without / Math.max(1, rich);
    };
    for (const piece of piecesOf(byName('lofi-jazz'))) expect(rootless(piece)).toBeGreaterThan(0.9);
    // Planted: the root added under every chord.
    const piece = piecesOf(byName('lofi-jazz'))[0];
    const rooted = partOf(piece, 'chords').notes.concat(
      piece.chords.map((c) => ({
        pitch: 48 + chordPitchClasses(c.symbol)[0],
        tick: c.tick,
        duration: 240,
        velocity: 60,
      })),
    );
    expect(rootless(replace(piece, 'chords', rooted))).toBeLessThan(0.5);
  });

  it('the chords part stays under the melody: a chord note above it or on its pitch on few beats', () => {
    for (const preset of presets) {
      const s = craftOfPreset(preset.name, SEEDS).summary;
      expect(s.aboveSoprano.share, preset.name).toBeLessThan(0.05);
      expect(s.sopranoUnison.share, preset.name).toBeLessThan(0.12);
    }
    // Planted: the chords part an octave up.
    const piece = piecesOf(presets[0])[0];
    const high = replace(
      piece,
      'chords',
      partOf(piece, 'chords').notes.map((n) => ({ ...n, pitch: n.pitch + 12 })),
    );
    expect(ratio(measureCraft(high).voicing.aboveSoprano)).toBeGreaterThan(0.3);
  });
});
