import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { muse } from '../helpers/cli';

/**
 * A model file `muse train` wrote, then made newer or damaged: every command that reads it refuses
 * it with a message that says what is wrong and what to do, writes nothing, and leaves the file as
 * it was (nothing lost). The intact file is accepted (the negative control).
 */
describe('model files of a newer format or damaged are refused, nothing lost', () => {
  const dir = mkdtempSync(join(tmpdir(), 'muse-refusal-'));
  const good = join(dir, 'good.json');
  let text = '';

  beforeAll(async () => {
    const r = await muse('train', 'presets/corpora/reels.json', '--out', good, '--workers', '1');
    expect(r.code, r.err).toBe(0);
    text = readFileSync(good, 'utf8');
  });

  async function refused(name: string, content: string, message: RegExp): Promise<void> {
    const file = join(dir, name);
    writeFileSync(file, content);
    const out = join(dir, `${name}.mid`);
    for (const args of [
      ['generate', '--model', file, '--seed', '1', '--out', out],
      ['eval', '--model', file, 'presets/corpora/songbook.json'],
    ]) {
      const r = await muse(...args);
      expect(r.code, `${args[0]} ${name}`).not.toBe(0);
      expect(r.err).toMatch(message);
      expect(r.err).toContain(file);
    }
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(content);
  }

  it('accepts the file as written (the control)', async () => {
    const r = await muse('generate', '--model', good, '--seed', '1', '--out', join(dir, 'good.mid'));
    expect(r.code, r.err).toBe(0);
  });

  it('refuses a newer version of the format, saying which it reads', async () => {
    await refused(
      'newer.json',
      text.replace('"version":1', '"version":2'),
      /model file version 2 is not supported: this markov-muse reads version 1/,
    );
  });

  it('refuses a damaged file: a count changed, the checksum gone, the end cut off', async () => {
    const json = JSON.parse(text);
    json.rhythm.counts[json.rhythm.counts.length - 1] += 1;
    await refused('edited.json', JSON.stringify(json), /checksum.*does not match the file/);
    const { checksum: _, ...without } = JSON.parse(text);
    await refused('no-checksum.json', JSON.stringify(without), /checksum.*is missing/);
    await refused('truncated.json', text.slice(0, text.length - 100), /not valid JSON/);
  });
});
