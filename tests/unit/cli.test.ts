import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPresets } from '../../src/presets';
import { muse } from '../helpers/cli';
import { midiCheck, midiCheckAvailable } from '../helpers/midiCheck';

const dir = mkdtempSync(join(tmpdir(), 'muse-cli-'));

describe('muse presets', () => {
  it('prints one preset per line, name first', async () => {
    const { code, out } = await muse('presets');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(builtinPresets().map((p) => p.name));
  });

  it('prints an array of {name, description} with --json', async () => {
    const { code, out } = await muse('presets', '--json');
    expect(code).toBe(0);
    const list = JSON.parse(out);
    expect(list.length).toBeGreaterThanOrEqual(2);
    for (const p of list) expect(Object.keys(p).sort()).toEqual(['description', 'name']);
  });
});

describe('muse generate', () => {
  it('writes identical bytes for the same recipe, other bytes for another seed', async () => {
    const a = join(dir, 'a.mid');
    const b = join(dir, 'b.mid');
    const c = join(dir, 'c.mid');
    expect((await muse('generate', '--preset', 'folk-dance', '--seed', '1', '--out', a)).code).toBe(0);
    expect((await muse('generate', '--preset', 'folk-dance', '--seed', '1', '--out', b)).code).toBe(0);
    expect((await muse('generate', '--preset', 'folk-dance', '--seed', '2', '--out', c)).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    expect(readFileSync(a).subarray(0, 4).toString('latin1')).toBe('MThd');
  });

  it('prints the recipe with --json', async () => {
    const out = join(dir, 'j.mid');
    const r = await muse(
      'generate',
      '--preset',
      'pop-ballad',
      '--seed',
      '7',
      '--bars',
      '24',
      '--tempo',
      '80',
      '--out',
      out,
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const preset = builtinPresets().find((p) => p.name === 'pop-ballad');
    expect(json.recipe).toEqual({
      preset: 'pop-ballad',
      seed: 7,
      bars: 24,
      tempo: 80,
      key: preset?.key,
      mode: preset?.mode,
      meter: preset?.meter,
      form: preset?.form,
      temperature: preset?.model.temperature,
      maxRun: preset?.model.maxRun ?? 6,
    });
    expect(json.tracks.map((t: { role: string }) => t.role)).toEqual(['melody', 'chords', 'bass', 'drums']);
  });

  it('takes the overrides --key, --mode, --meter, --form, --temperature and --max-run', async () => {
    const out = join(dir, 'o.mid');
    const args = ['--key', 'Bb', '--mode', 'mixolydian', '--meter', '6/8', '--form', 'A B A'];
    const r = await muse(
      'generate',
      '--preset',
      'pop-ballad',
      '--seed',
      '7',
      ...args,
      '--temperature',
      '1.2',
      '--max-run',
      '8',
      '--out',
      out,
      '--json',
    );
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    expect(json.recipe).toMatchObject({ key: 'Bb', mode: 'mixolydian', meter: [6, 8], form: 'A B A' });
    expect(json.recipe).toMatchObject({ temperature: 1.2, maxRun: 8 });
    expect(json).toMatchObject({ key: 'Bb', mode: 'mixolydian' });
    expect(json.originality.melody.maxRun).toBe(8);
    if (midiCheckAvailable()) expect(midiCheck(out).status).toBe(0);
  });

  it.each([
    [['--key', 'H'], /key "H" is not allowed/],
    [['--mode', 'blues'], /mode "blues" is not allowed/],
    [['--meter', '6-8'], /--meter must be BEATS\/UNIT/],
    [['--meter', '6/7'], /meter 6\/7 is not allowed: the beat unit must be one of 2, 4 or 8, not 7/],
    [['--form', 'A<b>'], /form "A<b>" is not allowed/],
    [['--temperature', 'hot'], /--temperature must be a number/],
    [['--temperature', '7'], /temperature 7 is not allowed/],
    [['--max-run', '1'], /maxRun 1 is not allowed/],
  ])('refuses the override %j, names it, and writes no file', async (override, message) => {
    const out = join(dir, `bad-${override[0].slice(2)}-${override[1].length}.mid`);
    const r = await muse('generate', '--preset', 'pop-ballad', '--seed', '1', ...override, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['generate', '--preset', 'nope', '--seed', '1', '--out', 'x.mid'], /no preset called "nope"/],
    [['generate', '--preset', 'pop-ballad', '--seed', 'abc', '--out', 'x.mid'], /--seed must be a whole number/],
    [['generate', '--preset', 'pop-ballad', '--seed', '1'], /needs --out/],
    [['generate', '--seed', '1', '--out', 'x.mid'], /needs --preset/],
    [
      ['generate', '--preset', 'pop-ballad', '--seed', '1', '--bars', '2', '--out', 'x.mid'],
      /bars must be a whole number from 4 to 512/,
    ],
    [['generate', '--preset', 'pop-ballad', '--seed', '1', '--tempo', '9000', '--out', 'x.mid'], /tempo must be/],
    [
      ['generate', '--preset', 'pop-ballad', '--seed', '1', '--colour', 'red', '--out', 'x.mid'],
      /there is no option --colour here \(see: muse help\)/,
    ],
    [['presets', 'extra'], /"extra" is not an option: this command takes no file or folder names/],
    [['compose'], /unknown command "compose"/],
  ])('refuses %j with one line and exit status 2', async (argv, message) => {
    const r = await muse(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('describes every command in --help', async () => {
    const r = await muse('--help');
    expect(r.code).toBe(0);
    for (const word of ['presets', 'generate', '--preset', '--seed', '--bars', '--tempo', '--out', '--json'])
      expect(r.out).toContain(word);
  });

  it('reports an unwritable output file with exit status 1', async () => {
    const r = await muse(
      'generate',
      '--preset',
      'pop-ballad',
      '--seed',
      '1',
      '--out',
      join(dir, 'missing', 'dir', 'x.mid'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot write/);
  });
});

describe('the muse command (npx muse, as a user runs it)', () => {
  it('generates twice with identical bytes, and midi-check accepts the file', () => {
    const files = [join(dir, 'npx1.mid'), join(dir, 'npx2.mid')];
    for (const f of files) {
      const r = spawnSync(
        'npx',
        ['--no-install', 'muse', 'generate', '--preset', 'music-box-waltz', '--seed', '1', '--out', f],
        {
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    expect(readFileSync(files[0]).equals(readFileSync(files[1]))).toBe(true);
    const bad = spawnSync('npx', ['--no-install', 'muse', 'generate', '--seed', 'x'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(2);
    if (midiCheckAvailable()) {
      const check = midiCheck(files[0]);
      expect(check.report.problems).toEqual([]);
      expect(check.status).toBe(0);
    }
    // Three processes started through npx: minutes on a loaded machine (a limit against hangs, not a speed goal).
  }, 180_000);
});
