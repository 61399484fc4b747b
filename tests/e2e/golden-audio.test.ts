/**
 * Golden audio, in the manner of Tone.js's `CompareToFile`: each built-in instrument playing a fixed
 * phrase, and each preset's sound on the same first four bars, rendered offline in Chromium (the
 * WAV export's render, kept as mono at 11 025 Hz) and compared with a stored reference
 * (tests/fixtures/golden/*.wav) by spectrogram.
 * A change of sound is a deliberate change of the reference: run
 * `MUSE_GOLDEN=write npx vitest run tests/e2e/golden-audio.test.ts` and listen to the new files.
 * The tolerance is stated and shown to be tight by planted faults (negative controls).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { PPQ } from '../../src/core';
import type { SoundSpec } from '../../src/engine/sound';
import { builtinPresets, presetSound } from '../../src/presets';
import { drumPattern, drumsTrack, tinyPiece } from '../bench/browser/testPieces';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { compareSpectra, readWav, writeWav } from '../helpers/compareAudio';

const DIR = join(process.cwd(), 'tests/fixtures/golden');
const RATE = 11_025;
/**
 * Largest relative spectral difference accepted from the reference. Renders are deterministic
 * (the same samples every time, Tone's noise included: a render draws it from a seeded generator);
 * what is left is the 16-bit rounding of the stored file — measured 5e-5 to 2e-4 — and whatever a
 * browser update changes in its DSP. The smallest planted fault (an attack 40 ms slower) measures
 * several times more.
 */
const TOLERANCE = 0.01;
const WRITE = process.env.MUSE_GOLDEN === 'write';

interface Case {
  name: string;
  piece: Piece;
  sound: SoundSpec;
  seconds: number;
}

/**
 * Renders `c` in the page as Export WAV does (44.1 kHz), its first `seconds`, as mono at {@link RATE}
 * (each four samples averaged: the references stay small, the comparison is of spectra below 5.5 kHz).
 */
async function render(page: Page, c: Case): Promise<Float32Array> {
  const samples = await page.evaluate(
    async ({ piece, sound, rate, seconds }) => {
      type Offline = typeof import('../../src/engine/offline');
      const engine = (await (window as unknown as { muse: { offline(): Promise<Offline> } }).muse.offline()) as Offline;
      const libraries = await engine.loadLibraries(engine.libraryIds(sound));
      const step = 44_100 / rate;
      const out = new Float32Array(Math.round(seconds * rate));
      let at = 0;
      let sum = 0;
      let count = 0;
      await engine.renderPiece(
        piece,
        sound,
        (l, r, n) => {
          for (let i = 0; i < n && at < out.length; i++) {
            sum += (l[i] + r[i]) / 2;
            if (++count === step) {
              out[at++] = sum / step;
              sum = 0;
              count = 0;
            }
          }
        },
        { libraries },
      );
      return Array.from(out);
    },
    { piece: c.piece, sound: c.sound, rate: RATE, seconds: c.seconds },
  );
  return Float32Array.from(samples);
}

const note = (pitch: number, beat: number, beats: number, velocity = 90) => ({
  pitch,
  tick: beat * PPQ,
  duration: beats * PPQ,
  velocity,
});

/** A phrase for one instrument: a line, then a chord. */
function phrase(id: string): Piece {
  const notes = [60, 64, 67, 72, 71, 67, 64, 62].map((p, i) => note(p, i * 0.5, 0.45, 70 + i * 6));
  notes.push(note(60, 4, 2), note(64, 4, 2), note(67, 4, 2), note(71, 4, 2));
  return {
    title: id,
    tempo: 120,
    meter: [4, 4],
    ppq: PPQ,
    bars: 2,
    key: 'C',
    mode: 'major',
    tracks: [{ id: 'melody', name: id, role: 'melody', channel: 0, program: 0, notes }],
    chords: [],
    sections: [{ label: 'A', tick: 0, bars: 2 }],
  } as unknown as Piece;
}

const single = (voice: SoundSpec['parts'][string]['voice']): SoundSpec => ({
  parts: { melody: { voice } },
  master: { effects: [] },
});

const instrumentCases = (): Case[] => [
  {
    name: 'LightSynth',
    piece: phrase('LightSynth'),
    sound: single({
      instrument: 'LightSynth',
      options: {
        oscillator: { type: 'fatsawtooth' },
        envelope: { attack: 0.02, decay: 0.2, sustain: 0.5, release: 0.3 },
        filter: { harmonics: 8, Q: 1.5, velocity: 0.5 },
        breath: 0.05,
        volume: -12,
      },
    }),
    seconds: 4,
  },
  {
    name: 'LightFMSynth',
    piece: phrase('LightFMSynth'),
    sound: single({
      instrument: 'LightFMSynth',
      options: {
        harmonicity: 1,
        modulationIndex: 6,
        modulation: { type: 'sine' },
        envelope: { attack: 0.005, decay: 1.2, sustain: 0.2, release: 0.6 },
        modulationEnvelope: { attack: 0.002, decay: 0.4, sustain: 0.1, release: 0.4 },
        volume: -4,
      },
    }),
    seconds: 4,
  },
  {
    name: 'DrumKit',
    piece: { ...phrase('DrumKit'), tracks: [drumsTrack(drumPattern(2))] },
    sound: { parts: { drums: { voice: { instrument: 'DrumKit', options: { volume: -6 } } } }, master: { effects: [] } },
    seconds: 4,
  },
];

/**
 * Each preset's sound on the same four bars (melody, chords, bass, drums at 120 bpm): the
 * reference follows the preset's instruments and effects, not the composer's choices (which
 * other work changes), so a change here is a change of sound.
 */
function presetCases(): Case[] {
  return builtinPresets().map((preset) => {
    const sound = presetSound(preset);
    return {
      name: `preset-${preset.name}`,
      piece: tinyPiece(),
      sound: { ...sound, parts: { drums: { voice: { instrument: 'DrumKit' } }, ...sound.parts } },
      seconds: 8,
    };
  });
}

describe.skipIf(!chromiumAvailable())('golden audio: renders compared with stored references', () => {
  let app: App;
  const measured: string[] = [];

  beforeAll(async () => {
    app = await openApp();
  });

  afterAll(async () => {
    if (measured.length) console.info(`golden audio differences (tolerance ${TOLERANCE}): ${measured.join(', ')}`);
    await app?.close();
  });

  const check = async (c: Case) => {
    const samples = await render(app.page, c);
    const path = join(DIR, `${c.name}.wav`);
    if (WRITE) writeWav(path, samples, RATE);
    const ref = readWav(path);
    expect(ref, `${path} is missing: MUSE_GOLDEN=write makes it`).toBeDefined();
    const difference = compareSpectra(samples, ref!.samples);
    measured.push(`${c.name} ${difference.toExponential(1)}`);
    expect(difference).toBeLessThan(TOLERANCE);
    // Not silence compared with silence.
    expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(0.01);
    return samples;
  };

  it.each(instrumentCases())('$name sounds as its reference', async (c) => {
    await check(c);
  });

  it.each(presetCases())('$name (first bars) sounds as its reference', async (c) => {
    await check(c);
  });

  it('catches a changed sound (negative controls): a slower attack, another oscillator, another seed', async () => {
    const [synth] = instrumentCases();
    const ref = readWav(join(DIR, 'LightSynth.wav'))!.samples;
    const options = synth.sound.parts.melody.voice.options as Record<string, Record<string, unknown>>;
    const slower = structuredClone(synth);
    (slower.sound.parts.melody.voice.options as typeof options).envelope.attack = 0.06;
    const square = structuredClone(synth);
    (square.sound.parts.melody.voice.options as typeof options).oscillator.type = 'fatsquare';
    for (const planted of [slower, square]) {
      const difference = compareSpectra(await render(app.page, planted), ref);
      measured.push(`planted fault ${difference.toExponential(1)}`);
      expect(difference).toBeGreaterThan(3 * TOLERANCE);
    }
    // Another preset's sound on the same notes.
    const [ballad, dance] = presetCases();
    const other = await render(app.page, { ...ballad, sound: dance.sound });
    expect(compareSpectra(other, readWav(join(DIR, `${ballad.name}.wav`))!.samples)).toBeGreaterThan(3 * TOLERANCE);
  });
});
