import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OriginalityReport } from '../../src/model/originality';
import { generate } from '../../src/presets';
import { chromiumAvailable, launchChromium, serveBuiltApp } from '../helpers/browser';

interface Span {
  index: number;
  label: string;
  start: number;
  end: number;
  firstBar: number;
  lastBar: number;
}
interface MuseWindow {
  muse: {
    recipe(): { preset: string; seed: number; bars: number; tempo: number };
    ticks(): number;
    transport(): { state: string; looping: boolean; loopStart?: number; loopEnd?: number; section?: string };
    sections(): Span[];
    originality(): { melody: OriginalityReport; chords: OriginalityReport; transposed?: OriginalityReport } | undefined;
    showOriginality(report: unknown, titles: Record<string, string>): void;
    nodes(): { nodes: number; notes: number };
  };
}
type Muse = MuseWindow['muse'];

describe.skipIf(!chromiumAvailable())('keyboard shortcuts, section loops and the originality panel', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveBuiltApp>>;
  let page: Page;
  const problems: string[] = [];
  const alerts: string[] = [];

  /** Runs `f` on window.muse in the page. */
  const muse = <T>(f: (m: Muse) => T, arg?: unknown): Promise<T> =>
    page.evaluate(
      ([source, a]) => new Function('m', 'a', `return (${source})(m, a)`)((window as unknown as MuseWindow).muse, a),
      [f.toString(), arg] as const,
    ) as Promise<T>;
  const transport = () => muse((m) => m.transport());
  const status = () => page.locator('#status').textContent();
  /** A fresh page for the share link `hash` (a goto that only changes the hash would not reload). */
  const open = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`${server.url}#${hash}`);
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe() !== undefined);
  };
  /** Starts audio (a gesture) and waits for the player to hold the piece. */
  const playerReady = async () => {
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await expect.poll(() => muse((m) => m.nodes().nodes), { timeout: 10_000 }).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    server = await serveBuiltApp();
    browser = await launchChromium();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('R regenerates, D rolls a new seed, ← and → change the preset; none fires while typing', async () => {
    await open('v=1&preset=folk-dance&seed=5');
    const before = await muse((m) => m.recipe());
    await page.keyboard.press('r');
    await expect.poll(() => muse((m) => m.recipe().seed)).not.toBe(before.seed);
    const seed = page.getByRole('spinbutton', { name: 'Seed', exact: true });
    expect(await seed.inputValue()).toBe(String(await muse((m) => m.recipe().seed)));
    const afterR = await muse((m) => m.recipe().seed);
    await page.keyboard.press('d');
    await expect.poll(() => muse((m) => m.recipe().seed)).not.toBe(afterR);

    const presets = await page
      .getByLabel('Preset', { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const at = presets.indexOf('folk-dance');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => muse((m) => m.recipe().preset)).toBe(presets[at + 1]);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => muse((m) => m.recipe().preset)).toBe(presets[at - 1]);

    // Typing in a field, or with Ctrl held: no shortcut.
    const now = await muse((m) => m.recipe());
    await page.getByLabel('Preset', { exact: true }).focus();
    await page.keyboard.press('r');
    await page.keyboard.press('d');
    await seed.focus();
    await page.keyboard.press('r');
    await page.keyboard.press('Space');
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Alt+r');
    await page.waitForTimeout(300);
    expect(await muse((m) => m.recipe())).toEqual(now);
    expect((await transport()).state).not.toBe('playing');
    expect(problems).toEqual([]);
  });

  it('Space plays and pauses, S stops, M mutes the melody, E exports MIDI', async () => {
    await open('v=1&preset=folk-dance&seed=5');
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Space');
    await expect.poll(() => transport().then((t) => t.state), { timeout: 10_000 }).toBe('playing');
    await expect.poll(() => muse((m) => m.ticks())).toBeGreaterThan(0);
    await page.keyboard.press('Space');
    await expect.poll(() => transport().then((t) => t.state)).toBe('paused');
    expect(await page.getByRole('button', { name: 'Pause', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('s');
    await expect.poll(() => transport().then((t) => t.state)).toBe('stopped');
    expect(await muse((m) => m.ticks())).toBe(0);

    const mute = page.getByRole('button', { name: 'Mute Melody', exact: true });
    expect(await mute.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('m');
    expect(await mute.getAttribute('aria-pressed')).toBe('true');
    expect(await status()).toBe('Melody muted.');
    await page.keyboard.press('m');
    expect(await mute.getAttribute('aria-pressed')).toBe('false');

    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('e')]);
    expect(download.suggestedFilename()).toBe('folk-dance-seed-5.mid');
    expect(problems).toEqual([]);
  });

  it('? opens the help overlay listing the shortcuts; Escape closes it and the focus goes back', async () => {
    await open('v=1&preset=folk-dance&seed=5');
    const regenerate = page.getByRole('button', { name: 'Regenerate', exact: true });
    await regenerate.focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('heading', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    const rows = await dialog.getByRole('row').allTextContents();
    expect(rows.some((r) => r.startsWith('Space') && r.includes('Play or pause'))).toBe(true);
    expect(rows.some((r) => r.startsWith('R') && r.includes('Regenerate'))).toBe(true);
    // Two tables: header + 10 shortcuts, then header + 10 editing keys (Undo, Redo and the roll's keys).
    expect(rows.length).toBe(22);
    expect(rows.some((r) => r.startsWith('Ctrl+Z') && r.includes('Undo'))).toBe(true);
    expect(rows.some((r) => r.startsWith('Delete') && r.includes('Delete the selected notes'))).toBe(true);
    // Shortcuts rest while the overlay is open.
    const seed = await muse((m) => m.recipe().seed);
    await page.keyboard.press('r');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => regenerate.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await muse((m) => m.recipe().seed)).toBe(seed);

    // The visible button opens it too, and Close closes it.
    const button = page.getByRole('button', { name: 'Keyboard shortcuts', exact: true });
    await button.click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => button.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('h');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });

  it('a click on a section of the roll loops it, marks it, and a second click goes back to the whole piece', async () => {
    await open('v=1&preset=pop-ballad&seed=5');
    await playerReady();
    const sections = await muse((m) => m.sections());
    expect(sections.map((s) => s.label)).toEqual(['intro', 'A', 'A', 'B', 'A', 'outro']);
    const canvas = page.locator('#piano-roll');
    const box = await canvas.evaluate((c) => ({ width: c.clientWidth, height: c.clientHeight }));
    const total = sections[sections.length - 1].end;
    const b = sections[3];
    // 60 % across the section, in its label band (clear of bar lines and the label).
    const x = ((b.start + 0.6 * (b.end - b.start)) / total) * box.width;
    const stripe = () =>
      canvas.evaluate((c: HTMLCanvasElement, px) => {
        const ratio = c.width / c.clientWidth;
        return [...(c.getContext('2d')?.getImageData(Math.round(px * ratio), 1, 1, 1).data ?? [])];
      }, x);
    const unmarked = await stripe();
    await canvas.click({ position: { x, y: 10 } });
    await expect.poll(() => transport().then((t) => t.loopStart)).toBe(b.start);
    expect(await transport()).toMatchObject({
      looping: true,
      loopStart: b.start,
      loopEnd: b.end,
      section: 'B (bars 21–28)',
    });
    expect(await page.getByRole('button', { name: 'Loop', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const select = page.getByRole('combobox', { name: 'Loop section', exact: true });
    expect(await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe('B (bars 21–28)');
    expect(await status()).toBe('Looping B (bars 21–28).');
    const marked = await stripe();
    expect(marked).not.toEqual(unmarked);
    expect(marked[0]).toBeGreaterThan(200); // the orange mark

    // A click below the band (on the notes) changes nothing.
    await canvas.click({ position: { x: box.width * 0.1, y: box.height - 20 } });
    expect(await transport()).toMatchObject({ loopStart: b.start, loopEnd: b.end });

    await canvas.click({ position: { x, y: 10 } });
    await expect.poll(() => transport().then((t) => t.section)).toBe(undefined);
    expect(await transport()).toMatchObject({ looping: true, loopStart: 0, loopEnd: total });
    expect(await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe('Whole piece');
    expect(await status()).toBe('Looping the whole piece.');
    expect(await stripe()).toEqual(unmarked);
    expect(problems).toEqual([]);
  });

  it('the Loop section list does the same, the engine repeats only that section, Loop and L go back', async () => {
    await open('v=1&preset=pop-ballad&seed=5&tempo=300');
    await playerReady();
    const sections = await muse((m) => m.sections());
    const select = page.getByRole('combobox', { name: 'Loop section', exact: true });
    const names = await select.locator('option').allTextContents();
    expect(names).toEqual([
      'Whole piece',
      'intro (bars 1–4)',
      'A (bars 5–12)',
      'A (bars 13–20)',
      'B (bars 21–28)',
      'A (bars 29–36)',
      'outro (bars 37–40)',
    ]);
    await select.selectOption({ label: 'A (bars 13–20)' });
    expect(await transport()).toMatchObject({ looping: true, loopStart: sections[2].start, loopEnd: sections[2].end });
    await select.selectOption({ label: 'intro (bars 1–4)' });
    const intro = sections[0];
    expect(await transport()).toMatchObject({
      loopStart: intro.start,
      loopEnd: intro.end,
      section: 'intro (bars 1–4)',
    });

    // 4 bars at 300 bpm last 3.2 s: play for 5 s and see the position wrap, never leaving the intro.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => transport().then((t) => t.state), { timeout: 10_000 }).toBe('playing');
    const seen: number[] = [];
    const until = Date.now() + 5000;
    while (Date.now() < until) {
      seen.push(await muse((m) => m.ticks()));
      await page.waitForTimeout(100);
    }
    expect(Math.max(...seen)).toBeLessThanOrEqual(intro.end);
    expect(seen.some((t, i) => i > 0 && t < seen[i - 1])).toBe(true);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();

    // Regenerate keeps the section (the same form), with the new piece's ticks.
    await page.getByRole('button', { name: 'Regenerate', exact: true }).click();
    expect(await transport()).toMatchObject({
      loopStart: intro.start,
      loopEnd: intro.end,
      section: 'intro (bars 1–4)',
    });

    const loop = page.getByRole('button', { name: 'Loop', exact: true });
    await loop.click();
    expect(await transport()).toMatchObject({ looping: true, loopStart: 0, loopEnd: sections[5].end });
    expect(await transport().then((t) => t.section)).toBe(undefined);
    expect(await select.inputValue()).toBe('');
    expect(await loop.getAttribute('aria-pressed')).toBe('true');
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('l');
    expect(await loop.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => transport().then((t) => t.looping)).toBe(false);
    expect(await transport().then((t) => t.loopEnd)).toBe(undefined);
    expect(problems).toEqual([]);
  });

  it('the originality panel shows the piece’s report with training piece titles, and titles as text', async () => {
    await open('v=1&preset=pop-ballad&seed=5');
    const report = await muse((m) => m.originality());
    if (!report) throw new Error('no originality report');
    const node = generate({ preset: 'pop-ballad', seed: 5 });
    if (!node.ok) throw new Error(node.error.message);
    expect(report).toEqual(JSON.parse(JSON.stringify(node.value.originality)));
    const title = (id: string) => node.value.model.provenance.pieces.find((p) => p.id === id)?.title;
    const panel = page.getByRole('region', { name: 'Originality' });
    const melody = panel.getByRole('region', { name: 'Melody originality' });
    const copy = report.melody.longestCopy;
    expect(copy.pieceId).not.toBe(null);
    expect(await melody.locator('.longest-copy').textContent()).toBe(
      `Longest copy ${copy.length} notes (limit ${report.melody.maxRun}) from “${title(copy.pieceId ?? '')}”.`,
    );
    const chordCopy = report.chords.longestCopy;
    expect(
      await panel.getByRole('region', { name: 'Harmony originality' }).locator('.longest-copy').textContent(),
    ).toBe(
      `Longest copy ${chordCopy.length} chords (limit ${report.chords.maxRun}) from “${title(chordCopy.pieceId ?? '')}”.`,
    );
    // The melody in any key: the guard's transposed copies, counted in notes.
    const transposed = report.transposed;
    if (!transposed) throw new Error('no transposed report');
    const anyKey = transposed.longestCopy;
    expect(
      await panel.getByRole('region', { name: 'Transposed originality' }).locator('.longest-copy').textContent(),
    ).toBe(
      anyKey.pieceId === null || anyKey.length === 0
        ? `No melody copied in another key from a training piece (limit ${transposed.maxRun}).`
        : `Longest copy in any key ${anyKey.length} notes (limit ${transposed.maxRun}) from “${title(anyKey.pieceId)}”.`,
    );
    expect(anyKey.length).toBeLessThanOrEqual(transposed.maxRun);
    const rows = await melody.getByRole('table').locator('tbody tr').allTextContents();
    const shown = report.melody.novelty.filter((r) => r.n <= report.melody.maxRun + 1);
    expect(rows).toEqual(shown.map((r) => `${r.n}${Math.round(r.share * 100)} % (${r.novel} of ${r.total})`));
    const closest = await melody.getByRole('listitem').allTextContents();
    expect(closest.length).toBe(report.melody.closest.length);
    expect(closest[0]).toContain(title(report.melody.closest[0].pieceId));

    // Updated on regenerate.
    await page.keyboard.press('r');
    await expect.poll(() => muse((m) => m.recipe().seed)).not.toBe(5);
    const next = await muse((m) => m.originality());
    const rowsAfter = await melody.getByRole('table').locator('tbody tr').allTextContents();
    expect(rowsAfter[0]).toBe(
      `3${Math.round((next?.melody.novelty[0].share ?? -1) * 100)} % (${next?.melody.novelty[0].novel} of ${next?.melody.novelty[0].total})`,
    );

    // A title from someone's file that holds markup is shown as text.
    const evil = '<img src=x onerror=alert(1)>';
    const crafted = {
      melody: {
        ...report.melody,
        longestCopy: { length: 4, pieceId: 'evil', start: 0 },
        closest: [{ pieceId: 'evil', shared: 3, share: 0.1 }],
      },
      chords: report.chords,
    };
    await page.evaluate(([r, t]) => (window as unknown as MuseWindow).muse.showOriginality(r, t), [
      crafted,
      { evil },
    ] as const);
    expect(await melody.locator('.longest-copy').textContent()).toBe(
      `Longest copy 4 notes (limit ${report.melody.maxRun}) from “${evil}”.`,
    );
    expect(await melody.getByRole('listitem').first().textContent()).toContain(evil);
    expect(await panel.locator('img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(alerts).toEqual([]);
    expect(problems).toEqual([]);
  });
});
