import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BYTES_PER_THREAD, defaultThreads, sizesOf } from '../../src/cli/countFiles';
import { muse } from '../helpers/cli';
import { midiFilesIn } from '../helpers/nottingham';
import { SHARED_CORPORA } from '../helpers/shared';

const dir = mkdtempSync(join(tmpdir(), 'muse-workers-'));
// The built-in corpora (JSON) and, when the shared corpora are here, 60 Nottingham MIDI files.
const inputs = ['presets/corpora', ...midiFilesIn(join(SHARED_CORPORA, 'nottingham')).slice(0, 60)];

async function train(workers: number, paths = inputs): Promise<Buffer> {
  const out = join(dir, `model-${workers}-${paths.length}.json`);
  const r = await muse('train', ...paths, '--out', out, '--workers', String(workers), '--json');
  expect(r.code, r.err).toBe(0);
  // Really in worker threads: no fallback to counting in this one.
  expect(r.err).not.toMatch(/counting in one thread/);
  return readFileSync(out);
}

describe('muse train --workers N: counts added up in file order', () => {
  it('writes the same model file, byte for byte, for 1, 2 and 3 workers', async () => {
    const one = await train(1);
    const two = await train(2);
    const three = await train(3);
    expect(two.equals(one)).toBe(true);
    expect(three.equals(one)).toBe(true);
    // Planted fault: one file fewer (what a lost batch would give) is another model.
    const fewer = await train(2, inputs.slice(0, -1));
    expect(fewer.equals(one)).toBe(false);
  }, 180_000);

  it('refuses a worker count out of range', async () => {
    const r = await muse('train', 'presets/corpora/songbook.json', '--out', join(dir, 'x.json'), '--workers', '0');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/--workers must be from 1/);
  });
});

describe('defaultThreads: the threads muse train takes without --workers', () => {
  it('takes every core for a large corpus, but no more than one thread per 4 MiB of files', () => {
    const mb = 2 ** 20;
    expect(BYTES_PER_THREAD).toBe(4 * mb);
    expect(defaultThreads([2.7 * mb], 2)).toBe(1); // the Nottingham tunes
    expect(defaultThreads([], 8)).toBe(1);
    expect(defaultThreads([2.7 * mb, 24 * mb], 2)).toBe(2); // with the POP909 songs
    expect(defaultThreads([2.7 * mb, 24 * mb], 16)).toBe(6);
    expect(defaultThreads(Array(3).fill(4 * mb), 2)).toBe(2);
    expect(defaultThreads([8 * mb - 1], 4)).toBe(1);
  });

  it('reads the sizes of the files, 1 for a file it cannot read', () => {
    const files = inputs.slice(1, 3);
    expect(sizesOf([...files, join(dir, 'missing.mid')])).toEqual([...files.map((f) => statSync(f).size), 1]);
  });
});
