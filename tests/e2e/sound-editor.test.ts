/**
 * The sound of a preset in the page: the preset editor shows every option of the chosen Tone.js
 * instrument and of each effect (and refuses what Tone would not take), the grand piano loads on
 * demand and plays, and a folder of the user's samples becomes a Sampler the melody plays — or is
 * refused, saying why, when no file names a note.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EFFECTS, INSTRUMENTS, type OptionGroup } from '../../src/engine/catalogue';
import { pcm16, wavHeader } from '../../src/engine/wav';
import type { Preset } from '../../src/presets';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface MuseWindow {
  muse: {
    preset(): Preset;
    level(): { peak: number; rms: number } | undefined;
    transport(): { state: string };
  };
}

/** Options of a catalogue group that are values (not groups), nested ones included. */
const leaves = (g: OptionGroup): number =>
  Object.values(g).reduce((n, s) => n + (s.kind === 'group' ? leaves(s.options) : 1), 0);

/** A short WAV file of a sine at `hz`. */
function sineWav(hz: number): Buffer {
  const frames = 22_050;
  const x = Float32Array.from({ length: frames }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / 44_100));
  return Buffer.concat([wavHeader(frames, 44_100, 1), pcm16([x], frames)]);
}

describe.skipIf(!chromiumAvailable())('the sound of a preset in Chromium', () => {
  let app: App;
  let page: Page;
  const preset = () => page.evaluate(() => (window as unknown as MuseWindow).muse.preset());
  const field = (name: string) => page.getByLabel(name, { exact: true });
  const status = (id: string) => page.locator(`#${id}`).textContent();

  beforeAll(async () => {
    app = await openApp();
    page = app.page;
    await page.getByText('Edit preset', { exact: true }).click();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows every option of the chosen instrument, refuses what Tone.js would not take', async () => {
    await field('Melody voice instrument').selectOption('FMSynth');
    await expect.poll(async () => (await preset()).melody.voice.instrument).toBe('FMSynth');
    const controls = await page
      .locator('#preset-editor [aria-label^="Melody voice "]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    // Every option of FMSynth, and the choice of instrument.
    expect(controls.length).toBe(leaves(INSTRUMENTS.FMSynth) + 1);
    for (const name of ['Melody voice modulation envelope attack', 'Melody voice modulation index'])
      expect(controls).toContain(name);
    // The options are folded under the instrument's name; open them.
    await page.locator('#preset-editor summary', { hasText: 'FMSynth options' }).first().click();
    await field('Melody voice modulation index').fill('500');
    await field('Melody voice modulation index').blur();
    await expect.poll(() => status('preset-status')).toMatch(/melody\.voice\.options\.modulationIndex/);
    expect(await field('Melody voice modulation index').getAttribute('aria-invalid')).toBe('true');
    await field('Melody voice modulation index').fill('4');
    await field('Melody voice modulation index').blur();
    await expect.poll(async () => (await preset()).melody.voice.options?.modulationIndex).toBe(4);
    expect(app.problems).toEqual([]);
  });

  it('adds, shows in full and removes an effect of a part', async () => {
    const before = (await preset()).melody.effects?.length ?? 0;
    await page.getByLabel('Melody effects: effect to add', { exact: true }).selectOption('Chorus');
    await page.getByRole('button', { name: 'Add effect to melody effects', exact: true }).click();
    await expect.poll(async () => (await preset()).melody.effects?.at(-1)?.effect).toBe('Chorus');
    const n = before + 1;
    const controls = await page
      .locator(`#preset-editor [aria-label^="Melody effect ${n} "]`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(controls.length).toBe(leaves(EFFECTS.Chorus) + 1);
    await page.getByRole('button', { name: `Remove: melody effect ${n}`, exact: true }).click();
    await expect.poll(async () => (await preset()).melody.effects?.length ?? 0).toBe(before);
    expect(app.problems).toEqual([]);
  });

  it('refuses a folder where no file names a note, saying so', async () => {
    await page.locator('#samples-files').setInputFiles([
      { name: 'kick.wav', mimeType: 'audio/wav', buffer: sineWav(60) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
    ]);
    await expect.poll(() => status('samples-status')).toMatch(/No file names a note: name each sample by its note/);
    expect(await page.locator('#samples-list li').count()).toBe(0);
  });

  it('keeps a folder of samples named by note, plays the melody on it, and removes it', async () => {
    await page.locator('#samples-files').setInputFiles([
      { name: 'C4.wav', mimeType: 'audio/wav', buffer: sineWav(261.63) },
      { name: 'G4.wav', mimeType: 'audio/wav', buffer: sineWav(392) },
      { name: 'readme.txt', mimeType: 'text/plain', buffer: Buffer.from('x') },
    ]);
    await expect
      .poll(() => status('samples-status'))
      .toBe('Kept My samples: 2 notes; 1 files name no note and were left out.');
    await page.getByRole('button', { name: 'Play the melody with My samples', exact: true }).click();
    await expect
      .poll(async () => (await preset()).melody.voice)
      .toEqual({ instrument: 'Sampler', options: { samples: 'user:My samples', release: 0.6 } });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as MuseWindow).muse.level()?.rms ?? 0), { timeout: 10_000 })
      .toBeGreaterThan(0.001);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('button', { name: 'Remove samples My samples', exact: true }).click();
    await expect.poll(() => page.locator('#samples-list li').count()).toBe(0);
    expect(app.problems).toEqual([]);
  });

  it('loads the grand piano when a preset needs it, credits it, and plays it', async () => {
    expect(await page.locator('#piano-credit').textContent()).toMatch(
      /Salamander Grand Piano V3.*Alexander Holm.*CC BY 3\.0/,
    );
    await page.getByRole('combobox', { name: 'Preset', exact: true }).selectOption('minor-nocturne');
    await expect
      .poll(() => status('status'), { timeout: 20_000 })
      .toMatch(/The samples of the grand piano are loaded \(\d+\.\d s\)/);
    console.info(`grand piano samples: ${await status('status')}`);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as MuseWindow).muse.level()?.rms ?? 0), { timeout: 10_000 })
      .toBeGreaterThan(0.001);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    expect(app.problems).toEqual([]);
  });
});
