import { describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { beatTicks } from '../../src/core';
import { findPreset, generate, type Preset } from '../../src/presets';

/*
 * pop-ballad, folk-dance and minor-nocturne once learnt from one corpus and were hard to tell apart
 * by their tunes (steps 50–55 %, 2.7–3.1 notes per bar, about five rhythm values each). Each now
 * has a corpus of its own (ballads, reels, nocturnes). The test names the style of a piece from
 * its tune alone — contour and rhythm, not key, mode, tempo or instruments — by the nearest style
 * centroid of the other pieces (leave one out), 20 pieces per style. The planted fault: the same
 * three presets all trained on the songbook again cannot be told apart as well.
 */

const STYLES = ['pop-ballad', 'folk-dance', 'minor-nocturne'];

/** What a listener hears of a tune's shape and rhythm. */
function tuneFeatures(piece: Piece): number[] {
  const m = (piece.tracks.find((t) => t.role === 'melody')?.notes ?? []).slice().sort((a, b) => a.tick - b.tick);
  const beat = beatTicks(piece.meter);
  const moves = m.slice(1).map((n, i) => Math.abs(n.pitch - m[i].pitch));
  const iois = m.slice(1).map((n, i) => n.tick - m[i].tick);
  const share = <T>(xs: T[], test: (x: T) => boolean) => xs.filter(test).length / Math.max(1, xs.length);
  const bars =
    (m[m.length - 1].tick - m[0].tick) / (beat * (piece.meter[1] === 8 ? piece.meter[0] / 3 : piece.meter[0]));
  return [
    share(moves, (d) => d === 1 || d === 2),
    share(moves, (d) => d === 0),
    share(moves, (d) => d >= 5),
    m.length / Math.max(1, bars),
    new Set(iois).size,
    share(m, (n) => n.tick % beat !== 0),
    iois.reduce((a, b) => a + b, 0) / Math.max(1, iois.length) / beat,
    share(iois, (d) => d < beat / 2),
    share(iois, (d) => (d * 4) % (beat * 3) === 0 && d % beat !== 0),
  ];
}

function piecesOf(preset: Preset, corpus?: string): number[][] {
  const used = corpus ? { ...preset, corpus } : preset;
  return Array.from({ length: 20 }, (_, i) => {
    const g = generate({ preset: preset.name, seed: i + 1 }, { preset: used, quantize: true });
    if (!g.ok) throw new Error(g.error.message);
    return tuneFeatures(g.value.piece);
  });
}

/** Leave-one-out nearest-centroid accuracy on z-scored features. */
function accuracy(sets: number[][][]): number {
  const all = sets.flat();
  const k = all[0].length;
  const mean = Array.from({ length: k }, (_, j) => all.reduce((a, x) => a + x[j], 0) / all.length);
  const sd = Array.from({ length: k }, (_, j) =>
    Math.max(1e-9, Math.sqrt(all.reduce((a, x) => a + (x[j] - mean[j]) ** 2, 0) / all.length)),
  );
  const z = sets.map((set) => set.map((x) => x.map((v, j) => (v - mean[j]) / sd[j])));
  let right = 0;
  for (const [s, set] of z.entries())
    for (const [i, x] of set.entries()) {
      const centroids = z.map((other, o) => {
        const rest = o === s ? other.filter((_, j) => j !== i) : other;
        return Array.from({ length: k }, (_, j) => rest.reduce((a, y) => a + y[j], 0) / rest.length);
      });
      const distances = centroids.map((c) => c.reduce((a, v, j) => a + (v - x[j]) ** 2, 0));
      if (distances.indexOf(Math.min(...distances)) === s) right++;
    }
  return right / all.length;
}

describe('three styles a listener tells apart by the tune alone', () => {
  const presets = STYLES.map((name) => {
    const p = findPreset(name);
    if (!p) throw new Error(`no preset ${name}`);
    return p;
  });

  it('names the style of 20 pieces each from contour and rhythm (nearest centroid, leave one out)', () => {
    const sets = presets.map((p) => piecesOf(p));
    const mean = (set: number[][], j: number) => set.reduce((a, x) => a + x[j], 0) / set.length;
    for (const [i, p] of presets.entries())
      console.log(
        `${p.name}: steps ${(100 * mean(sets[i], 0)).toFixed(0)} %, notes per bar ${mean(sets[i], 3).toFixed(1)}, rhythm values ${mean(sets[i], 4).toFixed(1)}`,
      );
    const score = accuracy(sets);
    console.log(`styles named right: ${(100 * score).toFixed(0)} %`);
    expect(score).toBeGreaterThanOrEqual(0.95);
  });

  it('cannot tell them apart as well when all three learn from the songbook again (planted fault)', () => {
    const score = accuracy(presets.map((p) => piecesOf(p, 'songbook')));
    console.log(`styles named right, all on the songbook: ${(100 * score).toFixed(0)} %`);
    expect(score).toBeLessThan(0.8);
  });
});
