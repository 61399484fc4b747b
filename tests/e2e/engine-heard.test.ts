/**
 * A stock Tone.js instrument and an effect a preset names are heard in the WAV: lofi-jazz's
 * electric piano is Tone's FMSynth with a stereo Tremolo at 4 Hz. Its chords, soloed and rendered
 * as Export WAV renders them, carry their energy in the chords' band, and their loudness swings at
 * the tremolo's rate; muted, nothing; without the Tremolo, no swing (negative controls).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { barTicks } from '../../src/core';
import type { MixerState } from '../../src/engine/graph/mixer';
import type { SoundSpec } from '../../src/engine/sound';
import { findPreset, presetSound } from '../../src/presets';
import { tinyPiece } from '../bench/browser/testPieces';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { bandShare, envelopeSpectrum } from '../helpers/compareAudio';

const RATE = 44_100;

/** The tiny piece with its chords held as one chord over all four bars (a steady tone to hear a tremolo in). */
function heldChord(): Piece {
  const piece = tinyPiece();
  const chords = piece.tracks.find((t) => t.id === 'chords')!;
  const length = 4 * barTicks(piece.meter);
  chords.notes = [60, 64, 67, 71].map((pitch) => ({ pitch, tick: 0, duration: length, velocity: 80 }));
  return piece;
}

/** Renders `piece` with `sound` in the page as Export WAV does; mono samples. */
async function render(page: Page, sound: SoundSpec, mixer: MixerState, piece = tinyPiece()): Promise<Float32Array> {
  const samples = await page.evaluate(
    async ({ piece, sound, mixer }) => {
      type Offline = typeof import('../../src/engine/offline');
      const engine = (await (window as unknown as { muse: { offline(): Promise<Offline> } }).muse.offline()) as Offline;
      const out: number[] = [];
      await engine.renderPiece(
        piece,
        sound,
        (l, r, n) => {
          for (let i = 0; i < n; i++) out.push((l[i] + r[i]) / 2);
        },
        { mixer },
      );
      return out;
    },
    { piece, sound, mixer },
  );
  return Float32Array.from(samples);
}

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

/** How strongly the loudness swings near `hz`, against the swings elsewhere between 1 and 20 Hz. */
function swingAt(x: Float32Array, hz: number): number {
  // The held chord's first second (its attack) is left out: only the sustain is judged.
  const spectrum = envelopeSpectrum(x.subarray(RATE, 8 * RATE), RATE);
  const near = Math.max(...spectrum.filter((s) => Math.abs(s.hz - hz) < 0.6).map((s) => s.level));
  const rest = spectrum
    .filter((s) => s.hz > 1 && s.hz < 20 && Math.abs(s.hz - hz) > 1.5 && Math.abs(s.hz - 2 * hz) > 1.5)
    .map((s) => s.level)
    .sort((a, b) => a - b);
  return near / rest[Math.floor(rest.length / 2)];
}

describe.skipIf(!chromiumAvailable())('a stock Tone.js instrument and a named effect are heard in the WAV', () => {
  let app: App;
  const preset = findPreset('lofi-jazz')!;
  const sound = presetSound(preset);
  const figures: string[] = [];

  beforeAll(async () => {
    app = await openApp();
  });

  afterAll(async () => {
    console.info(`heard in the WAV: ${figures.join('; ')}`);
    await app?.close();
  });

  // Each test renders two WAVs in Chromium: generous time on a loaded machine (nothing here is timed).
  it('the FMSynth electric piano sounds in its band; muted, nothing', { timeout: 180_000 }, async () => {
    expect(sound.parts.chords.voice.instrument).toBe('FMSynth');
    const chords = await render(app.page, sound, { chords: { solo: true } });
    const share = bandShare(chords, RATE, 120, 2000);
    figures.push(`chords RMS ${rms(chords).toFixed(4)}, ${(share * 100).toFixed(0)} % of the energy in 120–2000 Hz`);
    expect(rms(chords)).toBeGreaterThan(0.005);
    expect(share).toBeGreaterThan(0.6);
    const muted = await render(app.page, sound, { chords: { solo: true, mute: true } });
    expect(rms(muted)).toBe(0);
  });

  it('its Tremolo swings the loudness at 4 Hz; without the Tremolo it does not (negative control)', {
    timeout: 180_000,
  }, async () => {
    expect(sound.parts.chords.effects?.map((e) => e.effect)).toContain('Tremolo');
    const withTremolo = swingAt(await render(app.page, sound, { chords: { solo: true } }, heldChord()), 4);
    const plain = structuredClone(sound);
    plain.parts.chords.effects = plain.parts.chords.effects?.filter((e) => e.effect !== 'Tremolo');
    const without = swingAt(await render(app.page, plain, { chords: { solo: true } }, heldChord()), 4);
    figures.push(
      `loudness swing at 4 Hz: ${withTremolo.toFixed(1)}× the rest with the Tremolo, ${without.toFixed(1)}× without`,
    );
    expect(withTremolo).toBeGreaterThan(30);
    expect(without).toBeLessThan(10);
    expect(app.problems).toEqual([]);
  });
});
