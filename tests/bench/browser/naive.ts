/**
 * The naive offline render the engine is measured against: the whole piece in one Tone.Offline,
 * a Tone.PolySynth per track of the stock Tone instrument closest to the part's (our LightSynth →
 * Synth, LightFMSynth → FMSynth, the DrumKit → a short Synth; a Sampler part → a Tone.Sampler on
 * the same buffers), each track's effects as Tone's own (LightReverb → Reverb), the master chain,
 * every note put on the transport with a Tone.Part — how a Tone.js app plays a piece out of the box.
 * Bundled on its own by the benchmark (the app does not ship it) and run in the page.
 */
import * as Tone from 'tone';
import type { Piece } from '../../../src/compose';
import { type EffectSpec, effectOptions, fullOptions, type InstrumentSpec } from '../../../src/engine/catalogue';
import type { SoundSpec } from '../../../src/engine/sound';

type Any = Record<string, unknown>;

function instrument(spec: InstrumentSpec | undefined, buffers?: Record<string, AudioBuffer>): Tone.ToneAudioNode {
  if (!spec) return new Tone.PolySynth(Tone.Synth, { oscillator: { type: 'triangle' }, volume: -12 });
  const { maxPolyphony: _, samples: __, filter, ...o } = fullOptions(spec) as Any;
  switch (spec.instrument) {
    case 'Sampler':
      return new Tone.Sampler({ ...(o as Any), urls: buffers ?? {} });
    case 'DrumKit':
      return new Tone.PolySynth(Tone.Synth, {
        oscillator: { type: 'triangle' },
        envelope: { attack: 0.001, decay: 0.1, sustain: 0, release: 0.1 },
        volume: (o.volume as number) - 6,
      });
    case 'LightSynth':
      return new Tone.PolySynth(Tone.Synth, { ...o, oscillator: { type: (o.oscillator as Any).type } } as never);
    case 'LightFMSynth':
      return new Tone.PolySynth(Tone.FMSynth, { ...o, oscillator: { type: (o.oscillator as Any).type } } as never);
    case 'PluckSynth':
    case 'NoiseSynth':
      return new Tone.PolySynth(Tone.Synth, o as never);
    default: {
      const Voice = (Tone as unknown as Record<string, typeof Tone.Synth>)[spec.instrument];
      return new Tone.PolySynth(
        Voice,
        (spec.instrument === 'MonoSynth' || spec.instrument === 'DuoSynth' ? o : { ...o, filter }) as never,
      );
    }
  }
}

function effect(spec: EffectSpec, bpm: number): Tone.ToneAudioNode {
  const o = effectOptions(spec, bpm);
  if (spec.effect === 'LightReverb') return new Tone.Reverb({ decay: o.decay as number, wet: o.wet as number });
  const Make = (Tone as unknown as Record<string, new (o: Any) => Tone.ToneAudioNode>)[spec.effect];
  const fx = new Make(o);
  (fx as unknown as { start?: () => void }).start?.();
  return fx;
}

/** Renders `piece` the naive way; resolves to the wall-clock milliseconds and the frames rendered. */
export async function renderNaive(
  piece: Piece,
  sound: SoundSpec,
  buffers?: Record<string, AudioBuffer>,
): Promise<{ ms: number; frames: number }> {
  const seconds = ((piece.bars * piece.meter[0] * 4) / piece.meter[1]) * (60 / piece.tempo) + 3;
  const t0 = performance.now();
  const buffer = await Tone.Offline(
    async ({ transport }) => {
      transport.PPQ = piece.ppq;
      transport.bpm.value = piece.tempo;
      const master = sound.master.effects.map((e) => effect(e, piece.tempo));
      const volume = new Tone.Volume(sound.master.volume ?? 0);
      volume.chain(...master, Tone.getDestination());
      for (const track of piece.tracks) {
        const part = sound.parts[track.id];
        const synth = instrument(part?.voice, buffers);
        if (synth instanceof Tone.PolySynth) synth.maxPolyphony = 24;
        synth.chain(...(part?.effects ?? []).map((e) => effect(e, piece.tempo)), volume);
        const events = track.notes.map((n) => ({
          time: `${n.tick}i`,
          frequency: Tone.Frequency(n.pitch, 'midi').toFrequency(),
          duration: `${n.duration}i`,
          velocity: n.velocity / 127,
        }));
        const play = synth as unknown as Tone.PolySynth;
        new Tone.Part((time, e) => play.triggerAttackRelease(e.frequency, e.duration, time, e.velocity), events).start(
          0,
        );
      }
      await Tone.loaded();
      transport.start(0);
    },
    seconds,
    2,
    44_100,
  );
  return { ms: performance.now() - t0, frames: buffer.length };
}
