import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerBeat, answerPhrase, resolveOptions } from '../../src/compose';
import { barTicks } from '../../src/core';
import { importFile, scaleSteps, tonicPitchClass } from '../../src/corpus';
import { composeOptions, generate } from '../../src/presets';
import { muse } from '../helpers/cli';
import { midiCheck, midiCheckAvailable } from '../helpers/midiCheck';
import { melodyFile } from '../helpers/smfWriter';

const dir = mkdtempSync(join(tmpdir(), 'muse-continue-'));

describe('answerPhrase (call and response)', () => {
  it('answers on the due beat, in key, in range, after the call, and the same call gives the same answer', () => {
    const g = generate({ preset: 'folk-dance', seed: 2 });
    if (!g.ok) throw new Error(g.error.message);
    const { piece, model, preset, recipe } = g.value;
    const o = resolveOptions(composeOptions(preset, recipe));
    const bar = barTicks(piece.meter);
    const call = [67, 71, 74, 72, 71, 69].map((pitch, i) => ({
      pitch,
      tick: 2 * bar + i * 240,
      duration: 240,
      velocity: 90,
    }));
    const due = answerBeat(call, piece.meter);
    expect(due).toBe(2 * bar + 6 * 240 + 480);
    const scale = new Set(scaleSteps(piece.mode).map((s) => (s + tonicPitchClass(piece.key)) % 12));
    let inScale = 0;
    let total = 0;
    for (let seed = 0; seed < 10; seed++) {
      const answer = answerPhrase(piece, model, o, { call, due, bars: 2, seed });
      expect(answer[0]?.tick).toBe(due);
      expect(answer.every((n) => n.tick >= due && n.tick + n.duration <= due + 2 * bar)).toBe(true);
      expect(Math.abs(answer[0].pitch - call.at(-1)!.pitch)).toBeLessThanOrEqual(7);
      for (const n of answer) {
        total++;
        if (scale.has(n.pitch % 12)) inScale++;
      }
      expect(answerPhrase(piece, model, o, { call, due, bars: 2, seed })).toEqual(answer);
    }
    expect(inScale / total).toBeGreaterThan(0.9);
    expect(answerPhrase(piece, model, o, { call, due: piece.bars * bar, bars: 2, seed: 1 })).toEqual([]);
  });
});

/** The call: C E G E F E D C from G4, a quarter each, 4/4 at 110 bpm. */
const callFile = () =>
  melodyFile(
    [0, 4, 7, 4, 5, 4, 2, 0].map((pc) => 67 + pc),
    { bpm: 110 },
  );

describe('muse continue', () => {
  it('writes the phrase and the answer after a beat of silence, N bars long', async () => {
    const phrase = join(dir, 'call.mid');
    writeFileSync(phrase, callFile());
    const out = join(dir, 'answered.mid');
    const r = await muse('continue', phrase, '--bars', '2', '--preset', 'folk-dance', '--out', out, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const back = importFile('answered.mid', readFileSync(out)).pieces[0];
    const lead = back.tracks.find((t) => t.role === 'melody')?.notes ?? [];
    const call = lead.filter((n) => n.tick < 3840);
    const answer = lead.filter((n) => n.tick >= 3840);
    expect(call.map((n) => n.pitch)).toEqual([67, 71, 74, 71, 72, 71, 69, 67]);
    expect(answer[0]?.tick).toBe(3840 + 480);
    expect(Math.max(...answer.map((n) => n.tick + n.duration))).toBeLessThanOrEqual(3840 + 480 + 2 * 1920);
    expect(new TextDecoder().decode(readFileSync(out))).toMatch(/"edited":"[^"]*additions?/);
    if (midiCheckAvailable()) expect(midiCheck(out).status).toBe(0);
  });

  it('refuses a missing or bad --bars and a missing phrase with exit 2 naming the flag', async () => {
    const phrase = join(dir, 'call2.mid');
    writeFileSync(phrase, callFile());
    const out = join(dir, 'x.mid');
    const cases: [string[], RegExp][] = [
      [['continue', phrase, '--out', out], /--bars N/],
      [['continue', phrase, '--bars', '0', '--out', out], /--bars must be from 1 to 64/],
      [['continue', phrase, '--bars', 'two', '--out', out], /--bars must be a whole number/],
      [['continue', '--bars', '2', '--out', out], /continue needs a MIDI file/],
      [['continue', phrase, '--bars', '2', '--model', join(dir, 'none.json'), '--out', out], /cannot read the model/],
    ];
    for (const [args, message] of cases) {
      const r = await muse(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });
});
