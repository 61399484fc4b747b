import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composedSet, corpusSet } from '../../src/cli/statsSets';
import { summarizeCraft } from '../../src/eval';
import { findPreset, generate, pieceJson } from '../../src/presets';
import { muse } from '../helpers/cli';

describe('muse stats: craft measures', () => {
  it('composes a preset over seeds and reports the craft of both sets in --json, keeping the MGEval keys', async () => {
    const { code, out } = await muse('stats', '--preset', 'chorale', '--seeds', '1-3', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['reference', 'generated', 'features', 'baseline', 'craft']);
    expect(json.generated).toEqual({ pieces: 3, source: 'chorale, seeds 1–3' });
    expect(json.reference).toEqual({ pieces: 25, source: 'built-in corpus chorales' });
    expect(json.features).toHaveLength(6);
    // The same figures as the library's: one measuring path for the CLI and the tests.
    const preset = findPreset('chorale')!;
    expect(json.craft.generated).toEqual(
      JSON.parse(JSON.stringify(summarizeCraft(composedSet(preset, [1, 2, 3]).craft))),
    );
    expect(json.craft.reference).toEqual(JSON.parse(JSON.stringify(summarizeCraft(corpusSet('chorales').craft))));
    for (const key of [
      'parallelFifths',
      'parallelOctaves',
      'voiceCrossing',
      'sopranoUnison',
      'aboveSoprano',
      'inversions',
      'clashes',
      'clashesWithSevenths',
      'leapRecovery',
      'wideLeaps',
      'phraseContinuity',
      'offBeatChordChanges',
    ])
      expect(Object.keys(json.craft.generated[key]), key).toEqual(['share', 'count', 'of', 'min', 'max']);
    for (const key of ['voices', 'range', 'longestChordBeats', 'longestChordBars', 'notesPerBar', 'distinctIois'])
      expect(Object.keys(json.craft.generated[key]), key).toEqual(['mean', 'min', 'max']);
    expect(json.craft.generated.voices.mean).toBe(4); // four-part writing: soprano, alto, tenor, bass
  });

  it('prints the craft rows beside the MGEval table', async () => {
    const { code, out } = await muse('stats', '--preset', 'lofi-jazz', '--seeds', '4-5', '--corpus', 'waltzes');
    expect(code).toBe(0);
    expect(out).toContain('reference: 25 pieces (built-in corpus waltzes), generated: 2 pieces (lofi-jazz, seeds 4–5)');
    expect(out).toMatch(/^pitchCount\s/m);
    for (const row of [
      'parallel fifths (of chord changes)',
      'chords in inversion',
      'strong-beat melody notes clashing (semitone/minor 9th)',
      'leaps of a fifth+ recovered by a step back',
      'melodic moves wider than an octave',
      'melodic range (semitones)',
      'phrases starting within a sixth of the last',
      'chord changes off the beat',
      'longest chord held (bars)',
      'chord length, 95th percentile (beats)',
      'melody notes per bar',
      'distinct inter-onset times per piece',
    ])
      expect(out, row).toMatch(new RegExp(`^${row.replace(/[()+/.]/g, '\\$&')}\\s+\\S`, 'm'));
    expect(out).toMatch(/^swing\s+2\/2 swung\s+0\/25 swung$/m);
  });

  it('reads piece JSON files of muse generate --out f.json as the generated set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muse-craft-'));
    mkdirSync(join(dir, 'gen'));
    for (const seed of [1, 2]) {
      const g = generate({ preset: 'music-box-waltz', seed });
      if (!g.ok) throw new Error(g.error.message);
      writeFileSync(join(dir, 'gen', `${seed}.json`), pieceJson(g.value));
    }
    const { code, out, err } = await muse('stats', '--generated', join(dir, 'gen'), '--corpus', 'waltzes', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.generated.pieces).toBe(2);
    expect(json.craft.generated.phraseContinuity.of).toBeGreaterThan(0);
    expect(json.craft.generated.longestChordBars.max).toBeGreaterThan(0);
  });

  it('refuses wrong flags with one line naming the flag, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--preset', 'chorale'], /--seeds/],
      [['--preset', 'nope', '--seeds', '1-2'], /--preset/],
      [['--preset', 'chorale', '--seeds', '5-2'], /--seeds/],
      [['--preset', 'chorale', '--seeds', '1-5000'], /--seeds/],
      [['--preset', 'chorale', '--seeds', 'x'], /--seeds/],
      [['--preset', 'chorale', '--seeds', '1'], /fewer than two/],
      [['--generated', '.', '--seeds', '1-2'], /--seeds/],
      [['--generated', '.', '--preset', 'chorale'], /--generated/],
      [['--preset', 'chorale', '--seeds', '1-2', '--corpus', 'nope'], /--corpus/],
      [['--preset', 'chorale', '--seeds', '1-2', '--corpus', 'waltzes', '--reference', '.'], /--reference/],
      [['--model', 'missing.json', '--seeds', '1-2', '--corpus', 'waltzes'], /missing\.json/],
      [['--generated', 'no-such-folder', '--corpus', 'waltzes'], /no-such-folder/],
      [[], /--generated/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await muse('stats', ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(err, args.join(' ')).toMatch(message);
      expect(err.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
