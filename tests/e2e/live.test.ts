import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edit, Piece } from '../../src/compose';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { type FakeMidiWindow, fakeMidi, playPhrase } from '../helpers/fakeMidi';
import { noteEvents, writeSmf } from '../helpers/smfWriter';

interface LiveWindow extends FakeMidiWindow {
  muse: {
    piece(): Piece;
    recipe(): { seed: number; key: string; meter: number[]; edits?: Edit[] };
    edits(): Edit[];
    live(): { listening: boolean; call: number; dueTick?: number; dueAt?: number; answers: number };
  };
}

const live = (page: Page) => page.evaluate(() => (window as unknown as LiveWindow).muse.live());
const edits = (page: Page) => page.evaluate(() => (window as unknown as LiveWindow).muse.edits());

describe.skipIf(!chromiumAvailable())('your melody in: Continue with a MIDI keyboard, Record, Harmonize a file', () => {
  let app: App;
  let page: Page;

  beforeAll(async () => {
    app = await openApp({ hash: 'v=1&preset=folk-dance&seed=8&bars=16&tempo=120', initScript: fakeMidi });
    page = app.page;
    await page.waitForFunction(() => (window as unknown as LiveWindow).muse?.recipe()?.seed === 8);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers a phrase played on a MIDI keyboard on the beat after a beat of silence, in time', async () => {
    const select = page.getByRole('combobox', { name: 'MIDI output', exact: true });
    await select.focus();
    await expect.poll(() => select.locator('option').count()).toBe(2);
    await select.selectOption('out1');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect.poll(() => live(page).then((l) => l?.listening)).toBe(true);
    // G A B D, a quarter note each at 120 bpm (250 ms on, 250 ms apart), then silence.
    await page.evaluate(playPhrase, { pitches: [67, 69, 71, 74], onMs: 400, gapMs: 100 });
    await expect.poll(() => live(page).then((l) => l.answers), { timeout: 10_000 }).toBe(1);
    const state = await live(page);
    const piece = await page.evaluate(() => (window as unknown as LiveWindow).muse.piece());
    const first = piece.tracks[0].notes.find((n) => n.tick === state.dueTick);
    expect(first, 'the answer has a note on its beat').toBeDefined();
    const ops = (await edits(page)).map((e) => e.op);
    expect(ops).toEqual(['clear', 'add', 'add']);
    // The fake synth is sent the answer's first note; when it is due to sound against when its beat is.
    await page.waitForTimeout(800);
    const sent = await page.evaluate(() => (window as unknown as LiveWindow).__sent);
    const ons = sent.filter((m) => m.data[0] === 0x90 && m.data[1] === first?.pitch && m.data[2] > 0);
    const nearest = ons.reduce((a, b) =>
      Math.abs(b.ts - (state.dueAt ?? 0)) < Math.abs(a.ts - (state.dueAt ?? 0)) ? b : a,
    );
    const late = nearest.ts - (state.dueAt ?? 0);
    console.log(`Continue: the answer's first note sounds ${late.toFixed(1)} ms after its beat`);
    expect(late).toBeLessThanOrEqual(50);
    expect(late).toBeGreaterThanOrEqual(-50);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    expect(app.problems).toEqual([]);
  });

  it('records notes played on the computer keyboard into the selected part, quantized', async () => {
    await page.getByLabel('Part').selectOption('bass');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    expect(await page.getByRole('group', { name: 'Computer keyboard piano' }).isVisible()).toBe(true);
    for (const key of ['a', 'd', 'g']) {
      await page.keyboard.down(key);
      await page.waitForTimeout(150);
      await page.keyboard.up(key);
      await page.waitForTimeout(100);
    }
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    const last = (await edits(page)).at(-1);
    expect(last?.op).toBe('add');
    if (last?.op !== 'add') return;
    expect(last.track).toBe('bass');
    expect(last.notes.map((n) => n.pitch)).toEqual([60, 64, 67]);
    expect(last.notes.every((n) => n.tick % 120 === 0)).toBe(true);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    expect(app.problems).toEqual([]);
  });

  it('harmonizes a melody file: the melody in its key and meter, with chords around it', async () => {
    const notes = [2, 6, 9, 6, 4, 2, 1, 4, 9, 7, 6, 4, 2, 6, 9, 11, 9, 7, 6, 4, 1, 2, 2, 2].map((pc, i) => ({
      pitch: 62 + ((pc - 2 + 12) % 12),
      tick: i * 480,
      duration: 480,
      velocity: 90,
    }));
    const bytes = writeSmf({
      tracks: [
        {
          events: [
            { tick: 0, type: 'meter', numerator: 3, denominator: 4 },
            { tick: 0, type: 'key', sf: 2, mi: 0 },
            { tick: 0, type: 'name', text: 'Melody' },
            ...noteEvents(notes),
          ],
        },
      ],
    });
    await page
      .locator('#harmonize-file')
      .setInputFiles({ name: 'tune.mid', mimeType: 'audio/midi', buffer: Buffer.from(bytes) });
    await expect.poll(() => page.evaluate(() => (window as unknown as LiveWindow).muse.recipe().key)).toBe('D');
    const recipe = await page.evaluate(() => (window as unknown as LiveWindow).muse.recipe());
    expect(recipe.meter).toEqual([3, 4]);
    expect((recipe.edits ?? []).map((e) => e.op)).toEqual(['clear', 'add', 'harmonize']);
    const piece = await page.evaluate(() => (window as unknown as LiveWindow).muse.piece());
    expect(piece.tracks[0].notes.map((n) => n.pitch)).toEqual(notes.map((n) => n.pitch));
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/Harmonized tune\.mid/);
    expect(app.problems).toEqual([]);
  });
});
