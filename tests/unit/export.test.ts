import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barTicks } from '../../src/core';
import { importMidi } from '../../src/corpus/midi';
import { builtinPresets, exportMidi, generate, midiOf } from '../../src/presets';
import { MIDI_CHECK, midiCheckAvailable } from '../helpers/midiCheck';

const presets = builtinPresets();
const dir = mkdtempSync(join(tmpdir(), 'muse-export-'));

describe('MIDI export round trip', () => {
  it('gives back the same notes (pitch, tick, duration, velocity, channel) for every preset and many seeds', () => {
    for (const preset of presets) {
      for (let seed = 100; seed < 112; seed++) {
        const g = generate({ preset: preset.name, seed });
        if (!g.ok) throw new Error(g.error.message);
        const back = importMidi(midiOf(g.value), 'x.mid', { quantize: false });
        if (!back.ok) throw new Error(back.error.message);
        const tracks = back.value.tracks.filter((t) => t.notes.length > 0);
        expect(
          tracks.map((t) => t.name),
          `${preset.name} ${seed}`,
        ).toEqual(g.value.piece.tracks.map((t) => t.name));
        g.value.piece.tracks.forEach((t, i) => {
          expect(tracks[i].channel).toBe(t.channel);
          const key = (n: { pitch: number; tick: number; duration: number; velocity: number }) => [
            n.tick,
            n.pitch,
            n.duration,
            n.velocity,
          ];
          expect(tracks[i].notes.map(key), `${preset.name} ${seed} ${t.id}`).toEqual(t.notes.map(key));
        });
        expect(back.value.keySignature).toMatchObject({ mode: preset.mode === 'minor' ? 'minor' : 'major' });
        expect(back.value.tempoMap[0].bpm).toBeCloseTo(preset.tempo, 2);
        expect(back.value.meter).toEqual(preset.meter);
      }
    }
  });
});

describe('export settings', () => {
  const recipe = { preset: 'pop-ballad', seed: 5 };
  const made = generate(recipe);
  if (!made.ok) throw new Error(made.error.message);
  const g = made.value;

  it('writes the same bytes as midiOf with no settings', () => {
    const files = exportMidi(g);
    if (!files.ok) throw new Error('failed');
    expect(files.value).toHaveLength(1);
    expect(files.value[0].bytes).toEqual(midiOf(g));
    expect(files.value[0].name).toBe('pop-ballad-seed-5.mid');
  });

  it('exports a range of bars starting at tick 0, with the settings in the provenance', () => {
    const files = exportMidi(g, { range: { from: 5, to: 8 } });
    if (!files.ok) throw new Error(files.error.message);
    const back = importMidi(files.value[0].bytes, 'r.mid', { quantize: false });
    if (!back.ok) throw new Error(back.error.message);
    const bar = barTicks([4, 4]);
    const notes = back.value.tracks.flatMap((t) => t.notes);
    expect(Math.min(...notes.map((n) => n.tick))).toBeLessThan(bar);
    expect(Math.max(...notes.map((n) => n.tick + n.duration))).toBeLessThanOrEqual(4 * bar);
    const text = new TextDecoder().decode(files.value[0].bytes);
    expect(text).toContain('"export":{"range":{"from":5,"to":8}}');
    expect(files.value[0].name).toBe('pop-ballad-seed-5-bars-5-8.mid');
  });

  it('quantizes: every onset of melody, chords and bass on the sixteenth grid, same pitches', () => {
    const loose = generate(recipe);
    const tight = generate(recipe, { quantize: true });
    if (!loose.ok || !tight.ok) throw new Error('failed');
    const offGrid = (ns: { tick: number }[]) => ns.filter((n) => n.tick % 40 !== 0).length;
    expect(offGrid(loose.value.piece.tracks[0].notes)).toBeGreaterThan(0); // pop-ballad humanizes timing
    for (const t of tight.value.piece.tracks) expect(offGrid(t.notes), t.id).toBe(0);
    expect(tight.value.piece.tracks[0].notes.map((n) => n.pitch)).toEqual(
      loose.value.piece.tracks[0].notes.map((n) => n.pitch),
    );
  });

  it('writes one file per track, drums on channel 10', () => {
    const files = exportMidi(g, { perTrack: true });
    if (!files.ok) throw new Error(files.error.message);
    expect(files.value.map((f) => f.name)).toEqual(
      ['melody', 'chords', 'bass', 'drums'].map((id) => `pop-ballad-seed-5-${id}.mid`),
    );
    const drums = importMidi(files.value[3].bytes, 'd.mid', { quantize: false });
    if (!drums.ok) throw new Error(drums.error.message);
    const kit = drums.value.tracks.filter((t) => t.notes.length);
    expect(kit).toHaveLength(1);
    expect(kit[0].channel).toBe(9);
    expect(kit[0].role).toBe('drums');
  });
});

const check = (file: string) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const p = spawn(MIDI_CHECK, [file, '--render']);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ code, out }));
  });

describe.skipIf(!midiCheckAvailable())('midi-check --render on every preset × 10 seeds', () => {
  it('finds no problem and renders sound of the expected length', async () => {
    const jobs = presets.flatMap((p) => Array.from({ length: 10 }, (_, seed) => ({ preset: p.name, seed })));
    const results: {
      file: string;
      code: number | null;
      report: { problems: string[]; length_s: number; render?: { seconds: number; rms: number } };
    }[] = [];
    const queue = [...jobs];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const g = generate(job);
        if (!g.ok) throw new Error(g.error.message);
        const file = join(dir, `${job.preset}-${job.seed}.mid`);
        writeFileSync(file, midiOf(g.value));
        const { code, out } = await check(file);
        results.push({ file, code, report: JSON.parse(out) });
      }
    };
    await Promise.all([worker(), worker()]);
    expect(results).toHaveLength(jobs.length);
    for (const r of results) {
      expect(r.report.problems, r.file).toEqual([]);
      expect(r.code, r.file).toBe(0);
      expect(r.report.render?.rms, r.file).toBeGreaterThan(0.001);
      expect(r.report.render?.seconds, r.file).toBeGreaterThanOrEqual(r.report.length_s);
    }
  }, 1_200_000);
});
