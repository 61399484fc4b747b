import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface Muse {
  muse: {
    audioState(): string;
    ticks(): number;
    recipe(): { preset: string; seed: number; bars: number; tempo: number };
    latency(): number | undefined;
    level(): { peak: number; rms: number } | undefined;
    nodes(): { nodes: number; notes: number };
    transport(): { state: string; looping: boolean; tempo?: number; master?: string };
    interrupt(): Promise<void>;
  };
}

type Calls = { [K in keyof Muse['muse']]: Muse['muse'][K] extends () => unknown ? K : never }[keyof Muse['muse']];

/** Calls `window.muse[name]()` in the page. */
const muse = <K extends Calls>(page: Page, name: K) =>
  page.evaluate(
    (n: string) => (window as unknown as Record<string, Record<string, () => unknown>>).muse[n](),
    name,
  ) as Promise<Awaited<ReturnType<Muse['muse'][K]>>>;

describe.skipIf(!chromiumAvailable())('live playback in Chromium (the built app)', () => {
  let app: App;
  let page: Page;
  let cdp: CDPSession;
  let problems: string[] = [];
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  };

  beforeAll(async () => {
    app = await openApp();
    ({ page, problems } = app);
    cdp = await page.context().newCDPSession(page);
    // Short pieces, so the tests see the end of one.
    const bars = page.getByRole('spinbutton', { name: 'Bars', exact: true });
    await bars.fill('8');
    await bars.blur();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the transport, mixer and MIDI controls by their names', async () => {
    for (const name of ['Play', 'Pause', 'Stop', 'Loop', 'Regenerate', 'Export MIDI', 'Export WAV'])
      await expect(button(name).isVisible()).resolves.toBe(true);
    for (const track of ['Melody', 'Chords', 'Bass']) {
      await expect(page.getByRole('slider', { name: `${track} volume`, exact: true }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('slider', { name: `${track} pan`, exact: true }).isVisible()).resolves.toBe(true);
      await expect(button(`Mute ${track}`).isVisible()).resolves.toBe(true);
      await expect(button(`Solo ${track}`).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByRole('combobox', { name: 'MIDI output', exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: 'Built-in synths', exact: true }).isChecked()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });

  it('sounds within 150 ms of the click (the figure is printed), with the AudioWorklet master', async () => {
    await button('Play').click();
    await page.waitForFunction(() => (window as unknown as Muse).muse.transport().state === 'playing');
    await expect.poll(() => muse(page, 'latency')).toBeDefined();
    const latency = await muse(page, 'latency');
    console.info(`click to transport start at the speakers: ${latency?.toFixed(1)} ms`);
    expect(Number.isFinite(latency)).toBe(true);
    expect(await muse(page, 'transport').then((t) => t.master)).toBe('worklet');
    expect(await muse(page, 'audioState')).toBe('running');
    // The master bus in the worklet hears the notes (the same mix and master code as the offline render).
    await expect.poll(() => muse(page, 'level').then((l) => l?.rms ?? 0), { timeout: 5000 }).toBeGreaterThan(0.003);
    expect((await muse(page, 'level'))!.peak).toBeLessThanOrEqual(1);
  });

  it('pauses, resumes from the same place, loops, changes tempo live and stops', async () => {
    await page.waitForTimeout(1200);
    await button('Pause').click();
    const paused = await muse(page, 'ticks');
    expect(paused).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    expect(await muse(page, 'ticks')).toBe(paused);
    expect(await page.locator('#position').textContent()).not.toBe('1.1');
    await button('Play').click();
    await page.waitForTimeout(300);
    const resumed = await muse(page, 'ticks');
    expect(resumed).toBeGreaterThan(paused);
    // Tempo: ticks per second follow the field at once.
    const rate = async () => {
      const a = await muse(page, 'ticks');
      await page.waitForTimeout(500);
      return (await muse(page, 'ticks')) - a;
    };
    const before = await rate();
    const tempo = page.getByRole('spinbutton', { name: 'Tempo', exact: true });
    const bpm = Number(await tempo.inputValue());
    await tempo.fill(String(bpm * 2));
    const after = await rate();
    expect(after / before).toBeGreaterThan(1.5);
    await tempo.fill(String(bpm));
    await tempo.blur();
    await button('Loop').click();
    expect(await button('Loop').getAttribute('aria-pressed')).toBe('true');
    expect(await muse(page, 'transport').then((t) => t.looping)).toBe(true);
    await button('Loop').click();
    await button('Stop').click();
    expect(await muse(page, 'ticks')).toBe(0);
    expect(await page.locator('#position').textContent()).toBe('1.1');
    expect(problems).toEqual([]);
  });

  it('loops the whole piece: the position comes back to the start without stopping', async () => {
    await button('Loop').click();
    const tempo = page.getByRole('spinbutton', { name: 'Tempo', exact: true });
    await tempo.fill('300');
    await tempo.blur();
    await button('Play').click();
    // 8 bars at 300 bpm take 6.4 s; watch the position fall back.
    let last = 0;
    let wrapped = false;
    for (let i = 0; i < 100 && !wrapped; i++) {
      await page.waitForTimeout(100);
      const t = await muse(page, 'ticks');
      if (t < last) wrapped = true;
      last = t;
    }
    expect(wrapped).toBe(true);
    expect(await muse(page, 'transport').then((t) => t.state)).toBe('playing');
    await button('Loop').click();
    await button('Stop').click();
  });

  it('resumes by itself after the audio context is suspended', async () => {
    await button('Play').click();
    await page.waitForFunction(() => (window as unknown as Muse).muse.transport().state === 'playing');
    await page.evaluate(() => (window as unknown as Muse).muse.interrupt());
    await page.waitForFunction(() => (window as unknown as Muse).muse.audioState() === 'running', undefined, {
      timeout: 5000,
    });
    expect(await muse(page, 'audioState')).toBe('running');
    expect(await muse(page, 'transport').then((t) => t.state)).toBe('playing');
    // The music goes on: the position moves again after the resume.
    const resumed = await muse(page, 'ticks');
    await expect.poll(() => muse(page, 'ticks'), { timeout: 5000 }).toBeGreaterThan(resumed);
    await button('Stop').click();
    expect(problems).toEqual([]);
  });

  it('mutes and solos from the mixer', async () => {
    await button('Mute Melody').click();
    expect(await button('Mute Melody').getAttribute('aria-pressed')).toBe('true');
    await button('Solo Bass').click();
    expect(await button('Solo Bass').getAttribute('aria-pressed')).toBe('true');
    await button('Mute Melody').click();
    await button('Solo Bass').click();
    await page.getByRole('slider', { name: 'Chords volume', exact: true }).fill('-12');
    expect(problems).toEqual([]);
  });

  it('offers MIDI output only where the browser allows it, and says so otherwise', async () => {
    const select = page.getByRole('combobox', { name: 'MIDI output', exact: true });
    await select.focus();
    await expect.poll(() => page.locator('#midi-status').textContent(), { timeout: 10_000 }).not.toBe('');
    const options = await select.locator('option').allTextContents();
    expect(options[0]).toBe('Off');
    await page.getByRole('checkbox', { name: 'Built-in synths', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Built-in synths', exact: true }).check();
    expect(problems).toEqual([]);
  });

  it('leaves the node count and the heap flat over 200 preset switches and regenerations while playing', {
    timeout: 300_000,
  }, async () => {
    const tempo = page.getByRole('spinbutton', { name: 'Tempo', exact: true });
    await tempo.fill('120');
    await tempo.blur();
    const select = page.getByRole('combobox', { name: 'Preset', exact: true });
    const first = await select.inputValue();
    const presets = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    for (const p of presets) {
      await select.selectOption(p);
      await page.waitForFunction(() => !/Loading/.test(document.getElementById('status')?.textContent ?? ''));
    }
    await select.selectOption(first);
    const settle = () => page.waitForTimeout(600); // replaced graphs are taken down after their fade
    // What a freshly loaded piece holds, stopped: its graph (instruments, effects, faders, master).
    await button('Regenerate').click();
    await settle();
    const baseline = await muse(page, 'nodes');
    await button('Play').click();
    let switches = 0;
    const cycle = async (n: number) => {
      for (let i = 0; i < n; i++) {
        // Every other step another preset (its instruments and effects built anew), else a new seed.
        if (i % 2 === 0) {
          await select.selectOption(presets[switches++ % presets.length]);
          // The piano's samples load the first time a preset needs them; the piece plays on meanwhile.
          await page.waitForFunction(
            () => !/Loading the samples/.test(document.getElementById('status')?.textContent ?? ''),
          );
        } else await button('Regenerate').click();
        await page.waitForTimeout(30);
      }
      await settle();
    };
    // Undo keeps the last 100 pieces (each step one): fill it first, so what is measured is the
    // page's own growth, not the history filling up to its bound.
    await cycle(100);
    await cycle(10);
    const playing10 = await muse(page, 'nodes');
    const heap10 = await heapMb();
    await cycle(90);
    const playing100 = await muse(page, 'nodes');
    const heap100 = await heapMb();
    await select.selectOption(first);
    await button('Stop').click();
    await settle();
    const stopped = await muse(page, 'nodes');
    await button('Regenerate').click();
    await settle();
    const after = await muse(page, 'nodes');
    console.info(
      `${switches} preset switches and ${210 - switches} regenerations while playing: nodes ${baseline.nodes} loaded, ` +
        `${playing10.nodes} playing after 110 steps (the undo history full), ${playing100.nodes} after 200, ${stopped.nodes} stopped ` +
        `(notes ${stopped.notes}), ${after.nodes} reloaded; heap ${heap10.toFixed(2)} → ${heap100.toFixed(2)} MB`,
    );
    // Playing, a piece holds its graph and the notes of the next bar or so — never what earlier
    // pieces held; reloaded, exactly what a fresh piece of the same preset holds.
    expect(playing100.nodes).toBeLessThan(300);
    expect(stopped.notes).toBe(0);
    expect(after.nodes).toBe(baseline.nodes);
    expect(heap100 - heap10).toBeLessThan(3);
    expect(problems).toEqual([]);
  });

  it('plays without AudioWorklet (an insecure page) through built-in nodes', async () => {
    const other = await app.browser.newPage();
    const errors: string[] = [];
    other.on('pageerror', (e) => errors.push(e.message));
    other.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await other.addInitScript(() => {
      Object.defineProperty(BaseAudioContext.prototype, 'audioWorklet', { get: () => undefined });
    });
    await other.goto(app.url);
    await other.getByRole('button', { name: 'Play', exact: true }).click();
    await other.waitForFunction(() => (window as unknown as Muse).muse.transport().state === 'playing');
    expect(await muse(other, 'transport').then((t) => t.master)).toBe('fallback');
    const a = await muse(other, 'ticks');
    await other.waitForTimeout(400);
    expect(await muse(other, 'ticks')).toBeGreaterThan(a);
    await other.getByRole('button', { name: 'Stop', exact: true }).click();
    await other.close();
    expect(errors).toEqual([]);
  });

  it('stops at the end of the piece by itself', async () => {
    const tempo = page.getByRole('spinbutton', { name: 'Tempo', exact: true });
    await tempo.fill('300');
    await tempo.blur();
    const bars = page.getByRole('spinbutton', { name: 'Bars', exact: true });
    await bars.fill('4');
    await bars.blur();
    await button('Play').click();
    await page.waitForFunction(() => (window as unknown as Muse).muse.transport().state === 'stopped', undefined, {
      timeout: 10_000,
    });
    expect(await button('Play').getAttribute('aria-pressed')).toBe('false');
    expect(problems).toEqual([]);
  });
});
