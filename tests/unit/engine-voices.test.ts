import { describe, expect, it } from 'vitest';
import { chooseVoice, type VoiceState } from '../../src/engine/instruments/allocator';
import { envelopeEvents, FADE, hitEvents, releaseEvents, valueAt } from '../../src/engine/instruments/envelope';
import { DRUM_NOTES, drumHit, LONGEST_HIT } from '../../src/engine/instruments/kit';
import { noiseSamples } from '../../src/engine/instruments/noise';
import { HARMONICS, waveSpectrum } from '../../src/engine/instruments/waves';

interface Note {
  start: number;
  length: number;
  frequency: number;
}

/**
 * Plays `notes` (in time order) through the allocator as an instrument does: each takes the voice
 * chosen, the notes it cuts end then; returns each note's voice, the time it was cut, and whether it waited.
 */
function allocate(
  notes: Note[],
  polyphony: number,
  release: (n: Note) => number,
  choke?: (f: number) => number | undefined,
) {
  const last: (VoiceState & { note: number })[] = [];
  const plan: { voice: number; cut?: number; steals: boolean }[] = [];
  notes.forEach((n, i) => {
    const c = chooseVoice(last, n.start, n.frequency, polyphony, choke);
    for (const v of c.cuts) {
      plan[last[v].note].cut = n.start;
      last[v] = { ...last[v], end: n.start + FADE, released: true };
    }
    const start = c.steals ? n.start + FADE : n.start;
    last[c.voice] = { start, end: n.start + n.length + release(n), frequency: n.frequency, released: true, note: i };
    plan.push({ voice: c.voice, steals: c.steals });
  });
  return plan;
}

const note = (start: number, length: number, frequency: number): Note => ({ start, length, frequency });

describe('the voice allocator', () => {
  /** Most notes sounding at once under `plan` (neither over nor cut). */
  const maxSounding = (notes: Note[], plan: ReturnType<typeof allocate>, ring: number) => {
    let most = 0;
    for (let t = 0; t < 5; t += 0.0625)
      most = Math.max(
        most,
        notes.filter((n, i) => n.start <= t && t < Math.min(n.start + n.length + ring, plan[i].cut ?? Infinity)).length,
      );
    return most;
  };
  // Eight-note chords every beat, four voices: each chord steals from the one before.
  const chords = Array.from({ length: 32 }, (_, i) => note(Math.floor(i / 8), 1, 60 + (i % 8)));

  it('never drops a note and never sounds more than the polyphony', () => {
    const plan = allocate(chords, 4, () => 0.5);
    expect(plan).toHaveLength(chords.length);
    for (const p of plan) expect(p.voice).toBeGreaterThanOrEqual(0);
    for (const p of plan) expect(p.voice).toBeLessThan(4);
    expect(maxSounding(chords, plan, 0.5)).toBe(4);
  });

  it('the polyphony check catches an allocator that ignores the limit (negative control)', () => {
    const broken = allocate(chords, 99, () => 0.5);
    expect(maxSounding(chords, broken, 0.5)).toBeGreaterThan(4);
  });

  it('reuses the lowest free voice, and steals the oldest when none is free', () => {
    const plan = allocate([note(0, 1, 60), note(2, 1, 62), note(2.5, 4, 64), note(3, 1, 65)], 2, () => 0);
    expect(plan.map((p) => p.voice)).toEqual([0, 0, 1, 0]);
    expect(plan[0].cut).toBeUndefined();
    // At 3 both voices sound (62 until 3 is free: it ends at 3), so 65 takes voice 0 cleanly.
    expect(plan[3].steals).toBe(false);
    const busy = allocate([note(0, 10, 60), note(0.1, 10, 62), note(0.2, 10, 64)], 2, () => 0);
    expect(busy.map((p) => p.voice)).toEqual([0, 1, 0]);
    expect(busy[0].cut).toBe(0.2);
    expect(busy[2].steals).toBe(true);
  });

  it('gives a repeated pitch the voice that is still playing it', () => {
    const plan = allocate([note(0, 1, 60), note(0, 1, 64), note(1, 1, 64)], 8, () => 1);
    expect(plan[2].voice).toBe(plan[1].voice);
    expect(plan[1].cut).toBe(1);
    expect(plan[0].cut).toBeUndefined();
  });

  it('chokes the open hi-hat with the closed one', () => {
    const hz = (p: number) => 440 * 2 ** ((p - 69) / 12);
    const toMidi = (f: number) => Math.round(69 + 12 * Math.log2(f / 440));
    const plan = allocate(
      [note(0, 0.1, hz(46)), note(0.5, 0.1, hz(42))],
      8,
      (n) => (toMidi(n.frequency) === 46 ? 2 : 0.1),
      (f) => drumHit(toMidi(f)).choke,
    );
    expect(plan[0].cut).toBe(0.5);
    expect(plan[1].cut).toBeUndefined();
    expect(plan[1].voice).not.toBe(plan[0].voice);
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

  it('hold the sustain while the note-off is unknown, and release from there later', () => {
    const held = envelopeEvents(adsr, 0, Number.POSITIVE_INFINITY, 1);
    expect(held.end).toBe(Number.POSITIVE_INFINITY);
    expect(valueAt(held.events, 100)).toBeCloseTo(0.5, 10);
    const released = releaseEvents(held.events, 3, adsr.release, 1);
    expect(released.end).toBeCloseTo(3.2, 10);
    expect(valueAt(released.events, 3)).toBeCloseTo(0.5, 10);
    expect(valueAt(released.events, 3.2)).toBe(0);
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
    const shape = { shape: 'sawtooth' } as const;
    const bright = waveSpectrum(shape, 16, 0.7);
    const dark = waveSpectrum(shape, 2, 0.7);
    const energy = (s: { real: Float32Array; imag: Float32Array }, from: number) => {
      let e = 0;
      for (let h = from; h <= HARMONICS; h++) e += s.real[h] ** 2 + s.imag[h] ** 2;
      return e;
    };
    expect(energy(dark, 4)).toBeLessThan(energy(bright, 4) / 10);
    expect(Math.abs(bright.imag[1])).toBeCloseTo(2 / Math.PI, 2);
    // Tone's am: sin ωt·(1 + sin 2ωt)/2 = ½ sin ωt + ¼ cos ωt − ¼ cos 3ωt.
    const am = waveSpectrum(
      { shape: 'sine', modulation: { kind: 'am', shape: 'sine', harmonicity: 2, index: 0 } },
      64,
      0.7,
    );
    expect(Math.hypot(am.real[1], am.imag[1])).toBeCloseTo(Math.sqrt(0.3125), 2);
    expect(Math.hypot(am.real[3], am.imag[3])).toBeCloseTo(0.25, 2);
    // FM by a sine at index 1.5: harmonic k has amplitude |J_{k−1}(1.5) − …|; the second is strong.
    const fm = waveSpectrum(
      { shape: 'sine', modulation: { kind: 'fm', shape: 'sine', harmonicity: 1, index: 1.5 } },
      64,
      0.7,
    );
    expect(Math.hypot(fm.real[2], fm.imag[2])).toBeGreaterThan(0.1);
    // A pulse of width 0 is a square: odd harmonics only.
    const pulse = waveSpectrum({ shape: 'pulse', width: 0 }, 64, 0.7);
    expect(Math.hypot(pulse.real[2], pulse.imag[2])).toBeLessThan(1e-6);
    expect(Math.hypot(pulse.real[1], pulse.imag[1])).toBeCloseTo(4 / Math.PI, 2);
  });
});
