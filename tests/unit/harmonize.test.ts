import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Note } from 'tonal';
import { describe, expect, it } from 'vitest';
import { checkPiece, harmonizeSpan, resolveOptions } from '../../src/compose';
import { barTicks } from '../../src/core';
import { chordOfRoman, chordPitchClasses, importFile } from '../../src/corpus';
import { harmonizeMelody, isTonicChord } from '../../src/model';
import { builtinCorpus, composeOptions, findPreset, generate, harmonizeRecipe, modelFor } from '../../src/presets';
import { muse } from '../helpers/cli';
import { midiCheck, midiCheckAvailable } from '../helpers/midiCheck';
import { melodyFile } from '../helpers/smfWriter';

const dir = mkdtempSync(join(tmpdir(), 'muse-harmonize-'));

function songbook() {
  const preset = findPreset('folk-dance');
  const corpus = builtinCorpus('songbook');
  if (!preset || !corpus) throw new Error('folk-dance or songbook missing');
  return modelFor(corpus, preset);
}

/** Arpeggios of chords in C major, one bar each (4/4), the chord's tones on the beats. */
function arpeggios(romans: readonly string[]) {
  return romans.flatMap((roman, bar) => {
    const [root, third, fifth] = chordPitchClasses(chordOfRoman(roman, 'C'));
    return [root, third, fifth, third].map((pc, i) => ({ pitch: 60 + pc, tick: bar * 1920 + i * 480, duration: 480 }));
  });
}

describe('harmonizeMelody (Viterbi with the melody as evidence)', () => {
  it('finds chords whose tones the melody outlines, and ends on the tonic', () => {
    const model = songbook();
    const romans = ['I', 'VIm', 'IIm', 'V', 'I', 'IV', 'V', 'I'];
    const h = harmonizeMelody(model, { melody: arpeggios(romans), bars: 8, meter: [4, 4], key: 'C', mode: 'major' });
    if (!h.ok) throw new Error(h.error.message);
    const perBar = romans.map((_, bar) =>
      h.value.chords.find((c) => c.start <= bar * 12 && c.start + c.twelfths > bar * 12),
    );
    const roots = perBar.map((c) => chordPitchClasses(chordOfRoman(c?.roman ?? '', 'C'))[0]);
    const wanted = romans.map((r) => chordPitchClasses(chordOfRoman(r, 'C'))[0]);
    const agree = roots.filter((r, i) => r === wanted[i]).length;
    expect(agree).toBeGreaterThanOrEqual(7);
    expect(isTonicChord(h.value.chords.at(-1)?.roman ?? '', 'major')).toBe(true);
    // Negative control: without the melody as evidence, the same chain does not find those chords.
    const blind = harmonizeMelody(model, {
      melody: arpeggios(romans),
      bars: 8,
      meter: [4, 4],
      key: 'C',
      mode: 'major',
      evidence: 0,
    });
    if (!blind.ok) throw new Error(blind.error.message);
    const blindRoots = romans.map((_, bar) => {
      const c = blind.value.chords.find((x) => x.start <= bar * 12 && x.start + x.twelfths > bar * 12);
      return chordPitchClasses(chordOfRoman(c?.roman ?? '', 'C'))[0];
    });
    expect(blindRoots.filter((r, i) => r === wanted[i]).length).toBeLessThan(agree);
  });
});

describe('the harmonize edit', () => {
  it('changes the harmony of the span only, keeps the melody note for note, ends on the tonic, and the bass follows', () => {
    for (const name of ['folk-dance', 'pop-ballad', 'music-box-waltz']) {
      const g = generate({ preset: name, seed: 3 });
      if (!g.ok) throw new Error(g.error.message);
      const { piece, model, preset, recipe } = g.value;
      const o = resolveOptions(composeOptions(preset, recipe));
      const bar = barTicks(piece.meter);
      const after = harmonizeSpan(piece, model, o, recipe.seed, { from: 4, to: piece.bars });
      expect(checkPiece(after)).toEqual([]);
      expect(after.tracks[0]).toEqual(piece.tracks[0]);
      expect(after.chords.filter((c) => c.tick + c.duration <= 4 * bar)).toEqual(
        piece.chords.filter((c) => c.tick + c.duration <= 4 * bar),
      );
      for (const t of [1, 2]) {
        const before = (n: { tick: number }) => n.tick < 4 * bar;
        expect(after.tracks[t].notes.filter(before).map((n) => [n.tick, n.pitch])).toEqual(
          piece.tracks[t].notes.filter(before).map((n) => [n.tick, n.pitch]),
        );
      }
      expect(isTonicChord(after.chords.at(-1)?.roman ?? '', o.mode), name).toBe(true);
      // The bass stands on each new chord: its root, or the bass its symbol names ("C/E").
      for (const c of after.chords.filter((c) => c.tick >= 4 * bar)) {
        const bass = after.tracks[2].notes.find((n) => n.tick === c.tick);
        const named = c.symbol.includes('/') ? Note.chroma(c.symbol.slice(c.symbol.lastIndexOf('/') + 1)) : undefined;
        if (bass) expect(bass.pitch % 12, `${name} ${c.symbol}`).toBe(named ?? chordPitchClasses(c.symbol)[0]);
      }
    }
  });
});

/** A melody as a MIDI file: a simple tune in D major, 3/4. */
const TUNE = [2, 6, 9, 6, 4, 2, 1, 4, 9, 7, 6, 4, 2, 6, 9, 11, 9, 7, 6, 4, 1, 2, 2, 2].map(
  (pc) => 62 + ((pc - 2 + 12) % 12),
);
const tuneFile = () => melodyFile(TUNE, { meter: [3, 4], sharps: 2, bpm: 132 });

describe('muse harmonize', () => {
  it('writes the melody with chords, bass and drums around it; the file is a valid MIDI file that says so', async () => {
    const melody = join(dir, 'tune.mid');
    writeFileSync(melody, tuneFile());
    const out = join(dir, 'harmonized.mid');
    const r = await muse('harmonize', melody, '--preset', 'folk-dance', '--out', out, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ key: 'D', mode: 'major', meter: [3, 4], bars: 8 });
    expect(summary.chords.length).toBeGreaterThan(3);
    const back = importFile('harmonized.mid', readFileSync(out)).pieces[0];
    const lead = back.tracks.find((t) => t.role === 'melody');
    expect(lead?.notes.map((n) => n.pitch)).toEqual(
      importFile('tune.mid', readFileSync(melody)).pieces[0].tracks[0].notes.map((n) => n.pitch),
    );
    expect(new TextDecoder().decode(readFileSync(out))).toMatch(/"edited":"[^"]*1 harmonization/);
    if (midiCheckAvailable()) expect(midiCheck(out).status).toBe(0);
    // The same recipe as the page's Harmonize makes the same piece.
    const recipe = harmonizeRecipe(importFile('tune.mid', readFileSync(melody)).pieces[0], {
      preset: 'folk-dance',
      seed: 1,
    });
    expect(recipe.ok).toBe(true);
  });

  it('refuses a missing file, a file that is not MIDI, no --out, an unknown preset, with exit 2 and the reason', async () => {
    const notMidi = join(dir, 'not.mid');
    writeFileSync(notMidi, 'hello');
    const melody = join(dir, 'tune2.mid');
    writeFileSync(melody, tuneFile());
    const cases: [string[], RegExp][] = [
      [['harmonize', '--out', join(dir, 'x.mid')], /harmonize needs a MIDI file/],
      [['harmonize', join(dir, 'missing.mid'), '--out', join(dir, 'x.mid')], /cannot read .*missing\.mid/],
      [['harmonize', notMidi, '--out', join(dir, 'x.mid')], /not\.mid/],
      [['harmonize', melody], /--out/],
      [['harmonize', melody, '--out', join(dir, 'x.txt')], /--out must name a \.mid file/],
      [
        ['harmonize', melody, '--preset', 'nope', '--out', join(dir, 'x.mid')],
        /--preset: there is no preset called "nope"/,
      ],
      [['harmonize', melody, '--seed', 'x', '--out', join(dir, 'x.mid')], /--seed must be a whole number/],
      [['harmonize', melody, melody, '--out', join(dir, 'x.mid')], /one MIDI file/],
    ];
    for (const [args, message] of cases) {
      const r = await muse(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });
});
