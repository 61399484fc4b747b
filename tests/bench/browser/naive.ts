/**
 * The naive offline render the engine is measured against: a Tone.PolySynth per track (the preset's
 * voice; the drums as plain notes), a Tone.Reverb and a Tone.Limiter, every note put on the
 * transport with a Tone.Part, rendered by Tone.Offline — how the walking skeleton played pieces.
 * Bundled on its own by the benchmark (the app does not ship it) and run in the page.
 */
import * as Tone from 'tone';
import type { Piece } from '../../../src/compose';
import type { EngineOptions, VoiceOptions } from '../../../src/engine/sound';

const DRUM_VOICE: VoiceOptions = {
  type: 'synth',
  oscillator: 'triangle',
  attack: 0.001,
  decay: 0.1,
  sustain: 0,
  release: 0.1,
  volume: -14,
};

function polySynth(v: VoiceOptions): Tone.PolySynth {
  const settings = {
    oscillator: { type: v.oscillator },
    envelope: { attack: v.attack, decay: v.decay, sustain: v.sustain, release: v.release },
    volume: v.volume,
  } as const;
  const synth =
    v.type === 'fm'
      ? new Tone.PolySynth(Tone.FMSynth, settings as never)
      : v.type === 'am'
        ? new Tone.PolySynth(Tone.AMSynth, settings as never)
        : new Tone.PolySynth(Tone.Synth, settings as never);
  synth.maxPolyphony = 24;
  return synth;
}

/** Renders `piece` the naive way; resolves to the wall-clock milliseconds and the frames rendered. */
export async function renderNaive(piece: Piece, options: EngineOptions): Promise<{ ms: number; frames: number }> {
  const seconds = ((piece.bars * piece.meter[0] * 4) / piece.meter[1]) * (60 / piece.tempo) + 3;
  const t0 = performance.now();
  const buffer = await Tone.Offline(
    async ({ transport }) => {
      transport.PPQ = piece.ppq;
      transport.bpm.value = piece.tempo;
      const reverb = new Tone.Reverb({ decay: 2.8, wet: options.reverb });
      const limiter = new Tone.Limiter(-1);
      reverb.chain(limiter, Tone.getDestination());
      await reverb.ready;
      for (const track of piece.tracks) {
        const synth = polySynth(options.voices[track.id] ?? DRUM_VOICE).connect(reverb);
        const events = track.notes.map((n) => ({
          time: `${n.tick}i`,
          frequency: Tone.Frequency(n.pitch, 'midi').toFrequency(),
          duration: `${n.duration}i`,
          velocity: n.velocity / 127,
        }));
        new Tone.Part((time, e) => synth.triggerAttackRelease(e.frequency, e.duration, time, e.velocity), events).start(
          0,
        );
      }
      transport.start(0);
    },
    seconds,
    2,
    44_100,
  );
  return { ms: performance.now() - t0, frames: buffer.length };
}
