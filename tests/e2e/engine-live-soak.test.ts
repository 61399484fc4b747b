/**
 * The live soak: the page's own endless playback — section feed, lookahead scheduler, player and its
 * live outputs on the real audio graph — driven over 30 simulated minutes with fake time. The
 * player's clock is replaced by a number the test moves on 50 ms at a time (the pump interval of
 * Tone's worker clock), calling the player's tick as the clock would; every tenth of a simulated
 * minute the page's event loop runs (the next section is composed there, off the tick, as in use).
 * Notes land in the real AudioContext at their simulated times, which it never reaches: what is
 * measured is the bookkeeping — sections held, nodes and notes held, heap — and that every beat
 * comes once, in order, with no gap. The offline soak (engine-soak.test.ts) renders the audio.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface Sample {
  /** Simulated seconds since the soak began. */
  at: number;
  nodes: number;
  notes: number;
  held: number;
  played: number;
  heapMb: number;
}

interface SoakResult {
  samples: Sample[];
  beats: number;
  /** Beats that did not follow the one before by exactly one beat (gaps or repeats). */
  beatErrors: number;
  notesGiven: number;
  /** Note indices given more than once. */
  repeatedNotes: number;
  ms: number;
}

/** Drives the page's player over `minutes` simulated minutes. Self-contained (runs in the page). */
async function soak(minutes: number): Promise<SoakResult> {
  type LivePlayer = {
    audio: { ctx: AudioContext };
    tick: () => void;
    nodeCount: number;
    liveNotes: number;
    endless?: { sectionsHeld: number; sectionsPlayed: number };
    loaded?: { fan: { sinks: unknown[]; beat: (tick: number, time: number) => void } };
  };
  const w = window as unknown as { muse: { player(): LivePlayer | undefined } };
  const player = w.muse.player();
  if (!player?.loaded) throw new Error('no player playing');
  let now = player.audio.ctx.currentTime;
  // The fake clock: the player reads its time from here from now on.
  Object.defineProperty(player.audio, 'now', { get: () => now, configurable: true });
  const beatTicks: number[] = [];
  const seen = new Set<number>();
  let notesGiven = 0;
  let repeatedNotes = 0;
  player.loaded.fan.sinks.push({
    note: (e: { index: number }) => {
      notesGiven++;
      if (seen.has(e.index)) repeatedNotes++;
      seen.add(e.index);
    },
    cancelAfter: () => {},
  });
  // Beats go to the visuals (Tone.Draw, which runs callbacks when the real clock gets there: never,
  // here): count them instead.
  player.loaded.fan.beat = (tick: number) => {
    beatTicks.push(tick);
  };
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  const samples: Sample[] = [];
  const start = now;
  const t0 = performance.now();
  const steps = Math.round((minutes * 60) / 0.05);
  for (let i = 1; i <= steps; i++) {
    now = start + i * 0.05;
    player.tick();
    if (i % 120 === 0) {
      await new Promise((r) => setTimeout(r, 0)); // the deferred compose of the next section runs here
      const e = player.endless;
      samples.push({
        at: now - start,
        nodes: player.nodeCount,
        notes: player.liveNotes,
        held: e?.sectionsHeld ?? 0,
        played: e?.sectionsPlayed ?? 0,
        heapMb: (memory?.usedJSHeapSize ?? 0) / 2 ** 20,
      });
    }
  }
  let beatErrors = 0;
  const step = beatTicks.length > 1 ? beatTicks[1] - beatTicks[0] : 0;
  for (let i = 1; i < beatTicks.length; i++) if (beatTicks[i] - beatTicks[i - 1] !== step) beatErrors++;
  return { samples, beats: beatTicks.length, beatErrors, notesGiven, repeatedNotes, ms: performance.now() - t0 };
}

/** Whether a series stays flat: its largest value late on is at most `slack` × its largest early on. */
export function staysFlat(series: number[], slack = 1.25): boolean {
  const third = Math.max(1, Math.floor(series.length / 3));
  const early = Math.max(...series.slice(0, third));
  const late = Math.max(...series.slice(-third));
  return late <= early * slack;
}

describe.skipIf(!chromiumAvailable())('live soak: 30 simulated minutes of endless playback (fake time)', () => {
  let app: App;
  let page: Page;
  let cdp: CDPSession;
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
  };

  beforeAll(async () => {
    app = await openApp();
    ({ page } = app);
    cdp = await page.context().newCDPSession(page);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('holds two sections at most, keeps nodes, notes and heap flat, and every beat comes once', {
    timeout: 300_000,
  }, async () => {
    await page.getByRole('checkbox', { name: 'Endless', exact: true }).check();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(
      () => (window as unknown as { muse: { transport(): { state: string } } }).muse.transport().state === 'playing',
    );
    const before = await heapMb();
    const result = await page.evaluate(soak, 30);
    const after = await heapMb();
    const { samples } = result;
    const last = samples[samples.length - 1];
    const nodes = samples.map((s) => s.nodes);
    const notes = samples.map((s) => s.notes);
    console.info(
      `live soak: ${(last.at / 60).toFixed(1)} simulated min in ${(result.ms / 1000).toFixed(1)} s; ` +
        `${last.played} sections, held ≤ ${Math.max(...samples.map((s) => s.held))}; ${result.beats} beats, ` +
        `${result.notesGiven} notes; nodes ${Math.min(...nodes)}–${Math.max(...nodes)}, notes held ≤ ${Math.max(...notes)}; ` +
        `heap ${before.toFixed(1)} → ${after.toFixed(1)} MB after GC`,
    );
    expect(last.at).toBeGreaterThanOrEqual(30 * 60 - 1);
    // Sections: one after another, never more than the one playing and the next in memory.
    expect(Math.max(...samples.map((s) => s.held))).toBeLessThanOrEqual(2);
    expect(last.played).toBeGreaterThanOrEqual(20);
    for (let i = 1; i < samples.length; i++) expect(samples[i].played).toBeGreaterThanOrEqual(samples[i - 1].played);
    // Every beat once and in order; every note once.
    expect(result.beats).toBeGreaterThan(30 * 60); // ≥ 1 beat a second at any preset's tempo
    expect(result.beatErrors).toBe(0);
    expect(result.notesGiven).toBeGreaterThan(1000);
    expect(result.repeatedNotes).toBe(0);
    // Bounded: what the player holds does not grow with the minutes played.
    expect(staysFlat(nodes)).toBe(true);
    expect(staysFlat(notes)).toBe(true);
    expect(after - before).toBeLessThanOrEqual(10);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
  });

  it('negative control: a series that grows with the minutes is not flat', () => {
    expect(staysFlat([100, 110, 105, 120, 130, 140, 150, 170, 190])).toBe(false);
    expect(staysFlat([100, 130, 105, 120, 110, 125, 115, 120, 118])).toBe(true);
  });
});
