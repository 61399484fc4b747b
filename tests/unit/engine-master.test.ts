import { describe, expect, it } from 'vitest';
import { BUS, BUS_CHANNELS, Limiter, Mix, MixMaster, Reverb } from '../../src/engine/master';
import { channelGain, isAudible } from '../../src/engine/mixer';
import { masterOptions, resolveSound } from '../../src/engine/sound';
import { timelineOf } from '../../src/engine/timeline';
import { tinyOptions, tinyPiece } from '../bench/browser/testPieces';

const SR = 44_100;
const sine = (n: number, amp: number, hz = 440) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR));

/** Runs a streaming process over `input` in blocks of `block` frames. */
function streamed(make: () => MixMaster, inputs: Float32Array[], block: number) {
  const bus = make();
  const n = inputs[0].length;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  for (let at = 0; at < n; at += block) {
    const size = Math.min(block, n - at);
    bus.process(
      inputs.map((x) => x.subarray(at, at + size)),
      left.subarray(at, at + size),
      right.subarray(at, at + size),
      size,
    );
  }
  return { left, right };
}

describe('the limiter', () => {
  it('keeps every sample under the ceiling, however loud the input', () => {
    const limiter = new Limiter(SR, { ceiling: 0.9 });
    const loud = sine(SR, 4);
    const spikes = sine(SR, 0.3).map((v, i) => (i % 5000 === 0 ? 10 : v));
    for (const x of [loud, spikes]) {
      const outL = new Float32Array(x.length);
      const outR = new Float32Array(x.length);
      limiter.process(x, x, outL, outR, x.length);
      expect(Math.max(...outL.map(Math.abs))).toBeLessThanOrEqual(0.9);
    }
  });

  it('passes a quiet signal unchanged, only delayed by its look-ahead', () => {
    const limiter = new Limiter(SR);
    const x = sine(2048, 0.5);
    const out = new Float32Array(x.length);
    limiter.process(x, x, out, new Float32Array(x.length), x.length);
    for (let i = limiter.delay; i < x.length; i++) expect(out[i]).toBeCloseTo(x[i - limiter.delay], 6);
  });

  it('treats NaN as silence', () => {
    const limiter = new Limiter(SR);
    const x = Float32Array.of(Number.NaN, 0.2, Number.NaN, 0.3);
    const out = new Float32Array(4);
    limiter.process(x, x, out, new Float32Array(4), 4);
    expect(out.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('the mix and the master bus', () => {
  const piece = tinyPiece();
  const sound = resolveSound(piece, tinyOptions());
  const mixes = sound.tracks.map((t) => ({ gain: 1, pan: t.pan, ...t.sends }));
  const tracks = sound.tracks.map((_, k) => sine(SR, 0.3, 220 * (k + 1)));

  it('gives the same samples whatever the block size (live blocks of 128, offline chunks)', () => {
    const make = () => new MixMaster(SR, mixes, sound.master);
    const a = streamed(make, tracks, 128);
    const b = streamed(make, tracks, 44_100);
    const c = streamed(make, tracks, 1000);
    expect(b.left).toEqual(a.left);
    expect(c.right).toEqual(a.right);
    expect(Math.max(...a.left.map(Math.abs))).toBeLessThanOrEqual(1);
  });

  it('pans with equal power and sends after the fader', () => {
    const mix = new Mix(SR, [{ gain: 0.5, pan: -1, reverb: 0.4, delay: 0, chorus: 0 }]);
    const bus = Array.from({ length: BUS_CHANNELS }, () => new Float32Array(4));
    mix.process([Float32Array.of(1, 1, 1, 1)], bus, 4);
    expect(bus[BUS.dryLeft][0]).toBeCloseTo(0.5, 6);
    expect(bus[BUS.dryRight][0]).toBeCloseTo(0, 6);
    expect(bus[BUS.reverb][0]).toBeCloseTo(0.2, 6);
    expect(bus[BUS.delay][0]).toBe(0);
  });

  it('lets the reverb ring and die away', () => {
    const reverb = new Reverb(SR, { decay: 1 });
    const impulse = new Float32Array(2 * SR);
    impulse[0] = 1;
    const left = new Float32Array(2 * SR);
    const right = new Float32Array(2 * SR);
    reverb.process(impulse, left, right, 2 * SR);
    const rms = (x: Float32Array, from: number, to: number) =>
      Math.sqrt(x.slice(from, to).reduce((s, v) => s + v * v, 0) / (to - from));
    expect(rms(left, 0, SR / 10)).toBeGreaterThan(0);
    expect(rms(right, 0, SR / 10)).toBeGreaterThan(0);
    // 60 dB down after the decay time (1 s), give or take the damping.
    expect(rms(left, SR, SR + SR / 10)).toBeLessThan(rms(left, 0, SR / 10) / 300);
  });

  it('echoes at the tempo', () => {
    expect(masterOptions({}, 120).delayTime).toBeCloseTo(0.375, 9);
    expect(masterOptions({ delayBeats: 1 }, 60).delayTime).toBeCloseTo(1, 9);
  });
});

describe('the mixer and the sound of a piece', () => {
  it('hears a track unless it is muted or another is soloed', () => {
    const ids = ['melody', 'bass', 'drums'];
    expect(isAudible({}, 'melody', ids)).toBe(true);
    expect(isAudible({ melody: { mute: true } }, 'melody', ids)).toBe(false);
    expect(isAudible({ bass: { solo: true } }, 'melody', ids)).toBe(false);
    expect(isAudible({ bass: { solo: true } }, 'bass', ids)).toBe(true);
    expect(isAudible({ bass: { solo: true, mute: true } }, 'bass', ids)).toBe(false);
    expect(channelGain({ melody: { volume: -6 } }, 'melody', ids)).toBeCloseTo(0.501, 3);
    expect(channelGain({ melody: { volume: -80 } }, 'melody', ids)).toBe(0);
  });

  it('plays any track id: the role decides the default voice, drums always play the kit', () => {
    const piece = tinyPiece();
    const other = { ...piece.tracks[0], id: 'strings', role: 'other' as const };
    const sound = resolveSound({ ...piece, tracks: [...piece.tracks, other] }, { voices: {}, reverb: 0.3 });
    expect(sound.tracks.map((t) => t.instrument.instrument)).toEqual([
      'LightSynth',
      'LightSynth',
      'LightSynth',
      'DrumKit',
      'LightSynth',
    ]);
    expect(sound.tracks[4].sends.reverb).toBeCloseTo(0.3, 9);
    const drums = resolveSound(piece, { voices: { drums: tinyOptions().voices.melody }, reverb: 0 }).tracks[3];
    expect(drums.instrument.instrument).toBe('DrumKit');
  });

  it('merges the tracks in time order', () => {
    const piece = tinyPiece();
    const timeline = timelineOf(piece);
    expect(timeline.events).toHaveLength(piece.tracks.reduce((n, t) => n + t.notes.length, 0));
    for (let i = 1; i < timeline.events.length; i++) {
      expect(timeline.events[i].tick).toBeGreaterThanOrEqual(timeline.events[i - 1].tick);
      expect(timeline.events[i].index).toBe(i);
    }
  });
});
