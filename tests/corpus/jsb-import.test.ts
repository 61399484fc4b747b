import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chord } from 'tonal';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/corpus';
import { SHARED_CORPORA, sharedCorporaAvailable } from '../helpers/shared';

describe.skipIf(!sharedCorporaAvailable())('JSB chorales through the importer', () => {
  it.each(['jsb-chorales-quarter.json', 'jsb-chorales-16th.json'])(
    'imports all 382 chorales of %s with key and chords',
    (name) => {
      const file = join(SHARED_CORPORA, 'jsb', name);
      const { lines, pieces } = importFile(file, readFileSync(file));
      expect(pieces).toHaveLength(382);
      expect(lines.every((l) => l.ok)).toBe(true);
      for (const p of pieces) {
        expect(p.tracks.find((t) => t.role === 'melody')?.notes.length).toBeGreaterThan(0);
        expect(p.tracks.find((t) => t.role === 'bass')?.notes.length).toBeGreaterThan(0);
        expect(p.chords?.length, p.id).toBeGreaterThan(0);
        for (const c of p.chords ?? []) expect(Chord.get(c.symbol).empty).toBe(false);
      }
      for (const l of lines) expect(l.chords?.every((c) => c.roman !== '' && c.end > c.start)).toBe(true);
      // a step is a quarter note in one file and a sixteenth in the other: the same chorales, the same length
      const beats = Math.max(...pieces[0].tracks.flatMap((t) => t.notes.map((n) => n.tick + n.duration))) / 480;
      expect(beats).toBeGreaterThan(16);
      expect(beats).toBeLessThan(200);
      const modes = new Set(pieces.map((p) => p.mode));
      expect(modes).toEqual(new Set(['major', 'minor']));
    },
  );
});
