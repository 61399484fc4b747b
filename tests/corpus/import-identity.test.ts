import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importEntry } from '../../src/cli/import';
import { digestOf, importDigests, sampleFiles, sharedName } from '../helpers/importDigest';
import { sharedCorporaAvailable } from '../helpers/shared';

/**
 * The importer made faster (issue 17) must import the same: every Nottingham tune and every 8th
 * POP909 song give, byte for byte, the lines and pieces they gave before (notes, chord labels and
 * their spelling, roman numerals, tempo maps, warnings). The digests were recorded before that work
 * by `npx tsx tests/bench/import-digest.ts --fixture tests/fixtures/import-digests.json` (commit in
 * the file).
 */
const before: { commit: string; digests: Record<string, string> } = JSON.parse(
  readFileSync(new URL('../fixtures/import-digests.json', import.meta.url), 'utf8'),
);

describe.skipIf(!sharedCorporaAvailable())('import of the real corpora unchanged (issue 17)', () => {
  it('every sampled file imports to the digest recorded before the speed-up', () => {
    const files = sampleFiles();
    expect(files.map(sharedName)).toEqual(Object.keys(before.digests));
    const now = importDigests(files);
    const changed = Object.keys(before.digests).filter((f) => now[f] !== before.digests[f]);
    expect(changed, `files imported differently from ${before.commit}`).toEqual([]);
  }, 120_000);

  it('a planted fault changes the digest: one note a semitone up, one chord spelled otherwise', () => {
    const [file] = sampleFiles().filter((f) => f.includes('pop909'));
    const imported = importEntry({ path: file });
    const recorded = before.digests[sharedName(file)];
    expect(digestOf(imported)).toBe(recorded);

    const [piece] = imported.pieces;
    const note = piece.tracks[0].notes[0];
    const raised = { ...piece, tracks: [{ ...piece.tracks[0], notes: [{ ...note, pitch: note.pitch + 1 }] }] };
    expect(digestOf({ ...imported, pieces: [raised] })).not.toBe(recorded);

    const chords = piece.chords ?? [];
    expect(chords.length).toBeGreaterThan(0);
    const respelled = chords.map((c, i) => (i === 0 ? { ...c, symbol: `${c.symbol}/` } : c));
    expect(digestOf({ ...imported, pieces: [{ ...piece, chords: respelled }] })).not.toBe(recorded);
  });
});
