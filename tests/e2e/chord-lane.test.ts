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

describe.skipIf(!chromiumAvailable())('the chord lane and Variation in the page: the accompaniment follows', () => {
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

  it('Regenerate selection of the bass, then the drums, with Variation 0.1: the rhythm kept, a few notes changed, the rest note for note', async () => {
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    const box = await page.locator('#piano-roll').boundingBox();
    if (!box) throw new Error('no roll');
    const point = async (tick: number) =>
      page.evaluate(([t]) => (window as unknown as MuseWindow).muse.rollPoint(t, 60), [tick]);
    const [a, b] = [await point(8 * 1920 + 100), await point(12 * 1920 - 100)];
    await page.mouse.move(box.x + a.x, box.y + 30);
    await page.mouse.down();
    await page.mouse.move(box.x + b.x, box.y + 30, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.locator('#selection-status').textContent()).toMatch(/bars 9–12 selected/);
    await page.getByLabel('Variation', { exact: true }).fill('0.1');
    const [from, to] = [8 * 1920, 12 * 1920];
    for (const part of ['bass', 'drums']) {
      const before = await muse(page, (m) => m.piece());
      await page.getByLabel('Part').selectOption(part);
      await page.getByRole('button', { name: 'Regenerate selection' }).click();
      await expect.poll(() => muse(page, (m) => m.piece())).not.toEqual(before);
      const after = await muse(page, (m) => m.piece());
      const notes = (q: Piece) => q.tracks.find((t) => t.id === part)?.notes ?? [];
      const inside = (q: Piece) => notes(q).filter((n) => n.tick >= from && n.tick < to);
      const outside = (q: Piece) => notes(q).filter((n) => n.tick < from || n.tick >= to);
      expect(inside(after).map((n) => [n.tick, n.duration, n.velocity])).toEqual(
        inside(before).map((n) => [n.tick, n.duration, n.velocity]),
      );
      const changed = inside(after).filter((n, i) => n.pitch !== inside(before)[i].pitch).length;
      expect(changed).toBeGreaterThan(0);
      expect(changed).toBeLessThanOrEqual(Math.max(1, Math.round(inside(before).length * 0.2)));
      expect(outside(after)).toEqual(outside(before));
      expect(after.tracks.filter((t) => t.id !== part)).toEqual(before.tracks.filter((t) => t.id !== part));
    }
    expect(app.problems).toEqual([]);
  });
});
