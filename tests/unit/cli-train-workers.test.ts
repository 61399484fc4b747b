import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
