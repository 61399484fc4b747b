import { describe, expect, it } from 'vitest';
import { effectTail, noteSeconds } from '../../src/engine/catalogue';
import { Fdn, fdnImpulse } from '../../src/engine/effects/fdn';
import { channelGain, isAudible } from '../../src/engine/graph/mixer';
import { timelineOf } from '../../src/engine/play/timeline';
import { resolveSound, splitMaster, tailSeconds } from '../../src/engine/sound';
import { tinyOptions, tinyPiece } from '../bench/browser/testPieces';

const SR = 44_100;
const rms = (x: Float32Array, from: number, to: number) =>
  Math.sqrt(x.slice(from, to).reduce((s, v) => s + v * v, 0) / (to - from));

describe('LightReverb’s network', () => {
  it('rings and dies away 60 dB down after its decay', () => {
    const reverb = new Fdn(SR, { decay: 1 });
    const impulse = new Float32Array(2 * SR);
    impulse[0] = 1;
    const left = new Float32Array(2 * SR);
    const right = new Float32Array(2 * SR);
    reverb.process(impulse, left, right, 2 * SR);
    expect(rms(left, 0, SR / 10)).toBeGreaterThan(0);
    expect(rms(right, 0, SR / 10)).toBeGreaterThan(0);
    // 60 dB down after the decay time (1 s), give or take the damping.
    expect(rms(left, SR, SR + SR / 10)).toBeLessThan(rms(left, 0, SR / 10) / 300);
  });

  it('is linear: its impulse response is the room (what the convolver plays without worklets)', () => {
    const [left] = fdnImpulse(SR, { decay: 0.5 }, 0.5);
    const x = Float32Array.from({ length: SR / 2 }, (_, i) => (i % 97 === 0 ? 1 : 0) * 0.5);
    const viaNetwork = new Float32Array(x.length);
    new Fdn(SR, { decay: 0.5 }).process(x, viaNetwork, new Float32Array(x.length), x.length);
    const viaImpulse = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) if (x[i]) for (let j = i; j < x.length; j++) viaImpulse[j] += x[i] * left[j - i];
    let err = 0;
    for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(viaNetwork[i] - viaImpulse[i]));
    expect(err).toBeLessThan(1e-4);
  });
});

describe('times and tails', () => {
  it('reads note values at the tempo', () => {
    expect(noteSeconds('4n', 120)).toBeCloseTo(0.5, 9);
    expect(noteSeconds('8n.', 120)).toBeCloseTo(0.375, 9);
    expect(noteSeconds('8t', 60)).toBeCloseTo(1 / 3, 9);
    expect(noteSeconds('1m', 120)).toBeCloseTo(2, 9);
    expect(noteSeconds(0.3, 120)).toBe(0.3);
  });

  it('lets echoes ring until they are 60 dB down, reverbs for their decay', () => {
    const echo = effectTail({ effect: 'FeedbackDelay', options: { delayTime: 0.5, feedback: 0.5 } }, 120);
    expect(echo).toBeGreaterThan(0.5 * 9);
    expect(effectTail({ effect: 'LightReverb', options: { decay: 3 } }, 120)).toBeCloseTo(3.012, 6);
    expect(effectTail({ effect: 'Limiter' }, 120)).toBe(0);
  });

  it('splits the master chain where it stops being linear', () => {
    const { linear, rest } = splitMaster([
      { effect: 'LightReverb' },
      { effect: 'EQ3' },
      { effect: 'Compressor' },
      { effect: 'Chorus' },
      { effect: 'Limiter' },
    ]);
    expect(linear.map((e) => e.effect)).toEqual(['LightReverb', 'EQ3']);
    expect(rest.map((e) => e.effect)).toEqual(['Compressor', 'Chorus', 'Limiter']);
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

  it('plays any track id: the role decides the default instrument, drums play the DrumKit', () => {
    const piece = tinyPiece();
    const other = { ...piece.tracks[0], id: 'strings', role: 'other' as const };
    const sound = resolveSound({ ...piece, tracks: [...piece.tracks, other] }, tinyOptions());
    expect(sound.tracks.map((t) => t.voice.instrument)).toEqual([
      'LightSynth',
      'LightSynth',
      'LightFMSynth',
      'DrumKit',
      'LightSynth',
    ]);
    const bare = resolveSound(piece, { parts: {}, master: { effects: [] } });
    expect(bare.tracks[3].voice.instrument).toBe('DrumKit');
    expect(tailSeconds(bare)).toBeGreaterThan(1);
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
