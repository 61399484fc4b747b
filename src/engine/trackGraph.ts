import type { TrackMix } from './master';
import { channelGain, channelOf, type MixerState } from './mixer';
import type { Keep } from './registry';
import type { SoundSetup, TrackSound } from './sound';
import { VoicePool } from './voicePool';

/** One track in an audio context: its voices, summed to one mono channel. */
export interface TrackVoices {
  sound: TrackSound;
  voices: VoicePool;
}

/**
 * The voices of every track of `sound` in `ctx` (live or offline: the same code). Each track is
 * one mono channel of {@link TrackGraph.output} — a merger with a channel per track — which the mix
 * (fader, pan, sends: see master/mix.ts) and the master bus take from there.
 */
export interface TrackGraph {
  tracks: TrackVoices[];
  output: ChannelMergerNode;
  /** Connects the tracks to the output (exact pools once their voices are all made). */
  connect(): void;
}

export function buildTracks(ctx: BaseAudioContext, sound: SoundSetup, keep: Keep, exact: boolean): TrackGraph {
  const output = keep(ctx.createChannelMerger(Math.max(1, sound.tracks.length)));
  const tracks = sound.tracks.map((t) => ({ sound: t, voices: new VoicePool(ctx, t.instrument, keep, exact) }));
  return {
    tracks,
    output,
    connect: () => {
      for (const [i, t] of tracks.entries()) t.voices.connect(output, i);
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
