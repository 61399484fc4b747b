import type { Context } from 'tone/build/esm/core/context/Context';
import { connect } from 'tone/build/esm/core/context/ToneAudioNode';
import { type AnyInstrument, makeInstrument } from './instruments';
import type { TrackMix } from './master';
import { channelGain, channelOf, type MixerState } from './mixer';
import type { SoundSetup, TrackSound } from './sound';

/** One track in an audio context: its Tone.js instrument. */
export interface TrackVoices {
  sound: TrackSound;
  instrument: AnyInstrument;
}

/**
 * The instrument of every track of `sound` in `context` (live or offline: the same code). Each
 * track is one mono channel of {@link TrackGraph.output} — a merger with a channel per track —
 * which the mix (fader, pan, sends: see master/mix.ts) and the master bus take from there.
 */
export interface TrackGraph {
  tracks: TrackVoices[];
  output: ChannelMergerNode;
  dispose(): void;
}

export function buildTracks(context: Context, sound: SoundSetup): TrackGraph {
  const raw = context.rawContext as unknown as BaseAudioContext;
  const output = raw.createChannelMerger(Math.max(1, sound.tracks.length));
  const tracks = sound.tracks.map((t, i) => {
    const instrument = makeInstrument(t.instrument, context);
    connect(instrument, output, 0, i);
    return { sound: t, instrument };
  });
  return {
    tracks,
    output,
    dispose: () => {
      for (const t of tracks) t.instrument.dispose();
      output.disconnect();
    },
  };
}

/** How each track enters the mix, from its sound and the mixer. */
export function trackMixes(sound: SoundSetup, mixer: MixerState): TrackMix[] {
  const ids = sound.tracks.map((t) => t.id);
  return sound.tracks.map((t) => ({
    gain: channelGain(mixer, t.id, ids),
    pan: channelOf(mixer, t.id).pan ?? t.pan,
    reverb: t.sends.reverb,
    delay: t.sends.delay,
    chorus: t.sends.chorus,
  }));
}
