import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GM_DRUMS, type Piece } from '../../src/compose';
import { chordPitchClasses } from '../../src/corpus';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface MuseWindow {
  muse: {
    piece(): Piece;
    recipe(): { seed: number };
    edits(): { op: string }[];
    editing(): { range?: { start: number; end: number } };
    rollPoint(tick: number, pitch: number): { x: number; y: number };
  };
}

const muse = <T>(page: Page, f: (m: MuseWindow['muse']) => T) =>
  page.evaluate(`(${f.toString()})(window.muse)`) as Promise<T>;

describe.skipIf(!chromiumAvailable())('the chord lane in the page: the drums follow a picked chord', () => {
  let app: App;
  let page: Page;

  beforeAll(async () => {
    app = await openApp({ hash: 'v=1&preset=pop-ballad&seed=3&bars=16&tempo=72' });
    page = app.page;
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe()?.seed === 3);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a chord picked for a clicked span: voiced on its tones, the bass on its root, a drum fill into it and a crash on it', async () => {
    const before = await muse(page, (m) => m.piece());
    // Bar 7's chord on the chord lane (under the section labels).
    const tick = 6 * 1920 + 100;
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    const box = await page.locator('#piano-roll').boundingBox();
    if (!box) throw new Error('no roll');
    const p = await page.evaluate(([t]) => (window as unknown as MuseWindow).muse.rollPoint(t, 60), [tick]);
    await page.mouse.click(box.x + p.x, box.y + 30);
    const range = await muse(page, (m) => m.editing().range);
    if (!range) throw new Error('no span selected');
    const old = before.chords.filter((c) => c.tick < range.start).at(-1)?.roman;
    const roman = old === 'IV' ? 'V' : 'IV';
    await page.getByLabel('Chord', { exact: true }).selectOption(roman);
    await expect.poll(() => muse(page, (m) => m.edits().at(-1)?.op)).toBe('chord');
    const after = await muse(page, (m) => m.piece());
    const chord = after.chords.find((c) => c.tick === range.start);
    expect(chord?.roman).toBe(roman);
    const tones = chordPitchClasses(chord?.symbol ?? '');
    const near = (q: Piece, id: string) =>
      (q.tracks.find((t) => t.id === id)?.notes ?? []).filter((n) => Math.abs(n.tick - range.start) <= 20);
    expect(near(after, 'chords').length).toBeGreaterThan(0);
    expect(near(after, 'chords').every((n) => tones.includes(n.pitch % 12))).toBe(true);
    expect(near(after, 'bass').map((n) => n.pitch % 12)).toEqual([tones[0]]);
    const drums = (q: Piece) => q.tracks.find((t) => t.id === 'drums')?.notes ?? [];
    expect(drums(after).some((n) => n.tick === range.start && n.pitch === GM_DRUMS.crash)).toBe(true);
    const fill = new Set<number>([GM_DRUMS.snare, GM_DRUMS.highTom, GM_DRUMS.midTom, GM_DRUMS.lowTom]);
    const lead = drums(after).filter((n) => n.tick >= range.start - 400 && n.tick < range.start);
    expect(lead.length).toBeGreaterThanOrEqual(2);
    expect(lead.every((n) => fill.has(n.pitch))).toBe(true);
    // Negative control: before the pick, the groove played there (a kick or a hat, no crash).
    expect(drums(before).some((n) => n.tick === range.start && n.pitch === GM_DRUMS.crash)).toBe(false);
    // Undo takes the fill away with the chord.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => muse(page, (m) => m.piece())).toEqual(before);
    expect(app.problems).toEqual([]);
  });
});
