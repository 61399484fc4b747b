import { describe, expect, it } from 'vitest';
import { DRUM_NOTES, drumHit, LONGEST_HIT } from '../../src/engine/drumKit';
import { envelopeEvents, FADE, hitEvents, valueAt } from '../../src/engine/envelope';
import { noiseSamples } from '../../src/engine/noise';
import { planVoices } from '../../src/engine/voiceAllocator';
import { HARMONICS, waveSpectrum } from '../../src/engine/waves';

const note = (tick: number, duration: number, pitch: number) => ({ tick, duration, pitch });

describe('the voice allocator', () => {
  it('never drops a note and never sounds more than the polyphony', () => {
    // Eight-note chords every beat, four voices: each chord steals from the one before.
    const notes = Array.from({ length: 32 }, (_, i) => note(Math.floor(i / 8) * 480, 480, 60 + (i % 8)));
    const plan = planVoices(notes, { polyphony: 4, releaseTicks: () => 240 });
    expect(plan).toHaveLength(notes.length);
    for (const p of plan) expect(p.voice).toBeGreaterThanOrEqual(0);
    for (const p of plan) expect(p.voice).toBeLessThan(4);
    // At every tick, notes that are neither over nor cut fit the voices.
    for (let t = 0; t < 2400; t += 30) {
      const sounding = notes.filter(
        (n, i) => n.tick <= t && t < Math.min(n.tick + n.duration + 240, plan[i].cut ?? Infinity),
      );
      expect(sounding.length).toBeLessThanOrEqual(4);
    }
  });

  it('reuses the lowest free voice, and steals the oldest when none is free', () => {
    const plan = planVoices([note(0, 100, 60), note(200, 100, 62), note(250, 400, 64), note(300, 100, 65)], {
      polyphony: 2,
      releaseTicks: () => 0,
    });
    expect(plan.map((p) => p.voice)).toEqual([0, 0, 1, 0]);
    expect(plan[0].cut).toBeUndefined();
    // At 300 both voices sound (62 until 300 is free: it ends at 300), so 65 takes voice 0 cleanly.
    expect(plan[3].steals).toBe(false);
    const busy = planVoices([note(0, 1000, 60), note(10, 1000, 62), note(20, 1000, 64)], {
      polyphony: 2,
      releaseTicks: () => 0,
    });
    expect(busy.map((p) => p.voice)).toEqual([0, 1, 0]);
    expect(busy[0].cut).toBe(20);
    expect(busy[2].steals).toBe(true);
  });

  it('gives a repeated pitch the voice that is still playing it', () => {
    const plan = planVoices([note(0, 480, 60), note(0, 480, 64), note(480, 480, 64)], {
      polyphony: 8,
      releaseTicks: () => 480,
    });
    expect(plan[2].voice).toBe(plan[1].voice);
    expect(plan[1].cut).toBe(480);
    expect(plan[0].cut).toBeUndefined();
  });

  it('chokes the open hi-hat with the closed one', () => {
    const plan = planVoices([note(0, 60, 46), note(240, 60, 42)], {
      polyphony: 8,
      releaseTicks: (n) => (n.pitch === 46 ? 1000 : 50),
      chokeGroup: (p) => drumHit(p).choke,
    });
    expect(plan[0].cut).toBe(240);
    expect(plan[1].cut).toBeUndefined();
  });
});

describe('envelopes', () => {
  const adsr = { attack: 0.01, decay: 0.1, sustain: 0.5, release: 0.2 };

  it('rise to the peak, fall to the sustain, and end at 0 after the release', () => {
    const { events, end } = envelopeEvents(adsr, 1, 2, 0.8);
    expect(end).toBeCloseTo(2.2, 10);
    expect(valueAt(events, 1)).toBe(0);
    expect(valueAt(events, 1.01)).toBeCloseTo(0.8, 10);
    expect(valueAt(events, 1.5)).toBeCloseTo(0.4, 10);
    expect(valueAt(events, 2)).toBeCloseTo(0.4, 10);
    expect(valueAt(events, 2.2)).toBe(0);
    expect(events.at(-1)).toEqual({ type: 'set', time: end, value: 0 });
    for (let i = 1; i < events.length; i++) expect(events[i].time).toBeGreaterThanOrEqual(events[i - 1].time);
  });

  it('release from where they are when the note ends during the attack', () => {
    const { events } = envelopeEvents(adsr, 0, 0.005, 1);
    expect(valueAt(events, 0.005)).toBeCloseTo(0.5, 10);
    expect(events.every((e) => e.time <= 0.205 + 1e-9)).toBe(true);
  });

  it('fade out quickly when cut', () => {
    const { events, end } = envelopeEvents(adsr, 0, 1, 1, 0.5);
    expect(end).toBeCloseTo(0.5 + FADE, 10);
    expect(valueAt(events, 0.5)).toBeCloseTo(0.5, 10);
    expect(valueAt(events, end)).toBe(0);
    const hit = hitEvents(0, 1, 1, 0.25);
    expect(hit.end).toBeCloseTo(0.25 + FADE, 10);
    expect(valueAt(hit.events, hit.end)).toBe(0);
  });
});

describe('the drum kit and the waves', () => {
  it('has a synthesized sound for every General MIDI drum note, 35 to 81', () => {
    const names = new Set<string>();
    for (let p = DRUM_NOTES.low; p <= DRUM_NOTES.high; p++) {
      const hit = drumHit(p);
      expect(hit.tone ?? hit.noise).toBeDefined();
      names.add(hit.name);
    }
    expect(names.size).toBeGreaterThan(40);
    for (const name of ['kick', 'snare', 'closed hi-hat', 'open hi-hat', 'crash', 'ride', 'low tom', 'high tom'])
      expect(names.has(name)).toBe(true);
    expect(drumHit(20).name).toBe('kick');
    expect(LONGEST_HIT).toBeGreaterThan(1);
  });

  it('makes the same noise every time, peaking at 1', () => {
    const a = noiseSamples('hat', 44_100);
    const b = noiseSamples('hat', 44_100);
    expect(a).toEqual(b);
    expect(Math.max(...a.map(Math.abs))).toBeCloseTo(1, 6);
    expect(noiseSamples('snare', 44_100)).not.toEqual(a);
  });

  it('filters the harmonics of a wave: a lower cutoff is darker', () => {
    const shape = { shape: 'sawtooth', fat: false } as const;
    const bright = waveSpectrum(shape, 16, 0.7);
    const dark = waveSpectrum(shape, 2, 0.7);
    const energy = (s: { real: Float32Array; imag: Float32Array }, from: number) => {
      let e = 0;
      for (let h = from; h <= HARMONICS; h++) e += s.real[h] ** 2 + s.imag[h] ** 2;
      return e;
    };
    expect(energy(dark, 4)).toBeLessThan(energy(bright, 4) / 10);
    expect(Math.abs(bright.imag[1])).toBeCloseTo(2 / Math.PI, 2);
    const am = waveSpectrum({ shape: 'sine', fat: false, modulation: 'am' }, 64, 0.7);
    expect(Math.hypot(am.real[3], am.imag[3])).toBeGreaterThan(0.1);
    const fm = waveSpectrum({ shape: 'sine', fat: false, modulation: 'fm' }, 64, 0.7);
    expect(Math.hypot(fm.real[2], fm.imag[2])).toBeGreaterThan(0.1);
  });
});
