import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { muse } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'muse-import-'));
const SONGBOOK = 'presets/corpora/songbook.json';

describe('muse import', () => {
  it('prints one JSON object per piece and then the report', async () => {
    const r = await muse('import', '--json', SONGBOOK);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const report = lines.pop();
    expect(lines).toHaveLength(30);
    for (const line of lines) {
      expect(line).toMatchObject({ ok: true });
      expect(Object.keys(line).sort()).toEqual(['chords', 'file', 'key', 'meter', 'ok', 'tempo', 'tracks']);
      expect(line.file).toMatch(/^presets\/corpora\/songbook\.json#/);
      for (const c of line.chords) {
        expect(c.end).toBeGreaterThan(c.start);
        expect(Object.keys(c).sort()).toEqual(['end', 'roman', 'startBeat', 'start', 'symbol'].sort());
        expect(c.roman).not.toBe('');
      }
    }
    expect(report.report.pieces).toBe(30);
    expect(report.report.licences.map((l: { value: string }) => l.value).sort()).toEqual(['CC0-1.0', 'public-domain']);
  });

  it('walks folders, reports refused files as error lines naming the file, and exits with 1', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'empty.mid'), '');
    writeFileSync(join(folder, 'page.mid'), '<!DOCTYPE html><html><body>not music</body></html>');
    writeFileSync(join(folder, 'sub', 'broken.json'), '{"format": "markov-muse/corpus", "version": 99}');
    writeFileSync(join(folder, 'notes.txt'), 'ignored: not an importable extension');
    const r = await muse('import', '--json', folder);
    expect(r.code).toBe(1);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const report = lines.pop();
    expect(lines.map((l) => l.file)).toEqual([
      join(folder, 'empty.mid'),
      join(folder, 'page.mid'),
      join(folder, 'sub', 'broken.json'),
    ]);
    for (const l of lines) {
      expect(l.ok).toBe(false);
      expect(typeof l.error.code).toBe('string');
      expect(l.error.message).toContain(l.file);
    }
    expect(lines[0].error.code).toBe('empty');
    expect(lines[2].error.message).toMatch(/version/);
    expect(report.report.pieces).toBe(0);
  });

  it('prints readable lines and the report without --json', async () => {
    const r = await muse('import', SONGBOOK);
    expect(r.out).toMatch(/^ok {5}presets\/corpora\/songbook\.json#morning-lane: C major, 4\/4/m);
    expect(r.out).toMatch(/30 pieces, \d+ notes/);
    expect(r.out).toMatch(/licences: CC0-1.0 20, public-domain 10/);
  });

  it('refuses a missing path or no path with exit status 2', async () => {
    expect((await muse('import')).code).toBe(2);
    const r = await muse('import', join(dir, 'does-not-exist.mid'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such file or folder/);
  });
});
