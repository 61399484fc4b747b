import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edit, Piece } from '../../src/compose';
import { generate, parseShareFragment } from '../../src/presets';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface MuseWindow {
  muse: {
    piece(): Piece;
    recipe(): { seed: number; edits?: Edit[] };
    edits(): Edit[];
    editing(): {
      undo: number;
      redo: boolean;
      range?: { start: number; end: number };
      notes: unknown[];
      locked: string[];
    };
    rollPoint(tick: number, pitch: number): { x: number; y: number };
  };
}

const muse = <T>(page: Page, f: (m: MuseWindow['muse']) => T) =>
  page.evaluate(`(${f.toString()})(window.muse)`) as Promise<T>;

describe.skipIf(!chromiumAvailable())(
  'editing the piece in the piano roll, Undo, Redo, Lock, Regenerate selection',
  () => {
    let app: App;
    let page: Page;

    beforeAll(async () => {
      app = await openApp({ hash: 'v=1&preset=folk-dance&seed=5&bars=16&tempo=120' });
      page = app.page;
      await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe()?.seed === 5);
    });

    afterAll(async () => {
      await app?.close();
    });

    /** Page coordinates of a note's place on the roll (a little into the note). */
    async function at(tick: number, pitch: number, into = 3): Promise<{ x: number; y: number }> {
      // The roll whole in view (a click on a button below it may have scrolled the page).
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      const box = await page.locator('#piano-roll').boundingBox();
      if (!box) throw new Error('no roll');
      const p = await page.evaluate(([t, q]) => (window as unknown as MuseWindow).muse.rollPoint(t, q), [tick, pitch]);
      return { x: box.x + p.x + into, y: box.y + p.y };
    }
    const melody = async () => (await muse(page, (m) => m.piece())).tracks[0].notes;

    it('adds a note with a click, drags it, moves and deletes it with keys, and Undo and Redo step through', async () => {
      const before = await melody();
      // An empty place: bar 2, a sixteenth after the downbeat, a pitch the melody does not use there.
      const tick = 1920 + 120;
      const pitch = 60;
      const p = await at(tick, pitch, 2);
      await page.mouse.click(p.x, p.y);
      await expect.poll(() => muse(page, (m) => m.edits().length)).toBe(1);
      expect(await muse(page, (m) => m.edits()[0].op)).toBe('add');
      expect((await melody()).some((n) => n.tick === tick && n.pitch === pitch)).toBe(true);

      // Drag the new note two rows up and a beat to the right.
      const from = await at(tick, pitch, 3);
      const to = await at(tick + 480, pitch + 2, 3);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2);
      await page.mouse.move(to.x, to.y);
      await page.mouse.up();
      await expect.poll(() => muse(page, (m) => m.edits().at(-1)?.op)).toBe('move');
      expect((await melody()).some((n) => n.tick === tick + 480 && n.pitch === pitch + 2)).toBe(true);

      // Keys on the focused roll: up a semitone, then delete.
      await page.keyboard.press('ArrowUp');
      await expect
        .poll(async () => (await melody()).some((n) => n.tick === tick + 480 && n.pitch === pitch + 3))
        .toBe(true);
      await page.keyboard.press('Delete');
      await expect.poll(async () => (await melody()).length).toBe(before.length);
      expect(await muse(page, (m) => m.edits().map((e) => e.op))).toEqual(['add', 'move', 'move', 'delete']);

      // Undo four times (Ctrl+Z and the button), Redo once (Ctrl+Shift+Z).
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await melody()).some((n) => n.pitch === pitch + 3)).toBe(true);
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.keyboard.press('Control+z');
      await page.keyboard.press('Control+z');
      await expect.poll(() => muse(page, (m) => m.edits().length)).toBe(0);
      expect(await melody()).toEqual(before);
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => muse(page, (m) => m.edits().length)).toBe(1);
      await page.getByRole('button', { name: 'Redo' }).click();
      await expect.poll(() => muse(page, (m) => m.edits().length)).toBe(2);
      expect(app.problems).toEqual([]);
    });

    it('selects notes with a Shift-drawn box and changes their velocity with a key', async () => {
      await page.locator('#piano-roll').press('Escape');
      const notes = (await melody()).filter((n) => n.tick >= 2 * 1920 && n.tick < 4 * 1920);
      const low = Math.min(...notes.map((n) => n.pitch));
      const high = Math.max(...notes.map((n) => n.pitch));
      const a = await at(2 * 1920 + 10, high + 1, 0);
      const b = await at(4 * 1920 - 10, low - 1, 0);
      await page.keyboard.down('Shift');
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      await page.mouse.move(b.x, b.y, { steps: 4 });
      await page.mouse.up();
      await page.keyboard.up('Shift');
      await expect.poll(() => muse(page, (m) => m.editing().notes.length)).toBe(notes.length);
      await expect
        .poll(() => page.locator('#selection-status').textContent())
        .toMatch(`${notes.length} notes selected`);
      await page.keyboard.press('-');
      await expect.poll(() => muse(page, (m) => m.edits().at(-1)?.op)).toBe('velocity');
      const after = (await melody()).filter((n) => n.tick >= 2 * 1920 && n.tick < 4 * 1920);
      expect(after.map((n) => n.velocity)).toEqual(notes.map((n) => Math.max(1, n.velocity - 8)));
      // Alt+drag a selected note up: every selected note louder, a step a pixel.
      const grab = await at(after[0].tick, after[0].pitch, 2);
      await page.keyboard.down('Alt');
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
      await page.mouse.move(grab.x, grab.y - 10, { steps: 3 });
      await page.mouse.up();
      await page.keyboard.up('Alt');
      await expect.poll(() => muse(page, (m) => m.edits().at(-1))).toMatchObject({ op: 'velocity', dv: 10 });
    });

    it('regenerates a bar range dragged on the chord lanes, leaving the rest note for note', async () => {
      const before = await muse(page, (m) => m.piece());
      const a = await at(4 * 1920 + 100, 60, 0);
      const b = await at(8 * 1920 - 100, 60, 0);
      const box = await page.locator('#piano-roll').boundingBox();
      if (!box) throw new Error('no roll');
      const laneY = box.y + 30; // under the section band, on the chord symbols
      await page.mouse.move(a.x, laneY);
      await page.mouse.down();
      await page.mouse.move(b.x, laneY, { steps: 5 });
      await page.mouse.up();
      await expect.poll(() => page.locator('#selection-status').textContent()).toMatch(/bars 5–8 selected/);
      await page.getByLabel('Part').selectOption('melody');
      await page.getByRole('button', { name: 'Regenerate selection' }).click();
      await expect.poll(() => muse(page, (m) => m.edits().at(-1)?.op)).toBe('regenerate');
      const after = await muse(page, (m) => m.piece());
      const outside = (p: Piece) =>
        p.tracks[0].notes.filter(
          (n) => (n.tick < 4 * 1920 - 0 && n.tick + n.duration <= 4 * 1920) || n.tick >= 8 * 1920,
        );
      expect(outside(after)).toEqual(outside(before));
      expect(after.tracks.slice(1)).toEqual(before.tracks.slice(1));
      expect(after.tracks[0].notes).not.toEqual(before.tracks[0].notes);
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/Regenerated bars 5–8 \(Melody\)/);
    });

    it('sets a chord for a clicked span on the chord lane, and the accompaniment follows', async () => {
      const a = await at(2 * 1920 + 200, 60, 0);
      const box = await page.locator('#piano-roll').boundingBox();
      if (!box) throw new Error('no roll');
      await page.mouse.click(a.x, box.y + 30);
      const range = await muse(page, (m) => m.editing().range);
      expect(range).toBeDefined();
      await page.getByLabel('Chord', { exact: true }).selectOption('IV');
      await expect.poll(() => muse(page, (m) => m.edits().at(-1)?.op)).toBe('chord');
      const piece = await muse(page, (m) => m.piece());
      const chord = piece.chords.find((c) => c.tick === range?.start);
      expect(chord?.roman).toBe('IV');
      // IV of G major, named over its bass where the arranger inverts it to keep off the tune ("C/E").
      expect(chord?.symbol).toMatch(/^C(\/[EG])?$/);
      const bass = piece.tracks.find((t) => t.role === 'bass')?.notes.find((n) => n.tick === range?.start);
      const named = { C: 0, 'C/E': 4, 'C/G': 7 }[chord?.symbol ?? 'C'];
      expect((bass?.pitch ?? -1) % 12).toBe(named);
    });

    it('Lock keeps a part through Regenerate; the share link carries every edit and opens the same piece', async () => {
      const before = await muse(page, (m) => m.piece());
      const seed = await muse(page, (m) => m.recipe().seed);
      await page.getByRole('button', { name: 'Lock Melody' }).click();
      await page.getByRole('button', { name: 'Regenerate', exact: true }).click();
      await expect.poll(() => muse(page, (m) => m.edits().at(-1)?.op)).toBe('regenerate');
      const after = await muse(page, (m) => m.piece());
      expect(after.tracks[0].notes).toEqual(before.tracks[0].notes);
      expect(after.chords).not.toEqual(before.chords);
      expect(await muse(page, (m) => m.recipe().seed)).toBe(seed);
      await page.getByRole('button', { name: 'Lock Melody' }).click();

      await page.getByText('More export options').click();
      await page.getByRole('button', { name: 'Copy share link' }).click();
      const link = await page.locator('#share-link').inputValue();
      expect(link.length).toBeLessThan(2000);
      const parsed = parseShareFragment(link.slice(link.indexOf('#')));
      if (!parsed.ok) throw new Error(parsed.error.message);
      const inNode = generate(parsed.value.recipe);
      if (!inNode.ok) throw new Error(inNode.error.message);
      expect(JSON.parse(JSON.stringify(inNode.value.piece))).toEqual(after);

      const other = await app.page.context().newPage();
      await other.goto(link);
      await other.waitForFunction(() => ((window as unknown as MuseWindow).muse?.edits()?.length ?? 0) > 0);
      expect(await other.evaluate(() => (window as unknown as MuseWindow).muse.piece())).toEqual(after);
      // Saved settings: a reload without the link brings the edited piece back.
      await other.goto(link.slice(0, link.indexOf('#')));
      await other.waitForFunction(() => ((window as unknown as MuseWindow).muse?.edits()?.length ?? 0) > 0);
      expect(await other.evaluate(() => (window as unknown as MuseWindow).muse.piece())).toEqual(after);
      await other.close();
      expect(app.problems).toEqual([]);
    });

    it('Blend mixes a second corpus in: the piece changes, each phrase says which corpus it leans on, the link carries it', async () => {
      const before = await muse(page, (m) => m.piece());
      await page.getByLabel('Blend', { exact: true }).selectOption('folk-jigs');
      await expect
        .poll(() =>
          page.evaluate(() => (window as unknown as { muse: { recipe(): { blend?: unknown } } }).muse.recipe().blend),
        )
        .toEqual({ corpus: 'folk-jigs', weight: 0.5 });
      expect(await muse(page, (m) => m.piece())).not.toEqual(before);
      await expect.poll(() => page.locator('#blend-lean').textContent()).toMatch(/bars 1–4 (reels|folk-jigs) \d+ %/);
      await page.getByRole('button', { name: 'Copy share link' }).click();
      expect(await page.locator('#share-link').inputValue()).toMatch(/[#&]b=folk-jigs\.50/);
      expect(app.problems).toEqual([]);
    });
  },
);
