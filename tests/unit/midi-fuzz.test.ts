import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/corpus/importFile';
import { reportCorpus } from '../../src/corpus/report';
import { builtinPresets, exportMidi, generate } from '../../src/presets';
import { fuzzBudget } from '../helpers/fuzzBudget';

/**
 * Issue #19: a fuzz test of the MIDI reader through the whole import path (reader, roles,
 * quantization, key, chord labels, the corpus report) over random byte strings, truncations of
 * real files at every length, and real files with bytes changed. Whatever the bytes: a piece or an
 * error line naming the file with a typed code, never an exception (the importer turns one into
 * code "internal", which counts as a failure here). Fixed seed in `npm test`; `npm run fuzz` runs
 * it longer with a fresh seed.
 */
const budget = fuzzBudget();
const FILE = 'fuzz.mid';

/** Real files: the MIDI fixtures and an Export MIDI of every preset (multi-track, tempo, key, text). */
function realFiles(): { name: string; bytes: Uint8Array }[] {
  const dir = 'tests/fixtures/midi';
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith('.mid'))
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
  const exports = builtinPresets().map((p, i) => {
    const g = generate({ preset: p.name, seed: i + 1, bars: 8 });
    if (!g.ok) throw new Error(g.error.message);
    const files = exportMidi(g.value);
    if (!files.ok) throw new Error(files.error.message);
    return { name: `${p.name}.mid`, bytes: files.value[0].bytes };
  });
  return [...fixtures, ...exports];
}

/** What is wrong with importing `bytes` (empty when it is a piece or a typed refusal naming the file). */
function problemsOf(bytes: Uint8Array, importer = importFile): string[] {
  let result: ReturnType<typeof importFile>;
  try {
    result = importer(FILE, bytes);
    reportCorpus(result.pieces);
  } catch (e) {
    return [`threw ${String(e)}`];
  }
  const problems: string[] = [];
  for (const line of result.lines) {
    if (line.ok) continue;
    if (!line.error || line.error.code === 'internal') problems.push(`unexpected: ${line.error?.message}`);
    else if (!line.error.message.includes(FILE)) problems.push(`no file named: ${line.error.message}`);
  }
  return problems;
}

const params = (numRuns: number) => ({ seed: budget.seed, numRuns: numRuns * budget.scale });

describe('MIDI reader fuzz (issue #19)', () => {
  const files = realFiles();

  it('real files import (the control), and a planted throw is caught by the check', () => {
    for (const f of files.filter((f) => f.name !== 'not-midi.mid' && f.name !== 'truncated.mid'))
      expect(importFile(f.name, f.bytes).lines[0].ok, f.name).toBe(true);
    expect(problemsOf(new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 1, 0xe0]))).toEqual([]);
    // Planted faults: an importer that throws, or that hides an exception as "internal", fails the check.
    const throwing = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    expect(problemsOf(new Uint8Array(4), throwing)).toEqual(['threw RangeError: Maximum call stack size exceeded']);
    const hiding = (file: string) => ({
      lines: [{ file, ok: false, error: { code: 'internal', message: `${file}: could not be imported (boom)` } }],
      pieces: [],
    });
    expect(problemsOf(new Uint8Array(4), hiding)).toHaveLength(1);
  });

  it('truncations of every real file give a piece or a typed error (every length of the small ones)', () => {
    const problems: string[] = [];
    for (const f of files) {
      // Every length up to 600 bytes (headers, first events); beyond, 150 lengths spread over the file
      // (every length with npm run fuzz).
      const step = budget.long ? 1 : Math.max(1, Math.ceil((f.bytes.length - 600) / 150));
      for (let n = 0; n < f.bytes.length; n += n < 600 ? 1 : step)
        for (const p of problemsOf(f.bytes.subarray(0, n))) problems.push(`${f.name} cut at ${n}: ${p}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('random byte strings, with and without a MIDI header, give a piece or a typed error', () => {
    const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 2, 1, 0xe0, 0x4d, 0x54, 0x72, 0x6b];
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 8192 }), (headed, body) => {
        const bytes = headed ? new Uint8Array([...header, ...body]) : body;
        expect(problemsOf(bytes)).toEqual([]);
      }),
      params(300),
    );
  });

  it('real files with bytes changed, then cut anywhere, give a piece or a typed error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: files.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (which, changes, cut) => {
          const bytes = files[which].bytes.slice();
          for (const [at, byte] of changes) bytes[at % bytes.length] = byte;
          expect(problemsOf(bytes.subarray(0, bytes.length - (cut % 64)))).toEqual([]);
        },
      ),
      params(400),
    );
  });
});
